package dev.ares.core.internal.http;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link HttpEventListener}: SLF4J lines on {@code dev.ares.http}, DEBUG for answers,
 * failed attempts, retries and call ends, TRACE for starts. Everything it prints was made safe
 * before it got here (the request id) or is the SDK's own (names, numbers, enum constants).
 *
 * <p>Internal: not part of the public API; use {@link HttpEventListener#logging()}.
 */
public final class LoggingEventListener implements HttpEventListener {

  /** The one instance; it holds no state. */
  public static final LoggingEventListener INSTANCE = new LoggingEventListener();

  private static final Logger LOG = LoggerFactory.getLogger("dev.ares.http");

  private LoggingEventListener() {}

  @Override
  public void callStart(HttpCallInfo call) {
    LOG.trace("{} started", call);
  }

  @Override
  public void attemptStart(HttpCallInfo call, int attempt) {
    LOG.trace("{}: attempt {} started", call, attempt);
  }

  @Override
  public void attemptFailed(
      HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
    LOG.debug("{}: attempt {} failed ({}) after {} ms", call, attempt, failure, elapsed.toMillis());
  }

  @Override
  public void responseReceived(
      HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{}: answered HTTP {} in {} ms on attempt {}{}",
          call,
          status,
          elapsed.toMillis(),
          attempt,
          requestId == null ? "" : " (request id " + requestId + ")");
    }
  }

  @Override
  public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
    LOG.debug("{}: retrying after attempt {} in {} ms", call, attempt, delay.toMillis());
  }

  @Override
  public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{}: ended {}{} after {} attempt(s) in {} ms",
          call,
          summary.outcome(),
          summary.status().isPresent()
              ? " (HTTP " + summary.status().getAsInt() + ")"
              : summary.failure().map(f -> " (" + f + ")").orElse(""),
          summary.attempts(),
          summary.duration().toMillis());
    }
  }

  @Override
  public String toString() {
    return "HttpEventListener.logging()";
  }
}
