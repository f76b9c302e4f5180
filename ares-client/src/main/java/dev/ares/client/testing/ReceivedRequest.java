package dev.ares.client.testing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * One request the fake ARES received, for a test's assertions: its method, the ARES headers and the
 * body. {@code toString()} masks the API key and the JWT, like the SDK's own output. Immutable.
 */
public final class ReceivedRequest {

  private static final String[] HEADERS = {
    "x-api-key", "magento-environment-id", "x-gw-signature", "content-type", "user-agent"
  };

  private final String method;
  private final Map<String, String> headers;
  private final String body;

  private ReceivedRequest(String method, Map<String, String> headers, String body) {
    this.method = method;
    this.headers = headers;
    this.body = body;
  }

  static ReceivedRequest of(String method, UnaryOperator<String> header, byte[] body) {
    Map<String, String> kept = new TreeMap<>();
    for (String name : HEADERS) {
      String value = header.apply(name);
      if (value != null) {
        kept.put(name, value);
      }
    }
    return new ReceivedRequest(method, Map.copyOf(kept), new String(body, StandardCharsets.UTF_8));
  }

  /** The HTTP method, {@code POST} for the client. */
  public String method() {
    return method;
  }

  /**
   * The value of one of the headers ARES reads ({@code x-api-key}, {@code magento-environment-id},
   * {@code x-gw-signature}, {@code content-type}, {@code user-agent}; any case), or {@code null}
   * when it was not sent.
   */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body as UTF-8 text: the GraphQL request with the tenant input, credentials included. */
  public String body() {
    return body;
  }

  /** The method and which headers came, the API key and JWT masked; never the body. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(headers);
    shown.computeIfPresent("x-api-key", (k, v) -> "****");
    shown.computeIfPresent("x-gw-signature", (k, v) -> "****");
    return "ReceivedRequest{" + method + " " + shown + ", " + body.length() + " chars}";
  }
}
