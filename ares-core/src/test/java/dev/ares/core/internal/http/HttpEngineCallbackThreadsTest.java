package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * Where an async call's future completes: on the engine's callback threads, never on its deadline
 * thread or an I/O thread, so that a callback which blocks (even on another call of the same
 * engine) stalls neither deadlines, retries nor I/O.
 */
class HttpEngineCallbackThreadsTest extends AsyncEngineFixture {

  private HttpCall call(Duration attemptTimeout, RetryPolicy retries) {
    return call(server.url("/x").uri(), attemptTimeout, retries);
  }

  private static HttpCall call(URI uri, Duration attemptTimeout, RetryPolicy retries) {
    return emptyPost(uri)
        .retryPolicy(retries)
        .timeouts(Duration.ofSeconds(1), attemptTimeout, Duration.ofSeconds(10))
        .build();
  }

  private void enqueueStall() {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
  }

  @Test
  void anAttemptTimeoutCompletesTheFutureOnACallbackThread() throws Exception {
    enqueueStall();
    CompletableFuture<String> thread = new CompletableFuture<>();
    CompletableFuture<HttpAnswer> future =
        engine.executeAsync(call(Duration.ofMillis(200), RetryPolicy.none()));
    future.whenComplete((answer, failure) -> thread.complete(Thread.currentThread().getName()));
    String name = thread.get(10, TimeUnit.SECONDS);
    assertFalse(name.contains("deadline"), name);
    assertFalse(name.contains("-io"), name);
    assertTrue(name.startsWith(THREADS + "-callbacks"), name);
  }

  @Test
  void anAnswerCompletesTheFutureOnACallbackThread() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    CompletableFuture<String> thread = new CompletableFuture<>();
    engine
        .executeAsync(call(Duration.ofSeconds(5), RetryPolicy.none()))
        .whenComplete((answer, failure) -> thread.complete(Thread.currentThread().getName()));
    String name = thread.get(10, TimeUnit.SECONDS);
    assertTrue(name.startsWith(THREADS + "-callbacks"), name);
  }

  @Test
  void aCallbackMayWaitForAnotherCallThatRetries() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(new MockResponse.Builder().code(200).body("second").build());
    try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog), never answers
      URI stalling = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x");
      HttpAnswer answer =
          assertTimeoutPreemptively(
              Duration.ofSeconds(5),
              () ->
                  engine
                      .executeAsync(call(stalling, Duration.ofMillis(200), RetryPolicy.none()))
                      .exceptionally(
                          e -> {
                            assertEquals(
                                TransportFailure.ATTEMPT_TIMEOUT,
                                assertInstanceOf(HttpCallException.class, e).failure());
                            return engine
                                .executeAsync(call(Duration.ofSeconds(5), quickRetries()))
                                .join();
                          })
                      .get());
      assertEquals(200, answer.status());
      assertEquals(2, server.getRequestCount());
    }
  }
}
