package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.core.internal.ServerText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error text of a server's JSON answer: bare, inside App Builder's body, or none at all. */
class ServerErrorsDetailTest {

  private static final ServerText TEXT = ServerText.withoutSecrets();

  private static String detail(String body) {
    return ServerErrors.detail(body.getBytes(StandardCharsets.UTF_8), TEXT);
  }

  @Test
  void readsTheErrorFieldsOfABareAnswer() {
    assertEquals(
        ": invalid_client: bad secret",
        detail("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}"));
    assertEquals(": down", detail("{\"message\":\"down\"}"));
  }

  @Test
  void readsTheErrorInsideAppBuildersBody() {
    assertEquals(
        ": action failed", detail("{\"statusCode\":500,\"body\":{\"error\":\"action failed\"}}"));
  }

  @Test
  void aBodyThatIsNotAnObjectLeavesTheOuterError() {
    assertEquals(": outer", detail("{\"error\":\"outer\",\"body\":\"text\"}"));
  }

  @Test
  void answersWithoutAnErrorObjectSayNothing() {
    assertEquals("", ServerErrors.detail((JsonNode) null, TEXT));
    assertEquals("", detail("[{\"error\":\"in an array\"}]"));
    assertEquals("", detail("\"error\""));
    assertEquals("", detail("<html>502</html>"));
    assertEquals("", detail(""));
    assertEquals("", detail("{\"error\":\"  \",\"message\":7}"));
  }
}
