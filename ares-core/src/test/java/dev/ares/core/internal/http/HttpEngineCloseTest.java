package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpEngine#close()} fails calls in flight, waits for them to let go (and no longer than
 * that, and at most a bounded time), keeps the closing thread's interrupt, and the engine's
 * deadline thread never keeps a JVM alive.
 *
 * <p>A call is held in flight deterministically by its {@code serverText} rule, which the engine
 * asks while reading an answer with an {@code x-request-id}: cancelling the request cannot free it.
 */
class HttpEngineCloseTest {

  private MockWebServer server;
  private URI uri;
  private HttpEngine engine;
  private final CountDownLatch inRead = new CountDownLatch(1);
  private final CountDownLatch letGo = new CountDownLatch(1);
  private Thread caller;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    uri = server.url("/read").uri();
    engine =
        new HttpEngine(
            "ares-test-deadlines", null, 4, Duration.ofSeconds(2), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    letGo.countDown();
    if (caller != null) {
      caller.join(10_000);
      assertFalse(caller.isAlive(), "a call outlived the test");
    }
    engine.close();
    server.close();
  }

  /** Starts a call that stays in flight, inside the engine, until {@link #letGo}. */
  private void startHeldCall() throws InterruptedException {
    server.enqueue(
        new MockResponse.Builder().code(200).addHeader("x-request-id", "r-1").body("ok").build());
    Supplier<ServerText> holding =
        () -> {
          inRead.countDown();
          try {
            letGo.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return ServerText.withoutSecrets();
        };
    HttpCall call = HttpCall.to("test", uri, () -> new HttpGet(uri)).serverText(holding).build();
    caller =
        new Thread(
            () -> {
              try {
                engine.execute(call);
              } catch (HttpCallException expected) {
                // closed under it, or answered: either way the call ends
              }
            });
    caller.start();
    assertTrue(inRead.await(10, TimeUnit.SECONDS), "the call never got its answer");
  }

  /** Runs close() on its own thread; the latch opens when it returns. */
  private CountDownLatch closeInBackground(AtomicBoolean interruptedAfter, boolean interrupted) {
    CountDownLatch returned = new CountDownLatch(1);
    Thread closer =
        new Thread(
            () -> {
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
              engine.close();
              interruptedAfter.set(Thread.currentThread().isInterrupted());
              returned.countDown();
            });
    closer.start();
    return returned;
  }

  @Test
  void closeWaitsForACallInFlightAndReturnsOnceItLetsGo() throws Exception {
    startHeldCall();
    CountDownLatch closed = closeInBackground(new AtomicBoolean(), false);
    assertFalse(
        closed.await(200, TimeUnit.MILLISECONDS),
        "close() returned while a call was still in flight");
    letGo.countDown();
    long released = System.nanoTime();
    assertTrue(closed.await(10, TimeUnit.SECONDS), "close() did not return");
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
    // close() waits at most 2 s for calls in flight; the last one letting go must end the wait at
    // once, not at that bound (reached about 1.8 s after the release here).
    assertTrue(took < 1_000, "close() returned " + took + " ms after the last call let go");
  }

  @Test
  void closeGivesUpOnACallThatNeverLetsGo() throws Exception {
    startHeldCall();
    CountDownLatch closed = closeInBackground(new AtomicBoolean(), false);
    // The wait is bounded at 2 s; far more than that is allowed for a loaded machine.
    assertTrue(closed.await(10, TimeUnit.SECONDS), "close() hangs on a call that never lets go");
  }

  @Test
  void closeOnAnInterruptedThreadReturnsAndKeepsTheInterrupt() throws Exception {
    startHeldCall();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    CountDownLatch closed = closeInBackground(interruptedAfter, true);
    assertTrue(closed.await(10, TimeUnit.SECONDS), "close() did not return");
    assertTrue(interruptedAfter.get(), "close() swallowed the closing thread's interrupt");
  }

  @Test
  void closeFailsACallWaitingForAnAnswerOnACallersClient() throws Exception {
    // On a caller's client, which close() leaves open, only cancelling the request ends the call.
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    try (CloseableHttpClient callers = HttpClients.createDefault()) {
      HttpEngine onCallers =
          new HttpEngine(
              "ares-test-callers", callers, 4, Duration.ofSeconds(2), Duration.ofSeconds(30));
      HttpCall call =
          HttpCall.to("test", uri, () -> new HttpGet(uri))
              .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60))
              .build();
      caller =
          new Thread(
              () -> {
                try {
                  onCallers.execute(call);
                } catch (Throwable t) {
                  thrown.set(t);
                }
              });
      caller.start();
      assertNotNull(server.takeRequest(10, TimeUnit.SECONDS), "the call was not sent");
      onCallers.close();
      caller.join(10_000);
      assertFalse(caller.isAlive(), "the call still waits for its answer after close()");
      assertTrue(thrown.get() instanceof HttpCallException, "thrown: " + thrown.get());
      assertEquals(TransportFailure.CLOSED, ((HttpCallException) thrown.get()).failure());
    }
  }

  @Test
  void theDeadlineThreadIsADaemonAndEndsWithClose() {
    String name = "ares-test-daemon-" + System.nanoTime();
    HttpEngine named = new HttpEngine(name, null, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).toList();
    named.close();
    assertFalse(threads.isEmpty(), "no deadline thread named " + name);
    for (Thread t : threads) {
      assertTrue(t.isDaemon(), "the deadline thread would keep the JVM alive");
      assertFalse(t.isAlive(), "close() left the deadline thread running");
    }
  }
}
