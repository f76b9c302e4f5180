package dev.ares.client;

import dev.ares.client.model.GraphQlError;
import dev.ares.client.model.RegisterTenantResult;
import dev.ares.core.AresServiceException;
import dev.ares.core.internal.ErrorText;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GraphQL response carried {@code errors}. Request errors (no path) and field errors (with a
 * path) are kept apart, and any partial data that came with them stays available.
 *
 * <p>Everything here that the server wrote (messages, paths, classifications, the partial result,
 * the request id) is kept only after the SDK's one rule for server text: the secrets of the call
 * (the API key, every JWT sent, the four Commerce values, the external matcher's client id and
 * secret; also JSON-escaped or percent-encoded) masked as {@code ****}, control characters (ESC,
 * BEL, CR, LF, TAB, DEL, C1) and bidirectional overrides written as visible escapes such as {@code
 * \u005cu001b}, and cut to 500 characters. The message lists at most five errors.
 */
public final class AresGraphQlException extends AresServiceException {

  private final List<GraphQlError> errors;
  private final RegisterTenantResult partialResult;

  /**
   * @param errors the GraphQL errors, at least one
   * @param partialResult the data that came with them, or {@code null}
   * @param statusCode the HTTP status
   * @param requestId the service's request id, or {@code null}
   * @param attempts how many attempts were made
   */
  public AresGraphQlException(
      List<GraphQlError> errors,
      RegisterTenantResult partialResult,
      int statusCode,
      String requestId,
      int attempts) {
    super(withStatus(describe(errors), statusCode, requestId), statusCode, requestId, attempts);
    this.errors = List.copyOf(errors);
    this.partialResult = partialResult;
  }

  /** Every GraphQL error. */
  public List<GraphQlError> errors() {
    return errors;
  }

  /** The errors about the request as a whole (no path): syntax, validation, authentication. */
  public List<GraphQlError> requestErrors() {
    return errors.stream().filter(e -> !e.isFieldError()).collect(Collectors.toList());
  }

  /** The errors about single fields (with a path). */
  public List<GraphQlError> fieldErrors() {
    return errors.stream().filter(GraphQlError::isFieldError).collect(Collectors.toList());
  }

  /** The data that came with the errors, if the service returned any. */
  public Optional<RegisterTenantResult> partialResult() {
    return Optional.ofNullable(partialResult);
  }

  private static String describe(List<GraphQlError> errors) {
    return "ARES answered with GraphQL errors: "
        + ErrorText.list(
            errors.stream()
                .map(e -> ErrorText.at(e.path(), e.message()))
                .collect(Collectors.toList()));
  }
}
