package dev.ares.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>Usage: {@code java -jar ares-benchmarks.jar [name-filter]}. Exit status 0 when every claim run
 * meets its bar, 1 otherwise.
 */
public final class BenchMain {

  /** Every claim the SDK makes about speed, with the bars of issue 6. */
  static final List<Comparison> COMPARISONS = new ArrayList<>(List.of(
      new Comparison("registerTenant latency, 1 thread",
          "RegisterTenantBenchmark.sdk", "RegisterTenantBenchmark.baselineRawHttpClient",
          Mode.SampleTime, 1, 1.10, TimeUnit.MICROSECONDS),
      new Comparison("registerTenant throughput, 32 threads",
          "RegisterTenantBenchmark.sdk", "RegisterTenantBenchmark.baselineRawHttpClient",
          Mode.Throughput, 32, 0.90, TimeUnit.SECONDS),
      new Comparison("OAuth signing vs bare Mac HMAC-SHA256",
          "OAuthSigningBenchmark.sdk", "OAuthSigningBenchmark.baselineBareMac",
          Mode.SampleTime, 1, 3.0, TimeUnit.NANOSECONDS),
      new Comparison("OAuth signing vs ScribeJava stock HMAC-SHA1",
          "OAuthSigningBenchmark.sdk", "OAuthSigningBenchmark.baselineScribeJava",
          Mode.SampleTime, 1, 1.0, TimeUnit.NANOSECONDS)));

  private BenchMain() {}

  /** Runs the claims whose name contains the first argument, or all. */
  public static void main(String[] args) throws RunnerException {
    String filter = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "";
    boolean allMet = true;
    List<String> lines = new ArrayList<>();
    for (Comparison c : COMPARISONS) {
      if (!c.name().toLowerCase(Locale.ROOT).contains(filter)) {
        continue;
      }
      double sdk = median(run(c, c.sdk()));
      double baseline = median(run(c, c.baseline()));
      double ratio = sdk / baseline;
      boolean met = c.meets(ratio);
      allMet &= met;
      String unit = c.higherIsBetter() ? "ops/s" : unitName(c.unit()) + "/op";
      lines.add(String.format(Locale.ROOT,
          "%-48s sdk %12.2f %-6s baseline %12.2f %-6s ratio %6.3f (bar %s %.2f) %s",
          c.name(), sdk, unit, baseline, unit, ratio, c.higherIsBetter() ? ">=" : "<=", c.bar(),
          met ? "MET" : "MISSED"));
      System.out.println("== " + lines.get(lines.size() - 1));
    }
    System.out.println();
    System.out.println("Results (medians; ratio = SDK / baseline, measured in the same run):");
    lines.forEach(System.out::println);
    System.exit(allMet ? 0 : 1);
  }

  private static Collection<RunResult> run(Comparison c, String benchmark) throws RunnerException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^dev\\.ares\\.benchmarks\\." + benchmark.replace(".", "\\.") + "$")
        .mode(c.mode())
        .timeUnit(c.unit())
        .threads(c.threads())
        .forks(1)
        .warmupIterations(Integer.getInteger("bench.warmups", 3))
        .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 2)))
        .measurementIterations(Integer.getInteger("bench.iterations", 5))
        .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 2)))
        .jvmArgsAppend("-Xmx2g")
        .shouldFailOnError(true);
    return new Runner(options.build()).run();
  }

  /**
   * The median: for sample-time runs the p50 of all samples, for throughput the median of the
   * iteration scores.
   */
  private static double median(Collection<RunResult> results) {
    RunResult run = results.iterator().next();
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
    switch (unit) {
      case NANOSECONDS: return "ns";
      case MICROSECONDS: return "us";
      case MILLISECONDS: return "ms";
      default: return "s";
    }
  }
}
