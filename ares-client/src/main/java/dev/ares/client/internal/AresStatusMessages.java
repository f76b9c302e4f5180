package dev.ares.client.internal;

/**
 * What the ARES client says about an HTTP error status, in the words of ARES's own answers.
 *
 * <p>Internal: not part of the public API.
 */
final class AresStatusMessages {

  private AresStatusMessages() {}

  /** {@code ARES is throttling requests (HTTP 429, request id abc)}. */
  static String describe(int statusCode, String requestId) {
    String what =
        switch (statusCode) {
          case 400 -> "ARES rejected the request as malformed";
          case 401 ->
              "ARES did not accept the credentials (check the API key and x-gw-signature JWT)";
          case 403 -> "ARES refused access for these credentials";
          case 404 -> "ARES endpoint not found (check the endpoint URL)";
          case 429 -> "ARES is throttling requests";
          case 503 -> "ARES is unavailable";
          default ->
              statusCode >= 500 ? "ARES failed with a server error" : "ARES answered with an error";
        };
    return what
        + " (HTTP "
        + statusCode
        + (requestId == null ? "" : ", request id " + requestId)
        + ")";
  }
}
