package dev.ares.core.internal;

import dev.ares.core.FieldViolation;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.http.HttpEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The rules every duration and count setting of the SDK's clients follows, wherever it is checked:
 * timeouts from {@link #MIN_TIMEOUT} to {@link #MAX_DURATION}, waits (backoffs, the longest {@code
 * Retry-After}) from zero to {@link #MAX_DURATION}, counts within their stated range. The bounds
 * keep every deadline ({@code System.nanoTime()} plus a duration in nanoseconds) far from
 * overflowing, so a setting that passes {@code build()} can never fail a call with an {@link
 * ArithmeticException}.
 *
 * <p>Internal: not part of the public API.
 */
public final class SettingRules {

  /** The longest timeout, backoff or wait accepted: 24 hours, far beyond any useful call. */
  public static final Duration MAX_DURATION = Duration.ofHours(24);

  /**
   * The shortest timeout: HttpClient counts in whole milliseconds, and 0 ms means "wait forever".
   */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  /** The most attempts per call any retry setting accepts. */
  public static final int MAX_ATTEMPTS = 100;

  /** The largest connection pool any client accepts. */
  public static final int MAX_CONNECTIONS = 10_000;

  /** The largest response body any client reads: what the engine's body reader can hold. */
  public static final long MAX_RESPONSE_BYTES = HttpEngine.MAX_BODY_BYTES;

  private SettingRules() {}

  /**
   * Every problem with the settings of {@link dev.ares.core.HttpOptions}, each named {@code
   * root.field}: {@code httpOptions.connectTimeout} for the value itself, {@code
   * aresClient.connectTimeout} in a client's builder. The one place these rules are applied.
   */
  public static List<FieldViolation> problemsWithHttpOptions(
      String root,
      Duration connectTimeout,
      Duration attemptTimeout,
      Duration callTimeout,
      RetryPolicy retryPolicy,
      long maxResponseBytes,
      int maxConnections,
      HttpEventListener eventListener,
      CloseableHttpClient httpClient,
      HttpProxy proxy,
      SSLContext sslContext) {
    List<FieldViolation> problems = new ArrayList<>();
    add(problems, root + ".connectTimeout", problemWithTimeout(connectTimeout));
    add(problems, root + ".attemptTimeout", problemWithTimeout(attemptTimeout));
    add(problems, root + ".callTimeout", problemWithTimeout(callTimeout));
    add(problems, root + ".retryPolicy", retryPolicy == null ? "is required" : null);
    add(
        problems,
        root + ".maxResponseBytes",
        problemWithCount(maxResponseBytes, 1, MAX_RESPONSE_BYTES));
    add(problems, root + ".maxConnections", problemWithCount(maxConnections, 1, MAX_CONNECTIONS));
    add(problems, root + ".eventListener", eventListener == null ? "is required" : null);
    add(problems, root + ".proxy", proxy == null ? "is required" : null);
    if (httpClient != null) {
      String onCallersClient = "cannot apply to a caller's httpClient: set it on that client";
      add(
          problems,
          root + ".proxy",
          proxy != null && !proxy.isJvmDefault() ? onCallersClient : null);
      add(problems, root + ".sslContext", sslContext != null ? onCallersClient : null);
    }
    return problems;
  }

  private static void add(List<FieldViolation> problems, String path, String problem) {
    if (problem != null) {
      problems.add(FieldViolation.of(path, problem));
    }
  }

  /** What is wrong with a timeout, such as {@code is required}, or {@code null} if fine. */
  public static String problemWithTimeout(Duration timeout) {
    if (timeout == null) {
      return "is required";
    }
    if (timeout.isNegative() || timeout.isZero()) {
      return "must be positive";
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      return "must be at least 1 ms";
    }
    return timeout.compareTo(MAX_DURATION) > 0 ? "must be at most 24 hours" : null;
  }

  /** What is wrong with a wait such as a backoff (zero allowed), or {@code null} if fine. */
  public static String problemWithWait(Duration wait) {
    if (wait == null) {
      return "is required";
    }
    if (wait.isNegative()) {
      return "must not be negative";
    }
    return wait.compareTo(MAX_DURATION) > 0 ? "must be at most 24 hours" : null;
  }

  /** What is wrong with a count that must lie in {@code [min, max]}, or {@code null} if fine. */
  public static String problemWithCount(long value, long min, long max) {
    if (value < min) {
      return "must be at least " + min;
    }
    return value > max ? "must be at most " + max : null;
  }
}
