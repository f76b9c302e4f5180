package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.StoreMessages;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.Test;

/** The "no" side of the public booleans and of verification with the wrong secrets. */
class NegativeCasesTest {

  private static final URI PRODUCTS =
      URI.create("https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=1");

  private static CommerceRequest signedGet(CommerceCredentialsInput credentials) {
    CommerceRequest request = CommerceRequest.builder().method("GET").uri(PRODUCTS).build();
    String header = CommerceRequestSigner.builder(credentials).build().authorizationHeader(request);
    return request.withHeaders(java.util.Map.of("Authorization", header));
  }

  @Test
  void theVerifierRefusesASignatureMadeWithEitherWrongSecret() {
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(TestCredentials.DISTINCT);
    SignatureVerification right = verifier.verify(signedGet(TestCredentials.DISTINCT));
    assertTrue(right.isValid());

    SignatureVerification wrongConsumerSecret =
        verifier.verify(signedGet(TestCredentials.DISTINCT.withConsumerSecret("cs-other")));
    assertEquals(VerificationOutcome.INVALID_SIGNATURE, wrongConsumerSecret.outcome());
    assertFalse(wrongConsumerSecret.isValid());

    SignatureVerification wrongTokenSecret =
        verifier.verify(signedGet(TestCredentials.DISTINCT.withAccessTokenSecret("ats-other")));
    assertEquals(VerificationOutcome.INVALID_SIGNATURE, wrongTokenSecret.outcome());
    assertFalse(wrongTokenSecret.isValid());
  }

  @Test
  void everyOutcomeButValidIsNotValid() {
    for (VerificationOutcome outcome : VerificationOutcome.values()) {
      assertEquals(
          outcome == VerificationOutcome.VALID,
          SignatureVerification.builder().outcome(outcome).build().isValid(),
          outcome.name());
    }
  }

  @Test
  void everyVerdictButOkIsNotOk() {
    for (CredentialsVerdict verdict : CredentialsVerdict.values()) {
      assertEquals(
          verdict == CredentialsVerdict.OK,
          CredentialsCheckResult.builder().verdict(verdict).message("m").build().isOk(),
          verdict.name());
    }
  }

  @Test
  void theFakeStoreRefusesEitherWrongSecret() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start()) {
      for (CommerceCredentialsInput wrong :
          new CommerceCredentialsInput[] {
            TestCredentials.DISTINCT.withConsumerSecret("cs-other"),
            TestCredentials.DISTINCT.withAccessTokenSecret("ats-other")
          }) {
        try (CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(store.baseUrl())
                .credentials(wrong)
                .build()) {
          CredentialsCheckResult result = check.run();
          assertEquals(CredentialsVerdict.BAD_CREDENTIALS, result.verdict());
          assertFalse(result.isOk());
          assertEquals("The signature is invalid. Verify and try again.", result.message());
        }
      }
      assertEquals(0, store.acceptedCount());
    }
  }

  /**
   * A form whose content type is set only as a request header, not on the entity, is still signed
   * as a form: the store, which signs form bodies, accepts it.
   */
  @Test
  void aFormTypedOnlyByTheRequestHeaderIsSignedAsAForm() throws Exception {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    try (FakeCommerceServer store = FakeCommerceServer.builder(TestCredentials.DISTINCT).start();
        CloseableHttpClient client =
            HttpClients.custom()
                .addRequestInterceptorLast(CommerceSigningInterceptor.of(signer))
                .build()) {
      HttpPost form = new HttpPost(store.baseUrl() + "/rest/V1/orders?x=1");
      form.setHeader("Content-Type", "application/x-www-form-urlencoded");
      form.setEntity(new StringEntity("name=caf%C3%A9+au+lait&sku=a%2Bb%3Dc", (ContentType) null));
      // 404: the signature was accepted and only then the route was not found.
      assertEquals("404 Request does not match any route.", call(client, form));
      assertEquals(1, store.requestCount());
    }
  }

  private static String call(CloseableHttpClient client, ClassicHttpRequest request)
      throws Exception {
    return client.execute(
        request,
        r ->
            r.getCode()
                + " "
                + StoreMessages.message(EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8))
                    .orElse(""));
  }
}
