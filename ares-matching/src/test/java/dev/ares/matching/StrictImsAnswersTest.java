package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.rule;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresHttpException;
import dev.ares.core.RetryPolicy;
import dev.ares.matching.ExternalMatcherException.Reason;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * IMS token answers and the matcher's error bodies are read strictly: a repeated key or trailing
 * content in a token answer is {@link Reason#MALFORMED_RESPONSE}, never the last token given; an
 * error body with a repeated key lends the failure no text.
 */
class StrictImsAnswersTest {

  private static ExternalMatcher matcher(MockWebServer server) {
    return ExternalMatcher.builder()
        .rule(rule(server.url("").toString().replaceAll("/$", "")))
        .retryPolicy(RetryPolicy.none())
        .build();
  }

  @Test
  void aTokenAnswerWithARepeatedKeyOrTrailingContentIsMalformed() throws Exception {
    for (String answer :
        List.of(
            "{\"access_token\":\"t1\",\"access_token\":\"EVIL-VALUE\",\"expires_in\":3600}",
            "{\"access_token\":\"t1\",\"expires_in\":3600} {\"access_token\":\"EVIL-VALUE\"}",
            "{\"access_token\":\"t1\",\"expires_in\":1e999}")) {
      try (MockWebServer server = new MockWebServer()) {
        server.start();
        server.enqueue(json(200, answer));
        try (ExternalMatcher m = matcher(server)) {
          ExternalMatcherException e =
              assertThrows(ExternalMatcherException.class, () -> m.matchAsset(ASSET));
          assertEquals(Reason.MALFORMED_RESPONSE, e.reason(), answer);
          assertFalse(e.getMessage().contains("EVIL-VALUE"), e.getMessage());
        }
      }
    }
  }

  @Test
  void anErrorBodyWithARepeatedKeyLendsNoText() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(token());
      server.enqueue(json(500, "{\"error\":\"first\",\"error\":\"second\"}"));
      try (ExternalMatcher m = matcher(server)) {
        AresHttpException e = assertThrows(AresHttpException.class, () -> m.matchAsset(ASSET));
        assertEquals(500, e.statusCode());
        assertFalse(
            e.getMessage().contains("first") || e.getMessage().contains("second"), e.getMessage());
      }
    }
  }
}
