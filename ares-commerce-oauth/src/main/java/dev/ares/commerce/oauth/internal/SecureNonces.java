package dev.ares.commerce.oauth.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default nonce source: 128 random bits from {@link SecureRandom} as 32 hex characters, unique
 * per request with overwhelming probability and not guessable. Thread-safe.
 *
 * <p>The bits are drawn from the platform's {@link SecureRandom} 4 KiB at a time and handed out
 * 16 bytes per nonce, each byte once. Drawing 16 bytes per nonce cost about as much as the rest
 * of the signature: {@code SecureRandom}'s fixed cost per call (locks, its SHA1PRNG mixing state,
 * the buffer of {@code /dev/urandom} bytes) outweighs the bytes themselves. One shared batch
 * rather than one per thread, so a thread that signs once (a virtual thread per request, say)
 * does not draw a whole batch for one nonce.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecureNonces implements Supplier<String> {

  private static final SecureRandom RANDOM = drbg();
  private static final int NONCE_BYTES = 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int BATCH_BYTES = 256 * NONCE_BYTES;

  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final byte[] BATCH = new byte[BATCH_BYTES];
  /** Where the next unused bytes of {@link #BATCH} start; guarded by {@link #LOCK}. */
  private static int next = BATCH_BYTES;

  /**
   * The JDK's NIST SP 800-90A DRBG, seeded by the platform: it computes its bytes, where the
   * default {@code NativePRNG} reads them from {@code /dev/urandom} a few hundred at a time
   * (measured: most of a nonce's cost was those reads). The platform default where a JDK lacks it.
   */
  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public String get() {
    byte[] hex = new byte[2 * NONCE_BYTES];
    // A ReentrantLock, not synchronized: a virtual thread refilling the batch is not pinned.
    LOCK.lock();
    try {
      if (next == BATCH_BYTES) {
        RANDOM.nextBytes(BATCH);
        next = 0;
      }
      for (int i = 0; i < NONCE_BYTES; i++) {
        int b = BATCH[next + i];
        hex[2 * i] = HEX[(b >> 4) & 0xF];
        hex[2 * i + 1] = HEX[b & 0xF];
      }
      next += NONCE_BYTES;
    } finally {
      LOCK.unlock();
    }
    return new String(hex, StandardCharsets.ISO_8859_1);
  }
}
