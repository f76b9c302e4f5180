package dev.ares.core.internal.http;

import java.time.Duration;

/**
 * The final answer of a call: status, body (within the size cap) and what the caller needs to
 * report it.
 *
 * <p>Internal: not part of the public API.
 *
 * @param status the HTTP status
 * @param requestId the {@code x-request-id} header made safe by the call's {@code ServerText}
 *     (secrets masked, printable, cut), or {@code null}
 * @param retryAfter what {@code Retry-After} asked for, or {@code null}
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param location the {@code Location} header, or {@code null}
 * @param body the body, empty when there was none
 * @param attempts how many attempts the call took
 */
public record HttpAnswer(
    int status,
    String requestId,
    Duration retryAfter,
    String contentType,
    String location,
    byte[] body,
    int attempts) {

  /** Whether the status is 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** Whether the status asks to slow down or try later. */
  public boolean isThrottling() {
    return status == 429 || status == 503;
  }
}
