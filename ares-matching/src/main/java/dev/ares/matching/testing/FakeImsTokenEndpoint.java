package dev.ares.matching.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ares.core.internal.http.JsonReplies;
import dev.ares.core.internal.json.Json;
import dev.ares.matching.internal.WireJson;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Adobe IMS {@code /ims/token/v3} for one client: answers a {@code client_credentials} form
 * with the right id and secret with {@code {"access_token", "token_type": "bearer", "expires_in"}},
 * and anything else with 400 or 401. It counts token requests and knows which tokens it issued, so
 * a matcher server can check them ({@link #accepts(String)}).
 *
 * <p>Thread-safe. For tests and demos only: tokens are predictable.
 */
public final class FakeImsTokenEndpoint implements HttpHandler {

  private final String clientId;
  private final String clientSecret;
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<String> valid = ConcurrentHashMap.newKeySet();
  private volatile long expiresInSeconds = 86_399;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile String lastScope;

  /** A fake IMS that issues tokens to this client. */
  public FakeImsTokenEndpoint(String clientId, String clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /** Sets the {@code expires_in} of the next tokens, in seconds. */
  public void expiresInSeconds(long seconds) {
    this.expiresInSeconds = seconds;
  }

  /** Whether this token was issued and not revoked since. */
  public boolean accepts(String token) {
    return valid.contains(token);
  }

  /** Revokes every token issued so far; servers checking with {@link #accepts} answer 401. */
  public void revokeAll() {
    valid.clear();
  }

  /** How many token requests were answered or are in progress. */
  public int tokenRequests() {
    return requests.get();
  }

  /** The {@code scope} of the last token request, or {@code null}. */
  public String lastScope() {
    return lastScope;
  }

  /**
   * Holds every token answer until {@link #release()}, so tests can pile callers up behind one
   * token request.
   */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  /** Lets held token answers go. */
  public void release() {
    gate.countDown();
  }

  /** Answers one token request. */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int n = requests.incrementAndGet();
      if (!gate.await(30, TimeUnit.SECONDS)) {
        reply(exchange, 503, WireJson.error("temporarily_unavailable"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, WireJson.error("invalid_request"));
        return;
      }
      Map<String, String> form =
          parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      lastScope = form.get("scope");
      if (!"client_credentials".equals(form.get("grant_type"))) {
        reply(exchange, 400, WireJson.error("unsupported_grant_type"));
        return;
      }
      if (!clientId.equals(form.get("client_id"))
          || !clientSecret.equals(form.get("client_secret"))) {
        reply(exchange, 401, WireJson.error("invalid_client"));
        return;
      }
      String token = "fake-ims-token-" + n;
      valid.add(token);
      ObjectNode o = Json.object();
      o.put("access_token", token);
      o.put("token_type", "bearer");
      o.put("expires_in", expiresInSeconds);
      reply(exchange, 200, o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode json) throws IOException {
    JsonReplies.send(exchange, status, json.toString());
  }

  @Override
  public String toString() {
    return "FakeImsTokenEndpoint{clientId=" + clientId + ", clientSecret=****}";
  }
}
