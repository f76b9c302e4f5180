package dev.ares.core;

import dev.ares.core.internal.http.ChainedEventListener;
import dev.ares.core.internal.http.LoggingEventListener;
import java.time.Duration;

/**
 * Hears what every HTTP call of the SDK's clients does, for logs, metrics and traces: set one with
 * {@link HttpOptions#eventListener()} (or a client builder's {@code eventListener(...)} shortcut).
 * Modelled on OkHttp's {@code EventListener}.
 *
 * <p>For one call the events come in this order: {@link #callStart}; for each attempt {@link
 * #attemptStart} followed by {@link #responseReceived} or {@link #attemptFailed}, with {@link
 * #retryScheduled} before the next attempt; and {@link #callEnd} once, always last, however the
 * call ended. A call that fails before its first attempt (a closed client, a credential supplier
 * that failed) has only {@code callStart} and {@code callEnd}.
 *
 * <p>What a listener is given: the client, operation and host of the call, attempt numbers,
 * statuses, failure kinds, durations, and the server's {@code x-request-id} made safe like all
 * server text (secrets of the call masked, control characters escaped). Never a header value of the
 * request, a body or a credential.
 *
 * <p>Every method is called synchronously on the thread making the call, and one listener hears the
 * calls of every thread: keep it fast and thread-safe. An exception a listener throws is logged
 * (its class only, at WARN) and never changes the call. Every method does nothing by default;
 * override those you need.
 *
 * <pre>{@code
 * HttpEventListener timings = new HttpEventListener() {
 *   @Override
 *   public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
 *     metrics.record(call.operation(), summary.outcome(), summary.duration());
 *   }
 * };
 * AresClient.builder().eventListener(HttpEventListener.logging().andThen(timings))...;
 * }</pre>
 */
public interface HttpEventListener {

  /** The call is about to make its first attempt. */
  default void callStart(HttpCallInfo call) {}

  /** Attempt {@code attempt} (from 1) is about to be sent. */
  default void attemptStart(HttpCallInfo call, int attempt) {}

  /**
   * Attempt {@code attempt} got no answer.
   *
   * @param elapsed from {@link #attemptStart} to the failure
   */
  default void attemptFailed(
      HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {}

  /**
   * Attempt {@code attempt} got an answer with this status (a 2xx body is read by then).
   *
   * @param elapsed from {@link #attemptStart} to the answer
   * @param requestId the answer's {@code x-request-id} made safe, or {@code null} when it had none
   */
  default void responseReceived(
      HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {}

  /**
   * Attempt {@code attempt} will be followed by another after {@code delay} (the backoff, or a
   * longer {@code Retry-After} the server asked for).
   */
  default void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {}

  /** The call ended: how, after how many attempts, and how long it took in all. */
  default void callEnd(HttpCallInfo call, HttpCallSummary summary) {}

  /**
   * A listener that hears the events after this one: both are called for each event, this one
   * first; an exception of either is logged and the other still hears the event.
   */
  default HttpEventListener andThen(HttpEventListener next) {
    return ChainedEventListener.of(this, next);
  }

  /** A listener that does nothing. */
  static HttpEventListener none() {
    return ChainedEventListener.NONE;
  }

  /**
   * The default listener: SLF4J lines on the logger {@code dev.ares.http}. At DEBUG, one line per
   * answer (status, time, attempt, request id), per failed attempt (the {@link TransportFailure}),
   * per retry (the delay) and per call end (outcome, attempts, total time); at TRACE also call and
   * attempt starts. Never a header value, body or credential.
   */
  static HttpEventListener logging() {
    return LoggingEventListener.INSTANCE;
  }
}
