package dev.ares.onboarding.internal;

import dev.ares.client.model.CommerceInput;
import dev.ares.core.HttpOptions;
import java.util.Optional;

/**
 * The REST probe of one preflight run, made once and shared: {@code commerce.rest} reports it, and
 * {@code assets.catalog} searches the store only when it found Commerce REST there. Whichever check
 * asks first runs the probe; the other waits for the same outcome (it never depends on which pool
 * thread runs first, so the checks cannot wait on each other).
 *
 * <p>Internal: not part of the public API. Thread-safe.
 */
public final class CommerceRestVerdict {

  private final Optional<CommerceInput> commerce;
  private final HttpOptions http;
  private CommerceRestProbe.Outcome outcome; // guarded by this

  /** The verdict on {@code commerce}'s base URL, probed with {@code http}'s settings. */
  public CommerceRestVerdict(Optional<CommerceInput> commerce, HttpOptions http) {
    this.commerce = commerce;
    this.http = http;
  }

  /** A verdict already known, probing nothing (the catalog check's own tests). */
  static CommerceRestVerdict known(CommerceRestProbe.Outcome outcome) {
    CommerceRestVerdict verdict = new CommerceRestVerdict(Optional.empty(), null);
    verdict.outcome = outcome;
    return verdict;
  }

  /** The probe's outcome, or {@code null} when there is no base URL to probe. */
  synchronized CommerceRestProbe.Outcome outcome() {
    Optional<String> baseUrl = commerce.flatMap(CommerceInput::baseUrl);
    if (outcome == null && baseUrl.isPresent()) {
      outcome = CommerceRestProbe.probe(baseUrl.get(), commerce.get().credentials(), http);
    }
    return outcome;
  }
}
