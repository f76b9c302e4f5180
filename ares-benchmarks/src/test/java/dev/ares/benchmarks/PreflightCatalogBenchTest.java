package dev.ares.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The 100k preflight program, run small: its counts hold, so the program does not rot. */
class PreflightCatalogBenchTest {

  @Test
  void aSmallRunWarnsAfterTheExpectedRequests() {
    PreflightCatalogBench.Outcome outcome = PreflightCatalogBench.run(2_500);
    // 2,500 + 3 distinct SKUs: one search counting the catalog, then 26 of 100.
    assertEquals(27, outcome.expectedRequests());
    assertEquals(27, outcome.catalogRequests(), outcome.catalog()::toString);
    assertTrue(outcome.asExpected(2_500), outcome.catalog()::toString);
  }
}
