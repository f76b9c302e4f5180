package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.rule;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.ExternalMatcherException.Reason;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An action's answer is one JSON value without repeated keys or numbers out of range; anything else
 * is a {@link Reason#MALFORMED_RESPONSE} naming the path, never a last-wins result.
 */
class ExternalMatcherStrictAnswersTest {

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ExternalMatcher matcher() {
    return ExternalMatcher.builder()
        .rule(rule(server.url("").toString().replaceAll("/$", "")))
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
        .attemptTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10))
        .build();
  }

  private String malformed(ExternalMatcher m, String answer) {
    server.enqueue(json(200, answer));
    ExternalMatcherException e =
        assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET));
    assertEquals(Reason.MALFORMED_RESPONSE, e.reason(), answer);
    assertFalse(e.getMessage().contains("EVIL-VALUE"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void repeatedKeysTrailingContentAndHugeNumbersAreMalformed() {
    server.enqueue(token());
    try (ExternalMatcher m = matcher()) {
      String skipTwice =
          "{\"asset_id\":\"urn:aaid:aem:1\",\"product_matches\":[],\"skip\":false,\"skip\":true}";
      assertTrue(
          malformed(m, skipTwice).contains("response.skip is given twice (line 1, column 70)"),
          skipTwice);
      String nested =
          "{\"asset_id\":\"urn:aaid:aem:1\",\"product_matches\":[{\"product_sku\":\"s\","
              + "\"product_sku\":\"EVIL-VALUE\"}]}";
      assertTrue(
          malformed(m, nested).contains("response.product_matches[0].product_sku is given twice"));
      String unknown = "{\"asset_id\":\"urn:aaid:aem:1\",\"mine\":{\"k\":1,\"k\":\"EVIL-VALUE\"}}";
      assertTrue(malformed(m, unknown).contains("response.mine.k is given twice"));
      assertTrue(
          malformed(m, A2P + "{\"asset_id\":\"EVIL-VALUE\"}")
              .contains(
                  "response has unexpected content after the JSON value (line 1, column "
                      + (A2P.length() + 1)
                      + ")"));
      assertTrue(malformed(m, A2P + "}}").contains("unexpected content after the JSON value"));
      assertTrue(
          malformed(m, "{\"asset_id\":\"urn:aaid:aem:1\",\"score\":1e999999}")
              .contains("response.score is a number out of range"));
      String wrapped =
          "{\"statusCode\":200,\"body\":\"{\\\"asset_id\\\":\\\"a\\\",\\\"asset_id\\\":\\\"EVIL-VALUE\\\"}\"}";
      assertTrue(malformed(m, wrapped).contains("response.body.asset_id is given twice"), wrapped);
      String wrappedTwice =
          "{\"statusCode\":200,\"body\":{\"asset_id\":\"a\"},\"body\":{\"asset_id\":\"b\"}}";
      assertTrue(malformed(m, wrappedTwice).contains("response.body is given twice"), wrappedTwice);
      // An ordinary answer still reads.
      server.enqueue(json(200, A2P));
      assertEquals("sku-7", m.matchAsset(ASSET).productMatches().get(0).productSku());
    }
  }
}
