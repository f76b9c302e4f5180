package dev.ares.core.internal.http;

import dev.ares.core.AresTransportException;
import dev.ares.core.CallOutcome;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import java.time.Duration;

/**
 * One call's events as its {@link HttpEventListener} hears them: counts the attempts, times them
 * and the call, and keeps a listener's exception from reaching the call.
 *
 * <p>Internal: not part of the public API. Used by one thread at a time: the one making the call,
 * or for an async call the I/O and timer threads that run its steps one after another.
 */
final class CallEvents {

  private final HttpEventListener listener;
  private final HttpCallInfo call;
  private final long callStarted = System.nanoTime();
  private long attemptStarted;
  private int attempts;

  private CallEvents(HttpEventListener listener, HttpCallInfo call) {
    this.listener = listener;
    this.call = call;
  }

  /** The call has started: {@link HttpEventListener#callStart} is told at once. */
  static CallEvents start(HttpEventListener listener, HttpCallInfo call) {
    CallEvents events = new CallEvents(listener, call);
    ChainedEventListener.tell(listener, "callStart", l -> l.callStart(call));
    return events;
  }

  void attemptStart(int attempt) {
    attempts = attempt;
    attemptStarted = System.nanoTime();
    ChainedEventListener.tell(listener, "attemptStart", l -> l.attemptStart(call, attempt));
  }

  void attemptFailed(TransportFailure failure) {
    Duration elapsed = since(attemptStarted);
    int attempt = attempts;
    ChainedEventListener.tell(
        listener, "attemptFailed", l -> l.attemptFailed(call, attempt, failure, elapsed));
  }

  void responseReceived(int status, String requestId) {
    Duration elapsed = since(attemptStarted);
    int attempt = attempts;
    ChainedEventListener.tell(
        listener,
        "responseReceived",
        l -> l.responseReceived(call, attempt, status, elapsed, requestId));
  }

  /** The attempts started so far. */
  int attempts() {
    return attempts;
  }

  void retryScheduled(Duration delay) {
    int attempt = attempts;
    ChainedEventListener.tell(
        listener, "retryScheduled", l -> l.retryScheduled(call, attempt, delay));
  }

  /** The call returned this answer. */
  void answered(HttpAnswer answer) {
    end(answer.isSuccess() ? CallOutcome.SUCCESS : CallOutcome.HTTP_ERROR, answer.status(), null);
  }

  /** The call ended with {@code e}, whatever it is; the caller rethrows it. */
  void failed(Throwable e) {
    if (e instanceof HttpCallException failure) {
      end(CallOutcome.TRANSPORT_FAILURE, 0, failure.failure());
    } else if (e instanceof AresTransportException failure) { // a request supplier's own failure
      end(CallOutcome.TRANSPORT_FAILURE, 0, failure.failure());
    } else if (e instanceof ResponseTooLargeException tooLarge) {
      end(CallOutcome.RESPONSE_TOO_LARGE, tooLarge.status(), null);
    } else {
      end(CallOutcome.ERROR, 0, null);
    }
  }

  private void end(CallOutcome outcome, int status, TransportFailure failure) {
    HttpCallSummary.Builder summary =
        HttpCallSummary.builder()
            .outcome(outcome)
            .failure(failure)
            .attempts(attempts)
            .duration(since(callStarted));
    if (status != 0) {
      summary.status(status);
    }
    HttpCallSummary ended = summary.build();
    ChainedEventListener.tell(listener, "callEnd", l -> l.callEnd(call, ended));
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
