package dev.ares.core.internal.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * How the SDK's loopback servers (the fakes and the matcher handler) answer with JSON: one
 * fixed-length body, so the client can reuse the connection.
 *
 * <p>Internal: not part of the public API.
 */
public final class JsonReplies {

  private JsonReplies() {}

  /** Sends {@code json} with {@code status} and closes the body. */
  public static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
