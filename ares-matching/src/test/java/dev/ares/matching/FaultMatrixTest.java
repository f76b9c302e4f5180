package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresException;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.SdkThreads;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault of issue 5, for both HTTP paths of the {@link ExternalMatcher} (the IMS token request
 * and the App Builder action call) and both ways of calling it (blocking, and async on the async
 * client). Each case ends in the documented {@link AresTransportException}, {@link
 * AresHttpException} or {@link ExternalMatcherException} (cause, host, status, attempts) within its
 * time bound; afterwards no connection of the matcher's pool is leased and no {@code ares-} thread
 * is left running.
 */
class FaultMatrixTest {

  /** Which request the scripted fault hits. */
  enum Target {
    /** The IMS token request: the fault is the first answer. */
    IMS,
    /** The action call: a token is issued first. */
    ACTION
  }

  /** How the call is made: the fault matrix runs against both. */
  enum Mode {
    /** {@link ExternalMatcher#matchAsset}. */
    BLOCKING,
    /** {@link ExternalMatcher#matchAssetAsync(Asset)}, on the async client. */
    ASYNC
  }

  static Stream<Arguments> targetsAndModes() {
    return Stream.of(Target.values())
        .flatMap(t -> Stream.of(Mode.values()).map(m -> Arguments.of(t, m)));
  }

  private MockWebServer server;
  private Mode mode = Mode.BLOCKING;
  private final List<ExternalMatcher> matchers = new ArrayList<>();

