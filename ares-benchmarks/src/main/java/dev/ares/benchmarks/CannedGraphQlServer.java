package dev.ares.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback server that reads each request and answers a fixed registerTenant success, so a
 * benchmark measures the client, not the server's logic.
 */
final class CannedGraphQlServer implements AutoCloseable {

  static final byte[] SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"userErrors\":[]}}}"
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final ExecutorService executor;
  private volatile byte[] lastBody = new byte[0];
  private volatile String lastUserAgent = "";

  CannedGraphQlServer() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext(
        "/graphql",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            lastBody = in.readAllBytes();
            lastUserAgent = String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, SUCCESS.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(SUCCESS);
            }
          }
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql");
  }

  /** The body of the last request, so a baseline can send exactly the bytes the SDK sent. */
  byte[] lastBody() {
    return lastBody;
  }

  /** The {@code User-Agent} of the last request. */
  String lastUserAgent() {
    return lastUserAgent;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
