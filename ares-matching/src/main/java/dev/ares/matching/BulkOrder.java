package dev.ares.matching;

/** The order in which a {@link BulkMatcher} delivers its outcomes. */
public enum BulkOrder {
  /**
   * The order of the input. A slow item holds back the ones after it: at most {@code concurrency}
   * items are started and not yet delivered, so while the head of the line waits no more calls are
   * started.
   */
  INPUT,
  /**
   * The order in which the calls complete: a slow item holds back nobody, so the matcher is kept
   * busier. Each outcome carries its input {@link BulkOutcome#index() index}.
   */
  COMPLETION
}
