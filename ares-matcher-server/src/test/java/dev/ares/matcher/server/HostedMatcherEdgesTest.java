package dev.ares.matcher.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductToAssetResult;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a caller of the hosted matcher sees at the edges: the headers that go with a refusal, an
 * empty body, bodies of exactly the size cap and the buffer budget, bodies far larger than one
 * read, a head that arrived in time for a slow matcher, and methods that name no path.
 */
class HostedMatcherEdgesTest {

  private static final String TOKEN = "good-token";
  private static final String PRODUCT = "/product-to-asset";

  private MatcherServer server;
  private final List<Socket> sockets = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static AccessTokenValidator acceptingOnly(String good) {
    return token -> {
      if (!good.equals(token)) {
        throw new InvalidAccessTokenException(
            InvalidAccessTokenException.Reason.NOT_ACCEPTED, "not the test token");
      }
    };
  }

  private static AssetMatcherHttpHandler withToken(AssetMatcher matcher) {
    return AssetMatcherHttpHandler.builder(matcher).tokenValidator(acceptingOnly(TOKEN)).build();
  }

  private static AssetMatcherHttpHandler anonymous(AssetMatcher matcher) {
    return AssetMatcherHttpHandler.builder(matcher).allowAnonymous().build();
  }

  private Socket open() throws IOException {
    Socket s = RawHttp.open(server.port(), 5000);
    sockets.add(s);
    return s;
  }

  /** The whole answer (head and body) to {@code request}; the request says Connection: close. */
  private String exchange(byte[] request) throws IOException {
    Socket s = open();
    RawHttp.send(s, request);
    return RawHttp.readAll(s);
  }

  private static byte[] post(String authorization, byte[] body) {
    return RawHttp.post(
        PRODUCT,
        "application/json",
        authorization == null ? "" : "Authorization: " + authorization + "\r\n",
        body);
  }

  /** A valid request body padded with spaces to exactly {@code size} bytes. */
  private static byte[] validBodyOf(int size) {
    byte[] json = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = Arrays.copyOf(json, size);
    Arrays.fill(body, json.length, size, (byte) ' ');
    return body;
  }

  private static String statusLine(String answer) {
    return answer.substring(0, answer.indexOf('\r'));
  }

  private static AssetMatcher productMatcher(
      java.util.function.Supplier<ProductToAssetResult> behaviour) {
    return new AssetMatcher() {
      @Override
      public AssetToProductResult matchAsset(Asset asset) {
        throw new UnsupportedOperationException();
      }

      @Override
      public ProductToAssetResult matchProduct(String productSku) {
        return behaviour.get();
      }
    };
  }

