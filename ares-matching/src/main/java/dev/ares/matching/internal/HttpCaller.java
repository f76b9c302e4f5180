package dev.ares.matching.internal;

import dev.ares.client.internal.Urls;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one POST with bounded, jittered retries on connection failures, attempt timeouts, 429 and
 * 503 (honouring {@code Retry-After}), a hard whole-call deadline and a cap on the answer's size.
 * Other statuses are returned to the caller. Logs name the host and status only: header values and
 * bodies may hold tokens or secrets.
 *
 * <p>Matching calls only read, so sending a POST again is safe. Internal: not part of the public
 * API.
 */
public final class HttpCaller {

  private static final Logger LOG = LoggerFactory.getLogger(HttpCaller.class);

  /** A final answer: its status, its body (at most the cap) and how many attempts it took. */
  public record Response(int status, byte[] body, int attempts) {
    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  private final CloseableHttpClient client;
  private final HttpSettings settings;
  private final ScheduledExecutorService timer;
  private final AtomicBoolean closed;
  private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();

  /**
   * @param client sends the requests
   * @param settings timeouts, retries and caps
   * @param timer cancels attempts that outlive the whole-call deadline
   * @param closed set once the owner is closed
   */
  public HttpCaller(
      CloseableHttpClient client, HttpSettings settings, ScheduledExecutorService timer, AtomicBoolean closed) {
    this.client = client;
    this.settings = settings;
    this.timer = timer;
    this.closed = closed;
  }

