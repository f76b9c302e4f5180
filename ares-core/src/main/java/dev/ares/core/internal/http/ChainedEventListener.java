package dev.ares.core.internal.http;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two listeners heard in turn ({@link HttpEventListener#andThen}); also the one place where a
 * listener's exception is caught, so that a faulty listener never changes a call.
 *
 * <p>Internal: not part of the public API.
 */
public final class ChainedEventListener implements HttpEventListener {

  private static final Logger LOG = LoggerFactory.getLogger("dev.ares.http");

  /** The listener that does nothing. */
  public static final HttpEventListener NONE =
      new HttpEventListener() {
        @Override
        public String toString() {
          return "HttpEventListener.none()";
        }
      };

  private final HttpEventListener first;
  private final HttpEventListener second;

  private ChainedEventListener(HttpEventListener first, HttpEventListener second) {
    this.first = first;
    this.second = second;
  }

  /** {@code first}, then {@code second}; a {@code null} is refused here, at set-up. */
  public static HttpEventListener of(HttpEventListener first, HttpEventListener second) {
    if (second == null) {
      throw new NullPointerException("andThen(null): give HttpEventListener.none() instead");
    }
    return new ChainedEventListener(first, second);
  }

  /**
   * Tells {@code listener} of an event; what it throws is logged (its class only: a message might
   * quote anything) and dropped.
   */
  static void tell(HttpEventListener listener, String event, Consumer<HttpEventListener> call) {
    try {
      call.accept(listener);
    } catch (RuntimeException e) {
      LOG.warn(
          "HTTP event listener {} threw {} in {}; the call goes on",
          listener.getClass().getName(),
          e.getClass().getName(),
          event);
    }
  }

  @Override
  public void callStart(HttpCallInfo call) {
    tell(first, "callStart", l -> l.callStart(call));
    tell(second, "callStart", l -> l.callStart(call));
  }

  @Override
  public void attemptStart(HttpCallInfo call, int attempt) {
    tell(first, "attemptStart", l -> l.attemptStart(call, attempt));
    tell(second, "attemptStart", l -> l.attemptStart(call, attempt));
  }

  @Override
  public void attemptFailed(
      HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
    tell(first, "attemptFailed", l -> l.attemptFailed(call, attempt, failure, elapsed));
    tell(second, "attemptFailed", l -> l.attemptFailed(call, attempt, failure, elapsed));
  }

  @Override
  public void responseReceived(
      HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
    tell(
        first,
        "responseReceived",
        l -> l.responseReceived(call, attempt, status, elapsed, requestId));
    tell(
        second,
        "responseReceived",
        l -> l.responseReceived(call, attempt, status, elapsed, requestId));
  }

  @Override
  public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
    tell(first, "retryScheduled", l -> l.retryScheduled(call, attempt, delay));
    tell(second, "retryScheduled", l -> l.retryScheduled(call, attempt, delay));
  }

  @Override
  public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
    tell(first, "callEnd", l -> l.callEnd(call, summary));
    tell(second, "callEnd", l -> l.callEnd(call, summary));
  }

  @Override
  public String toString() {
    return first + ".andThen(" + second + ")";
  }
}
