package dev.ares.commerce.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default nonce source: 128 random bits from {@link SecureRandom} as 32 hex characters, unique
 * per request with overwhelming probability and not guessable. Thread-safe.
 *
 * <p>The bits are drawn 4 KiB at a time and handed out 16 bytes per nonce, each byte once, so most
 * nonces make no call into the generator. They come from the JDK's NIST SP 800-90A DRBG, which
 * computes them, rather than the platform default ({@code NativePRNG} on Linux), which reads {@code
 * /dev/urandom} a few hundred bytes at a time. One shared batch rather than one per thread, so a
 * thread that signs once (a virtual thread per request, say) does not draw a whole batch for one
 * nonce.
 *
 * <p>Seeding the DRBG reads the JDK's entropy source ({@code /dev/random}), which can block on
 * Linux before 5.6 in a VM short of entropy. So it is seeded off the signing path, on the common
 * pool, and until it is ready the batches come from the platform default, which never blocks.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecureNonces implements Supplier<String> {

  private static final SecureRandom PLATFORM = new SecureRandom();

  /** The DRBG once seeded; see the class comment. */
  private static final CompletableFuture<SecureRandom> DRBG =
      CompletableFuture.supplyAsync(SecureNonces::seededDrbg);

  private static final int NONCE_BYTES = 16;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int BATCH_BYTES = 256 * NONCE_BYTES;

  private static final ReentrantLock LOCK = new ReentrantLock();
  private static final byte[] BATCH = new byte[BATCH_BYTES];

  /** Where the next unused bytes of {@link #BATCH} start; guarded by {@link #LOCK}. */
  private static int next = BATCH_BYTES;

  /** The JDK's DRBG, seeded by drawing from it once; the platform default where a JDK lacks it. */
  private static SecureRandom seededDrbg() {
    try {
      SecureRandom drbg = SecureRandom.getInstance("DRBG");
      drbg.nextBytes(new byte[1]);
      return drbg;
    } catch (NoSuchAlgorithmException e) {
      return PLATFORM;
    }
  }

  @Override
  public String get() {
    byte[] hex = new byte[2 * NONCE_BYTES];
    // A ReentrantLock, not synchronized: a virtual thread refilling the batch is not pinned.
    LOCK.lock();
    try {
      if (next == BATCH_BYTES) {
        DRBG.getNow(PLATFORM).nextBytes(BATCH);
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
