package dev.ares.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;

/**
 * One claim: an SDK benchmark against its baseline, run back to back in the same JVM settings, and
 * the bar the ratio must meet.
 *
 * @param name what the line is called in the report
 * @param sdk the SDK benchmark, {@code Class.method}
 * @param baseline the baseline benchmark, {@code Class.method}
 * @param mode {@link Mode#SampleTime} compares median latency (ratio = sdk / baseline, lower is
 *     better); {@link Mode#Throughput} compares operations per second (ratio = sdk / baseline,
 *     higher is better); {@link Mode#SingleShotTime} compares the median of single-invocation times
 *     (lower is better), for long operations
 * @param threads benchmark threads
 * @param bar the ratio the claim promises: at most this for time, at least this for throughput
 * @param unit the time unit of the report
 * @param extras JVM arguments, fixed iteration counts and bars on secondary metrics; {@link
 *     Extras#NONE} for a plain timing claim
 */
record Comparison(
    String name,
    String sdk,
    String baseline,
    Mode mode,
    int threads,
    double bar,
    TimeUnit unit,
    Extras extras) {

  /** A plain timing claim. */
  Comparison(
      String name, String sdk, String baseline, Mode mode, int threads, double bar, TimeUnit unit) {
    this(name, sdk, baseline, mode, threads, bar, unit, Extras.NONE);
  }

  boolean higherIsBetter() {
    return mode == Mode.Throughput;
  }

  boolean meets(double ratio) {
    return higherIsBetter() ? ratio >= bar : ratio <= bar;
  }

  /** The same claim with these extras. */
  Comparison with(Extras more) {
    return new Comparison(name, sdk, baseline, mode, threads, bar, unit, more);
  }

  /**
   * What a claim needs beyond the timing.
   *
   * @param jvmArgs arguments of both forks instead of the default {@code -Xmx2g}; empty for the
   *     default
   * @param warmups warmup iterations, or -1 for {@code -Dbench.warmups}
   * @param iterations measurement iterations, or -1 for {@code -Dbench.iterations}
   * @param seconds the length of every iteration, or -1 for {@code -Dbench.seconds}
   * @param metrics bars on secondary metrics; when not empty both forks run with {@link
   *     BenchMetrics}, and every metric it reports is printed
   * @param rounds JVMs each side runs in, alternating (SDK, baseline, SDK, baseline, …) so that a
   *     machine's load drifting during the claim weighs on both sides; their samples are pooled. -1
   *     for {@code -Dbench.rounds} (1)
   */
  record Extras(
      List<String> jvmArgs,
      int warmups,
      int iterations,
      int seconds,
      List<MetricBar> metrics,
      int rounds) {
    static final Extras NONE = new Extras(List.of(), -1, -1, -1, List.of(), -1);

    /** What decides how a benchmark runs in one JVM: claims that agree on it share the runs. */
    List<Object> runSettings() {
      return List.of(jvmArgs, warmups, iterations, seconds, metrics);
    }

    /** The same settings with another number of rounds. */
    Extras rounds(int newRounds) {
      return new Extras(jvmArgs, warmups, iterations, seconds, metrics, newRounds);
    }
  }

  /**
   * A bar on a secondary metric reported by {@link BenchMetrics}, checked on the SDK's value (the
   * maximum over the measurement iterations).
   *
   * @param metric the metric name, such as {@link BenchMetrics#HEAP_PEAK}
   * @param kind how the SDK's value is compared
   * @param limit the limit, or the factor of the baseline's value
   */
  record MetricBar(String metric, Kind kind, double limit) {

    enum Kind {
      AT_MOST,
      BELOW,
      EXACTLY,
      AT_MOST_TIMES_BASELINE
    }

    boolean meets(double sdkValue, double baselineValue) {
      return switch (kind) {
        case AT_MOST -> sdkValue <= limit;
        case BELOW -> sdkValue < limit;
        case EXACTLY -> sdkValue == limit;
        case AT_MOST_TIMES_BASELINE -> sdkValue <= limit * baselineValue;
      };
    }

    String describe() {
      return switch (kind) {
        case AT_MOST -> "<= " + format(limit);
        case BELOW -> "< " + format(limit);
        case EXACTLY -> "== " + format(limit);
        case AT_MOST_TIMES_BASELINE -> "<= " + format(limit) + " x baseline";
      };
    }

    private static String format(double d) {
      return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
  }
}
