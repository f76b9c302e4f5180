package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.TOKEN;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A token that lives less than fifty minutes is refreshed a tenth of its lifetime early, not five
 * minutes early: a 100-second token is used for the next call rather than fetched again each time.
 */
class ShortLivedImsTokenIsReusedTest {

  @Test
  void aHundredSecondTokenServesTheNextCall() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          json(
              200,
              "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":100}"));
      server.enqueue(json(200, A2P));
      server.enqueue(json(200, A2P));
      String base = server.url("").toString().replaceAll("/$", "");
      try (ExternalMatcher m =
          ExternalMatcher.builder().rule(ExternalMatcherFailuresTest.rule(base)).build()) {
        m.matchAsset(ASSET);
        m.matchAsset(ASSET);
      }
      assertEquals("/ims/token/v3", server.takeRequest().getUrl().encodedPath());
      assertEquals("/a2p", server.takeRequest().getUrl().encodedPath());
      assertEquals("/a2p", server.takeRequest().getUrl().encodedPath());
      assertEquals(3, server.getRequestCount());
    }
  }
}
