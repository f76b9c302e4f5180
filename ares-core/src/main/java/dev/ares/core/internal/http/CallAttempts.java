package dev.ares.core.internal.http;

import java.util.concurrent.RejectedExecutionException;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The per-attempt sequence of one call, shared by both drivers (the blocking loop of {@link
 * HttpEngine#execute} and the steps of {@link AsyncCall}): an attempt begins with its alarm, its
 * place among the requests in flight and its event, and ends with the too-large rule, its events
 * and its classification, which {@link AttemptPolicy} turns into what to do next. Used by one
 * attempt at a time.
 */
final class CallAttempts {

  final HttpCall call;
  final AttemptPolicy policy;
  final CallEvents events;
  private final HttpEngine engine;

  CallAttempts(HttpEngine engine, HttpCall call) {
    this.engine = engine;
    this.call = call;
    this.events = CallEvents.start(call.eventListener, call.info);
    this.policy = new AttemptPolicy(call);
  }

  /**
   * The budget of {@code attempt}.
   *
   * @throws HttpCallException when the engine is closed or the call has no time left
   */
  long budget(int attempt) {
    return policy.budgetFor(attempt, engine.isClosed());
  }

  /**
   * Begins {@code attempt} of {@code request}: its alarm, its place in flight, its event.
   *
   * @throws HttpCallException when the engine was closed meanwhile
   */
  DeadlineAlarms.Alarm begin(Cancellable request, int attempt, long budget) {
    DeadlineAlarms.Alarm alarm;
    try {
      alarm = engine.alarms().set(request, budget);
    } catch (RejectedExecutionException e) { // closed between the budget's check and here
      throw FailureClassifier.closedBefore(call, attempt - 1, e);
    }
    engine.inFlight().add(request);
    events.attemptStart(attempt);
    return alarm;
  }

  /** The request is no longer in flight (its alarm already disarmed). */
  void finish(Cancellable request) {
    engine.inFlight().remove(request, engine.isClosed());
  }

  /**
   * {@code attempt} ended with {@code answer} or else {@code failure} (an oversized body being
   * one): tells the events and returns what to do next. {@code context} is the attempt's, which
   * tells a proxy's answer from the target's.
   */
  AttemptPolicy.Next ended(
      int attempt,
      long budget,
      boolean alarmFired,
      HttpContext context,
      HttpAnswer answer,
      Exception failure) {
    if (answer == null) {
      if (failure instanceof BoundedBodyConsumer.Dropped dropped) {
        answer = dropped.answer;
      } else if (failure instanceof BoundedBodyReader.TooLarge tooLarge) {
        events.responseReceived(tooLarge.status, tooLarge.requestId);
        return new AttemptPolicy.Fail(
            FailureClassifier.tooLarge(
                call, call.info.host(), tooLarge.status, tooLarge.requestId, attempt));
      }
    }
    if (answer != null) {
      String proxy = ProxyRoutes.refusingProxy(context, answer.status());
      if (proxy != null) { // the proxy's answer, not the target's: a failed attempt
        HttpCallException refused =
            FailureClassifier.proxyRefused(call, proxy, answer.status(), attempt);
        events.attemptFailed(refused.failure());
        return failedBefore(refused, attempt);
      }
      events.responseReceived(answer.status(), answer.requestId());
      return policy.afterAnswer(answer, attempt);
    }
    // HttpClient quotes what the server sent in some messages ("Invalid header: ..."): the cause
    // the user may log is cleaned like any other server text.
    Throwable cause = ScrubbedCause.of(failure, call.serverText.get());
    HttpCallException classified =
        FailureClassifier.classify(
            call,
            failure,
            cause,
            attempt,
            alarmFired,
            budget,
            engine.isClosed(),
            ProxyRoutes.proxyNotPassed(context));
    events.attemptFailed(classified.failure());
    return failedBefore(classified, attempt);
  }

  /** {@code attempt} failed before or without an exchange. */
  AttemptPolicy.Next failedBefore(HttpCallException e, int attempt) {
    return policy.afterFailure(e, attempt, engine.isClosed());
  }
}
