package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.SECRET;
import static dev.ares.matching.ExternalMatcherFailuresTest.TOKEN;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresHttpException;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matching.testing.FakeImsTokenEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The client secret, the IMS token and the Authorization header never appear in log lines (any
 * level), exception messages or toString().
 *
 * <p>Apache HttpClient's own raw-traffic loggers ({@code org.apache.hc.client5.http.wire} and
 * {@code .headers}) print every byte sent, secrets included, when set to DEBUG; they are outside
 * this SDK's control and are documented as never to be enabled in production.
 */
class SecretsNeverLeakTest {

  private static final Set<String> RAW_TRAFFIC_LOGGERS =
      Set.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private Logger root;
  private Level previous;
  private ch.qos.logback.core.Appender<ILoggingEvent> console;
  private MockWebServer server;

  @BeforeEach
  void capture() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previous = root.getLevel();
    console = root.getAppender("CONSOLE");
    if (console != null) {
      root.detachAppender(console);
    }
    root.setLevel(Level.TRACE);
    captured.start();
    root.addAppender(captured);
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void release() {
    server.close();
    root.detachAppender(captured);
    root.setLevel(previous);
    if (console != null) {
      root.addAppender(console);
    }
  }

  @Test
  void noSecretInLogsExceptionsOrToString() {
    ExternalMatcherInput rule =
        ExternalMatcherFailuresTest.rule(server.url("").toString().replaceAll("/$", ""));
    List<String> texts = new ArrayList<>();
    server.enqueue(token());
    server.enqueue(json(200, ExternalMatcherFailuresTest.A2P));
    server.enqueue(json(401, "{}"));
    server.enqueue(token());
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(json(500, "{\"echo\":\"Bearer " + TOKEN + "\"}"));
    server.enqueue(json(200, "{\"product_matches\":\"" + TOKEN + "\"}"));
    server.enqueue(
        json(401, "{\"error\":\"invalid_client\",\"client_secret\":\"" + SECRET + "\"}"));
    try (ExternalMatcher m =
        ExternalMatcher.builder()
            .rule(rule)
            .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
            .build()) {
      texts.add(m.toString());
      texts.add(rule.toString());
      texts.add(rule.credentials().toString());
      m.matchAsset(ASSET);
      texts.add(assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET)).getMessage());
      texts.add(
          assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET)).getMessage());
      server.enqueue(json(401, "{}"));
      texts.add(
          assertThrows(ExternalMatcherException.class, () -> m.matchProduct("p")).getMessage());
      texts.add(m.toString());
    }
    texts.add(new FakeImsTokenEndpoint("id", SECRET).toString());
    texts.add(
        AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
            .allowAnonymous()
            .build()
            .toString());

    for (ILoggingEvent event : captured.list) {
      if (!RAW_TRAFFIC_LOGGERS.contains(event.getLoggerName())) {
        texts.add(event.getLoggerName() + ": " + event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
          texts.add(event.getThrowableProxy().getMessage());
        }
      }
    }
    assertTrue(
        captured.list.stream().anyMatch(e -> e.getLoggerName().startsWith("dev.ares")),
        "our own log lines were captured");
    for (String text : texts) {
      assertFalse(text.contains(SECRET), text);
      assertFalse(text.contains(TOKEN), text);
      assertFalse(text.contains("Bearer "), text);
    }
  }
}
