package dev.ares.core.testsupport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one leak check every module's fault tests share: which threads the SDK started (all named
 * {@code ares-…}) are still alive. Shipped in ares-client's test jar.
 */
public final class SdkThreads {

  private SdkThreads() {}

  /** SDK threads still alive, after giving each that is ending up to 5 s to finish. */
  public static List<String> alive() {
    List<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("ares-"))
            .collect(Collectors.toList());
    for (Thread t : threads) {
      try {
        t.join(5_000); // a closed client's thread ends on its own; a loaded machine may be slow
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return threads.stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .collect(Collectors.toList());
  }
}
