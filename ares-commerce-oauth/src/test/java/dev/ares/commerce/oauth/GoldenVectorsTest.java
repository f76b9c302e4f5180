package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.scribejava.core.model.OAuthRequest;
import dev.ares.commerce.oauth.internal.KeyedHmac;
import dev.ares.commerce.oauth.internal.PercentEncoding;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Published vectors: RFC 5849 and OAuth Core 1.0 Appendix A. */
class GoldenVectorsTest {

  private static final String A5_BASE_STRING =
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg"
          + "%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh"
          + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096"
          + "%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal";

  @Test
  void rfc5849Section3411BaseString() {
    CommerceRequest request =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"))
            .putHeaders("Content-Type", "application/x-www-form-urlencoded")
            .body("c2&a3=2+q")
            .build();
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_consumer_key", "9djdj82h48djs9d2");
    oauth.put("oauth_token", "kkk9d7dh3k39sjv7");
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_timestamp", "137131201");
    oauth.put("oauth_nonce", "7d8f3e4a");
    oauth.put("oauth_signature", "bYT5CMsGcbgUdFHObYMEfcx6bsw=");
    oauth.put("realm", "Example");
    String expected =
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D"
            + "%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2"
            + "%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1"
            + "%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";

    // oauth_signature and realm are left out by the builder itself, on both entries.
    assertEquals(expected, BaseStrings.of(request, oauth));
    OAuthRequest scribe = BaseStrings.scribeRequest(request);
    oauth.forEach(scribe::addOAuthParameter);
    assertEquals(expected, CommerceApi.hmacSha1().getBaseStringExtractor().extract(scribe));
  }

  @Test
  void rfc5849Section12PhotosRequestVerifies() {
    CommerceRequest request =
        CommerceRequest.builder()
            .method("GET")
            .uri(URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"))
            .putHeaders(
                "Authorization",
                "OAuth realm=\"Photos\", oauth_consumer_key=\"dpf43f3p2l4k3l03\","
                    + " oauth_token=\"nnch734d00sl2jdk\", oauth_signature_method=\"HMAC-SHA1\","
                    + " oauth_timestamp=\"137131202\", oauth_nonce=\"chapoH\","
                    + " oauth_signature=\"MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D\"")
            .build();
    CommerceSignatureVerifier verifier =
        CommerceSignatureVerifier.of(TestCredentials.PHOTOS, Set.of(SignatureMethod.HMAC_SHA1));

    SignatureVerification result = verifier.verify(request);

    assertEquals(VerificationOutcome.VALID, result.outcome());
    assertEquals("chapoH", result.nonce().orElseThrow());
    assertEquals(137131202L, result.timestamp().orElseThrow());
  }

  @Test
  void oauthCore10AppendixA5SignedBySigner() {
    CommerceRequestSigner signer =
        CommerceRequestSigner.builder(TestCredentials.PHOTOS)
            .signatureMethod(SignatureMethod.HMAC_SHA1)
            .clock(Clock.fixed(Instant.ofEpochSecond(1191242096L), ZoneOffset.UTC))
            .nonceSource(() -> "kllo9940pd9333jh")
            .build();

    String header =
        signer.authorizationHeader(
            CommerceRequest.builder()
                .method("GET")
                .uri(URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"))
                .build());

    // tR3+Ty81lMeYAr/Fid0kMTYa/WM= percent-encoded in the header.
    assertContains(header, "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
    assertContains(header, "oauth_version=\"1.0\"");
  }

  @Test
  void oauthCore10AppendixA5BaseStringWithBothHmacs() {
    assertEquals(
        "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
        new KeyedHmac("HmacSHA1", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
            .signature(A5_BASE_STRING));
    assertEquals(
        "0gCtTYQAxqCKhIE0sltgx7UgHkAs10vrpuYE7xpRBnE=",
        new KeyedHmac("HmacSHA256", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")
            .signature(A5_BASE_STRING));
    // The same HMAC behind ScribeJava's CommerceApi.
    assertEquals(
        "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
        CommerceApi.hmacSha1()
            .getSignatureService()
            .getSignature(A5_BASE_STRING, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
    assertEquals(
        "0gCtTYQAxqCKhIE0sltgx7UgHkAs10vrpuYE7xpRBnE=",
        CommerceApi.hmacSha256()
            .getSignatureService()
            .getSignature(A5_BASE_STRING, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
  }

  @Test
  void encoderOnReservedCharacters() {
    assertEquals(
        "%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D",
        PercentEncoding.encode("!*'();:@&=+$,/?#[]"));
    assertEquals("AZaz09-._~%20%C3%A9", PercentEncoding.encode("AZaz09-._~ é"));
  }

  static void assertContains(String text, String part) {
    if (!text.contains(part)) {
      throw new AssertionError("expected to contain " + part + " but was " + text);
    }
  }
}
