package dev.ares.core.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * One call of {@link HttpEngine#executeAsync}: each attempt is an exchange on the async client,
 * each step after it is decided by the call's {@link AttemptPolicy} (the same as the blocking
 * loop's), and a retry is started by the engine's timer when its backoff has passed. No thread
 * waits for this call at any time.
 *
 * <p>Steps run one after another (an attempt's end, then its retry) on the engine's callback
 * threads ({@link HttpEngine#step}): the I/O and timer threads only hand them over, so nothing a
 * caller chains to the future runs there. {@link #abort} and {@link #engineClosed} may come from
 * any thread at any time and only cancel.
 */
final class AsyncCall {

  private final HttpEngine engine;
  private final HttpCall call;
  private final CallAttempts attempts;
  private final CallEvents events;
  private final CompletableFuture<HttpAnswer> result = new CompletableFuture<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Exchange exchange;
  private volatile ScheduledFuture<?> retry;

  AsyncCall(HttpEngine engine, HttpCall call) {
    this.engine = engine;
    this.call = call;
    this.attempts = new CallAttempts(engine, call);
    this.events = attempts.events;
    result.whenComplete(
        (answer, failure) -> {
          if (result.isCancelled()) {
            abort();
          }
        });
  }

  CompletableFuture<HttpAnswer> result() {
    return result;
  }

  void start() {
    guarded(() -> attempt(1));
  }

  /**
   * Runs a step; whatever it throws, an {@link Error} included, fails the call, so that no step
   * ends without the future ending (a step on a pool thread would otherwise vanish with it).
   */
  private void guarded(Runnable step) {
    try {
      step.run();
    } catch (Throwable e) {
      fail(e);
    }
  }

  /** The engine was closed: a call waiting to retry ends now (one in an exchange is cancelled). */
  void engineClosed() {
    ScheduledFuture<?> waiting = retry;
    if (waiting != null && waiting.cancel(false)) {
      fail(FailureClassifier.closedWhileWaiting(call, attemptsMade()));
    }
  }

  /** The caller cancelled the future: stop the exchange or the retry waiting. */
  private void abort() {
    if (ended.compareAndSet(false, true)) { // before the exchange reports its cancel as a failure
      events.failed(new CancellationException("cancelled by the caller"));
    }
    ScheduledFuture<?> waiting = retry;
    if (waiting != null) {
      waiting.cancel(false);
    }
    Exchange running = exchange;
    if (running != null) {
      running.cancel();
    }
  }

  private void attempt(int attempt) {
    retry = null;
    if (result.isDone()) {
      return;
    }
    long budget;
    HttpUriRequestBase request;
    AsyncRequestProducer producer;
    try {
      budget = attempts.budget(attempt);
      request = call.newRequest.get();
      producer = AsyncRequests.of(request);
    } catch (HttpCallException e) {
      next(attempts.failedBefore(e, attempt), attempt);
      return;
    } catch (Exception e) { // the request supplier's own failure, as the blocking call throws it
      fail(e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e));
      return;
    }
    CloseableHttpAsyncClient client = engine.asyncClient();
    Exchange running = new Exchange(producer);
    DeadlineAlarms.Alarm alarm;
    try {
      if (client == null) {
        throw FailureClassifier.closedBefore(
            call, attempt - 1, new RejectedExecutionException("closed"));
      }
      alarm = attempts.begin(running, attempt, budget);
    } catch (HttpCallException e) { // closed between the budget's check and here
      next(attempts.failedBefore(e, attempt), attempt);
      return;
    }
    exchange = running;
    HttpClientContext context = HttpClientContext.create();
    context.setRequestConfig(HttpEngine.requestConfig(call, budget));
    context.setAttribute(ExchangeAborts.ATTRIBUTE, running);
    running.started(
        client.execute(
            running,
            new BoundedBodyConsumer(call, attempt),
            null,
            context,
            new FutureCallback<HttpAnswer>() {
              @Override
              public void completed(HttpAnswer answer) {
                engine.step(
                    () ->
                        guarded(
                            () -> ended(running, alarm, attempt, budget, context, answer, null)));
              }

              @Override
              public void failed(Exception e) {
                engine.step(
                    () -> guarded(() -> ended(running, alarm, attempt, budget, context, null, e)));
              }

              @Override
              public void cancelled() {
                CancellationException e = new CancellationException("the exchange was cancelled");
                engine.step(
                    () -> guarded(() -> ended(running, alarm, attempt, budget, context, null, e)));
              }
            }));
    if (engine.isClosed() || result.isCancelled()) {
      running.cancel();
    }
  }

  /** An attempt's exchange ended with an answer or a failure. */
  private void ended(
      Exchange running,
      DeadlineAlarms.Alarm alarm,
      int attempt,
      long budget,
      HttpClientContext context,
      HttpAnswer answer,
      Exception failure) {
    alarm.disarm();
    attempts.finish(running);
    if (result.isDone()) { // cancelled by the caller: callEnd was told, there is nothing to retry
      return;
    }
    next(attempts.ended(attempt, budget, alarm.fired(), context, answer, failure), attempt);
  }

  private void next(AttemptPolicy.Next next, int attempt) {
    if (next instanceof AttemptPolicy.Answer answer) {
      if (ended.compareAndSet(false, true)) {
        events.answered(answer.answer());
      }
      result.complete(answer.answer());
    } else if (next instanceof AttemptPolicy.Fail fail) {
      fail(fail.failure());
    } else {
      Duration wait = ((AttemptPolicy.Retry) next).delay();
      events.retryScheduled(wait);
      try {
        retry =
            engine
                .alarms()
                .later(
                    () -> engine.step(() -> guarded(() -> attempt(attempt + 1))), wait.toNanos());
      } catch (RejectedExecutionException e) {
        fail(FailureClassifier.closedWhileWaiting(call, attempt));
        return;
      }
      if (engine.isClosed()) { // closed while scheduling: close() may have missed this retry
        engineClosed();
      }
    }
  }

  private void fail(Throwable failure) {
    if (ended.compareAndSet(false, true)) {
      events.failed(failure);
    }
    result.completeExceptionally(failure);
  }

  private int attemptsMade() {
    return events.attempts();
  }

  /**
   * One attempt's exchange, and the request producer the client drives. Cancelling it closes its
   * connection once one is leased ({@link ExchangeAborts}: HttpClient's own cancel misses an
   * exchange on a fresh connection) and cancels the client's future (a lease or connect under way);
   * a request not yet sent then fails as the client starts sending it, through the client's own
   * failure path that gives the connection back.
   */
  private static final class Exchange
      implements Cancellable, AsyncRequestProducer, ExchangeAborts.Abortable {
    private final AsyncRequestProducer request;
    private volatile boolean cancelled;
    private volatile Future<?> future;
    private volatile AsyncExecRuntime runtime;

    Exchange(AsyncRequestProducer request) {
      this.request = request;
    }

    void started(Future<?> future) {
      this.future = future;
      if (cancelled) {
        future.cancel(true);
      }
    }

    @Override
    public void runsOn(AsyncExecRuntime runtime) {
      this.runtime = runtime;
      if (cancelled) {
        runtime.discardEndpoint();
      }
    }

    @Override
    public boolean cancel() {
      cancelled = true;
      AsyncExecRuntime connection = runtime;
      if (connection != null) {
        connection.discardEndpoint(); // closes the connection and gives it back to the pool
      }
      Future<?> running = future;
      if (running != null) {
        running.cancel(true);
      }
      return true;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context)
        throws HttpException, IOException {
      if (cancelled) {
        throw new InterruptedIOException("the exchange was cancelled before it was sent");
      }
      request.sendRequest(channel, context);
    }

    @Override
    public boolean isRepeatable() {
      return request.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
      request.failed(cause);
    }

    @Override
    public int available() {
      return request.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
      request.produce(channel);
    }

    @Override
    public void releaseResources() {
      request.releaseResources();
    }
  }
}
