package dev.ares.client.internal;

import dev.ares.client.AresClient;
import dev.ares.client.AresException;
import dev.ares.client.AresHttpException;
import dev.ares.client.AresResponseException;
import dev.ares.client.AresTransportException;
import dev.ares.client.AresValidationException;
import dev.ares.client.FieldViolation;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.client.model.TenantInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP {@link AresClient}: one POST per attempt over Apache HttpClient 5, with an attempt
 * deadline and a call deadline enforced by cancelling the request, and retries only where nothing
 * can have changed on the service.
 *
 * <p>Internal: not part of the public API; build it with {@link AresClient#builder()}.
 */
public final class HttpAresClient implements AresClient {

  private static final Logger LOG = LoggerFactory.getLogger(AresClient.class);

  private final ClientSettings settings;
  private final CloseableHttpClient http;
  private final PoolingHttpClientConnectionManager pool;
  private final ScheduledThreadPoolExecutor deadlines;
  private final Set<HttpPost> inFlight = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final String host;

  /** A client on these settings; uses {@code callerHttpClient} when given, else owns its own. */
  public HttpAresClient(ClientSettings settings, CloseableHttpClient callerHttpClient) {
    this.settings = settings;
    this.host = Urls.hostOf(settings.endpoint);
    if (callerHttpClient != null) {
      this.http = callerHttpClient;
      this.pool = null;
    } else {
      this.pool = PoolingHttpClientConnectionManagerBuilder.create()
          .setMaxConnTotal(settings.maxConnections)
          .setMaxConnPerRoute(settings.maxConnections)
          .setDefaultConnectionConfig(ConnectionConfig.custom()
              .setConnectTimeout(Timeout.of(settings.connectTimeout))
              .setSocketTimeout(Timeout.of(settings.attemptTimeout))
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
      Thread t = new Thread(runnable, "ares-client-deadlines");
      t.setDaemon(true);
      return t;
    });
    this.deadlines.setRemoveOnCancelPolicy(true);
  }

  @Override
  public RegisterTenantResult registerTenant(TenantInput tenantInput) {
    if (tenantInput == null) {
      throw new AresValidationException(List.of(FieldViolation.of("tenantInput", "is required")));
    }
    byte[] body = RegisterTenantOperation.requestBody(tenantInput, settings.ruleWireForm);
    SecretScrubber scrubber = scrubberFor(tenantInput);
    Response response = send(body);
    if (response.status < 200 || response.status >= 300) {
      throw new AresHttpException(response.status, response.requestId, response.retryAfter,
          response.attempt);
    }
    return RegisterTenantOperation.readResponse(
        response.body, response.status, response.requestId, response.attempt, scrubber);
  }

  /** Sends the body, retrying as the policy allows; returns the last answer or throws. */
  private Response send(byte[] body) {
    long deadline = System.nanoTime() + settings.callTimeout.toNanos();
    int maxAttempts = settings.retryPolicy.maxAttempts();
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      AresException failure;
      try {
        Response response = attempt(body, attempt, deadline);
        if (!(response.status == 429 || response.status == 503)) {
          return response;
        }
        failure = new AresHttpException(response.status, response.requestId, response.retryAfter,
            attempt);
        wait = Backoff.after(attempt, settings.retryPolicy);
        if (response.retryAfter != null) {
          if (response.retryAfter.compareTo(settings.retryPolicy.maxRetryAfter()) > 0) {
            return response; // asked to wait longer than we may: give the caller the answer
          }
          wait = max(wait, response.retryAfter);
        }
        if (attempt >= maxAttempts || System.nanoTime() + wait.toNanos() >= deadline) {
          return response;
        }
      } catch (AresTransportException e) {
        if (e.requestSent() || e.isTimeout() || isClosed() || attempt >= maxAttempts) {
          throw e;
        }
        failure = e;
        wait = Backoff.after(attempt, settings.retryPolicy);
        if (System.nanoTime() + wait.toNanos() >= deadline) {
          throw e;
        }
      }
      LOG.debug("ARES call to {} failed on attempt {} of {} ({}); retrying in {} ms", host, attempt,
          maxAttempts, failure.getClass().getSimpleName(), wait.toMillis());
      pause(wait, attempt);
    }
  }

  private Response attempt(byte[] body, int attempt, long deadline) {
    if (isClosed()) {
      throw new AresTransportException("the ARES client is closed", attempt - 1, false, false, null);
    }
    long budget = Math.min(settings.attemptTimeout.toNanos(), deadline - System.nanoTime());
    if (budget <= 0) {
      throw new AresTransportException("the call timeout of " + settings.callTimeout.toMillis()
          + " ms ran out before ARES at " + host + " answered", attempt - 1, true, attempt > 1, null);
    }
    HttpPost post = newPost(body, budget);
    AtomicBoolean timedOut = new AtomicBoolean();
    CountDownLatch alarmDone = new CountDownLatch(1);
    ScheduledFuture<?> alarm = deadlines.schedule(() -> {
      timedOut.set(true);
      try {
        post.cancel();
      } finally {
        alarmDone.countDown();
      }
    }, budget, TimeUnit.NANOSECONDS);
    inFlight.add(post);
    long started = System.nanoTime();
    try {
      Response response = http.execute(post, r -> readResponse(post, r, attempt));
      LOG.debug("ARES call to {} answered HTTP {} in {} ms on attempt {}{}", host, response.status,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), attempt,
          response.requestId == null ? "" : " (request id " + response.requestId + ")");
      return response;
    } catch (TooLargeException e) {
      throw new AresResponseException("ARES answered with a body larger than "
          + settings.maxResponseBytes + " bytes", e.status, e.requestId, attempt);
    } catch (IOException e) {
      throw transportFailure(e, attempt, timedOut.get());
    } catch (RuntimeException e) {
      if (isClosed()) { // the pool, shut down by close(), cancels waiting leases unchecked
        throw new AresTransportException("the ARES client was closed during the call to " + host,
            attempt, false, true, e);
      }
      throw e;
    } finally {
      alarm.cancel(false);
      if (timedOut.get()) {
        awaitAlarm(alarmDone); // it fired: let its cancel() finish releasing the connection first
      }
      inFlight.remove(post);
    }
  }

  private static void awaitAlarm(CountDownLatch alarmDone) {
    try {
      alarmDone.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @SuppressWarnings("deprecation") // per-request connect timeout still matters for caller clients
  private HttpPost newPost(byte[] body, long budgetNanos) {
    HttpPost post = new HttpPost(settings.endpoint);
    String jwt;
    try {
      jwt = settings.gatewaySignature.get();
    } catch (RuntimeException e) {
      throw new AresTransportException("the gatewaySignature supplier failed ("
          + e.getClass().getSimpleName() + ")", 0, false, false, null);
    }
    if (jwt == null || jwt.isBlank() || jwt.chars().anyMatch(Character::isISOControl)) {
      throw new AresValidationException(List.of(FieldViolation.of(
          "aresClient.gatewaySignature", "supplied no usable JWT")));
    }
    post.setHeader("x-api-key", settings.apiKey);
    post.setHeader("magento-environment-id", settings.environmentId);
    post.setHeader("x-gw-signature", jwt);
    post.setHeader("User-Agent", UserAgent.VALUE);
    post.setHeader("Accept", "application/json");
    settings.extraHeaders.forEach(post::setHeader);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    Timeout budget = Timeout.ofMilliseconds(Math.max(1, TimeUnit.NANOSECONDS.toMillis(budgetNanos)));
    Timeout connect = Timeout.of(min(settings.connectTimeout, budget.toDuration()));
    post.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(budget)
        .setConnectTimeout(connect)
        .setResponseTimeout(budget)
        .setRedirectsEnabled(settings.followRedirects)
        .setMaxRedirects(3)
        .build());
    return post;
  }

  private Response readResponse(HttpPost post, ClassicHttpResponse r, int attempt)
      throws IOException {
    Response response = new Response();
    response.attempt = attempt;
    response.status = r.getCode();
    response.requestId = headerValue(r, "x-request-id");
    response.retryAfter = RetryAfter.parse(headerValue(r, "Retry-After"), Instant.now());
    HttpEntity entity = r.getEntity();
    if (entity == null) {
      response.body = new byte[0];
      return response;
    }
    long limit = settings.maxResponseBytes;
    if (entity.getContentLength() > limit) {
      post.cancel(); // drop the connection instead of draining a body we refuse
      throw new TooLargeException(response);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = entity.getContent()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + (long) n > limit) {
          post.cancel();
          throw new TooLargeException(response);
        }
        out.write(buffer, 0, n);
      }
    }
    response.body = out.toByteArray();
    return response;
  }

  private static String headerValue(ClassicHttpResponse r, String name) {
    Header h = r.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  private AresTransportException transportFailure(IOException e, int attempt, boolean timedOut) {
    String kind = e.getClass().getSimpleName();
    if (isClosed()) {
      return new AresTransportException("the ARES client was closed during the call to " + host,
          attempt, false, true, e);
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
      what = "could not connect (" + kind + ")";
    } else {
      what = "the connection failed (" + kind + ")";
    }
    return new AresTransportException(
        "ARES at " + host + ": " + what + " on attempt " + attempt, attempt, timeout, !notSent, e);
  }

  private void pause(Duration wait, int attempt) {
    try {
      if (closed.await(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AresTransportException("the ARES client was closed while waiting to retry",
            attempt, false, false, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AresTransportException("interrupted while waiting to retry the call to " + host,
          attempt, false, false, e);
    }
  }

  private SecretScrubber scrubberFor(TenantInput input) {
    List<String> secrets = new ArrayList<>();
    secrets.add(settings.apiKey);
    input.commerce().ifPresent(c -> {
      CommerceCredentialsInput k = c.credentials();
      secrets.addAll(List.of(k.consumerKey(), k.consumerSecret(), k.accessToken(),
          k.accessTokenSecret()));
    });
    if (input.rule() instanceof ExternalMatcherInput) {
      secrets.add(((ExternalMatcherInput) input.rule()).credentials().clientSecret());
    }
    return new SecretScrubber(secrets);
  }

  private boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Connection pool statistics of the SDK-owned pool, or {@code null} for a caller's client. */
  public PoolStats poolStats() {
    return pool == null ? null : pool.getTotalStats();
  }

  @Override
  public void close() {
    if (isClosed()) {
      return;
    }
    closed.countDown();
    inFlight.forEach(HttpPost::cancel);
    deadlines.shutdownNow();
    if (pool != null) {
      http.close(CloseMode.IMMEDIATE);
    }
    try {
      // The deadline thread has nothing left to do; waiting a moment means close() leaves no
      // SDK thread behind, which callers' leak checks rely on.
      deadlines.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "AresClient{endpoint=" + settings.endpoint + "}";
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** One HTTP answer, read within the size cap. */
  private static final class Response {
    int attempt;
    int status;
    String requestId;
    Duration retryAfter;
    byte[] body = new byte[0];
  }

  /** Thrown from the response handler so HttpClient drops, not drains, the connection. */
  private static final class TooLargeException extends IOException {
    final int status;
    final String requestId;

    TooLargeException(Response response) {
      super("response body over the size limit");
      this.status = response.status;
      this.requestId = response.requestId;
    }
  }
}
