package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ares.core.internal.ServerText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The default listener's debug line for each answered attempt (logger {@code dev.ares.http}):
 * client, operation, host, status, how long it took, the attempt, and the request id only when the
 * server sent one, masked and printable like any server text.
 */
class HttpEngineLogLineTest {

  private static final String SECRET = "s3cr3t-token-value";
  private static final Pattern ANSWERED =
      Pattern.compile("test call to (\\S+): answered HTTP (\\d+) in (\\d+) ms on attempt 1(.*)");

  private final Logger logger = (Logger) LoggerFactory.getLogger("dev.ares.http");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level levelBefore;
  private MockWebServer server;
  private HttpEngine engine;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    levelBefore = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
    server = new MockWebServer();
    server.start();
    uri = server.url("/read").uri();
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    engine.close();
    server.close();
    logger.detachAppender(appender);
    logger.setLevel(levelBefore);
  }

  private Matcher answeredLine() {
    List<String> lines =
        appender.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.contains("answered"))
            .toList();
    assertEquals(1, lines.size(), lines.toString());
    Matcher m = ANSWERED.matcher(lines.get(0));
    assertTrue(m.matches(), lines.get(0));
    assertEquals(uri.getHost() + ":" + uri.getPort(), m.group(1));
    assertTrue(Long.parseLong(m.group(3)) < 60_000, "took " + m.group(3) + " ms?");
    return m;
  }

  @Test
  void anAnsweredAttemptIsLoggedWithItsRequestIdMaskedAndPrintable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(201)
            .addHeaderLenient("x-request-id", "id-" + SECRET + "\u0007")
            .build());
    engine.execute(
        HttpCall.to("test", uri, () -> new HttpGet(uri))
            .serverText(() -> ServerText.masking(List.of(SECRET)))
            .build());
    Matcher m = answeredLine();
    assertEquals("201", m.group(2));
    assertEquals(" (request id id-" + ServerText.MASK + "\\u0007)", m.group(4));
  }

  @Test
  void theEndOfACallIsLoggedWithItsOutcomeStatusOrFailureAttemptsAndTime() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());
    engine.execute(HttpCall.to("test", uri, () -> new HttpGet(uri)).build());
    URI refused =
        URI.create("http://127.0.0.1:" + dev.ares.core.testsupport.FaultyPeers.closedPort() + "/");
    assertThrows(
        HttpCallException.class,
        () ->
            engine.execute(
                HttpCall.to("test", refused, () -> new HttpGet(refused))
                    .retryPolicy(dev.ares.core.RetryPolicy.none())
                    .build()));
    List<String> ends =
        appender.list.stream()
            .map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.contains(": ended "))
            .toList();
    assertEquals(2, ends.size(), ends.toString());
    assertTrue(
        ends.get(0)
            .matches(
                "test call to \\S+: ended SUCCESS \\(HTTP 204\\) after 1 attempt\\(s\\) in \\d+ ms"),
        ends.get(0));
    assertTrue(
        ends.get(1)
            .matches(
                "test call to 127\\.0\\.0\\.1:\\d+: ended TRANSPORT_FAILURE \\(CONNECT_REFUSED\\)"
                    + " after 1 attempt\\(s\\) in \\d+ ms"),
        ends.get(1));
  }

  @Test
  void anAnswerWithoutRequestIdIsLoggedWithoutOne() {
    server.enqueue(new MockResponse.Builder().code(200).build());
    engine.execute(HttpCall.to("test", uri, () -> new HttpGet(uri)).build());
    Matcher m = answeredLine();
    assertEquals("200", m.group(2));
    assertEquals("", m.group(4));
    assertFalse(m.group(0).contains("request id"));
  }
}
