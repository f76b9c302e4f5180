package dev.ares.core.internal.http;

import dev.ares.core.internal.Backoff;
import java.time.Duration;

/**
 * The one retry and deadline policy of a call, whichever driver runs its attempts (the blocking
 * loop of {@link HttpEngine#execute} or the scheduled steps of {@link AsyncCall}): how much time
 * the next attempt gets, and after each attempt whether to return, fail or retry, and after which
 * wait. Holds one call's state; used by one attempt at a time.
 */
final class AttemptPolicy {

  /** What to do after an attempt. */
  sealed interface Next permits Answer, Retry, Fail {}

  /** Return this answer. */
  record Answer(HttpAnswer answer) implements Next {}

  /** Wait this long, then make the next attempt. */
  record Retry(Duration delay) implements Next {}

  /** End the call with this failure. */
  record Fail(RuntimeException failure) implements Next {}

  private final HttpCall call;
  private final long deadline;
  private boolean sentBefore;

  AttemptPolicy(HttpCall call) {
    this.call = call;
    this.deadline =
        call.deadlineNanos != null
            ? call.deadlineNanos
            : System.nanoTime() + call.callTimeout.toNanos();
  }

  /**
   * The budget of {@code attempt} in nanoseconds: the attempt timeout or what is left of the call,
   * if less.
   *
   * @throws HttpCallException when the engine is closed or the call has no time left
   */
  long budgetFor(int attempt, boolean closed) {
    if (closed) {
      throw FailureClassifier.closedBefore(call, attempt - 1, null);
    }
    long budget = Math.min(call.attemptTimeout.toNanos(), deadline - System.nanoTime());
    if (budget <= 0) {
      throw FailureClassifier.callTimeoutBeforeAttempt(
          call, call.info.host(), attempt - 1, sentBefore);
    }
    return budget;
  }

  /** After {@code attempt} failed with {@code e}. */
  Next afterFailure(HttpCallException e, int attempt, boolean closed) {
    sentBefore = e.requestSent();
    if (!call.retryOn.test(e) || closed || attempt >= call.retryPolicy.maxAttempts()) {
      return new Fail(e);
    }
    Duration wait = Backoff.after(attempt, call.retryPolicy);
    if (!fits(wait)) {
      return new Fail(
          call.timeoutWhenRetryDoesNotFit
              ? FailureClassifier.retryDoesNotFit(attempt, e.requestSent())
              : e);
    }
    return new Retry(wait);
  }

  /**
   * After {@code attempt} got {@code answer}: a 429 or 503 is retried while attempts, {@code
   * Retry-After} and the call deadline allow, then returned.
   */
  Next afterAnswer(HttpAnswer answer, int attempt) {
    if (!answer.isThrottling()) {
      return new Answer(answer);
    }
    Duration wait = Backoff.after(attempt, call.retryPolicy);
    if (answer.retryAfter() != null) {
      if (answer.retryAfter().compareTo(call.retryPolicy.maxRetryAfter()) > 0) {
        return new Answer(answer); // asked to wait longer than we may: the caller gets the answer
      }
      wait = wait.compareTo(answer.retryAfter()) >= 0 ? wait : answer.retryAfter();
    }
    if (attempt >= call.retryPolicy.maxAttempts()) {
      return new Answer(answer);
    }
    if (!fits(wait)) {
      return call.timeoutWhenRetryDoesNotFit
          ? new Fail(FailureClassifier.retryDoesNotFit(attempt, false))
          : new Answer(answer);
    }
    return new Retry(wait);
  }

  private boolean fits(Duration wait) {
    return System.nanoTime() + wait.toNanos() < deadline;
  }
}
