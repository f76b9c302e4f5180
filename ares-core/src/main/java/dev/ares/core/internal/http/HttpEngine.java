package dev.ares.core.internal.http;

import dev.ares.core.internal.Backoff;
import dev.ares.core.internal.http.FailureClassifier.AttemptBudget;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way the SDK makes HTTP calls: attempts over Apache HttpClient 5 bounded by an attempt
 * deadline and a call deadline (enforced by cancelling the request, {@link DeadlineAlarms}),
 * retries with jittered backoff only where the call allows it, a size cap that drops rather than
 * drains an oversized body ({@link BoundedBodyReader}), failures classified once ({@link
 * FailureClassifier}), and a {@link #close()} that fails calls in flight instead of leaving them
 * hanging.
 *
 * <p>Thread-safe; one engine serves many threads. Internal: not part of the public API.
 */
public final class HttpEngine implements AutoCloseable {

  /** The most a Java array can hold: no cap may promise more. */
  public static final long MAX_BODY_BYTES = BoundedBodyReader.MAX_BODY_BYTES;

  private final CloseableHttpClient http;
  private final PoolingHttpClientConnectionManager pool;
  private final DeadlineAlarms alarms;
  private final InFlightRequests inFlight = new InFlightRequests();
  private final CountDownLatch closed = new CountDownLatch(1);

  /**
   * An engine on the caller's client (kept open by {@link #close()}), or, when {@code callerClient}
   * is null, on a pooled client of its own with {@code maxConnections} connections.
   *
   * @param threadName the name of the engine's deadline thread, such as {@code
   *     ares-client-deadlines}
   */
  public HttpEngine(
      String threadName,
      CloseableHttpClient callerClient,
      int maxConnections,
      Duration connectTimeout,
      Duration socketTimeout) {
    this(threadName, callerClient, maxConnections, maxConnections, connectTimeout, socketTimeout);
  }

  /** As above, with a smaller limit of connections to any one host. */
  public HttpEngine(
      String threadName,
      CloseableHttpClient callerClient,
      int maxConnections,
      int maxConnectionsPerHost,
      Duration connectTimeout,
      Duration socketTimeout) {
    if (callerClient != null) {
      this.http = callerClient;
      this.pool = null;
    } else {
      this.pool =
          PooledHttpClients.pool(
              maxConnections, maxConnectionsPerHost, connectTimeout, socketTimeout);
      this.http = PooledHttpClients.on(pool);
    }
    this.alarms = new DeadlineAlarms(threadName);
  }

  /**
   * Makes the call, retrying as it allows, and returns the final answer, whatever its status: a 429
   * or 503 is retried while attempts, {@code Retry-After} and the call deadline allow, then
   * returned.
   *
   * @throws HttpCallException when no answer came
   * @throws ResponseTooLargeException when a 2xx answer's body was over the cap
   */
  public HttpAnswer execute(HttpCall call) {
    CallEvents events = CallEvents.start(call.eventListener, call.info);
    try {
      HttpAnswer answer = attempts(call, events);
      events.answered(answer);
      return answer;
    } catch (RuntimeException e) {
      events.failed(e);
      throw e;
    }
  }

  private HttpAnswer attempts(HttpCall call, CallEvents events) {
    String host = call.info.host();
    long deadline =
        call.deadlineNanos != null
            ? call.deadlineNanos
            : System.nanoTime() + call.callTimeout.toNanos();
    int maxAttempts = call.retryPolicy.maxAttempts();
    boolean sentBefore = false;
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      HttpAnswer answer;
      try {
        answer = attempt(call, host, attempt, deadline, sentBefore, events);
      } catch (HttpCallException e) {
        sentBefore = e.requestSent();
        if (!call.retryOn.test(e) || isClosed() || attempt >= maxAttempts) {
          throw e;
        }
        wait = Backoff.after(attempt, call.retryPolicy);
        if (System.nanoTime() + wait.toNanos() >= deadline) {
          if (call.timeoutWhenRetryDoesNotFit) {
            throw FailureClassifier.retryDoesNotFit(attempt, e.requestSent());
          }
          throw e;
        }
        pauseBeforeRetry(call, host, attempt, wait, events);
        continue;
      }
      if (!answer.isThrottling()) {
        return answer;
      }
      wait = Backoff.after(attempt, call.retryPolicy);
      if (answer.retryAfter() != null) {
        if (answer.retryAfter().compareTo(call.retryPolicy.maxRetryAfter()) > 0) {
          return answer; // asked to wait longer than we may: the caller gets the answer
        }
        wait = max(wait, answer.retryAfter());
      }
      if (attempt >= maxAttempts) {
        return answer;
      }
      if (System.nanoTime() + wait.toNanos() >= deadline) {
        if (call.timeoutWhenRetryDoesNotFit) {
          throw FailureClassifier.retryDoesNotFit(attempt, false);
        }
        return answer;
      }
      pauseBeforeRetry(call, host, attempt, wait, events);
    }
  }

  private void pauseBeforeRetry(
      HttpCall call, String host, int attempt, Duration wait, CallEvents events) {
    events.retryScheduled(wait);
    try {
      if (closed.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw FailureClassifier.closedWhileWaiting(call, attempt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FailureClassifier.interrupted(call, host, attempt, e);
    }
  }

  /** One attempt within its budget: the attempt timeout or what is left of the call, if less. */
  private HttpAnswer attempt(
      HttpCall call,
      String host,
      int attempt,
      long deadline,
      boolean sentBefore,
      CallEvents events) {
    if (isClosed()) {
      throw FailureClassifier.closedBefore(call, attempt - 1, null);
    }
    long attemptNanos = call.attemptTimeout.toNanos();
    long budget = Math.min(attemptNanos, deadline - System.nanoTime());
    if (budget <= 0) {
      throw FailureClassifier.callTimeoutBeforeAttempt(call, host, attempt - 1, sentBefore);
    }
    HttpUriRequestBase request = call.newRequest.get();
    request.setConfig(requestConfig(call, budget));
    DeadlineAlarms.Alarm alarm;
    try {
      alarm = alarms.set(request, budget);
    } catch (RejectedExecutionException e) { // closed between the check above and here
      throw FailureClassifier.closedBefore(call, attempt - 1, e);
    }
    inFlight.add(request);
    events.attemptStart(attempt);
    try {
      if (isClosed()) {
        request.cancel();
      }
      HttpAnswer answer =
          http.execute(request, r -> BoundedBodyReader.read(call, request, r, attempt));
      events.responseReceived(answer.status(), answer.requestId());
      return answer;
    } catch (BoundedBodyReader.TooLarge e) {
      events.responseReceived(e.status, e.requestId);
      throw FailureClassifier.tooLarge(call, host, e.status, e.requestId, attempt);
    } catch (IOException | RuntimeException e) {
      // HttpClient quotes what the server sent in some messages ("Invalid header: ..."): the cause
      // the user may log is cleaned like any other server text.
      Throwable cause = ScrubbedCause.of(e, call.serverText.get());
      HttpCallException failure = classify(call, host, e, cause, attempt, alarm, budget);
      events.attemptFailed(failure.failure());
      throw failure;
    } finally {
      alarm.clear();
      inFlight.remove(request, isClosed());
    }
  }

  private HttpCallException classify(
      HttpCall call,
      String host,
      Exception e,
      Throwable cause,
      int attempt,
      DeadlineAlarms.Alarm alarm,
      long budget) {
    if (isClosed()) {
      return FailureClassifier.closedDuring(call, host, cause, attempt);
    }
    boolean callBound = budget < call.attemptTimeout.toNanos();
    AttemptBudget how =
        new AttemptBudget(alarm.fired(), callBound, call.socketTimeout.toNanos() >= budget);
    return e instanceof IOException io
        ? FailureClassifier.ofIo(call, host, io, cause, attempt, how)
        : FailureClassifier.ofUnchecked(call, host, (RuntimeException) e, cause, attempt, how);
  }

  @SuppressWarnings("deprecation") // per-request connect timeout still matters for callers' clients
  private static RequestConfig requestConfig(HttpCall call, long budgetNanos) {
    Timeout budget =
        Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(budgetNanos)));
    return RequestConfig.custom()
        .setConnectionRequestTimeout(budget)
        .setConnectTimeout(Timeout.of(min(call.connectTimeout, budget.toDuration())))
        .setResponseTimeout(Timeout.of(min(call.socketTimeout, budget.toDuration())))
        .setRedirectsEnabled(call.followRedirects)
        .setMaxRedirects(3)
        .build();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Statistics of the engine's own pool, or {@code null} on a caller's client. */
  public PoolStats poolStats() {
    return pool == null ? null : pool.getTotalStats();
  }

  /**
   * Fails calls in flight, stops the deadline thread and closes the engine's own client; a caller's
   * client stays open. Idempotent.
   */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    closed.countDown();
    inFlight.cancelAllAndAwait(Duration.ofSeconds(2)); // cancelled calls release connections first
    alarms.shutdown();
    if (pool != null) {
      http.close(CloseMode.IMMEDIATE);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
