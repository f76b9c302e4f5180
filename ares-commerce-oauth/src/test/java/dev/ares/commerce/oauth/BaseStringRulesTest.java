package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.github.scribejava.core.extractors.BaseStringExtractorImpl;
import com.github.scribejava.core.model.OAuthRequest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The base-string rules Commerce verifies with, case by case, and the cases where ScribeJava's own
 * {@link BaseStringExtractorImpl} departs from them.
 */
class BaseStringRulesTest {

  /** The encoded OAuth parameters every case below carries, in sorted position "oauth_...". */
  private static final String OAUTH =
      "oauth_consumer_key%3Dck%26oauth_nonce%3Dn%26oauth_signature_method%3DHMAC-SHA256"
          + "%26oauth_timestamp%3D1%26oauth_token%3Dtk";

  private static final Map<String, String> OAUTH_PARAMS =
      Map.of(
          "oauth_consumer_key", "ck",
          "oauth_token", "tk",
          "oauth_signature_method", "HMAC-SHA256",
          "oauth_timestamp", "1",
          "oauth_nonce", "n");

  private static OAuthRequest scribe(CommerceRequest request) {
    OAuthRequest scribe = BaseStrings.scribeRequest(request);
    OAUTH_PARAMS.forEach(scribe::addOAuthParameter);
    return scribe;
  }

  /**
   * The SDK's base string, which the signer, the verifier and {@link CommerceApi} share: checked
   * here through the verifier's entry and through ScribeJava's.
   */
  private static String ours(CommerceRequest request) {
    String ours = BaseStrings.of(request, OAUTH_PARAMS);
    assertEquals(ours, CommerceApi.hmacSha256().getBaseStringExtractor().extract(scribe(request)));
    return ours;
  }

  private static String scribeJavas(CommerceRequest request) {
    return new BaseStringExtractorImpl().extract(scribe(request));
  }

  private static CommerceRequest get(String uri) {
    return CommerceRequest.builder().method("GET").uri(URI.create(uri)).build();
  }

  @Test
  void bracketedSearchCriteriaKeysAreSignedFlatAndEncoded() {
    CommerceRequest request =
        get(
            "https://shop.example/rest/V1/products"
                + "?searchCriteria%5Bfilter_groups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=sku"
                + "&searchCriteria%5BpageSize%5D=1");
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Frest%2FV1%2Fproducts&"
            + OAUTH
            + "%26searchCriteria%255Bfilter_groups%255D%255B0%255D%255Bfilters%255D%255B0%255D"
            + "%255Bfield%255D%3Dsku%26searchCriteria%255BpageSize%255D%3D1",
        ours(request));
  }

  @Test
  void valueHoldingEqualsSignKeepsAllOfIt() {
    CommerceRequest request = get("https://shop.example/p?q=a=b=c");
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Fp&" + OAUTH + "%26q%3Da%253Db%253Dc", ours(request));
    // ScribeJava splits on every '=' and keeps only "a".
    assertEquals("GET&https%3A%2F%2Fshop.example%2Fp&" + OAUTH + "%26q%3Da", scribeJavas(request));
  }

  @Test
  void plusTildeEncodedSlashAndNonAsciiValues() {
    CommerceRequest request =
        get("https://shop.example/p?plus=a+b&tilde=~x&slash=a%2Fb&name=caf%C3%A9");
    // '+' in a query stays a '+' (Commerce rawurldecodes the query); ScribeJava makes it a space.
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Fp&name%3Dcaf%25C3%25A9%26"
            + OAUTH
            + "%26plus%3Da%252Bb%26slash%3Da%252Fb%26tilde%3D~x",
        ours(request));
    assertNotEquals(ours(request), scribeJavas(request));
    GoldenVectorsTest.assertContains(scribeJavas(request), "plus%3Da%2520b");
  }

  @Test
  void encodedParametersAreSortedNotDecodedOnes() {
    // Decoded, "z" < "é" and "z" < "{"; encoded, "%7B" and "%C3%A9" come before "z".
    CommerceRequest request = get("https://shop.example/p?z=1&%C3%A9=2&%7B=3");
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Fp&%257B%3D3%26%25C3%25A9%3D2%26" + OAUTH + "%26z%3D1",
        ours(request));
    assertNotEquals(ours(request), scribeJavas(request));
  }

  @Test
  void repeatedKeysAreAllSignedSortedByValue() {
    CommerceRequest request = get("https://shop.example/p?a=3&a=1&a=2");
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Fp&a%3D1%26a%3D2%26a%3D3%26" + OAUTH, ours(request));
  }

  @Test
  void bareKeysAreSignedWithAnEmptyValueAndEmptyPiecesSkipped() {
    CommerceRequest request = get("https://shop.example/p?flag&&b=");
    assertEquals("GET&https%3A%2F%2Fshop.example%2Fp&b%3D%26flag%3D%26" + OAUTH, ours(request));
    // ScribeJava signs the empty piece between "&&" as a parameter with an empty name.
    assertEquals(
        "GET&https%3A%2F%2Fshop.example%2Fp&%3D%26b%3D%26flag%3D%26" + OAUTH, scribeJavas(request));
  }

  @Test
  void defaultPortsDroppedOthersKept() {
    assertEquals(ours(get("https://shop.example/p")), ours(get("https://shop.example:443/p")));
    assertEquals(ours(get("http://shop.example/p")), ours(get("http://shop.example:80/p")));
    GoldenVectorsTest.assertContains(
        ours(get("https://shop.example:8443/p")), "https%3A%2F%2Fshop.example%3A8443%2Fp&");
    GoldenVectorsTest.assertContains(
        ours(get("http://shop.example:443/p")), "http%3A%2F%2Fshop.example%3A443%2Fp&");
  }

  @Test
  void schemeAndHostAreLowerCasedFragmentDropped() {
    CommerceRequest request = get("HTTPS://Shop.EXAMPLE/Rest/V1?x=1#frag");
    GoldenVectorsTest.assertContains(ours(request), "GET&https%3A%2F%2Fshop.example%2FRest%2FV1&");
    // ScribeJava keeps the host as written, so a store computing it lower-case disagrees.
    assertNotEquals(ours(request), scribeJavas(request));
  }

  @Test
  void formBodiesAreSignedWithPlusAsSpace() {
    CommerceRequest request =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("https://shop.example/p"))
            .putHeaders("content-type", "application/x-www-form-urlencoded; charset=UTF-8")
            .body("name=a+b&sku=x%2By")
            .build();
    assertEquals(
        "POST&https%3A%2F%2Fshop.example%2Fp&name%3Da%2520b%26" + OAUTH + "%26sku%3Dx%252By",
        ours(request));
  }

  @Test
  void jsonBodiesAreNotSigned() {
    CommerceRequest json =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("https://shop.example/p"))
            .putHeaders("Content-Type", "application/json")
            .body("{\"a\":\"b\"}")
            .build();
    assertEquals("POST&https%3A%2F%2Fshop.example%2Fp&" + OAUTH, ours(json));
  }
}
