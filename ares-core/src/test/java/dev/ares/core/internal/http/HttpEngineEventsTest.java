package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ares.core.AresTransportException;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import dev.ares.core.testsupport.FaultyPeers;
import dev.ares.core.testsupport.RecordingListener;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an {@link HttpEventListener} hears from the engine: the events of every attempt in order,
 * one {@code callEnd} however the call ends, and nothing a listener throws reaches the call.
 */
class HttpEngineEventsTest {

  private static final String SECRET = "s3cr3t-token-value";

  private MockWebServer server;
  private HttpEngine engine;
  private URI uri;
  private final RecordingListener heard = new RecordingListener();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    uri = server.url("/read").uri();
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    engine.close();
    server.close();
  }

  private HttpCall.Builder call(URI target, RetryPolicy policy) {
    return HttpCall.to("test", target, () -> new HttpGet(target))
        .retryPolicy(policy)
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(20))
        .events(heard, "TestClient", "read");
  }

  private static RetryPolicy twoAttempts() {
    Duration pause = Duration.ofMillis(1);
    return RetryPolicy.builder().maxAttempts(2).initialBackoff(pause).maxBackoff(pause).build();
  }

  private String host() {
    return uri.getHost() + ":" + uri.getPort();
  }

  @Test
  void anAnsweredCallIsHeardFromStartToEnd() {
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    engine.execute(call(uri, RetryPolicy.none()).build());
    assertEquals(
        List.of("callStart", "attemptStart 1", "response 1 200 null", "callEnd SUCCESS 200 - 1"),
        heard.lines);
    assertEquals(HttpCallInfo.of("TestClient", "read", host()), heard.calls.get(0));
    assertEquals(1, heard.calls.stream().distinct().count(), heard.toString());
    Duration attempt = heard.durations.get(0);
    Duration call = heard.durations.get(1);
    assertTrue(call.compareTo(attempt) >= 0, heard.toString());
  }

  @Test
  void aThrottledAttemptIsRetriedAfterTheScheduledDelay() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    engine.execute(call(uri, twoAttempts()).build());
    assertEquals(
        List.of(
            "callStart",
            "attemptStart 1",
            "response 1 503 null",
            "retryScheduled 1",
            "attemptStart 2",
            "response 2 200 null",
            "callEnd SUCCESS 200 - 2"),
        heard.lines);
    assertEquals(1, heard.retryDelays.size());
    Duration delay = heard.retryDelays.get(0);
    assertTrue(
        !delay.isNegative() && delay.compareTo(Duration.ofMillis(1)) <= 0, "the backoff: " + delay);
  }

  @Test
  void aFinalErrorStatusEndsAsHttpError() {
    server.enqueue(new MockResponse.Builder().code(500).build());
    engine.execute(call(uri, RetryPolicy.none()).build());
    assertEquals("callEnd HTTP_ERROR 500 - 1", heard.last());
  }

  @Test
  void aRefusedConnectionIsAFailedAttemptAndATransportFailure() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + FaultyPeers.closedPort() + "/read");
    assertThrows(
        HttpCallException.class, () -> engine.execute(call(closed, RetryPolicy.none()).build()));
    assertEquals(
        List.of(
            "callStart",
            "attemptStart 1",
            "attemptFailed 1 CONNECT_REFUSED",
            "callEnd TRANSPORT_FAILURE - CONNECT_REFUSED 1"),
        heard.lines);
  }

  @Test
  void anOversizedAnswerIsHeardWithItsStatusAndEndsTooLarge() {
    server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(100)).build());
    assertThrows(
        ResponseTooLargeException.class,
        () -> engine.execute(call(uri, RetryPolicy.none()).maxResponseBytes(10).build()));
    assertEquals(
        List.of(
            "callStart",
            "attemptStart 1",
            "response 1 200 null",
            "callEnd RESPONSE_TOO_LARGE 200 - 1"),
        heard.lines);
  }

  @Test
  void aRequestThatCouldNotBeBuiltEndsBeforeAnyAttempt() {
    HttpCall failingSupplier =
        HttpCall.to(
                "test",
                uri,
                () -> {
                  throw new AresTransportException(
                      TransportFailure.REQUEST_NOT_BUILT, "no JWT", "h", 0, false, null);
                })
            .events(heard, "TestClient", "read")
            .build();
    assertThrows(AresTransportException.class, () -> engine.execute(failingSupplier));
    assertEquals(
        List.of("callStart", "callEnd TRANSPORT_FAILURE - REQUEST_NOT_BUILT 0"), heard.lines);

    heard.lines.clear();
    HttpCall invalid =
        HttpCall.to(
                "test",
                uri,
                () -> {
                  throw new IllegalStateException("refused value");
                })
            .events(heard, "TestClient", "read")
            .build();
    assertThrows(IllegalStateException.class, () -> engine.execute(invalid));
    assertEquals(List.of("callStart", "callEnd ERROR - - 0"), heard.lines);
  }

  @Test
  void aClosedEngineEndsTheCallAsClosed() {
    engine.close();
    assertThrows(
        HttpCallException.class, () -> engine.execute(call(uri, RetryPolicy.none()).build()));
    assertEquals(List.of("callStart", "callEnd TRANSPORT_FAILURE - CLOSED 0"), heard.lines);
  }

  @Test
  void theRequestIdIsHeardMaskedAndPrintable() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeaderLenient("x-request-id", "id-" + SECRET + "\u001b[2J")
            .build());
    engine.execute(
        call(uri, RetryPolicy.none())
            .serverText(() -> ServerText.masking(List.of(SECRET)))
            .build());
    String response = heard.lines.get(2);
    assertEquals("response 1 200 id-" + ServerText.MASK + "\\u001b[2J", response);
    assertFalse(heard.toString().contains(SECRET));
  }

  @Test
  void aListenerThatThrowsEverywhereChangesNothingAndTheNextListenerStillHearsAll() {
    HttpEventListener throwing =
        new HttpEventListener() {
          @Override
          public void callStart(HttpCallInfo call) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void attemptStart(HttpCallInfo call, int attempt) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void responseReceived(
              HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
            throw new IllegalStateException("listener bug");
          }
        };
    // The warnings the engine logs for each throw are captured here, off the build's console.
    Logger log = (Logger) LoggerFactory.getLogger("dev.ares.http");
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    log.addAppender(warnings);
    log.setAdditive(false);
    try {
      server.enqueue(new MockResponse.Builder().code(503).build());
      server.enqueue(new MockResponse.Builder().code(204).build());
      HttpAnswer answer =
          engine.execute(
              call(uri, twoAttempts())
                  .events(throwing.andThen(heard), "TestClient", "read")
                  .build());
      assertEquals(204, answer.status());
      assertEquals(7, heard.lines.size(), heard.lines.toString());
      assertEquals("callEnd SUCCESS 204 - 2", heard.last());

      heard.lines.clear();
      server.enqueue(new MockResponse.Builder().code(200).build());
      assertEquals(
          200,
          engine
              .execute(call(uri, RetryPolicy.none()).events(throwing, "T", "r").build())
              .status());
    } finally {
      log.setAdditive(true);
      log.detachAppender(warnings);
    }
    List<String> expected =
        List.of(
                "callStart",
                "attemptStart",
                "responseReceived",
                "retryScheduled",
                "attemptStart",
                "responseReceived",
                "callEnd",
                "callStart",
                "attemptStart",
                "responseReceived",
                "callEnd")
            .stream()
            .map(
                event ->
                    "WARN HTTP event listener "
                        + throwing.getClass().getName()
                        + " threw java.lang.IllegalStateException in "
                        + event
                        + "; the call goes on")
            .toList();
    assertEquals(
        expected,
        warnings.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .map(e -> e.getLevel() + " " + e.getFormattedMessage())
            .toList());
  }

  @Test
  void noneAndLoggingAreSingletonsThatChainWithOthers() {
    assertSame(HttpEventListener.none(), HttpEventListener.none());
    assertSame(HttpEventListener.logging(), HttpEventListener.logging());
    assertThrows(NullPointerException.class, () -> HttpEventListener.none().andThen(null));
    assertEquals(
        "HttpEventListener.logging().andThen(HttpEventListener.none())",
        HttpEventListener.logging().andThen(HttpEventListener.none()).toString());
  }
}
