package dev.ares.core.internal.http;

import dev.ares.core.internal.Backoff;
import dev.ares.core.internal.RetryAfter;
import dev.ares.core.internal.SameOriginRedirects;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpCallException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the SDK makes HTTP calls: attempts over Apache HttpClient 5 bounded by an attempt
 * deadline and a call deadline (enforced by cancelling the request), retries with jittered backoff
 * only where the call allows it, a size cap that drops rather than drains an oversized body, and a
 * {@link #close()} that fails calls in flight instead of leaving them hanging.
 *
 * <p>Thread-safe; one engine serves many threads. Internal: not part of the public API.
 */
public final class HttpEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEngine.class);

  /** The most a Java array can hold: no cap may promise more. */
  public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /** The longest {@code x-request-id} kept; real ones are a UUID or two. */
  private static final int MAX_REQUEST_ID_LENGTH = 200;

  private final CloseableHttpClient http;
  private final PoolingHttpClientConnectionManager pool;
  private final ScheduledThreadPoolExecutor deadlines;
  private final Set<HttpUriRequestBase> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Set<Thread> deadlineThreads = ConcurrentHashMap.newKeySet();

  /**
   * An engine on the caller's client (kept open by {@link #close()}), or, when {@code callerClient}
   * is null, on a pooled client of its own with {@code maxConnections} connections.
   *
   * @param threadName the name of the engine's deadline thread, such as {@code ares-client-deadlines}
   */
  public HttpEngine(String threadName, CloseableHttpClient callerClient, int maxConnections,
      Duration connectTimeout, Duration socketTimeout) {
    this(threadName, callerClient, maxConnections, maxConnections, connectTimeout, socketTimeout);
  }

  /** As above, with a smaller limit of connections to any one host. */
  public HttpEngine(String threadName, CloseableHttpClient callerClient, int maxConnections,
      int maxConnectionsPerHost, Duration connectTimeout, Duration socketTimeout) {
    if (callerClient != null) {
      this.http = callerClient;
      this.pool = null;
    } else {
      this.pool = PoolingHttpClientConnectionManagerBuilder.create()
          .setMaxConnTotal(maxConnections)
          .setMaxConnPerRoute(maxConnectionsPerHost)
          .setDefaultConnectionConfig(ConnectionConfig.custom()
              .setConnectTimeout(Timeout.of(connectTimeout))
              .setSocketTimeout(Timeout.of(socketTimeout))
              .setValidateAfterInactivity(TimeValue.ofSeconds(2))
              .build())
          .build();
      this.http = HttpClients.custom()
          .setConnectionManager(pool)
          .disableAutomaticRetries()
          .setRedirectStrategy(SameOriginRedirects.INSTANCE)
          .disableCookieManagement()
          .disableAuthCaching()
          .build();
    }
    this.deadlines = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread t = new Thread(runnable, threadName);
      t.setDaemon(true);
      deadlineThreads.add(t);
      return t;
    });
    this.deadlines.setRemoveOnCancelPolicy(true);
    // A tick that is always due within a second keeps the head of the deadline queue, so a call's
    // deadline (usually seconds away) joins the queue behind it without waking the deadline
    // thread. Without it every attempt woke that thread once, a context switch per call.
    this.deadlines.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Makes the call, retrying as it allows, and returns the final answer, whatever its status: a 429
   * or 503 is retried while attempts, {@code Retry-After} and the call deadline allow, then
   * returned.
   *
   * @throws HttpCallException when no answer came
   */
  public HttpAnswer execute(HttpCall call) {
    String host = Urls.hostOf(call.uri);
    long deadline = call.deadlineNanos != null
        ? call.deadlineNanos
        : System.nanoTime() + call.callTimeout.toNanos();
    int maxAttempts = call.retryPolicy.maxAttempts();
    boolean sentBefore = false;
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      HttpAnswer answer;
      try {
        answer = attempt(call, host, attempt, deadline, sentBefore);
      } catch (HttpCallException e) {
        sentBefore = e.requestSent();
        if (!call.retryOn.test(e) || isClosed() || attempt >= maxAttempts) {
          throw e;
        }
        wait = Backoff.after(attempt, call.retryPolicy);
        if (System.nanoTime() + wait.toNanos() >= deadline) {
          if (call.timeoutWhenRetryDoesNotFit) {
            throw retryDoesNotFit(call, attempt, e.requestSent());
          }
          throw e;
        }
        retryAfterPause(call, host, attempt, e.kind().name(), wait);
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
          throw retryDoesNotFit(call, attempt, false);
        }
        return answer;
      }
      retryAfterPause(call, host, attempt, "HTTP " + answer.status(), wait);
    }
  }

  private void retryAfterPause(HttpCall call, String host, int attempt, String failure,
      Duration wait) {
    LOG.debug("{} call to {} failed on attempt {} of {} ({}); retrying in {} ms", call.service,
        host, attempt, call.retryPolicy.maxAttempts(), failure, wait.toMillis());
    pause(call, host, wait, attempt);
  }

  private static HttpCallException retryDoesNotFit(HttpCall call, int attempt, boolean sent) {
    return new HttpCallException(Kind.TIMEOUT, "the call timed out before the next retry",
        attempt, sent, 0, null, null);
  }

  private HttpAnswer attempt(HttpCall call, String host, int attempt, long deadline,
      boolean sentBefore) {
    if (isClosed()) {
      throw new HttpCallException(Kind.CLOSED, "the " + call.service + " client is closed",
          attempt - 1, false, 0, null, null);
    }
    long budget = Math.min(call.attemptTimeout.toNanos(), deadline - System.nanoTime());
    if (budget <= 0) {
      throw new HttpCallException(Kind.TIMEOUT, "the call timeout of " + call.callTimeout.toMillis()
          + " ms ran out before " + call.service + " at " + host + " answered", attempt - 1,
          sentBefore, 0, null, null);
    }
    HttpUriRequestBase request = call.newRequest.get();
    request.setConfig(requestConfig(call, budget));
    AtomicBoolean timedOut = new AtomicBoolean();
    CountDownLatch alarmDone = new CountDownLatch(1);
    ScheduledFuture<?> alarm;
    try {
      alarm = deadlines.schedule(() -> {
        timedOut.set(true);
        try {
          request.cancel();
        } finally {
          alarmDone.countDown();
        }
      }, budget, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) { // closed between the check above and here
      throw new HttpCallException(Kind.CLOSED, "the " + call.service + " client is closed",
          attempt - 1, false, 0, null, e);
    }
    inFlight.add(request);
    long started = System.nanoTime();
    try {
      if (isClosed()) {
        request.cancel();
      }
      HttpAnswer answer = http.execute(request, r -> read(call, request, r, attempt));
      LOG.debug("{} call to {} answered HTTP {} in {} ms on attempt {}{}", call.service, host,
          answer.status(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempt,
          answer.requestId() == null ? "" : " (request id " + answer.requestId() + ")");
      return answer;
    } catch (TooLarge e) {
      throw new HttpCallException(Kind.TOO_LARGE, call.service + " at " + host
          + " answered with a body larger than " + call.maxResponseBytes + " bytes", attempt, true,
          e.status, e.requestId, null);
    } catch (IOException e) {
      throw failure(call, host, e, attempt, timedOut.get());
    } catch (RuntimeException e) {
      // A request cancelled mid-exchange can surface unchecked ("endpoint already released"), and
      // a pool shut down by close() fails waiting leases unchecked: name the real cause.
      Throwable cause = ScrubbedCause.of(e, call.serverText.get());
      if (isClosed()) {
        throw new HttpCallException(Kind.CLOSED, "the " + call.service
            + " client was closed during the call to " + host, attempt, true, 0, null, cause);
      }
      if (timedOut.get()) {
        throw new HttpCallException(Kind.TIMEOUT, call.service + " at " + host
            + ": no answer within the timeout on attempt " + attempt, attempt, true, 0, null, cause);
      }
      // Anything else HttpClient throws unchecked (a caller's client closed under us, say) is a
      // failed exchange that may have been sent: typed, and never retried for a mutation.
      throw new HttpCallException(Kind.CONNECTION_LOST, call.service + " at " + host
          + ": the HTTP client failed (" + e.getClass().getSimpleName() + ") on attempt " + attempt,
          attempt, true, 0, null, cause);
    } finally {
      alarm.cancel(false);
      if (timedOut.get()) {
        awaitQuietly(alarmDone); // it fired: let its cancel() finish releasing the connection
      }
      inFlight.remove(request);
      if (isClosed()) {
        synchronized (inFlight) {
          inFlight.notifyAll(); // close() may be waiting for the last call to let go
        }
      }
    }
  }

  @SuppressWarnings("deprecation") // per-request connect timeout still matters for callers' clients
  private static RequestConfig requestConfig(HttpCall call, long budgetNanos) {
    Timeout budget = Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(budgetNanos)));
    return RequestConfig.custom()
        .setConnectionRequestTimeout(budget)
        .setConnectTimeout(Timeout.of(min(call.connectTimeout, budget.toDuration())))
        .setResponseTimeout(Timeout.of(min(call.socketTimeout, budget.toDuration())))
        .setRedirectsEnabled(call.followRedirects)
        .setMaxRedirects(3)
        .build();
  }

  private static HttpAnswer read(HttpCall call, HttpUriRequestBase request, ClassicHttpResponse r,
      int attempt) throws IOException {
    int status = r.getCode();
    String requestId = requestId(call, header(r, "x-request-id"));
    Duration retryAfter = RetryAfter.parse(header(r, "Retry-After"), Instant.now());
    String contentType = header(r, "Content-Type");
    String location = header(r, "Location");
    HttpEntity entity = r.getEntity();
    if (entity == null) {
      return new HttpAnswer(status, requestId, retryAfter, contentType, location, new byte[0],
          attempt);
    }
    long limit = Math.min(call.maxResponseBytes, MAX_BODY_BYTES);
    boolean success = status >= 200 && status < 300;
    long declared = entity.getContentLength();
    if (declared > limit) {
      request.cancel(); // drop the connection instead of draining a body we refuse
      if (!success) { // an error's status is the news; its oversized page is not needed
        return new HttpAnswer(status, requestId, retryAfter, contentType, location, new byte[0],
            attempt);
      }
      throw new TooLarge(status, requestId);
    }
    if (declared >= 0) {
      // The usual case: read a body of declared length straight into its own array.
      try (InputStream in = entity.getContent()) {
        byte[] body = in.readNBytes((int) declared);
        return new HttpAnswer(status, requestId, retryAfter, contentType, location, body, attempt);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = entity.getContent()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + (long) n > limit) {
          request.cancel();
          if (!success) {
            return new HttpAnswer(status, requestId, retryAfter, contentType, location,
                new byte[0], attempt);
          }
          throw new TooLarge(status, requestId);
        }
        out.write(buffer, 0, n);
      }
    }
    return new HttpAnswer(status, requestId, retryAfter, contentType, location, out.toByteArray(),
        attempt);
  }

  /** Request ids go into messages and log lines: scrubbed, printable and short. */
  private static String requestId(HttpCall call, String raw) {
    return raw == null ? null : call.serverText.get().printable(raw, MAX_REQUEST_ID_LENGTH);
  }

  private static String header(ClassicHttpResponse r, String name) {
    Header h = r.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private HttpCallException failure(HttpCall call, String host, IOException e, int attempt,
      boolean timedOut) {
    String at = call.service + " at " + host + ": ";
    // HttpClient quotes what the server sent in some messages ("Invalid header: ..."): the cause
    // the user may log is cleaned like any other server text.
    Throwable cause = ScrubbedCause.of(e, call.serverText.get());
    if (isClosed()) {
      return new HttpCallException(Kind.CLOSED, "the " + call.service
          + " client was closed during the call to " + host, attempt, true, 0, null, cause);
    }
    boolean notSent = e instanceof ConnectException // includes HttpHostConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || e instanceof ConnectTimeoutException
        || e instanceof ConnectionRequestTimeoutException
        || e instanceof SSLHandshakeException;
    boolean timeout = timedOut
        || e instanceof SocketTimeoutException
        || e instanceof ConnectTimeoutException
        || e instanceof ConnectionRequestTimeoutException;
    String what;
    if (e instanceof ConnectionRequestTimeoutException) {
      what = "no pooled connection became free in time (raise maxConnections?)";
    } else if (timeout) {
      what = notSent ? "connecting timed out" : "no answer within the timeout";
    } else if (notSent) {
      what = "could not connect (" + e.getClass().getSimpleName() + ")";
    } else {
      what = "the connection failed (" + e.getClass().getSimpleName() + ")";
    }
    Kind kind = timeout ? Kind.TIMEOUT : notSent ? Kind.CONNECT_FAILED : Kind.CONNECTION_LOST;
    return new HttpCallException(kind, at + what + " on attempt " + attempt, attempt, !notSent, 0,
        null, cause);
  }

  private void pause(HttpCall call, String host, Duration wait, int attempt) {
    try {
      if (closed.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new HttpCallException(Kind.CLOSED, "the " + call.service
            + " client was closed while waiting to retry", attempt, false, 0, null, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpCallException(Kind.INTERRUPTED, "interrupted while waiting to retry the call"
          + " to " + call.service + " at " + host, attempt, false, 0, null, e);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
   * Fails calls in flight, stops the deadline thread and closes the engine's own client; a
   * caller's client stays open. Idempotent.
   */
  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    closed.countDown();
    inFlight.forEach(HttpUriRequestBase::cancel);
    awaitInFlight(Duration.ofSeconds(2)); // cancelled calls release their connections first
    deadlines.shutdownNow();
    if (pool != null) {
      http.close(CloseMode.IMMEDIATE);
    }
    try {
      // Waiting a moment means close() leaves no SDK thread behind; callers' leak checks rely on
      // it. The pool reports termination while its last thread is still finishing, so join it too.
      deadlines.awaitTermination(1, TimeUnit.SECONDS);
      for (Thread t : deadlineThreads) {
        t.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitInFlight(Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    synchronized (inFlight) {
      long left;
      while (!inFlight.isEmpty() && (left = end - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(inFlight, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Thrown from the response handler so HttpClient drops, not drains, the connection. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String requestId;

    TooLarge(int status, String requestId) {
      super("response body over the size limit");
      this.status = status;
      this.requestId = requestId;
    }
  }
}
