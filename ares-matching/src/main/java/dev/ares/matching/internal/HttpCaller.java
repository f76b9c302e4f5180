package dev.ares.matching.internal;

import dev.ares.core.AresTransportException;
import dev.ares.core.HttpOptions;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The matcher's POSTs (the IMS token and the actions) through the SDK's shared {@link HttpEngine}:
 * matching only reads, so connection failures, attempt timeouts, 429 and 503 are retried, within
 * the deadline the token and the action call share. No answer becomes an {@link
 * AresTransportException} carrying the engine's {@link TransportFailure}, an oversized one an
 * {@link ExternalMatcherException}; both name the host, never a header or body.
 *
 * <p>Internal: not part of the public API.
 */
public final class HttpCaller {

  /**
   * A final answer: its status, its body (at most the cap), how many attempts it took, and its
   * request id and {@code Retry-After} (each {@code null} when absent).
   */
  public record Response(
      int status, byte[] body, int attempts, String requestId, Duration retryAfter) {
    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The operation of the IMS token call, whose failures the engine words as IMS's. */
  public static final String IMS_TOKEN = "imsToken";

  private final HttpEngine engine;
  private final HttpOptions settings;

  /**
   * @param engine sends the requests
   * @param settings timeouts, retries and caps, already checked
   */
  public HttpCaller(HttpEngine engine, HttpOptions settings) {
    this.engine = engine;
    this.settings = settings;
  }

  /**
   * Posts the body and returns the first answer that is not retried: {@code blocking} on the
   * engine's classic client (the future is done when returned), or else, when {@link
   * #supportsAsync()}, on its async client, where cancelling the future aborts the exchange. The
   * future fails with the matcher's typed exceptions, never a wrapper. {@code operation} names the
   * call to the event listener ({@code imsToken}, {@code assetToProduct}, {@code productToAsset});
   * {@code serverText} masks the secrets of this request in what the answer's headers carry into
   * logs and failures.
   */
  public CompletableFuture<Response> post(
      boolean blocking,
      String operation,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      ContentType type,
      Deadline deadline,
      ServerText serverText) {
    String host = Urls.hostOf(uri);
    if (deadline.passed()) {
      return CompletableFuture.failedFuture(deadlinePassed(host));
    }
    HttpCall call = call(operation, uri, headers, body, type, deadline, serverText);
    CompletableFuture<HttpAnswer> exchange =
        blocking ? Futures.now(() -> engine.execute(call)) : engine.executeAsync(call);
    CompletableFuture<Response> result = new CompletableFuture<>();
    exchange.whenComplete(
        (answer, failure) -> {
          if (failure != null) {
            Throwable e = Futures.unwrap(failure);
            result.completeExceptionally(
                e instanceof RuntimeException unchecked ? translate(unchecked, host) : e);
          } else {
            result.complete(response(answer));
          }
        });
    result.whenComplete(
        (response, failure) -> {
          if (result.isCancelled()) {
            exchange.cancel(true);
          }
        });
    return result;
  }

  /** Whether a post that is not blocking works: the matcher owns its HTTP client. */
  public boolean supportsAsync() {
    return engine.supportsAsync();
  }

  private HttpCall call(
      String operation,
      URI uri,
      Map<String, String> headers,
      byte[] body,
      ContentType type,
      Deadline deadline,
      ServerText serverText) {
    return HttpCall.to(
            // The engine's own words (a proxy's refusal, a deadline) then tell IMS from an action.
            IMS_TOKEN.equals(operation) ? "IMS" : "matcher",
            uri,
            () -> {
              HttpPost post = new HttpPost(uri);
              headers.forEach(post::setHeader);
              post.setEntity(new ByteArrayEntity(body, type));
              return post;
            })
        .retryPolicy(settings.retryPolicy())
        .retryOn(HttpCaller::worthRetrying)
        .timeouts(settings.connectTimeout(), settings.attemptTimeout(), settings.callTimeout())
        .deadline(deadline.endNanos())
        .timeoutWhenRetryDoesNotFit(true)
        .maxResponseBytes(settings.maxResponseBytes())
        .followRedirects(false)
        .serverText(() -> serverText)
        .events(settings.eventListener(), "ExternalMatcher", operation)
        .build();
  }

  private static Response response(HttpAnswer answer) {
    return new Response(
        answer.status(), answer.body(), answer.attempts(), answer.requestId(), answer.retryAfter());
  }

  private static AresTransportException deadlinePassed(String host) {
    return MatcherFailures.transport(
        TransportFailure.CALL_TIMEOUT, host, "the call timed out", 0, false, null);
  }

  /** The engine's failures as the matcher's typed exceptions; anything else as it is. */
  private RuntimeException translate(RuntimeException e, String host) {
    if (e instanceof HttpCallException failure) {
      return toTransportException(failure, host);
    }
    if (e instanceof ResponseTooLargeException tooLarge) {
      return new ExternalMatcherException(
          Reason.RESPONSE_TOO_LARGE,
          host,
          tooLarge.status(),
          "the answer exceeded " + settings.maxResponseBytes() + " bytes",
          tooLarge.attempts(),
          null);
    }
    return e;
  }

  /** Everything but a name that does not resolve: that will not change within the call. */
  private static boolean worthRetrying(HttpCallException e) {
    return HttpCall.RETRY_READS.test(e) && e.failure() != TransportFailure.UNKNOWN_HOST;
  }

  private static AresTransportException toTransportException(HttpCallException e, String host) {
    if (e.proxy() != null || e.failure() == TransportFailure.PROXY_REFUSED) {
      return MatcherFailures.transport( // the engine's words name the proxy, never a credential
          e.failure(), e.host(host), e.getMessage(), e.attempts(), e.requestSent(), e.getCause());
    }
    String detail =
        switch (e.failure()) {
          case CLOSED -> "the matcher is closed";
          case INTERRUPTED -> "interrupted while waiting to retry";
          case CONNECT_TIMEOUT, POOL_EXHAUSTED, ATTEMPT_TIMEOUT, CALL_TIMEOUT ->
              e.causeName() == null
                  ? e.getMessage() // the engine's own deadline: its words
                  : e.failure() == TransportFailure.CALL_TIMEOUT
                      ? "the call timed out"
                      : "the attempt timed out";
          default ->
              "the connection failed ("
                  + (e.causeName() == null ? e.failure().name() : e.causeName())
                  + ")";
        };
    return MatcherFailures.transport(
        e.failure(), host, detail, e.attempts(), e.requestSent(), e.getCause());
  }
}