  @Test
  void refusalsCarryTheHeadersThatSayWhatToDo() throws Exception {
    server = MatcherServer.builder(withToken(MatchBySku.commerceSkus())).start();
    String noToken = exchange(post(null, validBodyOf(30)));
    assertEquals("HTTP/1.1 401 Unauthorized", statusLine(noToken));
    assertTrue(noToken.contains("WWW-Authenticate: Bearer error=\"invalid_request\"\r\n"), noToken);
    assertTrue(noToken.endsWith("{\"error\":\"a valid bearer token is required\"}"), noToken);
    String badToken = exchange(post("Bearer wrong", validBodyOf(30)));
    assertTrue(badToken.contains("WWW-Authenticate: Bearer error=\"invalid_token\"\r\n"), badToken);
    String delete =
        exchange(
            ("DELETE " + PRODUCT + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("HTTP/1.1 405 Method Not Allowed", statusLine(delete));
    assertTrue(delete.contains("Allow: GET, POST\r\n"), delete);
  }

  @Test
  void keysThatCannotBeHadNowAre503WithRetryAfter() throws Exception {
    AccessTokenValidator unavailable =
        token -> {
          throw new InvalidAccessTokenException(
              InvalidAccessTokenException.Reason.KEYS_UNAVAILABLE, "IMS is down");
        };
    server =
        MatcherServer.builder(
                AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                    .tokenValidator(unavailable)
                    .build())
            .start();
    String answer = exchange(post("Bearer " + TOKEN, validBodyOf(30)));
    assertEquals("HTTP/1.1 503 Service Unavailable", statusLine(answer));
    assertTrue(answer.contains("Retry-After: 30\r\n"), answer);
    assertTrue(answer.endsWith("{\"error\":\"the token cannot be checked now\"}"), answer);
  }

  @Test
  void anEmptyBodyIsA400NamingTheRequest() throws Exception {
    server = MatcherServer.builder(anonymous(MatchBySku.commerceSkus())).start();
    String anonymousAnswer = exchange(post(null, new byte[0]));
    assertEquals("HTTP/1.1 400 Bad Request", statusLine(anonymousAnswer));
    assertTrue(anonymousAnswer.contains("\"error\":\"request"), anonymousAnswer);
    server.close();
    server = MatcherServer.builder(withToken(MatchBySku.commerceSkus())).start();
    assertEquals(
        "HTTP/1.1 400 Bad Request", statusLine(exchange(post("Bearer " + TOKEN, new byte[0]))));
  }

  @Test
  void aRequestNamingNoPathIsNotFound() throws Exception {
    server = MatcherServer.builder(anonymous(MatchBySku.commerceSkus())).start();
    String answer =
        exchange(
            "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
    assertEquals("HTTP/1.1 404 Not Found", statusLine(answer));
  }

  @Test
  void bodiesFarLargerThanOneReadAreReadWholeWithOrWithoutAToken() throws Exception {
    byte[] body = validBodyOf(600_000);
    server = MatcherServer.builder(withToken(MatchBySku.commerceSkus())).start();
    assertEquals("HTTP/1.1 200 OK", statusLine(exchange(post("Bearer " + TOKEN, body))));
    server.close();
    server = MatcherServer.builder(anonymous(MatchBySku.commerceSkus())).start();
    assertEquals("HTTP/1.1 200 OK", statusLine(exchange(post(null, body))));
  }

  @Test
  void aBodyOfExactlyTheCapAndTheBudgetIsServedAndOneByteMoreIsNot() throws Exception {
    int cap = 300_000;
    server =
        MatcherServer.builder(withToken(MatchBySku.commerceSkus()))
            .maxRequestBytes(cap)
            .maxBufferedBytes(cap)
            .start();
    assertEquals(
        "HTTP/1.1 200 OK", statusLine(exchange(post("Bearer " + TOKEN, validBodyOf(cap)))));
    String over = exchange(post("Bearer " + TOKEN, validBodyOf(cap + 1)));
    assertTrue(statusLine(over).startsWith("HTTP/1.1 413 "), over);
    assertTrue(over.endsWith("{\"error\":\"the request is larger than 300000 bytes\"}"), over);
    // chunked: no length announced, the cap is met while reading
    byte[] exact = validBodyOf(cap);
    String head =
        "POST "
            + PRODUCT
            + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + TOKEN
            + "\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(cap)
            + "\r\n";
    Socket s = open();
    RawHttp.send(s, head);
    RawHttp.send(s, exact);
    RawHttp.send(s, "\r\n0\r\n\r\n");
    assertEquals(200, RawHttp.status(s));
  }

  @Test
  void aSlowMatcherIsNotCutOffByTheHeaderTimeout() throws Exception {
    // The head arrived in time: the header timeout no longer applies while the matcher works.
    server =
        MatcherServer.builder(
                withToken(
                    productMatcher(
                        () -> {
                          try {
                            Thread.sleep(600); // a slow matcher, well past the header timeout
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return MatchBySku.commerceSkus().matchProduct("p1");
                        })))
            .headerTimeout(Duration.ofMillis(150))
            .start();
    String answer = exchange(post("Bearer " + TOKEN, validBodyOf(30)));
    assertEquals("HTTP/1.1 200 OK", statusLine(answer));
  }

  @Test
  void withoutATokenTheBodyIsReadWhileEveryWorkerIsBusy() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    server =
        MatcherServer.builder(
                anonymous(
                    productMatcher(
                        () -> {
                          entered.countDown();
                          try {
                            release.await(10, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          return MatchBySku.commerceSkus().matchProduct("p1");
                        })))
            .workerThreads(1)
            .queueCapacity(0)
            .bodyReadTimeout(Duration.ofMillis(300))
            .start();
    Socket first = open();
    RawHttp.send(first, post(null, validBodyOf(30)));
    assertTrue(entered.await(5, TimeUnit.SECONDS));
    // No token to check: the body is awaited (and times out), no worker is asked for before it is
    // complete.
    Socket slow = open();
    RawHttp.send(
        slow,
        "POST "
            + PRODUCT
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{");
    assertEquals(408, RawHttp.status(slow));
    release.countDown();
    assertEquals(200, RawHttp.status(first));
  }

  @Test
  void aHandlerRebuiltFromItsBuilderKeepsItsAuthentication() {
    AssetMatcherHttpHandler open = anonymous(MatchBySku.commerceSkus());
    assertTrue(open.allowsAnonymous());
    assertFalse(open.requiresToken());
    AssetMatcherHttpHandler reopened = open.toBuilder().build();
    assertTrue(reopened.allowsAnonymous());
    AssetMatcherHttpHandler closed = withToken(MatchBySku.commerceSkus());
    assertFalse(closed.allowsAnonymous());
    assertTrue(closed.requiresToken());
    assertFalse(closed.toBuilder().build().allowsAnonymous());
    assertTrue(open.toString().startsWith("AssetMatcherHttpHandler{matcher="), open.toString());
    assertTrue(open.toString().endsWith(", auth=anonymous}"), open.toString());
    assertFalse(
        closed.toString().toLowerCase(Locale.ROOT).contains("anonymous"), closed.toString());
  }
}
