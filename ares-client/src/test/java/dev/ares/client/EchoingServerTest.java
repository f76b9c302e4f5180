package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.GraphQlError;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.core.AresException;
import dev.ares.core.AresHttpException;
import dev.ares.core.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile ARES that reflects every request header and the whole request body into every string it
 * answers with: GraphQL messages, paths, extensions, user errors, the tenant id of partial data and
 * {@code x-request-id}. None of the secrets may come out of the SDK, in any form, and nothing it
 * prints may carry a control character.
 */
@ParameterizedClass
@EnumSource(CallStyle.class)
class EchoingServerTest {

  @Parameter CallStyle style;

  private static final ObjectMapper JSON = new ObjectMapper();
  // Characters that must be escaped in JSON and percent-encoded in forms: the echo of the request
  // body shows the JSON-escaped form of this secret, not its raw form.
  private static final String QUOTED_SECRET = "cs-\"QUOTED\\SECRET\"-31";
  private static final String ROTATING_JWT = "eyJhbGciOiJIUzI1NiJ9.rotating-SECRET-";
  private static final String TERMINAL_ATTACK = "\u001b[2J\u001b[31mFAKE\u0007";
  private static final Pattern UNPRINTABLE =
      Pattern.compile("[\\p{Cntrl}\u202a-\u202e\u2066-\u2069\u200e\u200f\u2028\u2029]");

