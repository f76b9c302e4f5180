package dev.ares.core;

/**
 * How an HTTP call ended, as an {@link HttpEventListener} hears it in {@link HttpCallSummary}. This
 * is the outcome of the HTTP exchange: an ARES answer of 200 that carries GraphQL or user errors is
 * a {@link #SUCCESS} here and fails later, in the client.
 */
public enum CallOutcome {
  /** The final answer was 2xx. */
  SUCCESS,
  /** The final answer was not 2xx (retries, if any, used up or not allowed). */
  HTTP_ERROR,
  /** A 2xx answer's body was larger than {@code maxResponseBytes}; it was not read. */
  RESPONSE_TOO_LARGE,
  /** No answer came: see {@link HttpCallSummary#failure()}. */
  TRANSPORT_FAILURE,
  /** The request was refused before it was sent, such as a credential supplier's invalid value. */
  ERROR
}
