package dev.ares.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs each {@link Comparison} with a short profile and prints one line per claim: the medians of
 * the SDK and of its baseline, measured in the same run, their ratio and whether it meets the bar.
 * Then the {@link #STANDALONE} claims, one long run each, print lines of the same form.
 *
 * <p>Usage: {@code java -jar ares-benchmarks.jar [name-filter]}. Exit status 0 when every claim run
 * meets its bar, 1 otherwise.
 */
public final class BenchMain {

  /** The OAuth claims' settings: see their comment in {@link #COMPARISONS}. */
  private static final Comparison.Extras OAUTH =
      new Comparison.Extras(List.of(), 10, -1, -1, List.of(), 2);

  /**
   * The single-threaded loopback claim's settings: each JVM first makes {@link WarmupCalls}, then
   * four 1-second warmups and six 1-second iterations. Two rounds: the machine's load moves more
   * within a few minutes than the claim's margin.
   */
  private static final Comparison.Extras LOOPBACK_LATENCY =
      new Comparison.Extras(List.of(), 4, 6, 1, List.of(), 2);

  /**
   * The multi-threaded loopback claims' settings: as {@link #LOOPBACK_LATENCY}, five iterations,
   * and, on both sides, {@code -XX:-TieredCompilation} (C2 only; not how services usually run).
   * Under 16 or 32 threads on two cores the tiered JIT's C2 thread had so little CPU that the
   * clients still sped up after 12 s of iterations (capped at C1 they were flat from the start);
   * with C2 alone they reach their plateau about four seconds after the warmup calls
   * (bench/RESULTS.md, "Warming up under load").
   */
  private static final Comparison.Extras LOOPBACK_THROUGHPUT =
      new Comparison.Extras(List.of("-Xmx2g", "-XX:-TieredCompilation"), 4, 5, 1, List.of(), 2);

  /** Every claim the SDK makes about speed, with the bars of issue 6. */
  static final List<Comparison> COMPARISONS =
      new ArrayList<>(
          List.of(
              new Comparison(
                      "registerTenant latency, 1 thread",
                      "RegisterTenantBenchmark.sdk",
                      "RegisterTenantBenchmark.baselineRawHttpClient",
                      Mode.SampleTime,
                      1,
                      1.10,
                      TimeUnit.MICROSECONDS)
                  .with(LOOPBACK_LATENCY),
              new Comparison(
                      "registerTenant throughput, 32 threads",
                      "RegisterTenantBenchmark.sdk",
                      "RegisterTenantBenchmark.baselineRawHttpClient",
                      Mode.Throughput,
                      32,
                      0.90,
                      TimeUnit.SECONDS)
                  .with(LOOPBACK_THROUGHPUT),
              // Ten warmups (20 s). Until young collections have promoted the signer's long-lived
              // per-thread state (its Mac, its buffers) it runs at one of two speeds, about 1.35 or
              // 1.75 us, switching as collections move that state; promoted, as in a running
              // service, it
              // stays at the first (bench/RESULTS.md, "The two speeds"). Both claims share the
              // SDK's
              // runs: two rounds against the bare Mac; ScribeJava, twenty times slower, and
              // google-oauth-client run once.
              new Comparison(
                      "OAuth signing vs bare Mac HMAC-SHA256",
                      "OAuthSigningBenchmark.sdk",
                      "OAuthSigningBenchmark.baselineBareMac",
                      Mode.SampleTime,
                      1,
                      3.0,
                      TimeUnit.NANOSECONDS)
                  .with(OAUTH),
              new Comparison(
                      "OAuth signing vs ScribeJava stock HMAC-SHA1",
                      "OAuthSigningBenchmark.sdk",
                      "OAuthSigningBenchmark.baselineScribeJava",
                      Mode.SampleTime,
                      1,
                      0.25,
                      TimeUnit.NANOSECONDS)
                  .with(OAUTH.rounds(1)),
              new Comparison(
                      "OAuth signing vs google-oauth-client HMAC-SHA256",
                      "OAuthSigningBenchmark.sdk",
                      "OAuthSigningBenchmark.baselineGoogleOAuthClient",
                      Mode.SampleTime,
                      1,
                      1.0,
                      TimeUnit.NANOSECONDS)
                  .with(OAUTH.rounds(1)),
              // Two rounds: over 100,000 scattered assets both loops wait on memory, so one JVM's
              // median can differ widely from the next's (bench/RESULTS.md).
              new Comparison(
                      "MatchBySku, 100k assets -> products",
                      "MatchBySkuBenchmark.sdk",
                      "MatchBySkuBenchmark.baselinePlainLoop",
                      Mode.SampleTime,
                      1,
                      1.5,
                      TimeUnit.MILLISECONDS)
                  .with(new Comparison.Extras(List.of(), -1, 4, -1, List.of(), 2)),
              new Comparison(
                      "Catalog coverage, 1M assets x 1M SKUs",
                      "CatalogCoverageBenchmark.sdk",
                      "CatalogCoverageBenchmark.baselineHashSet",
                      Mode.SingleShotTime,
                      1,
                      1.5,
                      TimeUnit.MILLISECONDS)
                  .with(
                      new Comparison.Extras(
                          List.of("-Xms3g", "-Xmx3g", "-Dbench.heap=true"),
                          2,
                          3,
                          -1,
                          List.of(
                              new Comparison.MetricBar(
                                  BenchMetrics.HEAP_PEAK,
                                  Comparison.MetricBar.Kind.AT_MOST_TIMES_BASELINE,
                                  2.0),
                              new Comparison.MetricBar(
                                  BenchMetrics.HEAP_PEAK_ABOVE_SETUP,
                                  Comparison.MetricBar.Kind.AT_MOST_TIMES_BASELINE,
                                  2.0)),
                          -1)),
              new Comparison(
                      "ExternalMatcher throughput, 16 threads",
                      "ExternalMatcherBenchmark.sdk",
                      "ExternalMatcherBenchmark.baselineRawHttpClient",
                      Mode.Throughput,
                      16,
                      0.90,
                      TimeUnit.SECONDS)
                  .with(
                      new Comparison.Extras(
                          LOOPBACK_THROUGHPUT.jvmArgs(),
                          LOOPBACK_THROUGHPUT.warmups(),
                          LOOPBACK_THROUGHPUT.iterations(),
                          LOOPBACK_THROUGHPUT.seconds(),
                          List.of(
                              new Comparison.MetricBar(
                                  ExternalMatcherBenchmark.TOKEN_REQUESTS,
                                  Comparison.MetricBar.Kind.EXACTLY,
                                  1),
                              new Comparison.MetricBar(
                                  ExternalMatcherBenchmark.CONNECTIONS,
                                  Comparison.MetricBar.Kind.AT_MOST,
                                  16)),
                          LOOPBACK_THROUGHPUT.rounds()))));

  /**
   * Claims that are one long run rather than JMH iterations, after the JMH ones; {@link
   * BulkMatchingClaim} is the only one.
   */
  static final List<String> STANDALONE = List.of(BulkMatchingClaim.NAME);

  private BenchMain() {}

  /** Runs the claims whose name contains the first argument, or all. */
  public static void main(String[] args) throws RunnerException {
    String filter = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "";
    boolean allMet = true;
    List<String> lines = new ArrayList<>();
    Map<List<Object>, List<RunResult>> runs = new HashMap<>();
    for (Comparison c : COMPARISONS) {
      if (!c.name().toLowerCase(Locale.ROOT).contains(filter)) {
        continue;
      }
      // Claims that measure the same SDK benchmark the same way share its runs; the first claim
      // runs them in turn with its baseline's.
      List<Object> sdkKey =
          List.of(c.sdk(), c.mode(), c.threads(), c.unit(), c.extras().runSettings());
      List<RunResult> sdkParts = runs.get(sdkKey);
      List<RunResult> baselineParts = new ArrayList<>();
      int rounds =
          c.extras().rounds() >= 0 ? c.extras().rounds() : Integer.getInteger("bench.rounds", 1);
      if (rounds < 1) {
        throw new IllegalArgumentException("bench.rounds must be at least 1");
      }
      if (sdkParts == null) {
        sdkParts = new ArrayList<>();
        runs.put(sdkKey, sdkParts);
      }
      for (int round = 0; round < rounds; round++) {
        if (sdkParts.size() <= round) { // a claim sharing the SDK's runs may want more rounds
          sdkParts.add(run(c, c.sdk()));
        }
        baselineParts.add(run(c, c.baseline()));
      }
      RunResult sdkRun = pooled(sdkParts);
      RunResult baselineRun = pooled(baselineParts);
      double sdk = median(sdkRun);
      double baseline = median(baselineRun);
      double ratio = sdk / baseline;
      boolean met = c.meets(ratio);
      String unit = c.higherIsBetter() ? "ops/s" : unitName(c.unit()) + "/op";
      List<String> claim = new ArrayList<>();
      claim.add(
          claimLine(
              c.name(),
              sdk,
              baseline,
              unit,
              ratio,
              c.higherIsBetter() ? ">=" : "<=",
              c.bar(),
              met));
      if (!c.extras().metrics().isEmpty()) {
        Map<String, Double> sdkMetrics = secondary(sdkRun);
        Map<String, Double> baselineMetrics = secondary(baselineRun);
        Set<String> names = new TreeSet<>(sdkMetrics.keySet());
        names.addAll(baselineMetrics.keySet());
        for (String metric : names) {
          double s = sdkMetrics.getOrDefault(metric, Double.NaN);
          double b = baselineMetrics.getOrDefault(metric, Double.NaN);
          String verdict = "";
          for (Comparison.MetricBar bar : c.extras().metrics()) {
            if (bar.metric().equals(metric)) {
              boolean metricMet = bar.meets(s, b);
              met &= metricMet;
              verdict +=
                  String.format(
                      Locale.ROOT, " (bar %s) %s", bar.describe(), metricMet ? "MET" : "MISSED");
            }
          }
          claim.add(metricLine(metric, s, b, verdict));
        }
      }
      allMet &= met;
      lines.addAll(claim);
      claim.forEach(line -> System.out.println("== " + line));
    }
    for (String name : STANDALONE) {
      if (name.toLowerCase(Locale.ROOT).contains(filter)) {
        allMet &= BulkMatchingClaim.run(lines);
      }
    }
    System.out.println();
    System.out.println("Results (medians; ratio = SDK / baseline, measured in the same run):");
    lines.forEach(System.out::println);
    System.exit(allMet ? 0 : 1);
  }

  /**
   * One claim's line: {@code barOp} is {@code ">="} or {@code "<="}, or {@code null} for a figure
   * printed for contrast, with no bar.
   */
  static String claimLine(
      String name,
      double sdk,
      double baseline,
      String unit,
      double ratio,
      String barOp,
      double bar,
      boolean met) {
    return String.format(
        Locale.ROOT,
        "%-48s sdk %12.2f %-6s baseline %12.2f %-6s ratio %6.3f %s",
        name,
        sdk,
        unit,
        baseline,
        unit,
        ratio,
        barOp == null
            ? "(no bar: for contrast)"
            : String.format(Locale.ROOT, "(bar %s %.2f) %s", barOp, bar, met ? "MET" : "MISSED"));
  }

  /** A secondary metric's line under its claim; {@code verdict} is its bars' text, or empty. */
  static String metricLine(String metric, double sdk, double baseline, String verdict) {
    return String.format(
        Locale.ROOT,
        "    %-44s sdk %12.1f        baseline %12.1f%s",
        metric,
        sdk,
        baseline,
        verdict);
  }

  private static RunResult run(Comparison c, String benchmark) throws RunnerException {
    Comparison.Extras extras = c.extras();
    int seconds = extras.seconds() >= 0 ? extras.seconds() : Integer.getInteger("bench.seconds", 2);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include("^dev\\.ares\\.benchmarks\\." + benchmark.replace(".", "\\.") + "$")
            .mode(c.mode())
            .timeUnit(c.unit())
            .threads(c.threads())
            .forks(1)
            .warmupIterations(
                extras.warmups() >= 0 ? extras.warmups() : Integer.getInteger("bench.warmups", 3))
            .warmupTime(TimeValue.seconds(seconds))
            .measurementIterations(
                extras.iterations() >= 0
                    ? extras.iterations()
                    : Integer.getInteger("bench.iterations", 5))
            .measurementTime(TimeValue.seconds(seconds))
            .jvmArgsAppend(
                extras.jvmArgs().isEmpty()
                    ? new String[] {"-Xmx2g"}
                    : extras.jvmArgs().toArray(new String[0]))
            .shouldFailOnError(true);
    if (!extras.metrics().isEmpty()) {
      options.addProfiler(BenchMetrics.class);
    }
    // JMH runs one instance per machine (/tmp/jmh.lock): wait for another run to finish rather
    // than fail between the SDK and its baseline.
    for (int waited = 0; ; waited += 5) {
      try {
        return new Runner(options.build()).run().iterator().next();
      } catch (RunnerException e) {
        if (e.getMessage() == null || !e.getMessage().contains("JMH lock") || waited >= 1800) {
          throw e;
        }
        if (waited % 60 == 0) {
          System.out.println("(another JMH run holds /tmp/jmh.lock; waiting)");
        }
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The runs of one benchmark as one result: samples and iterations of every JVM together. */
  private static RunResult pooled(List<RunResult> parts) {
    List<BenchmarkResult> all = new ArrayList<>();
    parts.forEach(part -> all.addAll(part.getBenchmarkResults()));
    return new RunResult(parts.get(0).getParams(), all);
  }

  /** The secondary metrics of a run, each the maximum over its measurement iterations. */
  private static Map<String, Double> secondary(RunResult run) {
    Map<String, Double> metrics = new TreeMap<>();
    run.getSecondaryResults().forEach((name, result) -> metrics.put(name, result.getScore()));
    return metrics;
  }

  /**
   * The median: for sample-time runs the p50 of all samples, for throughput and single-shot runs
   * the median of the iteration scores.
   */
  private static double median(RunResult run) {
    if (run.getParams().getMode() == Mode.SampleTime) {
      return run.getPrimaryResult().getStatistics().getPercentile(50);
    }
    List<Double> scores = new ArrayList<>();
    for (BenchmarkResult b : run.getBenchmarkResults()) {
      for (IterationResult i : b.getIterationResults()) {
        scores.add(i.getPrimaryResult().getScore());
      }
    }
    scores.sort(Double::compare);
    int n = scores.size();
    return n % 2 == 1 ? scores.get(n / 2) : (scores.get(n / 2 - 1) + scores.get(n / 2)) / 2;
  }

  private static String unitName(TimeUnit unit) {
    return switch (unit) {
      case NANOSECONDS -> "ns";
      case MICROSECONDS -> "us";
      case MILLISECONDS -> "ms";
      default -> "s";
    };
  }
}
