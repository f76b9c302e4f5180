package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.core.RetryPolicy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A store that reflects the signed request (its Authorization header, with {@code oauth_token} and
 * {@code oauth_consumer_key} percent-encoded) into its error message, after any amount of padding
 * and through Commerce's {@code %1} parameters. The verdict message must hold no part of a
 * credential and no control character, wherever the message is cut.
 */
class CredentialsCheckEchoTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  // '+', '/' and '=' make the header carry the percent-encoded form, not the raw one.
  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRET+/=VALUE-1")
          .consumerSecret("cs-SECRETVALUE-2")
          .accessToken("AT-access-token+/=SECRET-3")
          .accessTokenSecret("ats-SECRETVALUE-4")
          .build();
  private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}\u202e]");

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger sdkLogger = (Logger) LoggerFactory.getLogger("dev.ares");
  private Level sdkLevel;
  private final AtomicReference<Function<String, ObjectNode>> answer = new AtomicReference<>();
  private MockWebServer server;
  private CommerceCredentialsCheck check;

  @BeforeEach
  void start() throws Exception {
    sdkLevel = sdkLogger.getLevel();
    sdkLogger.setLevel(Level.TRACE);
    logs.start();
    sdkLogger.addAppender(logs);
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String echo =
                "Authorization: "
                    + request.getHeaders().get("Authorization")
                    + " \u001b[2J\u001b[31mFAKE\u0007\r\n\u202e";
            return new MockResponse.Builder()
                .code(401)
                .addHeader("Content-Type", "application/json")
                .body(answer.get().apply(echo).toString())
                .build();
          }
        });
    server.start();
    check =
        CommerceCredentialsCheck.builder()
            .baseUrl(server.url("/").toString())
            .credentials(CREDENTIALS)
            .retryPolicy(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() {
    sdkLogger.detachAppender(logs);
    sdkLogger.setLevel(sdkLevel);
    check.close();
    server.close();
  }

  private static List<String> secretPieces() {
    List<String> pieces = new java.util.ArrayList<>();
    for (String secret :
        List.of(
            CREDENTIALS.consumerKey(),
            CREDENTIALS.consumerSecret(),
            CREDENTIALS.accessToken(),
            CREDENTIALS.accessTokenSecret())) {
      String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      // Even the start of a secret must not survive a cut: "AT-access-to…" is a leak.
      pieces.add(secret.substring(0, 6));
      pieces.add(encoded.substring(0, 6));
    }
    return pieces;
  }

  private void assertClean(String what, String text) {
    for (String piece : secretPieces()) {
      assertFalse(text.contains(piece), what + " holds a piece of a secret: " + text);
    }
    assertFalse(UNPRINTABLE.matcher(text).find(), what + " holds a control character: " + text);
  }

  @Test
  void anEchoAfterAnyPaddingLeavesNoPieceOfACredentialInTheVerdict() {
    for (int padding = 0; padding <= 520; padding += 13) {
      String pad = "x".repeat(padding);
      answer.set(echo -> JSON.createObjectNode().put("message", pad + echo));
      CredentialsCheckResult result = check.run();
      assertEquals(CredentialsVerdict.BAD_CREDENTIALS, result.verdict());
      assertClean("message after " + padding + " characters", result.message());
      assertClean("result after " + padding + " characters", result.toString());
      assertTrue(result.message().length() <= 501, result.message());
    }
    logs.list.forEach(e -> assertClean("log line", e.getFormattedMessage()));
  }

  @Test
  void theIssuesCaseOf340CharactersOfPaddingIsMasked() {
    answer.set(echo -> JSON.createObjectNode().put("message", "p".repeat(340) + echo));
    String message = check.run().message();
    // The signature's encoded length varies, so the cut falls near the token, before or after it:
    // wherever it falls, what follows oauth_token=" is the mask or the cut, never the token.
    int at = message.indexOf("oauth_token=\"");
    if (at >= 0) {
      String after = message.substring(at + "oauth_token=\"".length());
      assertTrue(after.startsWith("****") || after.equals("…"), message);
    }
    assertClean("message", message);
  }

  @Test
  void anEchoThroughCommerceParametersIsMaskedAndPrintable() {
    answer.set(
        echo -> {
          ObjectNode body =
              JSON.createObjectNode().put("message", "The signature %1 is invalid %1");
          body.putArray("parameters").add(echo);
          return body;
        });
    CredentialsCheckResult result = check.run();
    assertClean("message", result.message());
    assertTrue(
        result.message().startsWith("The signature Authorization: OAuth "), result.message());
    assertTrue(result.message().contains("\\u001b[2J"), result.message());
  }

  @Test
  void aMessageMultipliedByItsParametersDoesNotExhaustMemory() {
    // 200 000 placeholders times a 100 000-character parameter would be 20 GB of text.
    answer.set(
        echo -> {
          ObjectNode body = JSON.createObjectNode().put("message", "%1".repeat(200_000));
          body.putArray("parameters").add("y".repeat(100_000) + echo);
          return body;
        });
    CredentialsCheckResult result = check.run();
    assertEquals(CredentialsVerdict.BAD_CREDENTIALS, result.verdict());
    assertTrue(result.message().length() <= 501, result.message());
  }
}