  private MockWebServer server;
  private AresClient client;
  private final AtomicInteger jwtCount = new AtomicInteger();
  private final List<String> jwtsIssued = new ArrayList<>();
  private volatile String mode = "graphql";

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return echo(request);
          }
        });
    server.start();
    client =
        style.calling(
            AresClient.builder()
                .endpoint(server.url("/graphql").uri())
                .apiKey(Fixtures.API_KEY)
                .environmentId("env-123")
                .gatewaySignature(
                    () -> {
                      String jwt = ROTATING_JWT + jwtCount.incrementAndGet();
                      synchronized (jwtsIssued) {
                        jwtsIssued.add(jwt);
                      }
                      return jwt;
                    })
                .retryPolicy(
                    RetryPolicy.builder()
                        .initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2))
                        .build())
                .build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private MockResponse echo(RecordedRequest request) {
    StringBuilder reflected = new StringBuilder(TERMINAL_ATTACK + "\r\nInjected: line\n");
    request
        .getHeaders()
        .forEach(
            h -> reflected.append(h.getFirst()).append(": ").append(h.getSecond()).append('\n'));
    reflected.append(request.getBody().string(StandardCharsets.UTF_8));
    String echo = reflected.toString();
    String requestId =
        "rid "
            + request.getHeaders().get("x-api-key")
            + " "
            + request.getHeaders().get("x-gw-signature")
            + " \u001b[2J\u001b[31mFAKE\u0007";
    int status = 200;
    ObjectNode root = JSON.createObjectNode();
    switch (mode) {
      case "graphql":
        {
          ObjectNode data = root.putObject("data").putObject("registerTenant");
          data.put("tenantId", echo);
          ObjectNode userError = data.putArray("userErrors").addObject();
          userError.put("message", echo);
          userError.putArray("path").add("tenantInput").add(echo);
          ObjectNode error = root.putArray("errors").addObject();
          error.put("message", echo);
          error.putArray("path").add("registerTenant").add(echo);
          error.putObject("extensions").put("classification", echo);
          ObjectNode second = ((ArrayNode) root.get("errors")).addObject();
          second.put("message", echo);
          second.putObject("extensions").put("code", echo);
          break;
        }
      case "userErrors":
        {
          ObjectNode data = root.putObject("data").putObject("registerTenant");
          data.putNull("tenantId");
          ObjectNode userError = data.putArray("userErrors").addObject();
          userError.put("message", echo);
          userError.putArray("path").add("tenantInput").add(echo);
          break;
        }
      case "throttleThenGraphql":
        if (jwtCount.get() == 1) {
          status = 503;
        }
        root.putArray("errors").addObject().put("message", echo);
        break;
      default:
        status = 500;
        root.put("message", echo);
    }
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .addHeaderLenient("x-request-id", requestId)
        .body(root.toString())
        .build();
  }

  private static TenantInput externalMatcherTenant() {
    return Fixtures.tenantBuilder()
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://shop.example")
                .credentials(
                    CommerceCredentialsInput.builder()
                        .consumerKey(Fixtures.CONSUMER_KEY)
                        .consumerSecret(QUOTED_SECRET)
                        .accessToken(Fixtures.ACCESS_TOKEN)
                        .accessTokenSecret(Fixtures.ACCESS_TOKEN_SECRET)
                        .build())
                .build())
        .rule(
            ExternalMatcherInput.builder()
                .assetToProductUrl("https://matcher.example/a2p")
                .productToAssetUrl("https://matcher.example/p2a")
                .credentials(
                    ExternalMatcherCredentialsInput.builder()
                        .oauthServerUrl("https://ims.example/ims/token/v3")
                        .clientId("client-id-123")
                        .clientSecret(Fixtures.CLIENT_SECRET)
                        .imsOrgId("1234ABCD@AdobeOrg")
                        .build())
                .build())
        .build();
  }

  private List<String> secrets() {
    List<String> all = new ArrayList<>(Fixtures.SECRETS);
    all.add(QUOTED_SECRET);
    all.add(QUOTED_SECRET.replace("\\", "\\\\").replace("\"", "\\\"")); // as JSON writes it
    all.add("QUOTED"); // any piece of the quoted secret left behind
    synchronized (jwtsIssued) {
      all.addAll(jwtsIssued);
    }
    all.add("rotating-SECRET");
    return all;
  }

  private void assertClean(String what, String text) {
    assertNotNull(text, what);
    for (String secret : secrets()) {
      assertFalse(text.contains(secret), what + " holds a secret: " + text);
    }
    assertFalse(UNPRINTABLE.matcher(text).find(), what + " holds a control character: " + text);
  }

  private void assertClean(GraphQlError error) {
    assertClean("GraphQlError.message", error.message());
    error.path().forEach(p -> assertClean("GraphQlError.path", p));
    error.classification().ifPresent(c -> assertClean("GraphQlError.classification", c));
    assertClean("GraphQlError.toString", error.toString());
  }

  private void assertClean(RegisterTenantResult result) {
    assertClean("result.toString", result.toString());
    result.tenantId().ifPresent(id -> assertClean("result.tenantId", id));
    for (UserError u : result.userErrors()) {
      assertClean("UserError.message", u.message());
      u.path().forEach(p -> assertClean("UserError.path", p));
      assertClean("UserError.toString", u.toString());
    }
  }

  @Test
  void graphQlErrorsPartialDataAndRequestIdEchoingEverySecretComeOutScrubbedAndPrintable() {
    try (CapturedLogs logs = new CapturedLogs()) {
      AresGraphQlException e =
          assertThrows(
              AresGraphQlException.class, () -> client.registerTenant(externalMatcherTenant()));
      assertClean("getMessage", e.getMessage());
      assertClean("toString", e.toString());
      assertClean("requestId", e.requestId().orElseThrow());
      assertEquals(2, e.errors().size());
      e.errors().forEach(this::assertClean);
      e.requestErrors().forEach(this::assertClean);
      e.fieldErrors().forEach(this::assertClean);
      RegisterTenantResult partial = e.partialResult().orElseThrow();
      assertClean(partial);
      AresUserErrorsException userErrors =
          assertThrows(AresUserErrorsException.class, partial::requireTenantId);
      assertClean("AresUserErrorsException.getMessage", userErrors.getMessage());
      userErrors.userErrors().forEach(u -> assertClean("userErrors()", u.toString()));
      assertTrue(e.getMessage().contains("****"), e.getMessage());
      assertTrue(e.requestId().get().contains("\\u001b[2J"), e.requestId().get());
      assertFalse(logs.lines().isEmpty(), "the TRACE/DEBUG lines were not captured");
      logs.lines().forEach(line -> assertClean("log line", line));
    }
  }

  @Test
  void userErrorsEchoingSecretsComeOutScrubbedAndPrintable() {
    mode = "userErrors";
    RegisterTenantResult result = client.registerTenant(externalMatcherTenant());
    assertFalse(result.isSuccess());
    assertClean(result);
    AresUserErrorsException e =
        assertThrows(AresUserErrorsException.class, result::requireTenantId);
    assertClean("getMessage", e.getMessage());
    assertClean("toString", e.toString());
  }

  @Test
  void anHttpErrorEchoingSecretsInItsRequestIdComesOutScrubbedAndPrintable() {
    mode = "http500";
    try (CapturedLogs logs = new CapturedLogs()) {
      AresHttpException e =
          assertThrows(
              AresHttpException.class, () -> client.registerTenant(externalMatcherTenant()));
      assertEquals(500, e.statusCode());
      assertClean("getMessage", e.getMessage());
      assertClean("requestId", e.requestId().orElseThrow());
      logs.lines().forEach(line -> assertClean("log line", line));
    }
  }

  @Test
  void aJwtSuppliedPerAttemptIsScrubbedWhateverAttemptItCameFrom() {
    mode = "throttleThenGraphql";
    try (CapturedLogs logs = new CapturedLogs()) {
      AresGraphQlException e =
          assertThrows(
              AresGraphQlException.class, () -> client.registerTenant(externalMatcherTenant()));
      assertEquals(2, e.attempts());
      assertEquals(2, jwtsIssued.size());
      assertClean("getMessage", e.getMessage());
      assertClean("requestId", e.requestId().orElseThrow());
      logs.lines().forEach(line -> assertClean("log line", line));
      assertTrue(
          logs.lines().stream().anyMatch(l -> l.contains("request id rid ****")),
          String.join("\n", logs.lines()));
    }
  }

  @Test
  void anInvalidAnswerEchoingTheRequestLeavesNoSecretInTheCauseChain() throws Exception {
    // HttpClient quotes a malformed header line in its own exception message; a raw socket lets
    // the server send one that echoes the request's headers and a terminal attack.
    try (java.net.ServerSocket raw =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                try (java.net.Socket socket = raw.accept()) {
                  java.io.BufferedReader in =
                      new java.io.BufferedReader(
                          new java.io.InputStreamReader(
                              socket.getInputStream(), StandardCharsets.ISO_8859_1));
                  StringBuilder headers = new StringBuilder();
                  for (String line = in.readLine();
                      line != null && !line.isEmpty();
                      line = in.readLine()) {
                    headers.append(line.replace(':', ' ')).append(' ');
                  }
                  socket
                      .getOutputStream()
                      .write(
                          ("HTTP/1.1 200 OK\r\necho "
                                  + headers
                                  + TERMINAL_ATTACK
                                  + "\r\nContent-Length: 2\r\n\r\n{}")
                              .getBytes(StandardCharsets.ISO_8859_1));
                  socket.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                  // the client side decides the outcome
                }
              });
      answering.start();
      try (AresClient rawClient =
          AresClient.builder()
              .endpoint("http://127.0.0.1:" + raw.getLocalPort() + "/graphql")
              .apiKey(Fixtures.API_KEY)
              .environmentId("env-123")
              .gatewaySignature(ROTATING_JWT + "raw")
              .build()) {
        AresException e =
            assertThrows(
                AresException.class, () -> rawClient.registerTenant(externalMatcherTenant()));
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        assertNotNull(e.getCause(), () -> "the cause is kept for diagnosis: " + e);
        assertTrue(trace.toString().contains("ProtocolException"), trace.toString());
        for (String secret : List.of(Fixtures.API_KEY, ROTATING_JWT + "raw", "rotating-SECRET")) {
          assertFalse(
              trace.toString().contains(secret), "the stack trace holds a secret: " + trace);
        }
        assertFalse(trace.toString().contains("\u001b"), "the stack trace holds ESC: " + trace);
      }
      answering.join(10_000);
    }
  }
}
