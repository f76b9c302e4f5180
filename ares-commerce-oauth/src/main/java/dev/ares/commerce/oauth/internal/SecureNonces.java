package dev.ares.commerce.oauth.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The default nonce source: 128 random bits from {@link SecureRandom} as 32 hex characters, unique
 * per request with overwhelming probability and not guessable. Thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecureNonces implements Supplier<String> {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public String get() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