  /**
   * One successful round trip first, so that class loading and JIT on a busy 2-core machine do not
   * count against the first case's time bound.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    try (MockWebServer warm = new MockWebServer()) {
      warm.start();
      warm.enqueue(token());
      warm.enqueue(json(200, A2P));
      warm.enqueue(json(200, A2P));
      String base = warm.url("").toString().replaceAll("/$", "");
      try (ExternalMatcher m = ExternalMatcher.builder().rule(rule(base, base)).build()) {
        m.matchAsset(ASSET);
        m.matchAssetAsync(ASSET).join();
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    int leased = 0;
    for (ExternalMatcher m : matchers) {
      leased += leasedAfterCallsEnd(m);
      m.close();
    }
    server.close();
    assertEquals(0, leased, "leased connection left after the call ended");
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  /**
   * Connections still leased once the calls ended; an async exchange gives its connection back on
   * the I/O thread just after its future completes, so that is waited for, boundedly.
   */
  static int leasedAfterCallsEnd(ExternalMatcher m) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    PoolStats stats = m.poolStats();
    while (stats != null && stats.getLeased() > 0 && System.nanoTime() < end) {
      Thread.sleep(5);
      stats = m.poolStats();
    }
    return stats == null ? 0 : stats.getLeased();
  }

  /**
   * One call in the test's mode; an async call's failure is rethrown exactly as the future holds
   * it, which must be the exception the blocking call throws, never a {@link CompletionException}.
   */
  static AssetToProductResult match(ExternalMatcher m, Mode mode) {
    return mode == Mode.BLOCKING ? m.matchAsset(ASSET) : await(m.matchAssetAsync(ASSET));
  }

  /** The future's value, or exactly the exception it holds, which must not be a wrapper. */
  static <T> T await(CompletableFuture<T> future) {
    Throwable failure;
    try {
      failure = future.handle((result, e) -> e).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the future did not end", e);
    }
    if (failure == null) {
      return future.join();
    }
    assertFalse(failure instanceof CompletionException, "wrapped: " + failure);
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    throw new AssertionError("not an SDK exception", failure);
  }

  private AssetToProductResult match(ExternalMatcher m) {
    return match(m, mode);
  }

  private String base() {
    return server.url("").toString().replaceAll("/$", "");
  }

  private static ExternalMatcherInput rule(String actionBase, String imsBase) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(actionBase + "/a2p")
        .productToAssetUrl(actionBase + "/p2a")
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(imsBase + "/ims/token/v3")
                .clientId("client-1")
                .clientSecret(ExternalMatcherFailuresTest.SECRET)
                .imsOrgId("ORG1@AdobeOrg")
                .build())
        .build();
  }

  private ExternalMatcher matcher(ExternalMatcher.Builder builder) {
    ExternalMatcher m = builder.build();
    matchers.add(m);
    return m;
  }

  private ExternalMatcher.Builder builder() {
    return ExternalMatcher.builder()
        .rule(rule(base(), base()))
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(5)))
        .attemptTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10));
  }

  /** Scripts the fault for the target: a token first when the action is hit. */
  private void script(Target target, MockResponse... fault) {
    if (target == Target.ACTION) {
      server.enqueue(token());
    }
    for (MockResponse r : fault) {
      server.enqueue(r);
    }
  }

  /** Scripts the fault of one loop turn: the token only in the first turn, then it is cached. */
  private void scriptTurn(Target target, boolean first, MockResponse fault) {
    if (target == Target.ACTION && first) {
      server.enqueue(token());
    }
    server.enqueue(fault);
  }

  /** Runs a call and returns its failure, checking it came within the bound. */
  private <T extends AresException> T fails(Class<T> type, ExternalMatcher m, Duration bound) {
    long start = System.nanoTime();
    T e = assertThrows(type, () -> match(m));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(
        took.compareTo(bound) < 0,
        "took " + took.toMillis() + " ms, bound " + bound.toMillis() + " ms");
    assertFalse(e.getMessage().contains(ExternalMatcherFailuresTest.SECRET), e.getMessage());
    return e;
  }

  private String host() {
    return "localhost:" + server.getPort();
  }

  // ---- transport faults ----

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void connectionRefusedIsRetriedThenAConnectionFailure(Target target, Mode mode) throws Exception {
    this.mode = mode;
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + closedPort;
    if (target == Target.ACTION) {
      server.enqueue(token());
    }
    ExternalMatcher m =
        matcher(
            ExternalMatcher.builder()
                .rule(target == Target.IMS ? rule(base(), dead) : rule(dead, base()))
                .retryPolicy(TestPolicies.backoff(Duration.ofMillis(5))));
    AresTransportException e = fails(AresTransportException.class, m, Duration.ofSeconds(5));
    assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
    assertFalse(e.requestSent());
    assertEquals(3, e.attempts());
    assertEquals("127.0.0.1:" + closedPort, e.host());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void resetBeforeTheBodyIsRetriedThenAConnectionFailure(Target target, Mode mode) {
    this.mode = mode;
    MockResponse reset =
        new MockResponse.Builder()
            .code(200)
            .body(A2P)
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
    script(target, reset, reset, reset);
    AresTransportException e =
        fails(AresTransportException.class, matcher(builder()), Duration.ofSeconds(5));
    assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
    assertEquals(3, e.attempts());
    assertEquals(host(), e.host());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void resetInTheMiddleOfTheBodyIsRetriedThenAConnectionFailure(Target target, Mode mode) {
    this.mode = mode;
    MockResponse reset =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body("{\"access_token\":\"" + "x".repeat(64 * 1024) + "\"}")
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
    script(target, reset, reset, reset);
    AresTransportException e =
        fails(AresTransportException.class, matcher(builder()), Duration.ofSeconds(5));
    assertEquals(TransportFailure.CONNECTION_RESET, e.failure());
    assertEquals(3, e.attempts());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void aResetThenAnAnswerSucceedsOnTheRetry(Target target, Mode mode) {
    this.mode = mode;
    MockResponse reset =
        new MockResponse.Builder()
            .code(200)
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build();
    if (target == Target.IMS) {
      script(target, reset, token(), json(200, A2P));
    } else {
      script(target, reset, json(200, A2P));
    }
    assertEquals(1, match(matcher(builder())).productMatches().size());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void acceptingAndNeverAnsweringIsAnAttemptTimeoutRetriedThenReported(Target target, Mode mode) {
    this.mode = mode;
    MockResponse stall =
        new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    script(target, stall, stall);
    AresTransportException e =
        fails(
            AresTransportException.class,
            matcher(
                builder()
                    .attemptTimeout(Duration.ofMillis(250))
                    .retryPolicy(TestPolicies.of(2, Duration.ofMillis(1)))),
            Duration.ofSeconds(3));
    assertEquals(TransportFailure.ATTEMPT_TIMEOUT, e.failure());
    assertTrue(e.isTimeout());
    assertEquals(2, e.attempts());
    assertEquals(host(), e.host());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void oneByteAtATimeIsCutByTheWholeCallTimeout(Target target, Mode mode) {
    this.mode = mode;
    MockResponse slow =
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "application/json")
            .body(target == Target.IMS ? "{\"access_token\":\"abc\",\"expires_in\":100}" : A2P)
            .throttleBody(1, 150, TimeUnit.MILLISECONDS)
            .build();
    script(target, slow);
    AresTransportException e =
        fails(
            AresTransportException.class,
            matcher(
                builder()
                    .attemptTimeout(Duration.ofSeconds(5))
                    .callTimeout(Duration.ofMillis(700))),
            Duration.ofSeconds(3));
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().startsWith("the call timed out"), e.getMessage());
  }

  // ---- statuses ----

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void clientAndServerErrorsAreNotRetried(Target target, Mode mode) {
    this.mode = mode;
    ExternalMatcher m = matcher(builder());
    for (int status : new int[] {400, 403, 404, 409, 500, 502, 504}) {
      int before = server.getRequestCount();
      scriptTurn(target, before == 0, json(status, "{\"error\":\"x\"}"));
      boolean refused = target == Target.IMS && (status == 400 || status == 403);
      Class<? extends AresException> type =
          refused ? ExternalMatcherException.class : AresHttpException.class;
      AresException e = fails(type, m, Duration.ofSeconds(3));
      if (refused) {
        assertEquals(Reason.TOKEN_REFUSED, ((ExternalMatcherException) e).reason());
        assertEquals(OptionalInt.of(status), ((ExternalMatcherException) e).statusCode());
        assertEquals(host(), ((ExternalMatcherException) e).host());
      } else {
        assertEquals(status, ((AresHttpException) e).statusCode(), "status " + status);
        assertEquals(host(), ((AresHttpException) e).host());
      }
      assertEquals(1, e.attempts(), "status " + status);
      // The token of the action case is fetched once and kept: one request per case.
      assertEquals(
          1, server.getRequestCount() - before - (target == Target.ACTION && before == 0 ? 1 : 0));
    }
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void unauthorizedIsRefusedCredentialsAtImsAndOneTokenRefreshAtTheAction(
      Target target, Mode mode) {
    this.mode = mode;
    if (target == Target.IMS) {
      script(target, json(401, "{\"error\":\"invalid_client\"}"));
    } else {
      script(target, json(401, "{}"), token(), json(401, "{}"));
    }
    Class<? extends AresException> type =
        target == Target.IMS ? ExternalMatcherException.class : AresHttpException.class;
    AresException e = fails(type, matcher(builder()), Duration.ofSeconds(3));
    if (target == Target.IMS) {
      assertEquals(Reason.TOKEN_REFUSED, ((ExternalMatcherException) e).reason());
      assertEquals(OptionalInt.of(401), ((ExternalMatcherException) e).statusCode());
    } else {
      assertEquals(401, ((AresHttpException) e).statusCode());
    }
    assertEquals(target == Target.IMS ? 1 : 2, e.attempts());
    assertEquals(target == Target.IMS ? 1 : 4, server.getRequestCount());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void throttlingAndUnavailableAreRetriedUpToMaxAttempts(Target target, Mode mode) {
    this.mode = mode;
    script(target, json(429, "{}"), json(503, "{}"), json(503, "{}"));
    AresHttpException e = fails(AresHttpException.class, matcher(builder()), Duration.ofSeconds(3));
    assertEquals(503, e.statusCode());
    assertTrue(e.isThrottling());
    assertEquals(3, e.attempts());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void retryAfterInSecondsIsHonoured(Target target, Mode mode) {
    this.mode = mode;
    MockResponse busy = new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
    if (target == Target.IMS) {
      script(target, busy, token(), json(200, A2P));
    } else {
      script(target, busy, json(200, A2P));
    }
    long start = System.nanoTime();
    assertEquals(1, match(matcher(builder())).productMatches().size());
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMs >= 950 && tookMs < 4000, "took " + tookMs + " ms");
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void retryAfterAsAnHttpDateIsHonoured(Target target, Mode mode) {
    this.mode = mode;
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).minusHours(1));
    String farFuture =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
    // A date already past means "now": retried at once.
    MockResponse pastBusy =
        new MockResponse.Builder().code(503).addHeader("Retry-After", past).build();
    if (target == Target.IMS) {
      script(target, pastBusy, token(), json(200, A2P));
    } else {
      script(target, pastBusy, json(200, A2P));
    }
    ExternalMatcher m = matcher(builder());
    assertEquals(1, match(m).productMatches().size());
    // A date beyond the call's deadline stops at once instead of sleeping into a timeout.
    ExternalMatcher fresh = matcher(builder());
    script(
        target, new MockResponse.Builder().code(429).addHeader("Retry-After", farFuture).build());
    AresTransportException e = fails(AresTransportException.class, fresh, Duration.ofSeconds(2));
    assertEquals(TransportFailure.CALL_TIMEOUT, e.failure());
    assertEquals(1, e.attempts());
    assertTrue(
        e.getMessage().startsWith("the call timed out before the next retry"), e.getMessage());
  }

  // ---- bodies ----

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void anHtmlPageWithA200IsMalformed(Target target, Mode mode) {
    this.mode = mode;
    script(
        target,
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", "text/html")
            .body("<html><body>Login</body></html>")
            .build());
    ExternalMatcherException e =
        fails(ExternalMatcherException.class, matcher(builder()), Duration.ofSeconds(3));
    assertEquals(Reason.MALFORMED_RESPONSE, e.reason());
    assertEquals(OptionalInt.of(200), e.statusCode());
    assertEquals(1, e.attempts());
    assertFalse(e.getMessage().contains("html"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void anEmptyBodyIsMalformed(Target target, Mode mode) {
    this.mode = mode;
    script(target, new MockResponse.Builder().code(200).build());
    assertEquals(
        Reason.MALFORMED_RESPONSE,
        fails(ExternalMatcherException.class, matcher(builder()), Duration.ofSeconds(3)).reason());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void invalidJsonIsMalformed(Target target, Mode mode) {
    this.mode = mode;
    script(target, json(200, "{\"access_token\": \"abc\", "));
    assertEquals(
        Reason.MALFORMED_RESPONSE,
        fails(ExternalMatcherException.class, matcher(builder()), Duration.ofSeconds(3)).reason());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void validJsonOfTheWrongShapeIsMalformed(Target target, Mode mode) {
    this.mode = mode;
    ExternalMatcher m = matcher(builder());
    for (String body :
        List.of(
            "[]",
            "\"text\"",
            "{\"access_token\":5,\"product_matches\":5}",
            "{\"access_token\":\"\",\"product_matches\":[{\"product_sku\":[]}]}")) {
      scriptTurn(target, server.getRequestCount() == 0, json(200, body));
      ExternalMatcherException e = fails(ExternalMatcherException.class, m, Duration.ofSeconds(3));
      assertEquals(Reason.MALFORMED_RESPONSE, e.reason(), body);
      assertEquals(1, e.attempts());
    }
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void aBodyLargerThanTheCapWithALengthIsRefusedBeforeReadingIt(Target target, Mode mode) {
    this.mode = mode;
    // The body would stall after its headers: reading it would end in a timeout, not in the cap.
    script(
        target,
        new MockResponse.Builder()
            .code(200)
            .body("x".repeat(4096))
            .onResponseBody(SocketEffect.Stall.INSTANCE)
            .build());
    ExternalMatcherException e =
        fails(
            ExternalMatcherException.class,
            matcher(builder().maxResponseBytes(1024).attemptTimeout(Duration.ofSeconds(5))),
            Duration.ofSeconds(3));
    assertEquals(Reason.RESPONSE_TOO_LARGE, e.reason());
    assertEquals(1, e.attempts());
    assertTrue(e.getMessage().startsWith("the answer exceeded 1024 bytes"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void aChunkedBodyLargerThanTheCapIsRefusedOnceTheCapIsPassed(Target target, Mode mode) {
    this.mode = mode;
    // 32 KiB arrive at once, then nothing for 20 s: only a reader that stops at the cap ends
    // quickly.
    script(
        target,
        new MockResponse.Builder()
            .code(200)
            .chunkedBody("y".repeat(256 * 1024), 4096)
            .throttleBody(32 * 1024, 20, TimeUnit.SECONDS)
            .build());
    ExternalMatcherException e =
        fails(
            ExternalMatcherException.class,
            matcher(
                builder()
                    .maxResponseBytes(8 * 1024)
                    .callTimeout(Duration.ofSeconds(30))
                    .attemptTimeout(Duration.ofSeconds(25))),
            Duration.ofSeconds(3));
    assertEquals(Reason.RESPONSE_TOO_LARGE, e.reason());
    assertEquals(1, e.attempts());
  }

  // ---- redirects ----

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void redirectsAreNotFollowedForPost(Target target, Mode mode) throws Exception {
    this.mode = mode;
    ExternalMatcher m = matcher(builder());
    for (int status : new int[] {301, 302, 303, 307, 308}) {
      int before = server.getRequestCount();
      scriptTurn(
          target,
          before == 0,
          new MockResponse.Builder()
              .code(status)
              .addHeader("Location", base() + "/elsewhere")
              .build());
      AresHttpException e = fails(AresHttpException.class, m, Duration.ofSeconds(3));
      assertEquals(status, e.statusCode());
      assertEquals(1, e.attempts());
      assertEquals(
          target == Target.ACTION && before == 0 ? 2 : 1, server.getRequestCount() - before);
    }
    for (int i = server.getRequestCount(); i > 0; i--) {
      RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
      assertFalse(r.getUrl().encodedPath().equals("/elsewhere"), "a redirect was followed");
    }
  }

  // ---- closing ----

  @ParameterizedTest
  @MethodSource("targetsAndModes")
  void closeWakesACallWaitingToRetry(Target target, Mode mode) throws Exception {
    this.mode = mode;
    script(target, new MockResponse.Builder().code(503).addHeader("Retry-After", "20").build());
    ExternalMatcher m = matcher(builder().callTimeout(Duration.ofSeconds(30)));
    CompletableFuture<AresTransportException> call =
        CompletableFuture.supplyAsync(
            () -> assertThrows(AresTransportException.class, () -> match(m)));
    for (int i = target == Target.ACTION ? 2 : 1; i > 0; i--) {
      assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "request " + i + " arrived");
    }
    long start = System.nanoTime();
    m.close();
    AresTransportException e = call.get(5, TimeUnit.SECONDS);
    assertEquals(TransportFailure.CLOSED, e.failure());
    assertEquals(1, e.attempts());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 3);
  }
}
