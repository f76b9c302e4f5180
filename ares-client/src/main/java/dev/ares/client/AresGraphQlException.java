package dev.ares.client;

import dev.ares.client.internal.ErrorText;
import dev.ares.client.model.GraphQlError;
import dev.ares.client.model.RegisterTenantResult;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The GraphQL response carried {@code errors}. Request errors (no path) and field errors (with a
 * path) are kept apart, and any partial data that came with them stays available.
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
    super(describe(errors), statusCode, requestId, attempts);
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
        + ErrorText.list(errors.stream()
            .map(e -> ErrorText.at(e.path(), e.message()))
            .collect(Collectors.toList()));
  }
}
