package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * What a log line shows of an external matcher: the hosts of both actions and of IMS, nothing more
 * (SecretsNeverLeakTest checks that no secret appears).
 */
class ExternalMatcherDescribesItselfTest {

  @Test
  void toStringNamesTheActionAndImsHosts() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      String base = server.url("").toString().replaceAll("/$", "");
      String host = server.url("").host() + ":" + server.getPort(); // host and port
      try (ExternalMatcher m =
          ExternalMatcher.builder().rule(ExternalMatcherFailuresTest.rule(base)).build()) {
        assertEquals(
            "ExternalMatcher{assetToProduct="
                + host
                + ", productToAsset="
                + host
                + ", ims=ImsTokenCache{host="
                + host
                + "}}",
            m.toString());
      }
    }
  }

  @Test
  void eachHostGetsHalfThePoolAndAtLeastOneConnection() {
    // A slow host (IMS or one action) must leave the other half of the pool to the others.
    assertEquals(1, ExternalMatcher.maxConnectionsPerHost(1));
    assertEquals(1, ExternalMatcher.maxConnectionsPerHost(2));
    assertEquals(2, ExternalMatcher.maxConnectionsPerHost(3));
    assertEquals(10, ExternalMatcher.maxConnectionsPerHost(20));
    assertEquals(11, ExternalMatcher.maxConnectionsPerHost(21));
  }
}
