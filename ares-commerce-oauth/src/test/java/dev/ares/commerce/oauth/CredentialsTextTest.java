package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.core.AresValidationException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A credential with an unpaired surrogate has no UTF-8 form: the credentials refuse it when built,
 * naming each such field once.
 */
class CredentialsTextTest {

  @Test
  void unpairedSurrogatesAreNamedOncePerField() {
    List<String> expected =
        List.of(
            "commerceCredentialsInput.consumerSecret must be valid Unicode text",
            "commerceCredentialsInput.accessTokenSecret must be valid Unicode text");
    // Refused when built, so the signer, the verifier and the fake store never get them.
    assertEquals(
        expected,
        messages(
            () ->
                CommerceCredentialsInput.builder()
                    .from(TestCredentials.DISTINCT)
                    .consumerSecret("cs-\ud800-x")
                    .accessTokenSecret("ats-\udc00")
                    .build()));
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
