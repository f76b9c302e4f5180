package dev.ares.matching.internal;

import dev.ares.core.HttpOptions;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The matcher's POSTs (the IMS token and the actions) through the SDK's shared {@link HttpEngine}:
 * matching only reads, so connection failures, attempt timeouts, 429 and 503 are retried, within
 * the deadline the token and the action call share. Failures become {@link
 * ExternalMatcherException}s naming the host, never a header or body.
 *
 * <p>Internal: not part of the public API.
 */
public final class HttpCaller {

  /** A final answer: its status, its body (at most the cap) and how many attempts it took. */
  public record Response(int status, byte[] body, int attempts) {
    /** Whether the status is 2xx. */
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

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
   * Posts the body and returns the first answer that is not retried. {@code serverText} masks the
   * secrets of this request in what the answer's headers carry into logs and failures.
   */
  public Response post(URI uri, Map<String, String> headers, byte[] body, ContentType type,
      Deadline deadline, ServerText serverText) {
    String host = Urls.hostOf(uri);
    if (deadline.passed()) {
      throw new ExternalMatcherException(Reason.TIMEOUT, host, 0, "the call timed out", 0, null);
    }
    HttpCall call = HttpCall.to("matcher", uri, () -> {
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
        .build();
    try {
      HttpAnswer answer = engine.execute(call);
      return new Response(answer.status(), answer.body(), answer.attempts());
    } catch (HttpCallException e) {
      throw toMatcherException(e, host, deadline);
    }
  }

  /** Everything but a name that does not resolve: that will not change within the call. */
  private static boolean worthRetrying(HttpCallException e) {
    return HttpCall.RETRY_READS.test(e) && !(e.getCause() instanceof UnknownHostException);
  }

  private ExternalMatcherException toMatcherException(HttpCallException e, String host,
      Deadline deadline) {
    switch (e.kind()) {
      case CLOSED:
        return new ExternalMatcherException(Reason.CLOSED, host, 0, "the matcher is closed",
            e.attempts(), e);
      case INTERRUPTED:
        return new ExternalMatcherException(Reason.TIMEOUT, host, 0,
            "interrupted while waiting to retry", e.attempts(), e);
      case TOO_LARGE:
        return new ExternalMatcherException(Reason.RESPONSE_TOO_LARGE, host, e.status(),
            "the answer exceeded " + settings.maxResponseBytes() + " bytes", e.attempts(), null);
      case TIMEOUT:
        String what = e.getCause() == null ? e.getMessage()
            : deadline.passed() ? "the call timed out" : "the attempt timed out";
        return new ExternalMatcherException(Reason.TIMEOUT, host, 0, what, e.attempts(), e.getCause());
      default:
        String cause = e.getCause() == null ? e.kind().name() : e.getCause().getClass().getSimpleName();
        return new ExternalMatcherException(Reason.CONNECTION, host, 0,
            "the connection failed (" + cause + ")", e.attempts(), e.getCause());
    }
  }
}
