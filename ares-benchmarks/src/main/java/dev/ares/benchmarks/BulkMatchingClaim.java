package dev.ares.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The bulk matching claim: {@value #ASSETS} assets through a {@link dev.ares.matching.BulkMatcher}
 * on an {@link dev.ares.matching.ExternalMatcher}, {@value #IN_FLIGHT} calls in flight, against a
 * {@link DelayedMatcherServer} answering each call after 50 ms, so at most {@value #IN_FLIGHT} /
 * 0.05 s = 4,000 calls per second; and, for contrast, {@value #BLOCKING_THREADS} threads calling
 * the blocking {@code matchAsset} against the same server for about 10 s (at most 320 per second).
 *
 * <p>Not a JMH benchmark: one long run is the claim. The server runs in this JVM; each side runs in
 * a JVM of its own ({@link BulkMatchingRun}, {@code -Xmx256m}), so heap and threads are the SDK's
 * alone. The server's counters are read before and after each side.
 */
final class BulkMatchingClaim {

  /** The claim's name in the report. */
  static final String NAME = "Bulk matching, 200k assets, 200 in flight, 50 ms";

  static final int ASSETS = 200_000;
  static final int IN_FLIGHT = 200;
  static final Duration DELAY = Duration.ofMillis(50);
  static final int BLOCKING_THREADS = 16;
  static final String SDK_HEAP = "-Xmx256m";

  /** The longest one side's JVM may run before it is killed. */
  static final Duration SIDE_TIMEOUT = Duration.ofMinutes(5);

  static final String HEAP_PEAK = "sdk.heap.peak.MB";
  static final String HEAP_LIVE = "sdk.heap.liveAfterGc.peak.MB";
  static final String THREADS = "sdk.threads.peak";
  static final String CONNECTIONS = "server.connectionsOpened";
  static final String TOKENS = "ims.tokenRequests";
  static final String FAILED = "items.failed";
  static final String ANSWERED = "server.answered";
  static final String PEAK_WAITING = "server.peakWaiting";
  static final String MEAN_WAITING = "server.meanWaiting";
  static final String MAX_LATE = "server.maxLate.ms";
  static final String MEAN_IN_SERVER = "server.meanTimeInServer.ms";
  static final String SDK_CPU = "sdk.cpu.us/item";
  static final String STEADY = "sdk.steady.ops/s";
  static final String SERVER_CPU = "server.cpu.us/item";

  /** The bars, checked on the bulk side's value. */
  static final List<Comparison.MetricBar> BARS =
      List.of(
          new Comparison.MetricBar(HEAP_PEAK, Comparison.MetricBar.Kind.BELOW, 256),
          new Comparison.MetricBar(THREADS, Comparison.MetricBar.Kind.AT_MOST, 16),
          new Comparison.MetricBar(CONNECTIONS, Comparison.MetricBar.Kind.AT_MOST, IN_FLIGHT),
          new Comparison.MetricBar(TOKENS, Comparison.MetricBar.Kind.EXACTLY, 1),
          new Comparison.MetricBar(FAILED, Comparison.MetricBar.Kind.EXACTLY, 0));

  /** The throughput bar: at least this share of the limit. */
  static final double BAR = 0.90;

  private BulkMatchingClaim() {}

  /**
   * Both sides' figures.
   *
   * @param bulk the bulk side's metrics, by name
   * @param blocking the blocking side's metrics, by name
   * @param bulkPerSecond assets per second through the bulk matcher
   * @param blockingPerSecond calls per second of the blocking threads
   * @param limit what {@code inFlight} calls answered after the delay allow, per second
   * @param bulkThreads the SDK threads alive at the bulk side's peak, by name prefix
   * @param blockingThreads the same for the blocking side
   * @param failures each side's failed items by reason
   */
  record Figures(
      Map<String, Double> bulk,
      Map<String, Double> blocking,
      double bulkPerSecond,
      double blockingPerSecond,
      double limit,
      String bulkThreads,
      String blockingThreads,
      String failures) {}

  /**
   * Runs the claim at full size, prints its lines and returns them, with whether it met its bar.
   */
  static boolean run(List<String> lines) {
    System.out.println("== " + NAME + ": starting (about 80 s)");
    Figures figures = measure(ASSETS, IN_FLIGHT, DELAY, BLOCKING_THREADS, 2_000, 10_000);
    return report(figures, lines);
  }

  /** Formats the figures as BenchMain's lines; whether every bar was met. */
  static boolean report(Figures f, List<String> lines) {
    double ratio = f.bulkPerSecond() / f.limit();
    boolean met = ratio >= BAR;
    List<String> claim = new ArrayList<>();
    claim.add(
        BenchMain.claimLine(NAME, f.bulkPerSecond(), f.limit(), "ops/s", ratio, ">=", BAR, met));
    for (String metric : new java.util.TreeSet<>(f.bulk().keySet())) {
      double s = f.bulk().get(metric);
      double b = f.blocking().getOrDefault(metric, Double.NaN);
      String verdict = "";
      for (Comparison.MetricBar bar : BARS) {
        if (bar.metric().equals(metric)) {
          boolean metricMet = bar.meets(s, b);
          met &= metricMet;
          verdict +=
              String.format(
                  Locale.ROOT, " (bar %s) %s", bar.describe(), metricMet ? "MET" : "MISSED");
        }
      }
      claim.add(BenchMain.metricLine(metric, s, b, verdict));
    }
    claim.add("    sdk threads at the bulk side's peak: " + f.bulkThreads());
    claim.add("    sdk threads at the blocking side's peak: " + f.blockingThreads());
    claim.add("    failed items by reason: " + f.failures());
    claim.add(
        BenchMain.claimLine(
            "Bulk vs blocking matchAsset, " + BLOCKING_THREADS + " threads",
            f.bulkPerSecond(),
            f.blockingPerSecond(),
            "ops/s",
            f.bulkPerSecond() / f.blockingPerSecond(),
            null,
            0,
            true));
    claim.forEach(line -> System.out.println("== " + line));
    lines.addAll(claim);
    return met;
  }

  /**
   * Measures both sides: {@code assets} through the bulk matcher with {@code inFlight} calls in
   * flight, then {@code blockingThreads} blocking callers for {@code measureMillis} after {@code
   * warmupMillis}, against one server answering after {@code delay}.
   */
  static Figures measure(
      int assets,
      int inFlight,
      Duration delay,
      int blockingThreads,
      long warmupMillis,
      long measureMillis) {
    try (DelayedMatcherServer server = DelayedMatcherServer.start(delay)) {
      String assetToProduct = server.rule().assetToProductUrl();
      String tokenUrl = server.rule().credentials().oauthServerUrl();
      Map<String, String> bulkRaw = new TreeMap<>();
      Map<String, Double> bulk =
          side(
              server,
              bulkRaw,
              "bulk",
              assetToProduct,
              tokenUrl,
              Integer.toString(assets),
              Integer.toString(inFlight));
      Map<String, String> blockingRaw = new TreeMap<>();
      Map<String, Double> blocking =
          side(
              server,
              blockingRaw,
              "blocking",
              assetToProduct,
              tokenUrl,
              Integer.toString(blockingThreads),
              Long.toString(warmupMillis),
              Long.toString(measureMillis));
      return new Figures(
          bulk,
          blocking,
          Double.parseDouble(bulkRaw.get("perSecond")),
          Double.parseDouble(blockingRaw.get("perSecond")),
          inFlight / (delay.toNanos() / 1e9),
          bulkRaw.get("threadsAtPeak") + " " + bulkRaw.get("collections"),
          blockingRaw.get("threadsAtPeak") + " " + blockingRaw.get("collections"),
          "bulk " + bulkRaw.get("failures") + ", blocking " + blockingRaw.get("failures"));
    }
  }

  /** Runs one side in its own JVM and returns its metrics with the server's counts for it. */
  private static Map<String, Double> side(
      DelayedMatcherServer server, Map<String, String> raw, String... args) {
    server.resetPeaks();
    DelayedMatcherServer.Counts before = server.counts();
    long cpuBefore = BulkMatchingRun.processCpuNanos();
    raw.putAll(runJvm(args));
    long serverCpu = BulkMatchingRun.processCpuNanos() - cpuBefore;
    DelayedMatcherServer.Counts counts = server.counts().since(before);
    Map<String, Double> metrics = new TreeMap<>();
    metrics.put(HEAP_PEAK, Double.parseDouble(raw.get("heapPeakMb")));
    metrics.put(HEAP_LIVE, Double.parseDouble(raw.get("heapLiveAfterGcPeakMb")));
    metrics.put(THREADS, Double.parseDouble(raw.get("threadsPeak")));
    metrics.put(FAILED, Double.parseDouble(raw.get("failed")));
    metrics.put(
        STEADY, Double.parseDouble(raw.getOrDefault("steadyPerSecond", raw.get("perSecond"))));
    metrics.put(CONNECTIONS, (double) counts.connections());
    metrics.put(TOKENS, (double) counts.tokenRequests());
    metrics.put(ANSWERED, (double) counts.answered());
    metrics.put(PEAK_WAITING, (double) counts.peakWaiting());
    // Little's law from the first arrival to the last answer: calls waiting on average.
    metrics.put(
        MEAN_WAITING,
        counts.busyNanos() > 0 ? (double) counts.waitedNanos() / counts.busyNanos() : 0);
    metrics.put(MAX_LATE, counts.maxLateNanos() / 1e6);
    metrics.put(
        MEAN_IN_SERVER, counts.answered() > 0 ? counts.waitedNanos() / 1e6 / counts.answered() : 0);
    // The SDK's CPU during its measured window; the server's (this JVM) over the side's whole JVM.
    metrics.put(SDK_CPU, Double.parseDouble(raw.get("cpuMicrosPerItem")));
    metrics.put(SERVER_CPU, serverCpu / 1e3 / Math.max(1, counts.answered()));
    return metrics;
  }

  /** Runs {@link BulkMatchingRun} with {@code args} in a new JVM and returns its figures. */
  private static Map<String, String> runJvm(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(SDK_HEAP);
    // For a profile of the SDK side, such as -XX:StartFlightRecording=filename=bulk.jfr
    String extra = System.getenv("BENCH_SDK_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BulkMatchingRun.class.getName());
    command.addAll(List.of(args));
    Map<String, String> figures = new TreeMap<>();
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      // A side that hangs is killed, which ends the read below: the claim fails, never hangs.
      CompletableFuture.delayedExecutor(SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .execute(process::destroyForcibly);
      List<String> other = new ArrayList<>();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith(BulkMatchingRun.PREFIX) && line.contains("=")) {
            int eq = line.indexOf('=');
            figures.put(
                line.substring(BulkMatchingRun.PREFIX.length(), eq), line.substring(eq + 1));
          } else {
            other.add(line);
          }
        }
      }
      if (!process.waitFor(SIDE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the SDK JVM (" + args[0] + ") failed: " + String.join("\n", other));
      }
      if (!figures.containsKey("perSecond")) {
        throw new IllegalStateException(
            "the SDK JVM (" + args[0] + ") printed no figures: " + String.join("\n", other));
      }
      return figures;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
