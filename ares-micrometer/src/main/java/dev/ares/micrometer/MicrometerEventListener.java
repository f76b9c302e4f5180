package dev.ares.micrometer;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpCallSummary;
import dev.ares.core.HttpEventListener;
import dev.ares.core.TransportFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * An {@link HttpEventListener} that records the SDK's HTTP calls on a Micrometer {@link
 * MeterRegistry}, so a service's dashboards show ARES, IMS, the matcher actions and Commerce beside
 * its own calls.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code ares.client.calls}</td><td>timer</td>
 *       <td>{@code client}, {@code operation}, {@code outcome}</td>
 *       <td>each call, from start to end, retries included; {@code outcome} is a {@link
 *       dev.ares.core.CallOutcome} name</td></tr>
 *   <tr><td>{@code ares.client.attempts}</td><td>counter</td>
 *       <td>{@code client}, {@code operation}, {@code result}</td>
 *       <td>each attempt; {@code result} is the status ({@code 200}, {@code 503}) or the {@link
 *       TransportFailure} name ({@code CONNECT_TIMEOUT})</td></tr>
 *   <tr><td>{@code ares.client.retries}</td><td>counter</td>
 *       <td>{@code client}, {@code operation}</td><td>each retry scheduled</td></tr>
 * </table>
 *
 * <p>{@code client} and {@code operation} are those of {@link HttpCallInfo} (such as {@code
 * AresClient} and {@code registerTenant}); every tag has a small, fixed set of values. Hosts are
 * not tagged. Add common tags (service, region) on the registry as usual.
 *
 * <pre>{@code
 * HttpEventListener metrics = MicrometerEventListener.of(registry);
 * AresClient client = AresClient.builder()
 *     .eventListener(HttpEventListener.logging().andThen(metrics))
 *     ...
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe: one listener may serve every client of a service.
 */
public final class MicrometerEventListener implements HttpEventListener {

  /** The timer of whole calls. */
  public static final String CALLS = "ares.client.calls";

  /** The counter of attempts. */
  public static final String ATTEMPTS = "ares.client.attempts";

  /** The counter of retries. */
  public static final String RETRIES = "ares.client.retries";

  private final MeterRegistry registry;

  private MicrometerEventListener(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A listener recording on {@code registry}. */
  public static MicrometerEventListener of(MeterRegistry registry) {
    return new MicrometerEventListener(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public void attemptFailed(
      HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
    attempts(call, failure.name()).increment();
  }

  @Override
  public void responseReceived(
      HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
    attempts(call, Integer.toString(status)).increment();
  }

  @Override
  public void retryScheduled(HttpCallInfo call, int attempt, Duration delay) {
    Counter.builder(RETRIES)
        .description("Retries the ARES SDK scheduled")
        .tags(callTags(call))
        .register(registry)
        .increment();
  }

  @Override
  public void callEnd(HttpCallInfo call, HttpCallSummary summary) {
    Timer.builder(CALLS)
        .description("HTTP calls of the ARES SDK, retries included")
        .tags(callTags(call).and("outcome", summary.outcome().name()))
        .register(registry)
        .record(summary.duration());
  }

  private Counter attempts(HttpCallInfo call, String result) {
    return Counter.builder(ATTEMPTS)
        .description("HTTP attempts of the ARES SDK, by status or transport failure")
        .tags(callTags(call).and("result", result))
        .register(registry);
  }

  private static Tags callTags(HttpCallInfo call) {
    return Tags.of("client", call.client(), "operation", call.operation());
  }

  @Override
  public String toString() {
    return "MicrometerEventListener{" + registry.getClass().getSimpleName() + "}";
  }
}
