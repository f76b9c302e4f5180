package dev.ares.client;

import dev.ares.client.model.UserError;
import dev.ares.core.AresException;
import dev.ares.core.internal.ErrorText;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ARES refused the input with user errors, such as {@code Tenant already exists}. Thrown by {@link
 * dev.ares.client.model.RegisterTenantResult#requireTenantId()}; the errors are also plain data on
 * the result.
 *
 * <p>The messages and paths are as the SDK read them: the call's secrets masked as {@code ****},
 * control characters written as visible escapes, cut to 500 characters. The message lists at most
 * five errors.
 */
public final class AresUserErrorsException extends AresException {

  private final List<UserError> userErrors;

  /** An exception for these user errors. */
  public AresUserErrorsException(List<UserError> userErrors) {
    super(describe(userErrors), 1, null);
    this.userErrors = List.copyOf(userErrors);
  }

  /** The user errors ARES returned. */
  public List<UserError> userErrors() {
    return userErrors;
  }

  private static String describe(List<UserError> errors) {
    if (errors.isEmpty()) {
      return "ARES registered no tenant and gave no reason";
    }
    return "ARES refused the input: "
        + ErrorText.list(
            errors.stream()
                .map(e -> ErrorText.at(e.path(), e.message()))
                .collect(Collectors.toList()));
  }
}
