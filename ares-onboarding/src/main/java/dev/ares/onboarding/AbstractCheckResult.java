package dev.ares.onboarding;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * The result of one preflight check: its stable id (such as {@code commerce.credentials}), its
 * status, what was checked, the evidence found and, unless it passed, what to do. No text of it
 * ever holds a secret: credentials, the API key, the JWT and tokens are never put in, and what a
 * server said is masked and made printable first.
 */
@Value.Immutable
abstract class AbstractCheckResult {

  /** The check's stable id, such as {@code aem.author}; the same in every report. */
  public abstract String id();

  /** The outcome. */
  public abstract CheckStatus status();

  /** What was checked, in a few words, such as {@code Commerce baseUrl uses https}. */
  public abstract String checked();

  /** What was found: the host answered, the status, the store's own message; never a secret. */
  public abstract String evidence();

  /**
   * What to do about a failure or warning, in Adobe's words where Adobe documents the cause (the
   * {@link dev.ares.client.model.UserErrorCode#remediation()} of the user error ARES would answer);
   * empty for a pass or a skip.
   */
  public abstract Optional<String> remediation();

  /** One line: {@code FAIL commerce.baseUrl: what was checked — evidence}, then the remediation. */
  @Override
  public final String toString() {
    return status()
        + " "
        + id()
        + ": "
        + checked()
        + " — "
        + evidence()
        + remediation().map(r -> " (fix: " + r + ")").orElse("");
  }
}
