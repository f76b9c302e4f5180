package dev.ares.core.internal.http;

import dev.ares.core.TransportFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * The one place that looks at HttpClient's exception classes: it turns a failed attempt into a
 * {@link TransportFailure}, whether the request may have been sent, and a message naming the
 * service, host and attempt. Clients switch on the failure, never on exception classes.
 */
final class FailureClassifier {

  private FailureClassifier() {}

  /** How one attempt's time ran out, needed to tell an attempt timeout from a call timeout. */
  record AttemptBudget(
      boolean alarmFired, boolean budgetIsCallDeadline, boolean socketTimeoutIsBudget) {}

  /**
   * Any failed attempt, for both drivers: {@code cause} is {@code e} with server text scrubbed,
   * {@code budgetNanos} the attempt's budget, {@code alarmFired} whether its deadline cancelled it,
   * {@code proxy} the proxy the attempt was still going through when it failed (or null).
   */
  static HttpCallException classify(
      HttpCall call,
      Exception e,
      Throwable cause,
      int attempt,
      boolean alarmFired,
      long budgetNanos,
      boolean closed,
      String proxy) {
    String host = call.info.host();
    if (closed) {
      return closedDuring(call, host, cause, attempt);
    }
    ProxyRoutes.UnsupportedProxyException unsupported = unsupportedProxy(e);
    if (unsupported != null) {
      return HttpCallException.notSent(
          TransportFailure.PROXY_REFUSED,
          call.service + " at " + host + ": " + unsupported.getMessage() + " on attempt " + attempt,
          attempt,
          cause);
    }
    if (proxy != null && !(e instanceof SSLException)) {
      // Failed before the connection got past the proxy (TLS is the target's: it runs inside the
      // tunnel): the proxy's failure, and nothing reached the target.
      HttpCallException failed =
          classify(call, e, cause, attempt, alarmFired, budgetNanos, false, null);
      String target = call.service + " at " + host;
      String message =
          failed.requestSent() && !failed.failure().isTimeout()
              ? "the proxy "
                  + proxy
                  + " closed the connection before it reached "
                  + target
                  + " on attempt "
                  + attempt
              : failed
                  .getMessage()
                  .replace(target + ":", target + " through the proxy " + proxy + ":");
      return failed.atProxy(proxy, message, false);
    }
    boolean callBound = budgetNanos < call.attemptTimeout.toNanos();
    AttemptBudget how =
        new AttemptBudget(alarmFired, callBound, call.socketTimeout.toNanos() >= budgetNanos);
    return e instanceof IOException io
        ? ofIo(call, host, io, cause, attempt, how)
        : ofUnchecked(
            call,
            host,
            e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e),
            cause,
            attempt,
            how);
  }

  /**
   * An attempt that failed with {@code e}; {@code cause} is {@code e} with server text scrubbed.
   */
  static HttpCallException ofIo(
      HttpCall call,
      String host,
      IOException e,
      Throwable cause,
      int attempt,
      AttemptBudget budget) {
    boolean notSent =
        e instanceof ConnectException // includes HttpHostConnectException
            || e instanceof UnknownHostException
            || e instanceof NoRouteToHostException
            || e instanceof ConnectTimeoutException
            || e instanceof ConnectionRequestTimeoutException
            || e instanceof SSLHandshakeException;
    boolean socketTimeout = e instanceof SocketTimeoutException;
    boolean timeout =
        budget.alarmFired()
            || socketTimeout
            || e instanceof ConnectTimeoutException
            || e instanceof ConnectionRequestTimeoutException;
    String what;
    if (e instanceof ConnectionRequestTimeoutException) {
      what = "no pooled connection became free in time (raise maxConnections?)";
    } else if (timeout) {
      what = notSent ? "connecting timed out" : "no answer within the timeout";
    } else if (notSent) {
      what = "could not connect (" + e.getClass().getSimpleName() + ")";
    } else {
      what = "the connection failed (" + e.getClass().getSimpleName() + ")";
    }
    TransportFailure failure = failureOf(e, notSent, budget);
    return HttpCallException.of(
        failure,
        call.service + " at " + host + ": " + what + " on attempt " + attempt,
        attempt,
        !notSent,
        cause);
  }

  private static TransportFailure failureOf(IOException e, boolean notSent, AttemptBudget budget) {
    if (e instanceof ConnectionRequestTimeoutException) {
      return TransportFailure.POOL_EXHAUSTED;
    }
    if (e instanceof ConnectTimeoutException) {
      return TransportFailure.CONNECT_TIMEOUT;
    }
    if (budget.alarmFired()) {
      return budget.budgetIsCallDeadline()
          ? TransportFailure.CALL_TIMEOUT
          : TransportFailure.ATTEMPT_TIMEOUT;
    }
    if (e instanceof SocketTimeoutException) {
      return budget.budgetIsCallDeadline() && budget.socketTimeoutIsBudget()
          ? TransportFailure.CALL_TIMEOUT
          : TransportFailure.ATTEMPT_TIMEOUT;
    }
    if (e instanceof UnknownHostException) {
      return TransportFailure.UNKNOWN_HOST;
    }
    if (e instanceof SSLException) {
      return TransportFailure.TLS;
    }
    return notSent ? TransportFailure.CONNECT_REFUSED : TransportFailure.CONNECTION_RESET;
  }

  /**
   * An attempt that failed unchecked: a request cancelled mid-exchange can surface so ("endpoint
   * already released"), and a pool shut down by close() fails waiting leases so.
   */
  static HttpCallException ofUnchecked(
      HttpCall call,
      String host,
      RuntimeException e,
      Throwable cause,
      int attempt,
      AttemptBudget budget) {
    if (budget.alarmFired()) {
      return HttpCallException.maybeSent(
          budget.budgetIsCallDeadline()
              ? TransportFailure.CALL_TIMEOUT
              : TransportFailure.ATTEMPT_TIMEOUT,
          call.service + " at " + host + ": no answer within the timeout on attempt " + attempt,
          attempt,
          cause);
    }
    // Anything else HttpClient throws unchecked (a caller's client closed under us, say) is a
    // failed exchange that may have been sent: typed, and never retried for a mutation.
    return HttpCallException.maybeSent(
        TransportFailure.CONNECTION_RESET,
        call.service
            + " at "
            + host
            + ": the HTTP client failed ("
            + e.getClass().getSimpleName()
            + ") on attempt "
            + attempt,
        attempt,
        cause);
  }

  /**
   * The proxy answered in place of the target: a refused {@code CONNECT}, or a 407. Only the status
   * is quoted, never the proxy's words.
   */
  static HttpCallException proxyRefused(HttpCall call, String proxy, int status, int attempt) {
    return HttpCallException.notSent(
            TransportFailure.PROXY_REFUSED,
            "the proxy "
                + proxy
                + " refused the call to "
                + call.service
                + " at "
                + call.info.host()
                + " with HTTP "
                + status
                + (status == 407 ? " (proxy authentication required or refused)" : "")
                + " on attempt "
                + attempt,
            attempt,
            null)
        .atProxy(proxy, null, false);
  }

  private static ProxyRoutes.UnsupportedProxyException unsupportedProxy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProxyRoutes.UnsupportedProxyException unsupported) {
        return unsupported;
      }
    }
    return null;
  }

  /** The engine was closed while the attempt ran. */
  static HttpCallException closedDuring(HttpCall call, String host, Throwable cause, int attempt) {
    return HttpCallException.maybeSent(
        TransportFailure.CLOSED,
        "the " + call.service + " client was closed during the call to " + host,
        attempt,
        cause);
  }

  /** The engine was closed before the attempt could start. */
  static HttpCallException closedBefore(HttpCall call, int attemptsMade, Throwable cause) {
    return HttpCallException.notSent(
        TransportFailure.CLOSED, "the " + call.service + " client is closed", attemptsMade, cause);
  }

  /** The engine was closed while the call waited to retry. */
  static HttpCallException closedWhileWaiting(HttpCall call, int attemptsMade) {
    return HttpCallException.notSent(
        TransportFailure.CLOSED,
        "the " + call.service + " client was closed while waiting to retry",
        attemptsMade,
        null);
  }

  /** The calling thread was interrupted while the call waited to retry. */
  static HttpCallException interrupted(
      HttpCall call, String host, int attemptsMade, InterruptedException e) {
    return HttpCallException.notSent(
        TransportFailure.INTERRUPTED,
        "interrupted while waiting to" + " retry the call to " + call.service + " at " + host,
        attemptsMade,
        e);
  }

  /** The call deadline left no time for another attempt. */
  static HttpCallException callTimeoutBeforeAttempt(
      HttpCall call, String host, int attemptsMade, boolean sentBefore) {
    return HttpCallException.of(
        TransportFailure.CALL_TIMEOUT,
        "the call timeout of "
            + call.callTimeout.toMillis()
            + " ms ran out before "
            + call.service
            + " at "
            + host
            + " answered",
        attemptsMade,
        sentBefore,
        null);
  }

  /** A retry was due but its wait would pass the call deadline. */
  static HttpCallException retryDoesNotFit(int attemptsMade, boolean sent) {
    return HttpCallException.of(
        TransportFailure.CALL_TIMEOUT,
        "the call timed out before the next retry",
        attemptsMade,
        sent,
        null);
  }

  /** A 2xx answer over the size cap, dropped unread. */
  static ResponseTooLargeException tooLarge(
      HttpCall call, String host, int status, String requestId, int attempt) {
    return new ResponseTooLargeException(
        call.service
            + " at "
            + host
            + " answered with a body larger than "
            + call.maxResponseBytes
            + " bytes",
        status,
        requestId,
        attempt);
  }
}
