package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignerAndVerifierTest {

  private static final URI PRODUCTS =
      URI.create("https://Shop.Example:443/rest/V1/products?searchCriteria%5BpageSize%5D=1&q=a+b");

  private static CommerceRequest signed(CommerceRequestSigner signer, CommerceRequest request) {
    return CommerceRequest.builder()
        .from(request)
        .putHeaders("Authorization", signer.authorizationHeader(request))
        .build();
  }

  private static CommerceRequest get(URI uri) {
    return CommerceRequest.builder().method("GET").uri(uri).build();
  }

  @Test
  void signsWithHmacSha256AndFreshSecureNoncesByDefault() {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    Map<String, String> first =
        AuthorizationHeader.parse(signer.authorizationHeader(get(PRODUCTS))).orElseThrow();
    Map<String, String> second =
        AuthorizationHeader.parse(signer.authorizationHeader(get(PRODUCTS))).orElseThrow();

    assertEquals("HMAC-SHA256", first.get("oauth_signature_method"));
    assertTrue(first.get("oauth_nonce").matches("[0-9a-f]{32}"));
    assertNotEquals(first.get("oauth_nonce"), second.get("oauth_nonce"));
    assertTrue(first.get("oauth_timestamp").matches("[0-9]{10}"));
    assertEquals("ck-SECRETVALUE-1", first.get("oauth_consumer_key"));
    assertEquals("at-SECRETVALUE-3", first.get("oauth_token"));
  }

  @Test
  void verifierAcceptsWhatTheSignerSigns() {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    CommerceRequest form =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("http://127.0.0.1:8080/rest/V1/x?a=%7E&b"))
            .putHeaders("Content-Type", "application/x-www-form-urlencoded")
            .body("name=caf%C3%A9+au+lait&name=2")
            .build();
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(TestCredentials.DISTINCT);

    assertEquals(
        VerificationOutcome.VALID, verifier.verify(signed(signer, get(PRODUCTS))).outcome());
    assertEquals(VerificationOutcome.VALID, verifier.verify(signed(signer, form)).outcome());
  }

  @Test
  void verifierRejectsChangedRequestsAndWrongCredentials() {
    CommerceRequestSigner signer = CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
    CommerceRequest request = signed(signer, get(PRODUCTS));
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(TestCredentials.DISTINCT);

    CommerceRequest otherQuery =
        request.withUri(
            URI.create(
                "https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=2&q=a+b"));
    assertEquals(VerificationOutcome.INVALID_SIGNATURE, verifier.verify(otherQuery).outcome());

    CommerceCredentialsInput otherSecret = TestCredentials.DISTINCT.withConsumerSecret("other");
    assertEquals(
        VerificationOutcome.INVALID_SIGNATURE,
        CommerceSignatureVerifier.of(otherSecret).verify(request).outcome());
    CommerceCredentialsInput otherToken = TestCredentials.DISTINCT.withAccessToken("other");
    assertEquals(
        VerificationOutcome.UNKNOWN_TOKEN,
        CommerceSignatureVerifier.of(otherToken).verify(request).outcome());
    CommerceCredentialsInput otherKey = TestCredentials.DISTINCT.withConsumerKey("other");
    assertEquals(
        VerificationOutcome.UNKNOWN_CONSUMER,
        CommerceSignatureVerifier.of(otherKey).verify(request).outcome());
  }

  @Test
  void verifierRefusesSha1UnlessAcceptedAndUnsignedOrMalformedHeaders() {
    CommerceRequestSigner sha1 =
        CommerceRequestSigner.builder(TestCredentials.DISTINCT)
            .signatureMethod(SignatureMethod.HMAC_SHA1)
            .build();
    CommerceRequest request = signed(sha1, get(PRODUCTS));

    assertEquals(
        VerificationOutcome.UNSUPPORTED_SIGNATURE_METHOD,
        CommerceSignatureVerifier.of(TestCredentials.DISTINCT).verify(request).outcome());
    assertEquals(
        VerificationOutcome.VALID,
        CommerceSignatureVerifier.of(
                TestCredentials.DISTINCT,
                Set.of(SignatureMethod.HMAC_SHA1, SignatureMethod.HMAC_SHA256))
            .verify(request)
            .outcome());
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(TestCredentials.DISTINCT);
    assertEquals(VerificationOutcome.NOT_SIGNED, verifier.verify(get(PRODUCTS)).outcome());
    assertEquals(
        VerificationOutcome.MALFORMED,
        verifier.verify(request.withHeaders(Map.of("Authorization", "OAuth x=1"))).outcome());
    assertEquals(
        VerificationOutcome.MALFORMED,
        verifier
            .verify(
                request.withHeaders(
                    Map.of("Authorization", "OAuth oauth_nonce=\"a\", oauth_nonce=\"b\"")))
            .outcome());
  }

  @Test
  void missingCredentialsAreNamedBeforeAnything() {
    // Partial credentials are refused when built, so a signer never sees them.
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> CommerceCredentialsInput.builder().consumerKey("k").accessToken(" ").build());
    assertEquals(
        java.util.List.of(
            FieldViolation.of("commerceCredentialsInput.consumerSecret", "is required"),
            FieldViolation.of("commerceCredentialsInput.accessToken", "must not be blank"),
            FieldViolation.of("commerceCredentialsInput.accessTokenSecret", "is required")),
        e.violations());
    assertEquals(
        "commerce.credentials is required",
        assertThrows(
                AresValidationException.class, () -> CommerceRequestSigner.builder(null).build())
            .getMessage());
  }

  @Test
  void badRequestDescriptionsAreNamed() {
    AresValidationException missing =
        assertThrows(AresValidationException.class, () -> CommerceRequest.builder().build());
    assertEquals("request.method is required; request.uri is required", missing.getMessage());
    AresValidationException bad =
        assertThrows(
            AresValidationException.class,
            () ->
                CommerceRequest.builder()
                    .method("get")
                    .uri(URI.create("/rest/V1/products"))
                    .build());
    assertEquals(2, bad.violations().size());
    AresValidationException escape =
        assertThrows(
            AresValidationException.class, () -> get(URI.create("https://s.example/p?a=%FF")));
    assertEquals("request.uri has percent-escapes that are not UTF-8", escape.getMessage());
  }
}
