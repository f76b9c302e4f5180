package dev.ares.core.internal.http;

import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one way the SDK makes HTTP calls: attempts over Apache HttpClient 5 bounded by an attempt
 * deadline and a call deadline (enforced by cancelling the request, {@link DeadlineAlarms}),
 * retries with jittered backoff only where the call allows it, a size cap that drops rather than
 * drains an oversized body ({@link BoundedBodyReader}), failures classified once ({@link
 * FailureClassifier}), and a {@link #close()} that fails calls in flight instead of leaving them
 * hanging. {@link #execute} blocks on the classic client; {@link #executeAsync} runs the same
 * policy ({@link AttemptPolicy}) on the async client without a thread per call.
 *
 * <p>Thread-safe; one engine serves many threads. Internal: not part of the public API.
 */
public final class HttpEngine implements AutoCloseable {

  /** The most a Java array can hold: no cap may promise more. */
  public static final long MAX_BODY_BYTES = BoundedBodyReader.MAX_BODY_BYTES;

  private final CloseableHttpClient http;
  private final PoolingHttpClientConnectionManager pool;
  private final DeadlineAlarms alarms;
  private final EngineThreads threads = new EngineThreads();
  private final InFlightRequests inFlight = new InFlightRequests();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Set<AsyncCall> asyncCalls = ConcurrentHashMap.newKeySet();
  private final Object asyncLock = new Object();
  private final int maxConnections;
  private final int maxConnectionsPerHost;
  private final Duration connectTimeout;
  private final Duration socketTimeout;
  private final String threadPrefix;
  private final AsyncExecChainHandler inProcessAsync;
  private final SSLContext sslContext;
  private final ProxyRoutes routes;
  private CloseableHttpAsyncClient asyncHttp; // guarded by asyncLock
  private PoolingAsyncClientConnectionManager asyncPool; // guarded by asyncLock
  private CallbackThreads callbacks; // guarded by asyncLock

  /**
   * An engine on the caller's client (kept open by {@link #close()}), or, when {@code callerClient}
   * is null, on a pooled client of its own with {@code maxConnections} connections, the JVM's proxy
   * settings and TLS trust. For tests; clients use {@link #HttpEngine(String, HttpOptions,
   * CloseableHttpClient, AsyncExecChainHandler, int, int)}.
   *
   * @param threadName the name of the engine's deadline thread, such as {@code
   *     ares-client-deadlines}; its async I/O and callback threads are named alike ({@code
   *     ares-client-io-1}, {@code ares-client-callbacks-1})
   */
  public HttpEngine(
      String threadName,
      CloseableHttpClient callerClient,
      int maxConnections,
      Duration connectTimeout,
      Duration socketTimeout) {
    this(
        threadName,
        HttpOptions.builder().connectTimeout(connectTimeout).attemptTimeout(socketTimeout).build(),
        callerClient,
        null,
        maxConnections,
        maxConnections);
  }

  /**
   * An engine on {@code callerClient} (kept open by {@link #close()}) or, when it is null, on a
   * pooled client of its own: at most {@code maxConnections} connections, {@code
   * maxConnectionsPerHost} to any one host, the options' connect timeout, attempt timeout (as the
   * socket timeout), proxy and TLS context. When {@code inProcessAsync} is not null, {@link
   * #executeAsync} works on a caller's classic client too: the engine's own async client then runs
   * with that handler first in its exec chain (after the engine's own), to answer in the process (a
   * test fake) as the caller's classic client does; such an engine goes through no proxy.
   *
   * @param threadName the name of the engine's deadline thread, such as {@code
   *     ares-client-deadlines}; its async I/O and callback threads are named alike ({@code
   *     ares-client-io-1}, {@code ares-client-callbacks-1})
   */
  public HttpEngine(
      String threadName,
      HttpOptions options,
      CloseableHttpClient callerClient,
      AsyncExecChainHandler inProcessAsync,
      int maxConnections,
      int maxConnectionsPerHost) {
    this.inProcessAsync = inProcessAsync;
    this.maxConnections = maxConnections;
    this.maxConnectionsPerHost = maxConnectionsPerHost;
    this.connectTimeout = options.connectTimeout();
    this.socketTimeout = options.attemptTimeout();
    this.sslContext = options.sslContext();
    this.routes = new ProxyRoutes(inProcessAsync == null ? options.proxy() : HttpProxy.none());
    if (callerClient != null) {
      this.http = callerClient;
      this.pool = null;
    } else {
      this.pool =
          PooledHttpClients.pool(
              maxConnections, maxConnectionsPerHost, connectTimeout, socketTimeout, sslContext);
      this.http = PooledHttpClients.on(pool, routes);
    }
    this.alarms = new DeadlineAlarms(threads, threadName);
    this.threadPrefix = threadName.replaceAll("-deadlines?$", "");
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
    CallAttempts attempts = new CallAttempts(this, call);
    try {
      HttpAnswer answer = attempts(attempts);
      attempts.events.answered(answer);
      return answer;
    } catch (RuntimeException e) {
      attempts.events.failed(e);
      throw e;
    }
  }

  /**
   * {@link #execute} without blocking: the same attempts, deadlines, retries (scheduled, never a
   * waiting thread), size cap, failures and events, on the engine's async client (one I/O reactor
   * of two threads, created on the first async call). The future completes with the answer, or
   * exceptionally with exactly what {@link #execute} would throw, on one of the engine's few
   * callback threads ({@link CallbackThreads}; on the caller's thread when the call fails before
   * its first exchange), never on an I/O or the deadline thread. Cancelling it aborts the exchange
   * under way (its connection is closed, not reused) or the retry waiting.
   *
   * @throws IllegalStateException when the engine runs on a caller's classic client, which has no
   *     async form: see {@link #supportsAsync()}
   */
  public CompletableFuture<HttpAnswer> executeAsync(HttpCall call) {
    if (!supportsAsync()) {
      throw new IllegalStateException("async calls need the engine's own HTTP client");
    }
    AsyncCall running = new AsyncCall(this, call);
    asyncCalls.add(running);
    running.result().whenComplete((answer, failure) -> asyncCalls.remove(running));
    running.start();
    return running.result();
  }

  /**
   * Whether {@link #executeAsync} works: the engine owns its HTTP clients, or was given an
   * in-process async handler.
   */
  public boolean supportsAsync() {
    return pool != null || inProcessAsync != null;
  }

  private HttpAnswer attempts(CallAttempts attempts) {
    for (int attempt = 1; ; attempt++) {
      AttemptPolicy.Next next;
      try {
        next = attempt(attempts, attempt);
      } catch (HttpCallException e) {
        next = attempts.failedBefore(e, attempt);
      }
      if (next instanceof AttemptPolicy.Answer answer) {
        return answer.answer();
      }
      if (next instanceof AttemptPolicy.Fail fail) {
        throw fail.failure();
      }
      pauseBeforeRetry(
          attempts.call, attempt, ((AttemptPolicy.Retry) next).delay(), attempts.events);
    }
  }

  private void pauseBeforeRetry(HttpCall call, int attempt, Duration wait, CallEvents events) {
    events.retryScheduled(wait);
    try {
      if (closed.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw FailureClassifier.closedWhileWaiting(call, attempt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw FailureClassifier.interrupted(call, call.info.host(), attempt, e);
    }
  }

  /** One attempt on the classic client, and what to do after it. */
  private AttemptPolicy.Next attempt(CallAttempts attempts, int attempt) {
    HttpCall call = attempts.call;
    long budget = attempts.budget(attempt);
    HttpUriRequestBase request = call.newRequest.get();
    request.setConfig(requestConfig(call, budget));
    DeadlineAlarms.Alarm alarm = attempts.begin(request, attempt, budget);
    HttpAnswer answer = null;
    Exception failure = null;
    HttpClientContext context = HttpClientContext.create();
    try {
      if (isClosed()) {
        request.cancel();
      }
      answer =
          http.execute(request, context, r -> BoundedBodyReader.read(call, request, r, attempt));
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      alarm.clear();
      attempts.finish(request);
    }
    return attempts.ended(attempt, budget, alarm.fired(), context, answer, failure);
  }

  /** The per-attempt settings of a request within {@code budgetNanos}, for either client. */
  @SuppressWarnings("deprecation") // per-request connect timeout still matters for callers' clients
  static RequestConfig requestConfig(HttpCall call, long budgetNanos) {
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

  /** The async client, started on the first call; {@code null} once the engine is closed. */
  CloseableHttpAsyncClient asyncClient() {
    synchronized (asyncLock) {
      if (isClosed()) {
        return null;
      }
      if (asyncHttp == null) {
        callbacks = new CallbackThreads(threads, threadPrefix + "-callbacks");
        asyncPool =
            PooledHttpClients.asyncPool(
                maxConnections, maxConnectionsPerHost, connectTimeout, socketTimeout, sslContext);
        asyncHttp =
            PooledHttpClients.asyncOn(
                asyncPool, threads.factory(threadPrefix + "-io", true), routes, inProcessAsync);
      }
      return asyncHttp;
    }
  }

  /**
   * Runs an async call's step on the callback threads (see {@link CallbackThreads}), or here when
   * there are none (before the first exchange, or once closed).
   */
  void step(Runnable step) {
    CallbackThreads running;
    synchronized (asyncLock) {
      running = callbacks;
    }
    if (running == null) {
      step.run();
    } else {
      running.run(step);
    }
  }

  DeadlineAlarms alarms() {
    return alarms;
  }

  InFlightRequests inFlight() {
    return inFlight;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed.getCount() == 0;
  }

  /**
   * Statistics of the engine's own pools, classic and async summed, or {@code null} on a caller's
   * client.
   */
  public PoolStats poolStats() {
    if (pool == null) {
      return null;
    }
    PoolStats classic = pool.getTotalStats();
    PoolStats async;
    synchronized (asyncLock) {
      async = asyncPool == null ? null : asyncPool.getTotalStats();
    }
    return async == null
        ? classic
        : new PoolStats(
            classic.getLeased() + async.getLeased(),
            classic.getPending() + async.getPending(),
            classic.getAvailable() + async.getAvailable(),
            classic.getMax() + async.getMax());
  }

  /**
   * Fails calls in flight, stops the engine's threads and closes the engine's own client; a
   * caller's client stays open. Waits (a moment) for the calls to let go of their connections and
   * for the threads to end, unless called on one of those threads (from a callback), which then
   * ends as soon as it returns. Idempotent.
   */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    closed.countDown();
    boolean wait = !threads.isCurrent(); // an engine thread must not wait for itself
    // Cancelled calls release their connections before the pool closes.
    inFlight.cancelAllAndAwait(wait ? Duration.ofSeconds(2) : Duration.ZERO);
    asyncCalls.forEach(AsyncCall::engineClosed); // those waiting to retry
    alarms.shutdown(wait);
    if (pool != null) {
      http.close(CloseMode.IMMEDIATE);
    }
    CloseableHttpAsyncClient async;
    CallbackThreads steps;
    synchronized (asyncLock) {
      async = asyncHttp;
      steps = callbacks;
    }
    if (async != null) {
      async.close(CloseMode.IMMEDIATE);
      if (wait) {
        try {
          async.awaitShutdown(TimeValue.ofSeconds(2)); // no I/O thread outlives the close
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (steps != null) {
      steps.shutdown(wait); // the calls' last steps (failures of the cancelled) run first
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
