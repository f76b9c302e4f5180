package dev.ares.matcher.server;

/**
 * How a request to a {@link MatcherServer} ended, as a {@link MatcherServerListener} hears it in
 * {@link ServedRequest#outcome()}. Every value but {@link #ANSWERED} and {@link #ABANDONED} is a
 * refusal; {@link ServedRequest#status()} carries the status that was sent.
 */
public enum RequestOutcome {
  /** Answered by the matcher, or by the health endpoint (2xx). */
  ANSWERED,
  /**
   * 400: the body, or the head, is not a request of the contract; or 414: a GET's query is longer
   * than the handler reads.
   */
  BAD_REQUEST,
  /** 401: no bearer token, or one the token validator refused. */
  UNAUTHORIZED,
  /** 404: a path the server does not serve. */
  NOT_FOUND,
  /** 405: a method the path does not take. */
  METHOD_NOT_ALLOWED,
  /** 415: a {@code Content-Type} other than JSON in UTF-8. */
  UNSUPPORTED_MEDIA_TYPE,
  /** 408: the body did not arrive within the body-read timeout. */
  BODY_TIMEOUT,
  /** 413: the body is larger than the size cap. */
  TOO_LARGE,
  /**
   * 503 with {@code Retry-After}: every worker busy and the queue full, or the bodies being read
   * would pass the server-wide buffer budget.
   */
  BUSY,
  /** 503: the token check or the matcher ran past the request timeout; its worker interrupted. */
  TIMED_OUT,
  /** 503: the token validator could not get the keys to check the token now. */
  KEYS_UNAVAILABLE,
  /** 500: the matcher (or the token validator) failed. */
  FAILED,
  /** Another status than those above. */
  OTHER,
  /** No answer was sent: the connection closed first (the client left, or the server stopped). */
  ABANDONED
}
