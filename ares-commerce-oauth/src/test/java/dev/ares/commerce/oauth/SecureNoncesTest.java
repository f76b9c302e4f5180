package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.commerce.oauth.internal.SecureNonces;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The default nonces hand out each byte of their shared random batch once: many threads, across
 * many batch refills, never see the same nonce, and every nonce is 128 bits of lower-case hex.
 */
class SecureNoncesTest {

  private static final int THREADS = 16;
  private static final int PER_THREAD = 2_000; // 32,000 nonces: 125 batches of 256

  @Test
  void concurrentNoncesAreDistinctHex() throws Exception {
    SecureNonces nonces = new SecureNonces();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PER_THREAD; i++) {
                    String nonce = nonces.get();
                    assertTrue(nonce.matches("[0-9a-f]{32}"), "32 lower-case hex characters");
                    seen.add(nonce);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(THREADS * PER_THREAD, seen.size(), "no nonce handed out twice");
  }
}
