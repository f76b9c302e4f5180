package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ares.client.AresClient;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.commerce.oauth.CommerceRequestSigner;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.MatchBySku;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The fakes ship in each module's {@code testing} jar, for users' test scope, and never in the main
 * jars a service runs with.
 */
class FakesOutOfMainJarsTest {

  private static Path jarOf(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void mainJarsHoldNoFakesAndTestingJarsOnlyFakes() throws Exception {
    List<Class<?>[]> pairs =
        List.of(
            new Class<?>[] {AresClient.class, FakeAresServer.class},
            new Class<?>[] {CommerceRequestSigner.class, FakeCommerceServer.class},
            new Class<?>[] {MatchBySku.class, LoopbackMatcherServer.class});
    for (Class<?>[] pair : pairs) {
      Path main = jarOf(pair[0]);
      Path testing = jarOf(pair[1]);
      assumeTrue(main.toString().endsWith(".jar"), "run by Maven after package: " + main);
      assertTrue(testing.getFileName().toString().endsWith("-testing.jar"), testing.toString());
      try (JarFile jar = new JarFile(main.toFile())) {
        assertFalse(
            jar.stream().anyMatch(e -> e.getName().contains("/testing/")), main + " holds a fake");
      }
      try (JarFile jar = new JarFile(testing.toFile())) {
        assertEquals(
            List.of(),
            jar.stream()
                .map(e -> e.getName())
                .filter(n -> n.endsWith(".class") && !n.contains("/testing/"))
                .toList());
        assertTrue(
            jar.getManifest()
                .getMainAttributes()
                .getValue("Automatic-Module-Name")
                .endsWith(".testing"));
      }
    }
  }
}
