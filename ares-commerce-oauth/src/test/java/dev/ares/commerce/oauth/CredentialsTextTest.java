package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresValidationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A credential with an unpaired surrogate has no UTF-8 form: the signer, the verifier and the fake
 * store refuse it, naming each such field once.
 */
class CredentialsTextTest {

  @Test
  void unpairedSurrogatesAreNamedOncePerField() {
    var bad =
        TestCredentials.DISTINCT
            .withConsumerSecret("cs-\ud800-x")
            .withAccessTokenSecret("ats-\udc00");
    List<String> expected =
        List.of(
            "commerce.credentials.consumerSecret must be valid Unicode text",
            "commerce.credentials.accessTokenSecret must be valid Unicode text");
    assertEquals(expected, messages(() -> CommerceRequestSigner.builder(bad).build()));
    assertEquals(expected, messages(() -> CommerceSignatureVerifier.of(bad)));
    assertEquals(
        expected,
        messages(() -> dev.ares.commerce.oauth.testing.FakeCommerceServer.builder(bad).start()));
    // A pair is fine.
    CommerceRequestSigner.builder(TestCredentials.DISTINCT.withConsumerSecret("cs-\ud83d\ude00"))
        .build();
  }

  private static List<String> messages(Runnable build) {
    AresValidationException e = assertThrows(AresValidationException.class, build::run);
    return e.violations().stream()
        .map(v -> v.path() + " " + v.message())
        .collect(Collectors.toList());
  }
}
