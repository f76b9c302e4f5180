package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.services.TimestampService;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * ScribeJava's timestamp and nonce source, fed by an injectable clock and nonce supplier so golden
 * tests can fix both. ScribeJava's own {@code TimestampServiceImpl} makes the nonce from the
 * timestamp plus {@code Random.nextInt()}, which is guessable; the default here is {@link
 * SecureNonces}.
 *
 * <p>Internal: not part of the public API.
 */
public final class ClockTimestampService implements TimestampService {

  private final Clock clock;
  private final Supplier<String> nonces;

  /** Seconds from {@code clock}, nonces from {@code nonces}. */
  public ClockTimestampService(Clock clock, Supplier<String> nonces) {
    this.clock = clock;
    this.nonces = nonces;
  }

  /** The last second asked for and its text: many signatures share one second. */
  private volatile Second last = new Second(Long.MIN_VALUE, "");

  @Override
  public String getTimestampInSeconds() {
    long now = clock.instant().getEpochSecond();
    Second second = last;
    if (second.seconds() != now) {
      second = new Second(now, Long.toString(now));
      last = second;
    }
    return second.text();
  }

  private record Second(long seconds, String text) {}

  @Override
  public String getNonce() {
    String nonce = nonces.get();
    if (nonce == null || nonce.isEmpty()) {
      throw new IllegalStateException("the nonce source returned no nonce");
    }
    return nonce;
  }
}
