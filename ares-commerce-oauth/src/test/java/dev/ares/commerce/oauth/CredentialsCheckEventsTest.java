package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.HttpCallInfo;
import dev.ares.core.testsupport.RecordingListener;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The credentials check tells a listener of its one signed read as {@code CommerceCredentialsCheck
 * checkCredentials}, refused or not, and never of a credential.
 */
class CredentialsCheckEventsTest {

  private static final CommerceCredentialsInput GOOD = TestCredentials.DISTINCT;

  private static RecordingListener heardChecking(String baseUrl, CommerceCredentialsInput creds) {
    RecordingListener heard = new RecordingListener();
    try (CommerceCredentialsCheck check =
        CommerceCredentialsCheck.builder()
            .baseUrl(baseUrl)
            .credentials(creds)
            .eventListener(heard)
            .build()) {
      check.run();
    }
    return heard;
  }

  @Test
  void aCheckIsHeardAsOneCallOfTheCheck() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(GOOD).start()) {
      RecordingListener ok = heardChecking(store.baseUrl(), GOOD);
      RecordingListener refused =
          heardChecking(store.baseUrl(), GOOD.withAccessTokenSecret("mistyped"));

      assertEquals(
          List.of("callStart", "attemptStart 1", "response 1 200 null", "callEnd SUCCESS 200 - 1"),
          ok.lines);
      assertEquals("callEnd HTTP_ERROR 401 - 1", refused.last());
      HttpCallInfo call = ok.calls.get(0);
      assertEquals("CommerceCredentialsCheck", call.client());
      assertEquals("checkCredentials", call.operation());
      assertEquals(Set.of(call), Set.copyOf(refused.calls));
      for (String secret :
          List.of(
              GOOD.consumerKey(),
              GOOD.consumerSecret(),
              GOOD.accessToken(),
              GOOD.accessTokenSecret())) {
        assertFalse(refused.toString().contains(secret), refused.toString());
      }
    }
  }
}
