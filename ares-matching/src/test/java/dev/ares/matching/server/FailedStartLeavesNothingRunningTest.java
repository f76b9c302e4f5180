package dev.ares.matching.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.matching.MatchBySku;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A server that cannot start (its port is taken) stops the I/O reactor it had already started: an
 * application that retries on another port must not collect a reactor per attempt.
 */
class FailedStartLeavesNothingRunningTest {

  /** HttpCore names its reactor threads "I/O listener-n" and "I/O server dispatch-n". */
  private static List<Thread> reactorThreadsNotIn(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith("I/O "))
        .toList();
  }

  @Test
  void aPortInUseLeavesNoReactorThreadBehind() throws Exception {
    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThrows(
          UncheckedIOException.class,
          () ->
              MatcherServer.builder(
                      AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                          .allowAnonymous()
                          .build())
                  .bindAddress(InetAddress.getByName("127.0.0.1"))
                  .port(taken.getLocalPort())
                  .start());
    }
    List<Thread> started = reactorThreadsNotIn(before);
    for (Thread t : started) {
      t.join(10_000); // ends as soon as the reactor is shut down; bounded if it never is
      assertFalse(t.isAlive(), t.getName() + " still runs after the failed start");
    }
    assertEquals(List.of(), reactorThreadsNotIn(before));
  }
}
