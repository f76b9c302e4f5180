package dev.ares.micrometer;

import dev.ares.matcher.server.ConnectionRefusal;
import dev.ares.matcher.server.MatcherServerListener;
import dev.ares.matcher.server.RequestOutcome;
import dev.ares.matcher.server.ServedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link MatcherServerListener} that records what a hosted matcher ({@code ares-matcher-server}'s
 * {@code MatcherServer}) serves and refuses on a Micrometer {@link MeterRegistry}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>counts</th></tr>
 *   <tr><td>{@code ares.matcher.server.requests}</td><td>timer</td>
 *       <td>{@code route}, {@code status}, {@code outcome}</td>
 *       <td>each request whose head arrived, from its head to the end of its answer; {@code route}
 *       is {@code asset-to-product}, {@code product-to-asset}, {@code health} or {@code other};
 *       {@code status} the status sent ({@code 200}, {@code 401}) or {@code none}; {@code outcome}
 *       a {@link RequestOutcome} name in lower case ({@code answered}, {@code unauthorized}, {@code
 *       too_large}, {@code busy}, {@code bad_request}, {@code abandoned}…)</td></tr>
 *   <tr><td>{@code ares.matcher.server.connections.refused}</td><td>counter</td>
 *       <td>{@code reason}</td>
 *       <td>each connection closed before a request on it was read; {@code reason} a {@link
 *       ConnectionRefusal} name in lower case ({@code connection_cap}, {@code tls_handshake})</td>
 *   </tr>
 * </table>
 *
 * <p>Every tag has a small, fixed set of values: no path, address or client id is tagged.
 *
 * <pre>{@code
 * MatcherServer server = MatcherServer.builder(handler)
 *     .eventListener(MicrometerMatcherServerListener.of(registry))
 *     .start();
 * }</pre>
 *
 * <p>Needs {@code ares-matcher-server} on the class path (this module depends on it optionally).
 * Immutable and thread-safe.
 */
public final class MicrometerMatcherServerListener implements MatcherServerListener {

  /** The timer of requests. */
  public static final String REQUESTS = "ares.matcher.server.requests";

  /** The counter of refused connections. */
  public static final String REFUSED_CONNECTIONS = "ares.matcher.server.connections.refused";

  private final MeterRegistry registry;

  private MicrometerMatcherServerListener(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A listener recording on {@code registry}. */
  public static MicrometerMatcherServerListener of(MeterRegistry registry) {
    return new MicrometerMatcherServerListener(Objects.requireNonNull(registry, "registry"));
  }

  @Override
  public void requestEnd(ServedRequest request) {
    Timer.builder(REQUESTS)
        .description("Requests a hosted ARES matcher received, by route, status and outcome")
        .tags(
            Tags.of(
                "route",
                request.route(),
                "status",
                request.status() == 0 ? "none" : Integer.toString(request.status()),
                "outcome",
                lower(request.outcome())))
        .register(registry)
        .record(request.duration());
  }

  @Override
  public void connectionRefused(ConnectionRefusal reason) {
    Counter.builder(REFUSED_CONNECTIONS)
        .description("Connections a hosted ARES matcher closed before reading a request")
        .tags("reason", lower(reason))
        .register(registry)
        .increment();
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "MicrometerMatcherServerListener{" + registry.getClass().getSimpleName() + "}";
  }
}
