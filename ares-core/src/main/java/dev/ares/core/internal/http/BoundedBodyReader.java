package dev.ares.core.internal.http;

import dev.ares.core.internal.RetryAfter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an answer into an {@link HttpAnswer} within the call's size cap. A body over the cap is
 * dropped with its connection, never drained: an error answer then keeps its status with an empty
 * body, a success fails with {@link TooLarge}. The classic client's reader; {@link
 * BoundedBodyConsumer} is the same rule for the async client, sharing {@link #head} and {@link
 * #limit}.
 */
final class BoundedBodyReader {

  /** The most a Java array can hold: no cap may promise more. */
  static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /** The longest {@code x-request-id} kept; real ones are a UUID or two. */
  private static final int MAX_REQUEST_ID_LENGTH = 200;

  private BoundedBodyReader() {}

  /** What an answer says before its body: the status and the headers the SDK keeps. */
  record Head(
      int status,
      String requestId,
      Duration retryAfter,
      String contentType,
      String location,
      int attempt) {

    boolean success() {
      return status >= 200 && status < 300;
    }

    HttpAnswer with(byte[] body) {
      return new HttpAnswer(status, requestId, retryAfter, contentType, location, body, attempt);
    }

    /**
     * The answer once its body was found over the cap: an error keeps its status with no body, a
     * success is {@link TooLarge}.
     */
    HttpAnswer withoutOversizedBody() throws TooLarge {
      if (success()) {
        throw new TooLarge(status, requestId);
      }
      return with(new byte[0]); // an error's status is the news; its oversized page is not needed
    }
  }

  /** The status and headers of {@code r}, server text made safe. */
  static Head head(HttpCall call, HttpResponse r, int attempt) {
    return new Head(
        r.getCode(),
        requestId(call, header(r, "x-request-id")),
        RetryAfter.parse(header(r, "Retry-After"), Instant.now()),
        header(r, "Content-Type"),
        header(r, "Location"),
        attempt);
  }

  /** The call's cap, never more than an array can hold. */
  static long limit(HttpCall call) {
    return Math.min(call.maxResponseBytes, MAX_BODY_BYTES);
  }

  static HttpAnswer read(
      HttpCall call, HttpUriRequestBase request, ClassicHttpResponse r, int attempt)
      throws IOException {
    Head head = head(call, r, attempt);
    HttpEntity entity = r.getEntity();
    if (entity == null) {
      return head.with(new byte[0]);
    }
    long limit = limit(call);
    long declared = entity.getContentLength();
    if (declared > limit) {
      request.cancel(); // drop the connection instead of draining a body we refuse
      return head.withoutOversizedBody();
    }
    if (declared >= 0) {
      // The usual case: read a body of declared length straight into its own array.
      try (InputStream in = entity.getContent()) {
        return head.with(in.readNBytes((int) declared));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = entity.getContent()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (out.size() + (long) n > limit) {
          request.cancel();
          return head.withoutOversizedBody();
        }
        out.write(buffer, 0, n);
      }
    }
    return head.with(out.toByteArray());
  }

  /** Request ids go into messages and log lines: scrubbed, printable and short. */
  private static String requestId(HttpCall call, String raw) {
    return raw == null ? null : call.serverText.get().printable(raw, MAX_REQUEST_ID_LENGTH);
  }

  private static String header(HttpResponse r, String name) {
    Header h = r.getFirstHeader(name);
    return h == null ? null : h.getValue();
  }

  /** Thrown from the response handler so HttpClient drops, not drains, the connection. */
  static final class TooLarge extends IOException {
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
