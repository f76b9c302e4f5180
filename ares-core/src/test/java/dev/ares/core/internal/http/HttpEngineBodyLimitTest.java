package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.RetryPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The size cap on answers, for bodies of declared length and for chunked ones (no length known
 * until the end): a body up to the cap is read whole, a larger success is refused as {@code
 * TOO_LARGE} naming its status and request id, a larger error keeps its status and drops its page,
 * and a refused answer is not asked for again, even by a read.
 */
class HttpEngineBodyLimitTest {

  private static final int CAP = 10_000;

  private MockWebServer server;
  private HttpEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    assertEquals(0, engine.poolStats().getLeased());
    engine.close();
    server.close();
  }

  private HttpAnswer get() {
    return engine.execute(call());
  }

  /** A read (retried when that is harmless) with room for a retry, capped at {@link #CAP}. */
  private HttpCall call() {
    URI uri = server.url("/read").uri();
    return HttpCall.to("test", uri, () -> new HttpGet(uri))
        .idempotent(true)
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(2))
                .build())
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
        .maxResponseBytes(CAP)
        .build();
  }

  private static String text(int length) {
    return "x".repeat(length);
  }

  @Test
  void anAnswerWithoutABodyHasAnEmptyOne() {
    server.enqueue(new MockResponse.Builder().code(204).addHeader("x-request-id", "r-204").build());
    HttpAnswer answer = get();
    assertEquals(204, answer.status());
    assertEquals("r-204", answer.requestId());
    assertArrayEquals(new byte[0], answer.body());
    assertEquals(1, answer.attempts());
  }

  @Test
  void aChunkedBodyWithinTheCapIsReadWhole() {
    server.enqueue(
        new MockResponse.Builder().code(200).chunkedBody(text(2_500) + "end", 1_000).build());
    assertEquals(text(2_500) + "end", new String(get().body(), StandardCharsets.UTF_8));
  }

  @Test
  void aChunkedBodyOfExactlyTheCapIsReadWhole() {
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(text(CAP), 4_096).build());
    assertEquals(CAP, get().body().length);
  }

  @Test
  void aChunkedSuccessOverTheCapIsRefusedAndNotAskedForAgain() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("x-request-id", "r-big")
            .chunkedBody(text(CAP + 1), 4_096)
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("small").build());
    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, this::get);
    assertEquals(200, e.status());
    assertEquals("r-big", e.requestId());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount(), "an oversized answer was asked for again");
  }

  @Test
  void aSuccessDeclaredOverTheCapIsRefusedWithItsStatusAndRequestId() {
    server.enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("x-request-id", "r-declared")
            .body(text(CAP + 1))
            .build());
    server.enqueue(new MockResponse.Builder().code(200).body("small").build());
    ResponseTooLargeException e = assertThrows(ResponseTooLargeException.class, this::get);
    assertEquals(200, e.status());
    assertEquals("r-declared", e.requestId());
    URI uri = server.url("/").uri();
    assertEquals(
        "test at "
            + uri.getHost()
            + ":"
            + uri.getPort()
            + " answered with a body larger than "
            + CAP
            + " bytes",
        e.getMessage());
    assertEquals(1, server.getRequestCount(), "an oversized answer was asked for again");
  }

  @Test
  void aDeclaredBodyOfExactlyTheCapIsReadWhole() {
    server.enqueue(new MockResponse.Builder().code(200).body(text(CAP)).build());
    assertEquals(CAP, get().body().length);
  }

  @Test
  void aDeclaredPageOverTheCapOfAnAnswerThatIsNotASuccessIsDropped() {
    // 300 is the first status that is not a success; 500 the usual error.
    for (int status : new int[] {300, 500}) {
      server.enqueue(
          new MockResponse.Builder()
              .code(status)
              .addHeader("x-request-id", "r-" + status)
              .body(text(CAP + 1))
              .build());
      HttpAnswer answer = get();
      assertEquals(status, answer.status());
      assertEquals("r-" + status, answer.requestId());
      assertArrayEquals(new byte[0], answer.body());
    }
  }

  @Test
  void aChunkedErrorOverTheCapKeepsItsStatusAndDropsThePage() {
    server.enqueue(
        new MockResponse.Builder()
            .code(500)
            .addHeader("x-request-id", "r-500")
            .chunkedBody(text(CAP + 1), 4_096)
            .build());
    HttpAnswer answer = get();
    assertEquals(500, answer.status());
    assertEquals("r-500", answer.requestId());
    assertArrayEquals(new byte[0], answer.body());
  }
}
