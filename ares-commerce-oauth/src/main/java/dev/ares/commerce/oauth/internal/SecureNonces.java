package dev.ares.commerce.oauth.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The default nonce source: 128 random bits from {@link SecureRandom} as 32 hex characters, unique
 * per request with overwhelming probability and not guessable. Thread-safe.
 *
 * <p>Each thread draws from its own {@code DRBG} instance (NIST SP 800-90A, seeded from the
 * system's entropy source): the platform default on Linux reads {@code /dev/urandom} under one
 * global lock on every call, which made it a large part of signing a request.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecureNonces implements Supplier<String> {

  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(SecureNonces::newRandom);

  @Override
  public String get() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom(); // every JDK since 9 has DRBG; keep a secure fallback regardless
    }
  }
}
