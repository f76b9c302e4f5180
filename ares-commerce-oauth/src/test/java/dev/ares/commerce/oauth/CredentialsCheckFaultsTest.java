package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.SdkThreads;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault matrix of the credentials check: every way the store or the network can fail ends in
 * the documented verdict within its time bound, retries only where the policy says, and leaves no
 * leased connection and no SDK thread behind.
 */
class CredentialsCheckFaultsTest {

  private static final String PRODUCTS =
      "{\"items\":[],\"search_criteria\":{\"filter_groups\":[]},\"total_count\":0}";

  private MockWebServer server;
  private final List<CommerceCredentialsCheck> checks = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    int leased = 0;
    for (CommerceCredentialsCheck c : checks) {
      leased += c.poolStats().getLeased();
      c.close();
    }
    server.close();
    assertEquals(0, leased, "leased connection left after the call ended");
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  private CommerceCredentialsCheck.Builder builder() {
    return CommerceCredentialsCheck.builder()
        .baseUrl(server.url("/").toString())
        .credentials(TestCredentials.DISTINCT)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build());
  }

  private CommerceCredentialsCheck check(CommerceCredentialsCheck.Builder b) {
    CommerceCredentialsCheck c = b.build();
    checks.add(c);
    return c;
  }

  /** Runs the check, asserting it returned within {@code boundMillis}. */
  private static CredentialsCheckResult runWithin(CommerceCredentialsCheck c, long boundMillis) {
    long start = System.nanoTime();
    CredentialsCheckResult result = c.run();
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(took < boundMillis, "took " + took + " ms, bound " + boundMillis + " ms");
    assertEquals(0, c.poolStats().getLeased(), "leased connection right after run()");
    return result;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void okAnswerIsOneSignedGet() throws Exception {
    server.enqueue(json(200, PRODUCTS));
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.OK, result.verdict());
    assertEquals(Optional.empty(), result.transportFailure());
    assertEquals(1, result.attempts());
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GET", request.getMethod());
    assertTrue(request.getHeaders().get("Authorization").startsWith("OAuth "));
  }

  @Test
  void connectionRefusedIsRetriedThenStoreNotReached() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CredentialsCheckResult result =
        runWithin(check(builder().baseUrl("http://127.0.0.1:" + port)), 5_000);
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals("could not connect to 127.0.0.1:" + port, result.message());
    assertEquals(Optional.of(TransportFailure.CONNECT_REFUSED), result.transportFailure());
    assertEquals(3, result.attempts());
    assertEquals(OptionalInt.empty(), result.httpStatus());
  }

  @Test
  void connectionDroppedBeforeTheAnswerIsRetried() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(json(200, PRODUCTS));
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.OK, result.verdict());
    assertEquals(2, result.attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void connectionResetInTheMiddleOfTheBodyEveryTime() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          new MockResponse.Builder()
              .code(200)
              .body(PRODUCTS + " ".repeat(64 * 1024))
              .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
              .build());
    }
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertTrue(result.message().startsWith("I/O failure with " + hostPort()), result.message());
    assertEquals(Optional.of(TransportFailure.CONNECTION_RESET), result.transportFailure());
    assertEquals(3, result.attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void noAnswerEndsWithTheAttemptTimeoutAndIsNotRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CredentialsCheckResult result =
        runWithin(check(builder().attemptTimeout(Duration.ofMillis(300))), 3_000);
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals(
        "no answer from " + hostPort() + " within the attempt timeout of 300 ms", result.message());
    assertEquals(Optional.of(TransportFailure.ATTEMPT_TIMEOUT), result.transportFailure());
    assertEquals(1, result.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void oneByteAtATimeEndsWithTheCallTimeout() {
    // Every byte comes well within the attempt timeout; the whole body does not.
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(PRODUCTS)
            .throttleBody(1, 100, TimeUnit.MILLISECONDS)
            .build());
    CredentialsCheckResult result =
        runWithin(check(builder().callTimeout(Duration.ofMillis(500))), 3_000);
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals(
        "no answer from " + hostPort() + " within the call timeout of 500 ms", result.message());
    assertEquals(Optional.of(TransportFailure.CALL_TIMEOUT), result.transportFailure());
    assertEquals(1, result.attempts());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 409, 500, 502, 504})
  void otherStatusesAreUnexpectedAndNotRetried(int status) {
    server.enqueue(
        new MockResponse.Builder().code(status).body("<html><h1>Error</h1></html>").build());
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
    assertEquals(OptionalInt.of(status), result.httpStatus());
    assertEquals("HTTP " + status + " without a Commerce message", result.message());
    assertEquals(1, result.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void unauthorizedIsBadCredentialsAndForbiddenIsMissingPermission() {
    server.enqueue(json(401, "{\"message\":\"The signature is invalid. Verify and try again.\"}"));
    server.enqueue(json(403, "{\"message\":\"Forbidden\"}"));
    CommerceCredentialsCheck c = check(builder());
    CredentialsCheckResult unauthorized = runWithin(c, 5_000);
    CredentialsCheckResult forbidden = runWithin(c, 5_000);
    assertEquals(CredentialsVerdict.BAD_CREDENTIALS, unauthorized.verdict());
    assertEquals("The signature is invalid. Verify and try again.", unauthorized.message());
    assertEquals(1, unauthorized.attempts());
    assertEquals(CredentialsVerdict.MISSING_PERMISSION, forbidden.verdict());
    assertEquals(1, forbidden.attempts());
  }

  @Test
  void throttlingIsRetriedHonouringRetryAfterInSecondsAndAsAnHttpDate() {
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(1));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", past).build());
    server.enqueue(json(200, PRODUCTS));
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.OK, result.verdict());
    assertEquals(3, result.attempts());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void retryAfterIsWaitedFor() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    server.enqueue(json(200, PRODUCTS));
    long start = System.nanoTime();
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 1_000);
    assertEquals(CredentialsVerdict.OK, result.verdict());
    assertEquals(2, result.attempts());
  }

  @Test
  void throttlingGivesUpAfterMaxAttemptsWithTheCount() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    }
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
    assertEquals(OptionalInt.of(503), result.httpStatus());
    assertEquals(3, result.attempts());
    assertEquals(Optional.of(Duration.ZERO), result.retryAfter());
  }

  @Test
  void retryAfterLongerThanAllowedEndsTheCheckAtOnce() {
    String future =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", future).build());
    CommerceCredentialsCheck c = check(builder());
    CredentialsCheckResult seconds = runWithin(c, 2_000);
    CredentialsCheckResult date = runWithin(c, 2_000);
    assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, seconds.verdict());
    assertEquals(Optional.of(Duration.ofHours(1)), seconds.retryAfter());
    assertEquals(1, seconds.attempts());
    assertEquals(OptionalInt.of(503), date.httpStatus());
    assertTrue(date.retryAfter().get().compareTo(Duration.ofMinutes(59)) > 0);
    assertEquals(1, date.attempts());
  }

  @Test
  void noRetryWithRetryPolicyNone() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    CredentialsCheckResult result =
        runWithin(check(builder().retryPolicy(RetryPolicy.none())), 2_000);
    assertEquals(1, result.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void eachAttemptIsSignedWithAFreshNonce() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(200, PRODUCTS));
    runWithin(check(builder()), 5_000);
    String first = server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization");
    String second = server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization");
    assertFalse(first.equals(second));
  }

  @Test
  void bodiesThatAreNotAProductPageAreUnexpected() {
    String[] bodies = {
      "<html><body>Welcome to our shop</body></html>",
      "",
      "{\"items\": [",
      "[1,2]",
      "\"text\"",
      "{\"message\":\"ok\"}",
      "{\"items\":{}}"
    };
    CommerceCredentialsCheck c = check(builder());
    for (String body : bodies) {
      server.enqueue(new MockResponse.Builder().code(200).body(body).build());
      CredentialsCheckResult result = runWithin(c, 5_000);
      assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict(), body);
      assertEquals(
          "HTTP 200 but not a Commerce product page; check the base URL", result.message());
      assertEquals(1, result.attempts());
    }
  }

  @Test
  void aBodyLargerThanTheCapIsRefusedWithoutReadingItAll() throws Exception {
    // One declares its length, one is chunked; both far larger than the cap and than the
    // socket buffers, so reading them all would show as a long wait on the throttled one.
    server.enqueue(json(200, "{\"items\":[\"" + "x".repeat(2 * 1024 * 1024) + "\"]}"));
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .chunkedBody("y".repeat(4 * 1024 * 1024), 1024)
            .throttleBody(64 * 1024, 100, TimeUnit.MILLISECONDS)
            .build());
    CommerceCredentialsCheck c = check(builder().maxResponseBytes(1024));
    CredentialsCheckResult known = runWithin(c, 5_000);
    CredentialsCheckResult chunked = runWithin(c, 3_000); // all of it would take 6.4 s
    for (CredentialsCheckResult result : List.of(known, chunked)) {
      assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
      assertEquals(
          "HTTP 200 with a body larger than 1024 bytes; check the base URL", result.message());
      assertEquals(1, result.attempts());
    }
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theDefaultCapTakesAnOrdinaryLargeAnswer() {
    server.enqueue(json(200, "{\"items\":[\"" + "x".repeat(1024 * 1024) + "\"]}"));
    assertEquals(CredentialsVerdict.OK, runWithin(check(builder()), 5_000).verdict());
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectsAreNotFollowed(int status) throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .code(status)
            .addHeader("Location", server.url("/elsewhere").toString())
            .build());
    server.enqueue(json(200, PRODUCTS));
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, result.verdict());
    assertEquals(
        "HTTP " + status + " redirect to " + hostPort() + "; check the base URL", result.message());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void storeMessagesEchoingACredentialAreMasked() {
    server.enqueue(
        json(
            401,
            "{\"message\":\"Consumer key %1 is unknown\",\"parameters\":[\""
                + TestCredentials.DISTINCT.consumerKey()
                + "\"]}"));
    CredentialsCheckResult result = runWithin(check(builder()), 5_000);
    assertEquals("Consumer key **** is unknown", result.message());
  }

  @Test
  void closeDuringTheCallEndsItWithAVerdict() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    CommerceCredentialsCheck c = check(builder());
    java.util.concurrent.CompletableFuture<CredentialsCheckResult> call =
        java.util.concurrent.CompletableFuture.supplyAsync(c::run);
    assertNotNull(server.takeRequest(5, TimeUnit.SECONDS)); // the call now waits for an answer
    c.close();
    CredentialsCheckResult result = call.get(5, TimeUnit.SECONDS);
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals(
        "the credentials check was closed during the call to " + hostPort(), result.message());
    assertEquals(Optional.of(TransportFailure.CLOSED), result.transportFailure());
    assertEquals(1, result.attempts());
  }

  @Test
  void aClosedCheckSendsNothing() {
    CommerceCredentialsCheck c = check(builder());
    c.close();
    c.close();
    CredentialsCheckResult result = c.run();
    assertEquals(CredentialsVerdict.STORE_NOT_REACHED, result.verdict());
    assertEquals(
        "the credentials check was closed before the call to " + hostPort(), result.message());
    assertEquals(Optional.of(TransportFailure.CLOSED), result.transportFailure());
    assertEquals(0, result.attempts());
    assertEquals(0, server.getRequestCount());
  }

  private String hostPort() {
    return server.getHostName() + ":" + server.getPort();
  }
}
