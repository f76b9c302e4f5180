package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresException;
import dev.ares.core.AresHttpException;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.testsupport.RecordingListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An IMS endpoint and an App Builder action that reflect the request (headers and body, so the
 * client id and secret of the token form and the bearer token) into their error texts, warnings and
 * {@code x-request-id}, with terminal escapes. Nothing the matcher throws, returns for display or
 * logs at TRACE may hold a secret or a control character.
 */
class ExternalMatcherEchoTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLIENT_ID = "client-id-ECHO-42";
  // A space and '+/=' make the token form carry the secret form-encoded, not raw.
  private static final String CLIENT_SECRET = "p8e-ECHO SECRET+/=77";
  private static final String TOKEN = "eyJ-ims-ACCESS-TOKEN-9876";
  private static final String TERMINAL_ATTACK = "\u001b[2J\u001b[31mFAKE\u0007\r\nforged: line";
  private static final Set<String> RAW_TRAFFIC_LOGGERS =
      Set.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\u202e]");

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private Level previous;
  private MockWebServer server;
  private volatile String imsMode = "token";
  private volatile String actionMode = "warnings";

  @BeforeEach
  void start() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    root.setLevel(Level.TRACE);
    captured.start();
    root.addAppender(captured);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return request.getUrl().encodedPath().startsWith("/ims")
                ? ims(request)
                : action(request);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    root.detachAppender(captured);
    root.setLevel(previous);
  }

  private static String echo(RecordedRequest request) {
    StringBuilder b = new StringBuilder(TERMINAL_ATTACK).append('\n');
    request
        .getHeaders()
        .forEach(h -> b.append(h.getFirst()).append(": ").append(h.getSecond()).append('\n'));
    return b.append(request.getBody().string(StandardCharsets.UTF_8)).toString();
  }

  private static MockResponse answer(int status, RecordedRequest request, ObjectNode body) {
    String requestId =
        "rid "
            + request.getHeaders().get("Authorization")
            + " "
            + request.getBody().string(StandardCharsets.UTF_8)
            + " \u001b[2J\u0007";
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .addHeaderLenient("x-request-id", requestId)
        .body(body.toString())
        .build();
  }

  private MockResponse ims(RecordedRequest request) {
    if (imsMode.equals("token")) {
      return answer(
          200,
          request,
          JSON.createObjectNode()
              .put("access_token", TOKEN)
              .put("token_type", "bearer")
              .put("expires_in", 86399));
    }
    int status = imsMode.equals("refused") ? 401 : 500;
    return answer(
        status,
        request,
        JSON.createObjectNode()
            .put("error", "invalid_client")
            .put("error_description", echo(request)));
  }

  private MockResponse action(RecordedRequest request) {
    String echo = echo(request);
    switch (actionMode) {
      case "warnings":
        {
          ObjectNode body = JSON.createObjectNode().put("asset_id", ASSET.assetId());
          body.putArray("product_matches")
              .addObject()
              .put("product_sku", "sku-7")
              .putArray("asset_roles")
              .add("image");
          body.putArray("warnings").add(echo).add("second " + echo);
          return answer(200, request, body);
        }
      case "wrapped":
        {
          ObjectNode body = JSON.createObjectNode().put("statusCode", 502);
          body.putObject("body").put("error", echo);
          return answer(200, request, body);
        }
      case "malformed":
        return answer(200, request, JSON.createObjectNode().put("product_matches", echo));
      default:
        return answer(500, request, JSON.createObjectNode().put("error", echo));
    }
  }

  private ExternalMatcher matcher() {
    return matcherBuilder().build();
  }

  private ExternalMatcher.Builder matcherBuilder() {
    String base = server.url("").toString().replaceAll("/$", "");
    ExternalMatcherInput rule =
        ExternalMatcherInput.builder()
            .assetToProductUrl(base + "/a2p")
            .productToAssetUrl(base + "/p2a")
            .credentials(
                ExternalMatcherCredentialsInput.builder()
                    .oauthServerUrl(base + "/ims/token/v3")
                    .clientId(CLIENT_ID)
                    .clientSecret(CLIENT_SECRET)
                    .imsOrgId("1234ABCD@AdobeOrg")
                    .build())
            .build();
    return ExternalMatcher.builder()
        .rule(rule)
        .retryPolicy(TestPolicies.of(1, Duration.ofMillis(1)));
  }

  private static List<String> secretPieces() {
    List<String> pieces = new ArrayList<>();
    for (String secret : List.of(CLIENT_ID, CLIENT_SECRET, TOKEN)) {
      pieces.add(secret);
      pieces.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
    pieces.add("ECHO"); // any piece of the client id or secret left behind
    pieces.add("ACCESS-TOKEN");
    return pieces;
  }

  private static void assertClean(String what, String text) {
    for (String piece : secretPieces()) {
      assertFalse(text.contains(piece), what + " holds a piece of a secret: " + text);
    }
    assertFalse(UNPRINTABLE.matcher(text).find(), what + " holds a control character: " + text);
  }

  private void assertLogsClean() {
    assertTrue(
        captured.list.stream().anyMatch(e -> e.getLoggerName().startsWith("dev.ares")),
        "our own log lines were captured");
    for (ILoggingEvent event : captured.list) {
      if (!RAW_TRAFFIC_LOGGERS.contains(event.getLoggerName())) {
        assertClean("log line of " + event.getLoggerName(), event.getFormattedMessage());
      }
    }
  }

  @Test
  void aListenerHearsTheTokenAndTheActionCallsWithRequestIdsScrubbed() {
    RecordingListener heard = new RecordingListener();
    try (ExternalMatcher m = matcherBuilder().eventListener(heard).build()) {
      m.matchAsset(ASSET);
    }
    assertEquals(
        List.of("imsToken", "assetToProduct"),
        heard.calls.stream().map(HttpCallInfo::operation).distinct().toList());
    assertEquals(
        Set.of("ExternalMatcher"),
        heard.calls.stream().map(HttpCallInfo::client).collect(Collectors.toSet()));
    assertEquals(
        List.of("callEnd SUCCESS 200 - 1", "callEnd SUCCESS 200 - 1"),
        heard.linesStartingWith("callEnd"));
    assertEquals(2, heard.linesStartingWith("response 1 200 rid ").size(), heard.toString());
    assertClean("what the listener heard", heard.toString());
  }

  @Test
  void warningsAndRequestIdsEchoingTheTokenAreScrubbedAndPrintable() {
    try (ExternalMatcher m = matcher()) {
      AssetToProductResult result = m.matchAsset(ASSET);
      assertEquals("sku-7", result.productMatches().get(0).productSku());
      assertEquals(2, result.warnings().size());
      result.warnings().forEach(w -> assertClean("warning", w));
      assertClean("result", result.toString());
      assertTrue(result.warnings().get(0).startsWith("\\u001b[2J"), result.warnings().get(0));
    }
    assertLogsClean();
  }

  @Test
  void actionErrorsEchoingTheTokenAreScrubbedAndPrintable() {
    for (String mode : List.of("wrapped", "status", "malformed")) {
      actionMode = mode;
      try (ExternalMatcher m = matcher()) {
        AresException e = assertThrows(AresException.class, () -> m.matchAsset(ASSET));
        assertClean(mode + " getMessage", e.getMessage());
        assertClean(mode + " toString", e.toString());
        assertClean(
            mode + " host",
            e instanceof AresHttpException status
                ? status.host()
                : ((ExternalMatcherException) e).host());
      }
    }
    assertLogsClean();
  }

  @Test
  void imsErrorsEchoingTheClientSecretAreScrubbedAndPrintable() {
    for (String mode : List.of("refused", "failed")) {
      imsMode = mode;
      try (ExternalMatcher m = matcher()) {
        Class<? extends AresException> type =
            mode.equals("refused") ? ExternalMatcherException.class : AresHttpException.class;
        AresException e = assertThrows(type, () -> m.matchAsset(ASSET));
        if (e instanceof ExternalMatcherException refused) {
          assertEquals(ExternalMatcherException.Reason.TOKEN_REFUSED, refused.reason());
        }
        assertClean(mode + " getMessage", e.getMessage());
        assertClean(mode + " toString", e.toString());
        assertTrue(e.getMessage().contains("invalid_client"), e.getMessage());
      }
    }
    assertLogsClean();
  }
}
