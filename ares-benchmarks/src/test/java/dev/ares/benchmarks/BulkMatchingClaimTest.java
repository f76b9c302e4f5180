package dev.ares.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bulk matching claim's machinery on a tiny input (500 assets, 5 ms, 20 in flight; blocking
 * callers for half a second): every figure is measured by the side that owns it. No timing is
 * asserted.
 */
class BulkMatchingClaimTest {

  @Test
  void theClaimIsListedAndSelectedByBulk() {
    assertTrue(
        BenchMain.STANDALONE.stream().anyMatch(name -> name.toLowerCase().contains("bulk")),
        "bench/run.sh bulk would run nothing");
    assertTrue(BenchMain.STANDALONE.contains(BulkMatchingClaim.NAME));
  }

  @Test
  void aTinyRunMeasuresEveryCounter() {
    BulkMatchingClaim.Figures f =
        BulkMatchingClaim.measure(500, 20, Duration.ofMillis(5), 4, 200, 500);

    Map<String, Double> bulk = f.bulk();
    assertEquals(500.0, bulk.get(BulkMatchingClaim.ANSWERED), "every asset reached the server");
    assertEquals(0.0, bulk.get(BulkMatchingClaim.FAILED));
    assertEquals(1.0, bulk.get(BulkMatchingClaim.TOKENS), "the fake IMS counted one fetch");
    double connections = bulk.get(BulkMatchingClaim.CONNECTIONS);
    assertTrue(connections >= 1 && connections <= 20, "connections counted: " + connections);
    assertTrue(bulk.get(BulkMatchingClaim.PEAK_WAITING) >= 1, "waiting calls counted");
    assertTrue(bulk.get(BulkMatchingClaim.PEAK_WAITING) <= 20, "never more than 20 in flight");
    assertTrue(bulk.get(BulkMatchingClaim.MEAN_WAITING) > 0);
    assertTrue(bulk.get(BulkMatchingClaim.HEAP_PEAK) > 0);
    assertTrue(bulk.get(BulkMatchingClaim.HEAP_LIVE) > 0);
    assertTrue(bulk.get(BulkMatchingClaim.THREADS) >= 1, "the SDK's I/O threads were seen");
    assertTrue(
        f.bulkThreads().contains("ares-external-matcher-io"),
        "threads listed by name: " + f.bulkThreads());
    assertTrue(f.bulkPerSecond() > 0);
    assertEquals(20 / 0.005, f.limit(), 1e-6);

    Map<String, Double> blocking = f.blocking();
    assertTrue(
        blocking.get(BulkMatchingClaim.ANSWERED) >= 4, "each blocking caller made its first call");
    assertEquals(
        1.0, blocking.get(BulkMatchingClaim.TOKENS), "a JVM of its own, a token of its own");
    assertTrue(blocking.get(BulkMatchingClaim.CONNECTIONS) <= 4);
    assertTrue(f.blockingPerSecond() >= 0 && Double.isFinite(f.blockingPerSecond()));
    double waiting = blocking.get(BulkMatchingClaim.PEAK_WAITING);
    assertTrue(waiting >= 1 && waiting <= 4, "4 callers, 4 waiting at most: " + waiting);

    List<String> lines = new ArrayList<>();
    String printed = printedBy(() -> BulkMatchingClaim.report(f, lines));
    assertTrue(lines.get(0).startsWith(BulkMatchingClaim.NAME), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.contains("ims.tokenRequests")), lines.toString());
    assertEquals(
        lines.stream().map(l -> "== " + l + System.lineSeparator()).collect(Collectors.joining()),
        printed,
        "the report prints each of its lines");
  }

  /** What {@code action} prints to {@code System.out}, kept off the build's console. */
  private static String printedBy(Runnable action) {
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(console);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
