package dev.ares.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;

/**
 * One claim: an SDK benchmark against its baseline, run back to back in the same JVM settings,
 * and the bar the ratio must meet.
 *
 * @param name what the line is called in the report
 * @param sdk the SDK benchmark, {@code Class.method}
 * @param baseline the baseline benchmark, {@code Class.method}
 * @param mode {@link Mode#SampleTime} compares median latency (ratio = sdk / baseline, lower is
 *     better); {@link Mode#Throughput} compares operations per second (ratio = sdk / baseline,
 *     higher is better)
 * @param threads benchmark threads
 * @param bar the ratio the claim promises: at most this for time, at least this for throughput
 */
record Comparison(String name, String sdk, String baseline, Mode mode, int threads, double bar,
    TimeUnit unit) {

  boolean higherIsBetter() {
    return mode == Mode.Throughput;
  }

  boolean meets(double ratio) {
    return higherIsBetter() ? ratio >= bar : ratio <= bar;
  }
}
