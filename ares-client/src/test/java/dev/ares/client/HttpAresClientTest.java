package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.internal.HttpAresClient;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresException;
import dev.ares.core.AresHttpException;
import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import dev.ares.core.testsupport.SdkThreads;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.pool.PoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(CallStyle.class)
class HttpAresClientTest {

  @Parameter CallStyle style;

  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}";

  private MockWebServer server;
  private final List<AresClient> clients = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    int leased = 0;
    for (AresClient c : clients) {
      leased += leasedAfterCallsEnd(c);
      c.close();
    }
    server.close();
    assertEquals(0, leased, "leased connection left after the call ended");
    assertEquals(List.of(), SdkThreads.alive(), "SDK threads left running");
  }

  /**
   * Connections of the client's pool still leased once its calls ended; an async exchange gives its
   * connection back on the I/O thread just after its future completes, so that is waited for,
   * boundedly.
   */
  static int leasedAfterCallsEnd(AresClient c) {
    HttpAresClient real = (HttpAresClient) CallStyle.real(c);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    PoolStats stats = real.poolStats();
    while (stats != null && stats.getLeased() > 0 && System.nanoTime() < end) {
      Thread.yield(); // the release is moments away: no sleep
      stats = real.poolStats();
    }
    return stats == null ? 0 : stats.getLeased();
  }

  private AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint(server.url("/graphql").uri())
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-123")
        .gatewaySignature(Fixtures.JWT)
        .retryPolicy(
            RetryPolicy.builder()
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build());
  }

  private AresClient client(AresClientBuilder b) {
    AresClient c = style.calling(b.build());
    clients.add(c);
    return c;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  @Test
  void sendsTheMutationByteForByteWithEveryHeader() throws Exception {
    server.enqueue(json(200, SUCCESS));
    RegisterTenantResult result =
        client(builder().header("x-trace", "abc")).registerTenant(Fixtures.tenant());
    assertEquals("t-42", result.requireTenantId());
    assertTrue(result.isSuccess());

    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", request.getMethod());
    assertEquals("/graphql", request.getUrl().encodedPath());
    String expected =
        "{\"query\":\"mutation registerTenant($tenantInput: TenantInput!) {"
            + " registerTenant(tenantInput: $tenantInput) { tenantId userErrors { message path } } }\","
            + "\"operationName\":\"registerTenant\",\"variables\":{\"tenantInput\":{"
            + "\"enabled\":true,\"projectId\":\"8231afb6-90cd-65e8-84ba-d9abac0f94e6\","
            + "\"aem\":{\"programId\":\"11111\",\"environmentId\":\"222222\"},"
            + "\"commerce\":{\"baseUrl\":\"https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud\","
            + "\"credentials\":{\"consumerKey\":\""
            + Fixtures.CONSUMER_KEY
            + "\",\"consumerSecret\":\""
            + Fixtures.CONSUMER_SECRET
            + "\",\"accessToken\":\""
            + Fixtures.ACCESS_TOKEN
            + "\",\"accessTokenSecret\":\""
            + Fixtures.ACCESS_TOKEN_SECRET
            + "\"}},"
            + "\"ruleType\":\"matchBySKU\",\"matchBySkuRule\":{\"metadataField\":\"commerce:skus\"}}}}";
    assertEquals(expected, request.getBody().string(StandardCharsets.UTF_8));
    assertEquals(Fixtures.API_KEY, request.getHeaders().get("x-api-key"));
    assertEquals("env-123", request.getHeaders().get("magento-environment-id"));
    assertEquals(Fixtures.JWT, request.getHeaders().get("x-gw-signature"));
    assertEquals("abc", request.getHeaders().get("x-trace"));
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    assertTrue(
        request
            .getHeaders()
            .get("User-Agent")
            .matches(
                "ares-java-sdk/\\S+ Java/"
                    + System.getProperty("java.version").replace(".", "\\.")),
        request.getHeaders().get("User-Agent"));
  }

  @Test
  void nestedRuleFormIsAClientOption() throws Exception {
    server.enqueue(json(200, SUCCESS));
    client(builder().ruleWireForm(RuleWireForm.NESTED)).registerTenant(Fixtures.tenant());
    String body = server.takeRequest().getBody().string(StandardCharsets.UTF_8);
    assertTrue(body.contains("\"rule\":{\"type\":\"matchBySKU\",\"matchBySkuRule\""), body);
    assertFalse(body.contains("ruleType"));
  }

  @Test
  void jwtSupplierIsAskedOnEveryAttempt() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server.enqueue(json(503, "{}"));
    server.enqueue(json(200, SUCCESS));
    client(builder().gatewaySignature(() -> "jwt-" + n.incrementAndGet()))
        .registerTenant(Fixtures.tenant());
    assertEquals("jwt-1", server.takeRequest().getHeaders().get("x-gw-signature"));
    assertEquals("jwt-2", server.takeRequest().getHeaders().get("x-gw-signature"));
  }

  @Test
  void userErrorsAreDataAndRequireTenantIdThrows() {
    server.enqueue(
        json(
            200,
            "{\"data\":{\"registerTenant\":{\"tenantId\":null,\"userErrors\":"
                + "[{\"message\":\"Tenant already exists\",\"path\":[\"tenantInput\",\"projectId\"]}]}}}"));
    RegisterTenantResult result = client(builder()).registerTenant(Fixtures.tenant());
    assertFalse(result.isSuccess());
    assertEquals(
        List.of(UserError.of("Tenant already exists", List.of("tenantInput", "projectId"))),
        result.userErrors());
    AresUserErrorsException e =
        assertThrows(AresUserErrorsException.class, result::requireTenantId);
    assertEquals(
        "ARES refused the input: tenantInput.projectId: Tenant already exists", e.getMessage());
    assertEquals(result.userErrors(), e.userErrors());
  }

  @Test
  void graphQlErrorsKeepPartialDataAndSeparateRequestFromFieldErrors() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("x-request-id", "req-9")
            .body(
                "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-1\",\"userErrors\":[]}},"
                    + "\"errors\":[{\"message\":\"boom\",\"path\":[\"registerTenant\",\"tenantId\"]},"
                    + "{\"message\":\"auth\",\"extensions\":{\"classification\":\"UNAUTHORIZED\"}}]}")
            .build());
    AresGraphQlException e =
        assertThrows(
            AresGraphQlException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals(2, e.errors().size());
    assertEquals("boom", e.fieldErrors().get(0).message());
    assertEquals("UNAUTHORIZED", e.requestErrors().get(0).classification().get());
    assertEquals("t-1", e.partialResult().get().tenantId().get());
    assertEquals("req-9", e.requestId().get());
    assertEquals(200, e.statusCode());
    assertTrue(e.getMessage().contains("request id req-9"), e.getMessage());
  }

  @Test
  void aFloodOfErrorsKeepsTheFirstHundredAndTheMessageShort() {
    StringBuilder errors = new StringBuilder();
    StringBuilder userErrors = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      errors
          .append(i == 0 ? "" : ",")
          .append("{\"message\":\"e")
          .append(i)
          .append("\",\"path\":[\"registerTenant\"")
          .append(",\"x\"".repeat(100))
          .append("]}");
      userErrors.append(i == 0 ? "" : ",").append("{\"message\":\"u").append(i).append("\"}");
    }
    server.enqueue(
        json(
            200,
            "{\"data\":{\"registerTenant\":{\"tenantId\":null,\"userErrors\":["
                + userErrors
                + "]}},\"errors\":["
                + errors
                + "]}"));
    AresGraphQlException e =
        assertThrows(
            AresGraphQlException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals(100, e.errors().size());
    assertEquals(64, e.errors().get(0).path().size());
    assertEquals(100, e.partialResult().get().userErrors().size());
    assertTrue(e.getMessage().length() < 2000, e.getMessage());
  }

  @Test
  void graphQlErrorsWithoutData() {
    server.enqueue(json(200, "{\"errors\":[{\"message\":\"Validation error of type X\"}]}"));
    AresGraphQlException e =
        assertThrows(
            AresGraphQlException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertTrue(e.partialResult().isEmpty());
    assertEquals(1, e.requestErrors().size());
  }

  @Test
  void serverMessagesEchoingSecretsAreScrubbed() {
    server.enqueue(
        json(
            200,
            "{\"errors\":[{\"message\":\"bad value "
                + Fixtures.CONSUMER_SECRET
                + " for key "
                + Fixtures.API_KEY
                + "\"}]}"));
    AresGraphQlException e =
        assertThrows(
            AresGraphQlException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals("bad value **** for key ****", e.errors().get(0).message());
    assertFalse(e.getMessage().contains(Fixtures.CONSUMER_SECRET));
  }

  @Test
  void httpErrorStatusesAreNotRetried() throws Exception {
    for (int status : new int[] {400, 401, 403, 404, 409, 500, 502, 504}) {
      server.enqueue(
          new MockResponse.Builder()
              .code(status)
              .addHeader("x-request-id", "r-" + status)
              .body("<html>error</html>")
              .build());
      AresHttpException e =
          assertThrows(
              AresHttpException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
      assertEquals(status, e.statusCode());
      assertEquals(1, e.attempts());
      assertEquals("r-" + status, e.requestId().get());
      assertFalse(e.getMessage().contains("html"));
    }
    assertEquals(8, server.getRequestCount());
  }

  @Test
  void throttlingIsRetriedHonouringRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
    server.enqueue(
        new MockResponse.Builder()
            .code(503)
            .addHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")
            .build());
    server.enqueue(json(200, SUCCESS));
    RegisterTenantResult r = client(builder()).registerTenant(Fixtures.tenant());
    assertEquals("t-42", r.tenantId().get());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void throttlingGivesUpAfterMaxAttemptsWithTheAttemptCount() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).build());
    }
    AresHttpException e =
        assertThrows(
            AresHttpException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals(503, e.statusCode());
    assertEquals(3, e.attempts());
    assertTrue(e.isThrottling());
  }

  @Test
  void retryAfterLongerThanAllowedEndsTheCallAtOnce() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
    AresHttpException e =
        assertThrows(
            AresHttpException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals(Duration.ofHours(1), e.retryAfter().get());
    assertEquals(1, e.attempts());
  }

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AresTransportException e =
        assertThrows(
            AresTransportException.class,
            () ->
                client(builder().endpoint("http://127.0.0.1:" + port + "/graphql"))
                    .registerTenant(Fixtures.tenant()));
    assertEquals(3, e.attempts());
    assertFalse(e.requestSent());
    assertFalse(e.isTimeout());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
  }

  @Test
  void noAnswerEndsWithAnAttemptTimeoutAndIsNotRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresTransportException e =
        assertThrows(
            AresTransportException.class,
            () ->
                client(builder().attemptTimeout(Duration.ofMillis(300)))
                    .registerTenant(Fixtures.tenant()));
    assertTrue(e.isTimeout());
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aSlowBodyEndsWithTheCallTimeout() {
    // Every byte comes well within the attempt's read timeout, the whole body (100 bytes, 15 s)
    // does not. Only the call is timed, and the bound sits far from both 500 ms and 15 s so that
    // a loaded 2-core machine cannot cross it either way.
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body("{\"data\":1}" + " ".repeat(90))
            .throttleBody(1, 150, TimeUnit.MILLISECONDS)
            .build());
    AresClient c = client(builder().callTimeout(Duration.ofMillis(500)));
    long start = System.nanoTime();
    AresTransportException e =
        assertThrows(AresTransportException.class, () -> c.registerTenant(Fixtures.tenant()));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(e.isTimeout());
    assertTrue(e.requestSent());
    assertTrue(tookMs >= 450 && tookMs < 7_500, tookMs + " ms");
  }

  @Test
  void connectionDroppedAfterSendingIsNotRetried() {
    server.enqueue(
        new MockResponse.Builder()
            .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    server.enqueue(json(200, SUCCESS));
    AresTransportException e =
        assertThrows(
            AresTransportException.class,
            () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
  }

  @Test
  void connectionResetInTheMiddleOfTheBodyIsATransportFailure() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(SUCCESS + " ".repeat(4096))
            .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
            .build());
    AresTransportException e =
        assertThrows(
            AresTransportException.class,
            () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertTrue(e.requestSent());
    assertEquals(1, e.attempts());
  }

  @Test
  void closeWhileACallIsInFlightFailsItCleanly() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AresClient c = style.calling(builder().build());
    java.util.concurrent.CompletableFuture<Throwable> call =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                c.registerTenant(Fixtures.tenant());
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    // the call is now waiting for an answer
    assertNotNull(server.takeRequest(5, TimeUnit.SECONDS), "the call reached the server");
    c.close();
    Throwable failure = call.get(5, TimeUnit.SECONDS);
    assertTrue(failure instanceof AresTransportException, String.valueOf(failure));
    assertEquals(
        "the ARES client was closed during the call to "
            + server.getHostName()
            + ":"
            + server.getPort(),
        failure.getMessage());
  }

  @Test
  void unexpectedBodiesAreResponseExceptions() {
    String[][] cases = {
      {"<html>maintenance</html>", "not JSON"},
      {"", "empty body"},
      {"[1,2]", "not a GraphQL response"},
      {"{\"data\":{\"other\":{}}}", "without data.registerTenant"}
    };
    for (String[] c : cases) {
      server.enqueue(new MockResponse.Builder().code(200).body(c[0]).build());
      AresResponseException e =
          assertThrows(
              AresResponseException.class,
              () -> client(builder()).registerTenant(Fixtures.tenant()));
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
      assertFalse(c[0].length() > 0 && e.getMessage().contains(c[0]));
    }
  }

  @Test
  void oversizedBodiesAreRefusedWithoutReadingThemAll() {
    server.enqueue(json(200, "{\"data\":\"" + "x".repeat(10_000) + "\"}"));
    server.enqueue(
        new MockResponse.Builder().code(200).chunkedBody("y".repeat(10_000), 512).build());
    AresClient c = client(builder().maxResponseBytes(1024));
    assertTrue(
        assertThrows(AresResponseException.class, () -> c.registerTenant(Fixtures.tenant()))
            .getMessage()
            .contains("larger than 1024 bytes"));
    assertTrue(
        assertThrows(AresResponseException.class, () -> c.registerTenant(Fixtures.tenant()))
            .getMessage()
            .contains("larger than 1024 bytes"));
    assertEquals(0, leasedAfterCallsEnd(c));
  }

  @Test
  void anOversizedErrorPageKeepsItsStatusAndJwtEchoesAreScrubbed() {
    server.enqueue(new MockResponse.Builder().code(502).body("x".repeat(5000)).build());
    server.enqueue(
        json(200, "{\"errors\":[{\"message\":\"bad signature " + Fixtures.JWT + "\"}]}"));
    AresClient c = client(builder().maxResponseBytes(1024));
    assertEquals(
        502,
        assertThrows(AresHttpException.class, () -> c.registerTenant(Fixtures.tenant()))
            .statusCode());
    AresGraphQlException e =
        assertThrows(AresGraphQlException.class, () -> c.registerTenant(Fixtures.tenant()));
    assertFalse(e.getMessage().contains(Fixtures.JWT), e.getMessage());
  }

  @Test
  void followRedirectsNeedsTheSdksOwnClient() {
    try (CloseableHttpClient mine = HttpClients.createDefault()) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () -> builder().httpClient(mine).followRedirects(true).build());
      assertEquals("aresClient.followRedirects", e.violations().get(0).path());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void redirectsAreNotFollowed() {
    server.enqueue(
        new MockResponse.Builder().code(307).addHeader("Location", "/elsewhere").build());
    AresHttpException e =
        assertThrows(
            AresHttpException.class, () -> client(builder()).registerTenant(Fixtures.tenant()));
    assertEquals(307, e.statusCode());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void sameOriginTemporaryRedirectsAreFollowedWhenConfigured() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(307).addHeader("Location", "/graphql-v2").build());
    server.enqueue(json(200, SUCCESS));
    assertEquals(
        "t-42",
        client(builder().followRedirects(true))
            .registerTenant(Fixtures.tenant())
            .requireTenantId());
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("POST", second.getMethod());
    assertEquals("/graphql-v2", second.getUrl().encodedPath());
    assertEquals(first.getBody(), second.getBody());
    assertEquals(Fixtures.API_KEY, second.getHeaders().get("x-api-key"));
  }

  @Test
  void redirectsThatWouldChangeTheMethodOrTheOriginAreNeverFollowed() {
    AresClient c = client(builder().followRedirects(true));
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "/elsewhere").build());
    assertEquals(
        302,
        assertThrows(AresHttpException.class, () -> c.registerTenant(Fixtures.tenant()))
            .statusCode());
    server.enqueue(
        new MockResponse.Builder()
            .code(307)
            .addHeader("Location", "http://127.0.0.2:" + server.getPort() + "/graphql")
            .build());
    assertEquals(
        307,
        assertThrows(AresHttpException.class, () -> c.registerTenant(Fixtures.tenant()))
            .statusCode());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void noSecretInLogsMessagesOrToString() {
    TenantInput tenant = Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).build();
    List<String> texts = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs()) {
      server.enqueue(new MockResponse.Builder().code(503).build());
      server.enqueue(new MockResponse.Builder().code(401).build());
      server.enqueue(json(200, "{\"errors\":[{\"message\":\"x\"}]}"));
      server.enqueue(json(200, "<html>"));
      AresClient c = client(builder());
      texts.add(c.toString());
      texts.add(builder().toString());
      texts.add(assertThrows(AresException.class, () -> c.registerTenant(tenant)).getMessage());
      texts.add(assertThrows(AresException.class, () -> c.registerTenant(tenant)).getMessage());
      texts.add(assertThrows(AresException.class, () -> c.registerTenant(tenant)).getMessage());
      texts.add(tenant.toString());
      texts.addAll(logs.lines());
      assertFalse(logs.lines().isEmpty(), "expected DEBUG lines to scan");
    }
    for (String text : texts) {
      for (String secret : Fixtures.SECRETS) {
        assertFalse(text.contains(secret), "secret leaked in: " + text);
      }
    }
  }

  @Test
  void builderReportsEveryBadSetting() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                AresClient.builder()
                    .endpoint("http://ares.example.com/graphql")
                    .apiKey(" ")
                    .callTimeout(Duration.ZERO)
                    .header("x-api-key", "override")
                    .build());
    assertEquals(
        List.of(
            "aresClient.endpoint must use https (plain http is allowed for loopback, or with allowInsecureHttp(true))",
            "aresClient.apiKey must not be blank",
            "aresClient.environmentId is required",
            "aresClient.gatewaySignature is required",
            "aresClient.callTimeout must be positive",
            "aresClient.headers.x-api-key is set by the SDK and cannot be replaced"),
        e.violations().stream()
            .map(FieldViolation::toString)
            .collect(java.util.stream.Collectors.toList()));
    AresClient.builder()
        .endpoint("http://ares.example.com/graphql")
        .allowInsecureHttp(true)
        .apiKey("k")
        .environmentId("e")
        .gatewaySignature("j")
        .build()
        .close();
    AresClient.builder().apiKey("k").environmentId("e").gatewaySignature("j").build().close();
  }

  @Test
  void nullInputIsAValidationErrorAndNothingIsSent() {
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> client(builder()).registerTenant(null));
    assertEquals("tenantInput is required", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void callerOwnedHttpClientIsLeftOpen() throws Exception {
    try (CloseableHttpClient mine = HttpClients.createDefault()) {
      server.enqueue(json(200, SUCCESS));
      server.enqueue(json(200, SUCCESS));
      AresClient c = style.calling(builder().httpClient(mine).build());
      c.registerTenant(Fixtures.tenant());
      c.close();
      assertNull(((HttpAresClient) CallStyle.real(c)).poolStats());
      AresClient again = style.calling(builder().httpClient(mine).build());
      assertEquals("t-42", again.registerTenant(Fixtures.tenant()).tenantId().get());
      again.close();
    }
  }

  @Test
  void aClosedClientFailsCleanly() {
    AresClient c = style.calling(builder().build());
    c.close();
    c.close();
    AresTransportException e =
        assertThrows(AresTransportException.class, () -> c.registerTenant(Fixtures.tenant()));
    assertEquals("the ARES client is closed", e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void poolHasNoLeasedConnectionAfterEachKindOfAnswer() {
    server.enqueue(json(200, SUCCESS));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "nope"));
    AresClient c = client(builder());
    c.registerTenant(Fixtures.tenant());
    assertThrows(AresHttpException.class, () -> c.registerTenant(Fixtures.tenant()));
    assertThrows(AresResponseException.class, () -> c.registerTenant(Fixtures.tenant()));
    assertEquals(0, leasedAfterCallsEnd(c));
  }
}
