package dev.ares.onboarding;

import java.util.List;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * The outcome of a {@link Preflight}: every check's {@link CheckResult} in a stable order (ARES
 * headers, Commerce, AEM, external matcher; the same order whatever finished first) and the overall
 * verdict. Its text never holds a secret.
 */
@Value.Immutable
abstract class AbstractPreflightReport {

  /** Every check, in the stable order. */
  public abstract List<CheckResult> checks();

  /**
   * The overall verdict: {@link CheckStatus#FAIL} when any check failed, else {@link
   * CheckStatus#WARN} when any warned, else {@link CheckStatus#PASS} (skipped checks do not count).
   */
  @Value.Derived
  public CheckStatus verdict() {
    CheckStatus verdict = CheckStatus.PASS;
    for (CheckResult check : checks()) {
      if (check.status() == CheckStatus.FAIL) {
        return CheckStatus.FAIL;
      }
      if (check.status() == CheckStatus.WARN) {
        verdict = CheckStatus.WARN;
      }
    }
    return verdict;
  }

  /** Whether registering may go ahead: no check failed (warnings allowed). */
  public final boolean canRegister() {
    return verdict() != CheckStatus.FAIL;
  }

  /** The check with this id, if the report has it. */
  public final java.util.Optional<CheckResult> check(String id) {
    return checks().stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The checks with this status, in the report's order. */
  public final List<CheckResult> withStatus(CheckStatus status) {
    return checks().stream().filter(c -> c.status() == status).collect(Collectors.toList());
  }

  /** A checklist: the verdict, then one line per check ({@link CheckResult#toString()}). */
  public final String toText() {
    StringBuilder text = new StringBuilder("Preflight: ").append(verdict()).append('\n');
    for (CheckResult check : checks()) {
      text.append("  ").append(check).append('\n');
    }
    return text.toString();
  }

  /** The same as {@link #toText()}. */
  @Override
  public final String toString() {
    return toText();
  }
}
