package dev.ares.core.internal.http;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpEventListener;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;

/**
 * One logical call for {@link HttpEngine}: how to make each attempt's request, and the timeouts,
 * retries and size cap that bound it.
 *
 * <p>Internal: not part of the public API.
 */
public final class HttpCall {

  /** Retry only attempts that never reached the peer: right for anything that changes state. */
  public static final Predicate<HttpCallException> RETRY_UNSENT =
      e -> !e.requestSent() && isNetworkFailure(e.failure());

  /** Also retry attempts that timed out or lost their connection: right for reads. */
  public static final Predicate<HttpCallException> RETRY_READS = e -> isNetworkFailure(e.failure());

  /**
   * A failure of the network or the peer, not of the caller (closed, interrupted) nor a proxy's
   * refusal, which another attempt would meet again.
   */
  private static boolean isNetworkFailure(TransportFailure failure) {
    return switch (failure) {
      case CLOSED, INTERRUPTED, REQUEST_NOT_BUILT, PROXY_REFUSED -> false;
      default -> true;
    };
  }

  final String service;
  final URI uri;
  final Supplier<HttpUriRequestBase> newRequest;
  final RetryPolicy retryPolicy;
  final Predicate<HttpCallException> retryOn;
  final Duration connectTimeout;
  final Duration attemptTimeout;
  final Duration socketTimeout;
  final Duration callTimeout;
  final long maxResponseBytes;
  final boolean followRedirects;
  final Long deadlineNanos;
  final boolean timeoutWhenRetryDoesNotFit;
  final Supplier<ServerText> serverText;
  final HttpEventListener eventListener;
  final HttpCallInfo info;

  private HttpCall(Builder b) {
    this.service = Objects.requireNonNull(b.service, "service");
    this.uri = Objects.requireNonNull(b.uri, "uri");
    this.newRequest = Objects.requireNonNull(b.newRequest, "newRequest");
    this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
    this.retryOn = Objects.requireNonNull(b.retryOn, "retryOn");
    this.connectTimeout = Objects.requireNonNull(b.connectTimeout, "connectTimeout");
    this.attemptTimeout = Objects.requireNonNull(b.attemptTimeout, "attemptTimeout");
    this.socketTimeout = b.socketTimeout == null ? b.attemptTimeout : b.socketTimeout;
    this.callTimeout = Objects.requireNonNull(b.callTimeout, "callTimeout");
    this.maxResponseBytes = b.maxResponseBytes;
    this.followRedirects = b.followRedirects;
    this.deadlineNanos = b.deadlineNanos;
    this.timeoutWhenRetryDoesNotFit = b.timeoutWhenRetryDoesNotFit;
    this.serverText = Objects.requireNonNull(b.serverText, "serverText");
    this.eventListener = Objects.requireNonNull(b.eventListener, "eventListener");
    this.info =
        HttpCallInfo.of(
            b.client == null ? service : b.client,
            b.operation == null ? "call" : b.operation,
            Urls.hostOf(uri));
  }

  /**
   * A call to {@code uri}; {@code service} names the peer in messages and logs ("ARES", "IMS").
   * {@code newRequest} is asked once per attempt, so rotating credentials are picked up.
   */
  public static Builder to(String service, URI uri, Supplier<HttpUriRequestBase> newRequest) {
    Builder b = new Builder();
    b.service = service;
    b.uri = uri;
    b.newRequest = newRequest;
    return b;
  }

  /** Settings of one call; every one has a safe default but the three given to {@link #to}. */
  public static final class Builder {
    private String service;
    private URI uri;
    private Supplier<HttpUriRequestBase> newRequest;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Predicate<HttpCallException> retryOn = RETRY_UNSENT;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration attemptTimeout = Duration.ofSeconds(15);
    private Duration socketTimeout;
    private Duration callTimeout = Duration.ofSeconds(45);
    private long maxResponseBytes = 4L * 1024 * 1024;
    private boolean followRedirects;
    private Long deadlineNanos;
    private boolean timeoutWhenRetryDoesNotFit;
    private Supplier<ServerText> serverText = ServerText::withoutSecrets;
    private HttpEventListener eventListener = HttpEventListener.logging();
    private String client;
    private String operation;

    private Builder() {}

    /**
     * Who hears this call's events, and how they name it: the SDK client ({@code AresClient}) and
     * the operation ({@code registerTenant}). Without it: the logging listener, the service's name
     * and {@code call}.
     */
    public Builder events(HttpEventListener listener, String client, String operation) {
      this.eventListener = listener;
      this.client = client;
      this.operation = operation;
      return this;
    }

    /**
     * The rule for what the peer sends back ({@code x-request-id}, kept in answers, failures and
     * log lines): which secrets of this call to mask. Asked after each attempt that got an answer,
     * so a credential supplied per attempt is known by then. Without it text is only made
     * printable.
     */
    public Builder serverText(Supplier<ServerText> serverText) {
      this.serverText = serverText;
      return this;
    }

    /**
     * Ends the call at this {@link System#nanoTime()} instead of the call timeout from now, so that
     * several calls (a token, then the action) share one deadline.
     */
    public Builder deadline(long nanoTime) {
      this.deadlineNanos = nanoTime;
      return this;
    }

    /**
     * When a retry is due but its wait would pass the deadline, fail with a timeout instead of
     * returning the last answer or failure.
     */
    public Builder timeoutWhenRetryDoesNotFit(boolean timeout) {
      this.timeoutWhenRetryDoesNotFit = timeout;
      return this;
    }

    /** When to try again. */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = policy;
      return this;
    }

    /**
     * Whether sending the request twice is harmless (a read). Then an attempt that timed out or
     * lost its connection after sending is retried too ({@link #RETRY_READS}); otherwise only one
     * that never connected is ({@link #RETRY_UNSENT}, the default).
     */
    public Builder idempotent(boolean idempotent) {
      this.retryOn = idempotent ? RETRY_READS : RETRY_UNSENT;
      return this;
    }

    /** Exactly which failed attempts may be retried (429 and 503 always may). */
    public Builder retryOn(Predicate<HttpCallException> retryOn) {
      this.retryOn = retryOn;
      return this;
    }

    /** The longest wait for the peer's next bytes; the attempt timeout unless set. */
    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
      return this;
    }

    /** Connect, per-attempt and whole-call timeouts. */
    public Builder timeouts(Duration connect, Duration attempt, Duration call) {
      this.connectTimeout = connect;
      this.attemptTimeout = attempt;
      this.callTimeout = call;
      return this;
    }

    /** The largest body read; a larger one is refused without being read. */
    public Builder maxResponseBytes(long max) {
      this.maxResponseBytes = max;
      return this;
    }

    /** Whether the engine's redirect strategy may follow redirects for this call. */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /** The call. */
    public HttpCall build() {
      return new HttpCall(this);
    }
  }
}
