package dev.ares.matching.internal;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matching.BulkFailure;
import dev.ares.matching.BulkOutcome;
import dev.ares.matching.BulkProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One bulk run, pulled by its consumer: each {@link #hasNext()} reads the input until {@code
 * concurrency} items are started and not yet delivered, then waits for the next outcome (the head
 * of the line, or whichever completes first). The input is read, the matcher called and the
 * progress callback run only on the consuming thread; the matcher's threads only complete futures.
 *
 * <p>So memory is bounded by the concurrency, not the input: at most {@code concurrency} items have
 * been read and not yet handed to the consumer, whatever the order mode.
 *
 * <p>One consumer thread calls {@link #hasNext()} and {@link #next()}; {@link #close()} may be
 * called from any thread (a watchdog): it starts no further call, cancels those in flight, and
 * wakes a waiting consumer, whose {@code hasNext()} then returns {@code false}. Internal: not part
 * of the public API.
 */
public final class BulkRun<I, T> implements Iterator<BulkOutcome<T>>, AutoCloseable {

  private static final class Slot<T> {
    final long index;
    final String id;
    final CompletableFuture<T> future;

    Slot(long index, String id, CompletableFuture<T> future) {
      this.index = index;
      this.id = id;
      this.future = future;
    }
  }

  private final Iterator<? extends I> input;
  private final String inputName;
  private final Function<? super I, String> idOf;
  private final Function<? super I, CompletableFuture<T>> call;
  private final int concurrency;
  private final boolean inputOrder;
  private final Consumer<? super BulkProgress> progress;
  private final long intervalNanos;
  private final LongSupplier nanoTime;

  /**
   * Started and not yet delivered, in input order (the head first, any one removed in O(1)).
   * Guarded by itself: the consumer adds and removes, {@link #close()} empties it from any thread;
   * a call is started only while holding it and not closed, so none starts once close() has run.
   * Slots compare by identity.
   */
  private final Set<Slot<T>> outstanding = new LinkedHashSet<>();

  /** In completion order, filled by whichever thread completes a call (completion mode only). */
  private final BlockingQueue<Slot<T>> completed = new LinkedBlockingQueue<>();

  /** Put in {@link #completed} by {@link #close()} to wake a consumer waiting for any outcome. */
  private final Slot<T> wakeUp = new Slot<>(-1, null, null);

  private final AtomicInteger inFlight = new AtomicInteger();
  private long startNanos;
  private long lastReportNanos;
  private long nextIndex;
  private long done;
  private long failed;
  private boolean started;
  private boolean inputEnded;
  private RuntimeException inputFailure;
  private volatile boolean closed;
  private BulkOutcome<T> next;

  /**
   * @param input the items, read lazily on the consuming thread
   * @param inputName names the input in the error for a {@code null} item, as in {@code assets[3]}
   * @param idOf the id of an item (asset id or SKU)
   * @param call starts the call for one item
   * @param concurrency the most items started and not yet delivered
   * @param inputOrder deliver in input order, or as calls complete
   * @param progress the progress callback, or {@code null}
   * @param interval the least time between two progress reports (the final one excepted)
   * @param nanoTime the clock, {@code System::nanoTime} but in tests
   */
  public BulkRun(
      Iterator<? extends I> input,
      String inputName,
      Function<? super I, String> idOf,
      Function<? super I, CompletableFuture<T>> call,
      int concurrency,
      boolean inputOrder,
      Consumer<? super BulkProgress> progress,
      Duration interval,
      LongSupplier nanoTime) {
    this.input = input;
    this.inputName = inputName;
    this.idOf = idOf;
    this.call = call;
    this.concurrency = concurrency;
    this.inputOrder = inputOrder;
    this.progress = progress;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (closed) {
      return false;
    }
    if (!started) {
      started = true;
      startNanos = nanoTime.getAsLong();
      lastReportNanos = startNanos;
    }
    next = advance();
    if (next == null) {
      finish();
    }
    return next != null;
  }

  @Override
  public BulkOutcome<T> next() {
    // An outcome hasNext() promised is handed over even if another thread closed the run since.
    if (next == null && !hasNext()) {
      throw new NoSuchElementException();
    }
    BulkOutcome<T> outcome = next;
    next = null;
    return outcome;
  }

  /** Where the run stands now. */
  public BulkProgress progress() {
    long now = started ? nanoTime.getAsLong() : 0;
    return new BulkProgress(done, failed, inFlight.get(), Duration.ofNanos(now - startNanos));
  }

  /**
   * Stops the run: no further call is started, and the calls in flight are cancelled (a matcher on
   * non-blocking I/O aborts their exchanges); a consumer waiting in {@link #hasNext()} wakes up and
   * gets {@code false}. Idempotent; safe from any thread.
   */
  @Override
  public void close() {
    List<Slot<T>> cancelled;
    synchronized (outstanding) {
      if (closed) {
        return;
      }
      closed = true;
      cancelled = new ArrayList<>(outstanding);
      outstanding.clear();
    }
    for (Slot<T> slot : cancelled) {
      slot.future.cancel(true); // wakes a consumer waiting for the head
    }
    completed.clear(); // no outcome is delivered after close
    completed.add(wakeUp); // wakes a consumer waiting for any outcome
  }

  private BulkOutcome<T> advance() {
    fill();
    synchronized (outstanding) {
      if (outstanding.isEmpty()) {
        return null;
      }
    }
    Slot<T> slot = inputOrder ? awaitHead() : awaitAny();
    synchronized (outstanding) {
      // Closed meanwhile (a slot left over from before close() included): the run is over.
      if (closed || slot == null || !outstanding.remove(slot)) {
        return null;
      }
    }
    BulkOutcome<T> outcome = outcomeOf(slot);
    done++;
    if (outcome.isFailure()) {
      failed++;
    }
    reportIfDue();
    return outcome;
  }

  /** Reads and starts items until {@code concurrency} are outstanding or the input ends. */
  private void fill() {
    while (!closed && !inputEnded && inputFailure == null && outstandingCount() < concurrency) {
      I item;
      try {
        if (!input.hasNext()) {
          inputEnded = true;
          return;
        }
        item = input.next();
      } catch (RuntimeException e) {
        inputFailure = e; // delivered after the items already started
        return;
      }
      if (item == null) {
        inputFailure =
            new AresValidationException(
                List.of(FieldViolation.of(inputName + "[" + nextIndex + "]", "is null")));
        return;
      }
      start(item);
    }
  }

  private int outstandingCount() {
    synchronized (outstanding) {
      return outstanding.size();
    }
  }

  private void start(I item) {
    long index = nextIndex++;
    String id = idOf.apply(item);
    Slot<T> slot;
    synchronized (outstanding) {
      if (closed) {
        return; // close() won the race: this item is not called
      }
      CompletableFuture<T> future;
      try {
        future = call.apply(item);
        if (future == null) {
          future =
              CompletableFuture.failedFuture(
                  new NullPointerException("the matcher returned no future"));
        }
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e); // a failed item, not a failed run
      }
      slot = new Slot<>(index, id, future);
      outstanding.add(slot);
    }
    inFlight.incrementAndGet();
    slot.future.whenComplete(
        (result, failure) -> {
          inFlight.decrementAndGet();
          if (!inputOrder && !closed) {
            completed.add(slot);
          }
        });
  }

  /** The head once it is done, or {@code null} when the run was closed. */
  private Slot<T> awaitHead() {
    Slot<T> head;
    synchronized (outstanding) {
      if (closed || outstanding.isEmpty()) {
        return null;
      }
      head = outstanding.iterator().next();
    }
    while (!head.future.isDone() && !closed) {
      long wait = nanosToNextReport();
      try {
        if (wait < 0) {
          head.future.get();
        } else {
          head.future.get(wait, TimeUnit.NANOSECONDS);
        }
      } catch (InterruptedException e) {
        throw interrupted();
      } catch (ExecutionException | CancellationException e) {
        // done: outcomeOf reads the failure
      } catch (TimeoutException e) {
        reportIfDue();
      }
    }
    return closed ? null : head;
  }

  /** The next slot to complete, or {@code null} when the run was closed. */
  private Slot<T> awaitAny() {
    while (true) {
      if (closed) {
        return null;
      }
      long wait = nanosToNextReport();
      Slot<T> slot;
      try {
        slot = wait < 0 ? completed.take() : completed.poll(wait, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        throw interrupted();
      }
      if (slot == wakeUp || closed) {
        return null;
      }
      if (slot != null) {
        return slot;
      }
      reportIfDue();
    }
  }

  private CancellationException interrupted() {
    close();
    Thread.currentThread().interrupt();
    return new CancellationException("the bulk run was interrupted; its calls were cancelled");
  }

  private BulkOutcome<T> outcomeOf(Slot<T> slot) {
    try {
      T result = slot.future.join();
      if (result == null) {
        return BulkOutcome.failure(
            slot.index,
            slot.id,
            BulkFailure.of(new NullPointerException("the matcher returned no result")));
      }
      return BulkOutcome.success(slot.index, slot.id, result);
    } catch (CompletionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return BulkOutcome.failure(slot.index, slot.id, BulkFailure.of(cause));
    } catch (CancellationException e) {
      return BulkOutcome.failure(slot.index, slot.id, BulkFailure.of(e));
    }
  }

  /** -1 to wait without a limit (no callback, or one after every outcome). */
  private long nanosToNextReport() {
    if (progress == null || intervalNanos == 0) {
      return -1;
    }
    return Math.max(1, lastReportNanos + intervalNanos - nanoTime.getAsLong());
  }

  private void reportIfDue() {
    if (progress == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastReportNanos >= intervalNanos) {
      lastReportNanos = now;
      progress.accept(progress());
    }
  }

  private void finish() {
    boolean stoppedByClose = closed; // the caller asked to stop: no input failure, no report
    RuntimeException failure = inputFailure;
    inputFailure = null;
    close();
    if (stoppedByClose) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    if (progress != null) {
      progress.accept(progress());
    }
  }
}
