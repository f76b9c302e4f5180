package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.junit.jupiter.api.Test;

/**
 * How an async call ends when something other than an answer ends it: a cancel by the caller (no
 * event after {@code callEnd}, no retry), a step that throws an {@link Error} (the future fails, it
 * does not hang), and a {@link HttpEngine#close()} called from the call's own callback (it returns
 * at once and leaves no engine thread behind).
 */
class HttpEngineAsyncEndsTest extends AsyncEngineFixture {

  /** Records each event's name, in order. */
  private static final class Recording implements HttpEventListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void callStart(HttpCallInfo call) {
      events.add("callStart");
    }

    @Override
    public void attemptStart(HttpCallInfo call, int attempt) {
      events.add("attemptStart");
    }

    @Override
    public void attemptFailed(
        HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
      events.add("attemptFailed");
    }

    @Override
    public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
      events.add("retryScheduled");
    }

    @Override
    public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
      events.add("callEnd");
    }
  }

  @Test
  void aCancelledCallEndsWithCallEndAndIsNotRetried() throws Exception {
    Recording recording = new Recording();
    try (ServerSocket silent = new ServerSocket(0)) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x");
      CompletableFuture<HttpAnswer> future =
          engine.executeAsync(emptyPost(uri).events(recording, "test", "op").build());
      try (Socket accepted = silent.accept()) {
        InputStream in = accepted.getInputStream();
        assertTrue(in.read() >= 0, "the request arrived");
        assertTrue(future.cancel(true));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!engine.inFlight().isEmpty() && System.nanoTime() < end) {
          Thread.onSpinWait(); // the exchange's end is reported on another thread
        }
        assertTrue(engine.inFlight().isEmpty(), "the exchange ended");
      }
      engine.close(); // waits for the steps handed over, such as the exchange's end
    }
    assertEquals(List.of("callStart", "attemptStart", "callEnd"), recording.events);
  }

  @Test
  void anErrorInARetryFailsTheFuture() {
    server.enqueue(new MockResponse.Builder().code(503).build());
    URI uri = server.url("/x").uri();
    AtomicInteger requests = new AtomicInteger();
    AssertionError boom = new AssertionError("the request could not be made");
    HttpCall call =
        HttpCall.to(
                "test",
                uri,
                () -> {
                  if (requests.incrementAndGet() > 1) {
                    throw boom;
                  }
                  return new HttpPost(uri);
                })
            .retryPolicy(quickRetries())
            .build();
    CompletableFuture<HttpAnswer> future = engine.executeAsync(call);
    ExecutionException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> {
              try {
                future.get();
              } catch (ExecutionException failed) {
                return failed;
              }
              throw new AssertionError("the call succeeded");
            });
    assertSame(boom, e.getCause());
  }

  @Test
  void closeFromACallbackReturnsAtOnceAndLeavesNoEngineThread() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    CompletableFuture<Long> closing = new CompletableFuture<>();
    engine
        .executeAsync(emptyPost(server.url("/x").uri()).build())
        .whenComplete(
            (answer, failure) -> {
              long start = System.nanoTime();
              engine.close();
              closing.complete(System.nanoTime() - start);
            });
    long nanos = closing.get(10, TimeUnit.SECONDS);
    assertTrue(nanos < TimeUnit.SECONDS.toNanos(1), "close took " + nanos / 1_000_000 + " ms");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!engineThreads().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(10); // threads end just after the callback returns
    }
    assertEquals(List.of(), engineThreads());
  }

  @Test
  void closeFromACallbackFailsTheOtherCallsInFlight() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      URI stalling = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x");
      CompletableFuture<HttpAnswer> other = engine.executeAsync(emptyPost(stalling).build());
      try (Socket accepted = silent.accept()) {
        assertTrue(accepted.getInputStream().read() >= 0, "the other request arrived");
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        engine
            .executeAsync(emptyPost(server.url("/x").uri()).build())
            .whenComplete((answer, failure) -> engine.close());
        Throwable failure =
            assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> other.handle((answer, e) -> e).get());
        assertEquals(
            TransportFailure.CLOSED,
            ((HttpCallException) failure).failure(),
            String.valueOf(failure));
      }
    }
  }

  private static List<String> engineThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(THREADS) && t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