  /** Posts the body and returns the first answer that is not retried. */
  public Response post(URI uri, Map<String, String> headers, byte[] body, ContentType type, Deadline deadline) {
    String host = Urls.hostOf(uri);
    for (int attempt = 1; ; attempt++) {
      if (closed.get()) {
        throw new ExternalMatcherException(Reason.CLOSED, host, 0, "the matcher is closed", attempt - 1, null);
      }
      Duration remaining = deadline.remaining();
      if (remaining.isNegative() || remaining.isZero()) {
        throw new ExternalMatcherException(Reason.TIMEOUT, host, 0, "the call timed out", attempt - 1, null);
      }
      HttpPost post = new HttpPost(uri);
      headers.forEach(post::setHeader);
      post.setEntity(new ByteArrayEntity(body, type));
      Duration attemptTimeout = min(settings.attemptTimeout(), remaining);
      post.setConfig(RequestConfig.custom()
          .setConnectionRequestTimeout(Timeout.of(attemptTimeout))
          .setResponseTimeout(Timeout.of(attemptTimeout))
          .build());
      AtomicBoolean cancelledByDeadline = new AtomicBoolean();
      ScheduledFuture<?> guard;
      try {
        guard = timer.schedule(() -> {
          cancelledByDeadline.set(true);
          post.cancel();
        }, remaining.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        // The owner closed between the check above and here.
        throw new ExternalMatcherException(Reason.CLOSED, host, 0, "the matcher is closed", attempt - 1, e);
      }
      Duration wait;
      inFlight.add(post);
      try {
        if (closed.get()) {
          post.cancel();
        }
        Attempt answer = send(post);
        if (answer.tooLarge) {
          throw new ExternalMatcherException(Reason.RESPONSE_TOO_LARGE, host, answer.status,
              "the answer exceeded " + settings.maxResponseBytes() + " bytes", attempt, null);
        }
        if (answer.status != 429 && answer.status != 503) {
          LOG.debug("POST to {} answered {} in attempt {}", host, answer.status, attempt);
          return new Response(answer.status, answer.body, attempt);
        }
        if (attempt >= settings.maxAttempts()) {
          return new Response(answer.status, answer.body, attempt);
        }
        wait = max(backoff(attempt), answer.retryAfter);
        LOG.warn("POST to {} answered {} in attempt {}; retrying in {} ms", host, answer.status, attempt, wait.toMillis());
      } catch (ExternalMatcherException e) {
        throw e;
      } catch (IllegalStateException e) {
        // A client closed under a running call says so with IllegalStateException.
        if (closed.get()) {
          throw new ExternalMatcherException(Reason.CLOSED, host, 0, "the matcher is closed", attempt, e);
        }
        throw e;
      } catch (IOException e) {
        boolean timedOut = cancelledByDeadline.get() || isTimeout(e);
        Reason reason = timedOut ? Reason.TIMEOUT : Reason.CONNECTION;
        String what = cancelledByDeadline.get() ? "the call timed out"
            : timedOut ? "the attempt timed out" : "the connection failed (" + e.getClass().getSimpleName() + ")";
        if (closed.get()) {
          throw new ExternalMatcherException(Reason.CLOSED, host, 0, "the matcher is closed", attempt, e);
        }
        if (cancelledByDeadline.get() || e instanceof UnknownHostException || attempt >= settings.maxAttempts()) {
          throw new ExternalMatcherException(reason, host, 0, what, attempt, e);
        }
        wait = backoff(attempt);
        LOG.warn("POST to {} failed in attempt {}: {}; retrying in {} ms", host, attempt, what, wait.toMillis());
      } finally {
        inFlight.remove(post);
        guard.cancel(false);
      }
      if (wait.compareTo(deadline.remaining()) >= 0) {
        throw new ExternalMatcherException(Reason.TIMEOUT, host, 0,
            "the call timed out before the next retry", attempt, null);
      }
      pause(wait, host, attempt);
    }
  }

  /** Aborts every request in flight; their calls end with {@link Reason#CLOSED}. */
  public void cancelAll() {
    inFlight.forEach(HttpPost::cancel);
  }

  private Attempt send(HttpPost post) throws IOException {
    ClassicHttpResponse response = client.executeOpen(null, post, null);
    boolean complete = false;
    try {
      Attempt answer = read(response);
      complete = !answer.tooLarge;
      return answer;
    } finally {
      if (complete) {
        EntityUtils.consume(response.getEntity());
      }
      // Closing without consuming drops the connection: an oversized body is never read to its end.
      response.close();
    }
  }

  private Attempt read(ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    Duration retryAfter = retryAfter(response.getFirstHeader("Retry-After"));
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return new Attempt(status, new byte[0], retryAfter, false);
    }
    int cap = settings.maxResponseBytes();
    long length = entity.getContentLength();
    if (length > cap) {
      return new Attempt(status, null, retryAfter, true);
    }
    try (InputStream in = entity.getContent()) {
      if (length >= 0) {
        // A declared length within the cap: one exact array instead of a buffer and a copy. A body
        // longer than declared is not read (HTTP/1.1 framing ends it there, as before).
        return new Attempt(status, in.readNBytes((int) length), retryAfter, false);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) != -1) {
        if (out.size() + n > cap) {
          return new Attempt(status, null, retryAfter, true);
        }
        out.write(buffer, 0, n);
      }
      return new Attempt(status, out.toByteArray(), retryAfter, false);
    }
  }

  private Duration backoff(int attempt) {
    long base = settings.retryBackoff().toNanos();
    long ceiling = Math.min(HttpSettings.MAX_BACKOFF.toNanos(), base << Math.min(attempt - 1, 20));
    // Full jitter: spreads retries of many callers that failed together.
    return Duration.ofNanos(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  private static Duration retryAfter(Header header) {
    if (header == null) {
      return Duration.ZERO;
    }
    String value = header.getValue().trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException e) {
      Instant when = DateUtils.parseStandardDate(value);
      return when == null ? Duration.ZERO : max(Duration.ZERO, Duration.between(Instant.now(), when));
    }
  }

  private static boolean isTimeout(IOException e) {
    return e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
        || e instanceof InterruptedIOException;
  }

  private static void pause(Duration wait, String host, int attempts) {
    try {
      TimeUnit.NANOSECONDS.sleep(wait.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExternalMatcherException(Reason.TIMEOUT, host, 0, "interrupted while waiting to retry", attempts, e);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private record Attempt(int status, byte[] body, Duration retryAfter, boolean tooLarge) {}
}
