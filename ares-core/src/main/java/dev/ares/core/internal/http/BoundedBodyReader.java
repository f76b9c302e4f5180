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

/**
 * Reads an answer into an {@link HttpAnswer} within the call's size cap. A body over the cap is
 * dropped with its connection, never drained: an error answer then keeps its status with an empty
 * body, a success fails with {@link TooLarge}.
 */
final class BoundedBodyReader {

  /** The most a Java array can hold: no cap may promise more. */
  static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 8;

  /** The longest {@code x-request-id} kept; real ones are a UUID or two. */
  private static final int MAX_REQUEST_ID_LENGTH = 200;

  private BoundedBodyReader() {}

  static HttpAnswer read(
      HttpCall call, HttpUriRequestBase request, ClassicHttpResponse r, int attempt)
      throws IOException {
    int status = r.getCode();
    String requestId = requestId(call, header(r, "x-request-id"));
    Duration retryAfter = RetryAfter.parse(header(r, "Retry-After"), Instant.now());
    String contentType = header(r, "Content-Type");
    String location = header(r, "Location");
    HttpEntity entity = r.getEntity();
    if (entity == null) {
      return new HttpAnswer(
          status, requestId, retryAfter, contentType, location, new byte[0], attempt);
    }
    long limit = Math.min(call.maxResponseBytes, MAX_BODY_BYTES);
    boolean success = status >= 200 && status < 300;
    long declared = entity.getContentLength();
    if (declared > limit) {
      request.cancel(); // drop the connection instead of draining a body we refuse
      if (!success) { // an error's status is the news; its oversized page is not needed
        return new HttpAnswer(
            status, requestId, retryAfter, contentType, location, new byte[0], attempt);
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
            return new HttpAnswer(
                status, requestId, retryAfter, contentType, location, new byte[0], attempt);
          }
          throw new TooLarge(status, requestId);
        }
        out.write(buffer, 0, n);
      }
    }
    return new HttpAnswer(
        status, requestId, retryAfter, contentType, location, out.toByteArray(), attempt);
  }

  /** Request ids go into messages and log lines: scrubbed, printable and short. */
  private static String requestId(HttpCall call, String raw) {
    return raw == null ? null : call.serverText.get().printable(raw, MAX_REQUEST_ID_LENGTH);
  }

  private static String header(ClassicHttpResponse r, String name) {
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
