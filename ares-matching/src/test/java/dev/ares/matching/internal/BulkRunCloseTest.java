package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.BulkOutcome;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BulkRun#close()} from another thread than the consumer's (a watchdog). */
class BulkRunCloseTest {

  private static final int CONCURRENCY = 4;

  /** Calls whose futures the test completes or leaves pending. */
  private static final class HeldCalls {
    final AtomicInteger started = new AtomicInteger();
    final ConcurrentLinkedQueue<CompletableFuture<String>> futures = new ConcurrentLinkedQueue<>();
    final LinkedBlockingQueue<CompletableFuture<String>> toComplete = new LinkedBlockingQueue<>();
    final CountDownLatch startedEnough;

    HeldCalls(int enough) {
      startedEnough = new CountDownLatch(enough);
    }

    CompletableFuture<String> call(Long item) {
      started.incrementAndGet();
      CompletableFuture<String> future = new CompletableFuture<>();
      futures.add(future);
      toComplete.add(future);
      startedEnough.countDown();
      return future;
    }
  }

  private static BulkRun<Long, String> run(HeldCalls calls, boolean inputOrder) {
    Iterator<Long> endless = LongStream.iterate(0, i -> i + 1).boxed().iterator();
    return new BulkRun<>(
        endless,
        "items",
        String::valueOf,
        calls::call,
        CONCURRENCY,
        inputOrder,
        null,
        Duration.ZERO,
        System::nanoTime);
  }

  /** The consumer: pulls until the run ends; what it got after {@code closed} was set, if any. */
  private static Thread consumer(
      BulkRun<Long, String> run,
      AtomicReference<Throwable> failure,
      AtomicReference<BulkOutcome<String>> afterClose,
      java.util.concurrent.atomic.AtomicBoolean closed) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (run.hasNext()) {
                  BulkOutcome<String> outcome = run.next();
                  if (closed.get()) {
                    afterClose.compareAndSet(null, outcome);
                  }
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "bulk-consumer");
    t.setDaemon(true);
    return t;
  }

  @ParameterizedTest(name = "inputOrder={0}")
  @ValueSource(booleans = {true, false})
  void aWaitingConsumerEndsWhenAnotherThreadClosesAndNoCallStartsAfter(boolean inputOrder)
      throws Exception {
    HeldCalls calls = new HeldCalls(CONCURRENCY);
    BulkRun<Long, String> run = run(calls, inputOrder);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<BulkOutcome<String>> afterClose = new AtomicReference<>();
    var closed = new java.util.concurrent.atomic.AtomicBoolean();
    Thread consumer = consumer(run, failure, afterClose, closed);
    consumer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // Every call is held, so the consumer ends up waiting for the first outcome.
    while (!(calls.started.get() == CONCURRENCY
        && (consumer.getState() == Thread.State.WAITING
            || consumer.getState() == Thread.State.TIMED_WAITING))) {
      assertTrue(System.nanoTime() < deadline, "the consumer never waited: " + consumer.getState());
      Thread.onSpinWait();
    }
    closed.set(true);
    run.close();
    int startedAtClose = calls.started.get();
    consumer.join(10_000);
    assertTrue(!consumer.isAlive(), "the consumer still waits after close");
    assertNull(failure.get(), () -> "the consumer failed: " + failure.get());
    assertNull(afterClose.get(), "an outcome was delivered after close");
    assertEquals(CONCURRENCY, startedAtClose);
    assertEquals(startedAtClose, calls.started.get(), "a call started after close");
    assertTrue(calls.futures.stream().allMatch(CompletableFuture::isCancelled));
  }

  @ParameterizedTest(name = "inputOrder={0}")
  @ValueSource(booleans = {true, false})
  void closingWhileCallsCompleteOnOtherThreadsNeverBreaksTheRun(boolean inputOrder)
      throws Exception {
    for (int round = 0; round < 50; round++) {
      int closeAfter = 20 + round;
      HeldCalls calls = new HeldCalls(closeAfter);
      BulkRun<Long, String> run = run(calls, inputOrder);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicReference<BulkOutcome<String>> afterClose = new AtomicReference<>();
      var closed = new java.util.concurrent.atomic.AtomicBoolean();
      Thread consumer = consumer(run, failure, afterClose, closed);
      var stop = new java.util.concurrent.atomic.AtomicBoolean();
      Thread completer =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    CompletableFuture<String> f = calls.toComplete.poll(10, TimeUnit.MILLISECONDS);
                    if (f != null) {
                      f.complete("ok");
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "completer");
      completer.setDaemon(true);
      consumer.start();
      completer.start();
      // Close while calls complete on the completer's thread and the consumer starts more.
      assertTrue(
          calls.startedEnough.await(10, TimeUnit.SECONDS) || failure.get() != null,
          "the run made no progress");
      run.close();
      int startedAtClose = calls.started.get();
      consumer.join(10_000);
      stop.set(true);
      completer.join(10_000);
      assertTrue(!consumer.isAlive(), "round " + round + ": the consumer still waits after close");
      assertNull(failure.get(), () -> "round " + failure.get());
      assertEquals(startedAtClose, calls.started.get(), "a call started after close");
      List<CompletableFuture<String>> left = List.copyOf(calls.futures);
      assertTrue(left.stream().allMatch(CompletableFuture::isDone), "a call left pending");
    }
  }

  @Test
  void closeIsIdempotentFromAnyThread() throws Exception {
    HeldCalls calls = new HeldCalls(CONCURRENCY);
    BulkRun<Long, String> run = run(calls, true);
    Thread other = new Thread(run::close);
    other.start();
    other.join(10_000);
    run.close();
    assertTrue(!run.hasNext());
    assertEquals(0, calls.started.get());
  }
}
