package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ares.commerce.oauth.internal.StoreMessages;
import dev.ares.core.RetryPolicy;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * A store answer is read as strictly as any JSON the SDK reads: a key given twice or content after
 * the value makes it no Commerce answer, never a last-wins one.
 */
class StrictStoreAnswersTest {

  @Test
  void aProductPageWithARepeatedKeyOrTrailingContentIsAnUnexpectedAnswer() throws Exception {
    for (String body :
        List.of(
            "{\"items\":[]}{\"items\":[]}",
            "{\"items\":1,\"items\":[]}",
            "{\"items\":[]} trailing",
            "{\"items\":[],\"total\":1e999}")) {
      try (MockWebServer server = new MockWebServer()) {
        server.start();
        server.enqueue(
            new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build());
        try (CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(server.url("/").toString())
                .credentials(TestCredentials.DISTINCT)
                .retryPolicy(RetryPolicy.none())
                .build()) {
          assertEquals(CredentialsVerdict.UNEXPECTED_ANSWER, check.run().verdict(), body);
        }
      }
    }
  }

  @Test
  void anErrorMessageWithARepeatedKeyIsNoStoreMessage() {
    assertEquals(
        Optional.empty(),
        StoreMessages.message("{\"message\":\"a\",\"message\":\"The consumer isn't authorized\"}"));
    assertEquals(
        Optional.empty(), StoreMessages.message("{\"message\":\"a\"} {\"message\":\"b\"}"));
    assertEquals(Optional.of("a"), StoreMessages.message("{\"message\":\"a\"}"));
  }
}
