package dev.ares.onboarding.internal;

import dev.ares.onboarding.CheckResult;
import java.util.List;
import java.util.function.Supplier;

/**
 * One unit of work of a preflight: the ids of the checks it settles (in report order) with what
 * each checks, and the work itself. Most tasks settle one check; the external matcher's probe
 * settles the token and both actions, since one call proves all three.
 *
 * <p>Internal: not part of the public API.
 */
public record CheckTask(List<String> ids, List<String> checked, Supplier<List<CheckResult>> work) {

  /** A task settling one check. */
  public static CheckTask of(String id, String checked, Supplier<CheckResult> work) {
    return new CheckTask(List.of(id), List.of(checked), () -> List.of(work.get()));
  }
}
