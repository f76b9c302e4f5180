package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.OAuthOracle;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * ScribeJava wired with the public {@link CommerceApi} signs exactly as {@link
 * CommerceRequestSigner} does: with the same timestamp and nonce, the same {@code Authorization}
 * header, character for character, on the golden vectors, on the fixed request set of {@link
 * SignerSameAsScribeTest} and on generated requests; the verifier accepts it and the independent
 * RFC 5849 oracle computes the same signature.
 */
class CommerceApiSameAsSignerTest {

  private static CommerceRequestSigner signer(
      CommerceCredentialsInput credentials,
      SignatureMethod method,
      long seconds,
      Supplier<String> nonce) {
    return CommerceRequestSigner.builder(credentials)
        .signatureMethod(method)
        .clock(Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC))
        .nonceSource(nonce)
        .build();
  }

  private static OAuth10aService scribe(
      CommerceCredentialsInput credentials,
      SignatureMethod method,
      long seconds,
      Supplier<String> nonce) {
    return new ServiceBuilder(credentials.consumerKey())
        .apiSecret(credentials.consumerSecret())
        .build(
            CommerceApi.builder()
                .signatureMethod(method)
                .clock(Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC))
                .nonceSource(nonce)
                .build());
  }

  private static String scribeHeader(
      OAuth10aService service, CommerceCredentialsInput credentials, OAuthRequest request) {
    service.signRequest(
        new OAuth1AccessToken(credentials.accessToken(), credentials.accessTokenSecret()), request);
    return request.getHeaders().get(OAuthConstants.HEADER);
  }

  /** The three checks every case makes; returns the header. */
  private static String assertSame(
      CommerceCredentialsInput credentials,
      SignatureMethod method,
      long seconds,
      String nonce,
      CommerceRequest request) {
    String ours = signer(credentials, method, seconds, () -> nonce).authorizationHeader(request);
    String where = request.method() + " " + request.uri() + " " + request.body().orElse("");
    assertEquals(
        ours,
        scribeHeader(
            scribe(credentials, method, seconds, () -> nonce),
            credentials,
            BaseStrings.scribeRequest(request)),
        where);
    CommerceRequest signed =
        CommerceRequest.builder().from(request).putHeaders("Authorization", ours).build();
    assertEquals(
        VerificationOutcome.VALID,
        CommerceSignatureVerifier.of(credentials, Set.of(method)).verify(signed).outcome(),
        where);
    Map<String, String> params = OAuthOracle.authorizationParams(ours);
    String oracleBaseString =
        OAuthOracle.baseString(
            request.method(),
            request.uri(),
            request.hasFormBody() ? request.body().get() : null,
            params);
    assertEquals(
        OAuthOracle.signature(
            method.oauthName(),
            credentials.consumerSecret(),
            credentials.accessTokenSecret(),
            oracleBaseString),
        params.get("oauth_signature"),
        where);
    return ours;
  }

  @Example
  void oauthCore10AppendixA5() {
    CommerceRequest request =
        CommerceRequest.builder()
            .method("GET")
            .uri(URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"))
            .build();
    String header =
        assertSame(
            TestCredentials.PHOTOS,
            SignatureMethod.HMAC_SHA1,
            1191242096L,
            "kllo9940pd9333jh",
            request);
    GoldenVectorsTest.assertContains(
        header, "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
  }

  @Example
  void rfc5849Section3411Request() {
    CommerceRequest request =
        CommerceRequest.builder()
            .method("POST")
            .uri(URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"))
            .putHeaders("Content-Type", "application/x-www-form-urlencoded")
            .body("c2&a3=2+q")
            .build();
    for (SignatureMethod method : SignatureMethod.values()) {
      assertSame(TestCredentials.PHOTOS, method, 137131201L, "7d8f3e4a", request);
    }
  }

  @Example
  void everyFixedRequestWithBothMethodsAndAwkwardCredentials() {
    int compared = 0;
    for (CommerceCredentialsInput credentials : SignerSameAsScribeTest.CREDENTIALS) {
      for (SignatureMethod method : SignatureMethod.values()) {
        for (String nonce : List.of("0123456789abcdef0123456789abcdef", "n o+n/c~e*é")) {
          for (CommerceRequest request : SignerSameAsScribeTest.requests()) {
            assertSame(credentials, method, 1_764_100_000L, nonce, request);
            compared++;
          }
        }
      }
    }
    assertEquals(2 * 2 * 2 * SignerSameAsScribeTest.requests().size(), compared);
  }

  /** Parameters added with {@code addQuerystringParameter} are sent, so they are signed. */
  @Example
  void queryParametersAddedToTheScribeRequestAreSigned() {
    CommerceCredentialsInput credentials = TestCredentials.DISTINCT;
    OAuthRequest scribe =
        new OAuthRequest(Verb.GET, "https://Shop.example:443/rest/V1/products?a=1");
    scribe.addQuerystringParameter("searchCriteria[pageSize]", "2 0");
    String header =
        scribeHeader(
            scribe(credentials, SignatureMethod.HMAC_SHA256, 5L, () -> "n"), credentials, scribe);
    CommerceRequest sent =
        CommerceRequest.builder().method("GET").uri(URI.create(scribe.getCompleteUrl())).build();
    assertEquals(
        signer(credentials, SignatureMethod.HMAC_SHA256, 5L, () -> "n").authorizationHeader(sent),
        header);
  }

  @Example
  void signsWithSecureNoncesByDefaultAndOffersNoHandshake() {
    CommerceCredentialsInput credentials = TestCredentials.DISTINCT;
    OAuth10aService service =
        new ServiceBuilder(credentials.consumerKey())
            .apiSecret(credentials.consumerSecret())
            .build(CommerceApi.hmacSha256());
    String header =
        scribeHeader(
            service,
            credentials,
            new OAuthRequest(Verb.GET, "https://shop.example/rest/V1/products"));
    Map<String, String> params = OAuthOracle.authorizationParams(header);
    assertEquals("HMAC-SHA256", params.get("oauth_signature_method"));
    assertEquals(32, params.get("oauth_nonce").length());
    assertEquals(SignatureMethod.HMAC_SHA1, CommerceApi.hmacSha1().signatureMethod());
    assertThrows(
        UnsupportedOperationException.class,
        () -> CommerceApi.hmacSha256().getRequestTokenEndpoint());
    assertThrows(
        UnsupportedOperationException.class,
        () -> CommerceApi.hmacSha256().getAccessTokenEndpoint());
    assertThrows(UnsupportedOperationException.class, service::getRequestToken);
    assertEquals("CommerceApi{signatureMethod=HMAC-SHA256}", CommerceApi.hmacSha256().toString());
  }

  @Example
  void failuresNameTheProblemAndNoSecret() {
    CommerceApi api = CommerceApi.hmacSha256();
    IllegalArgumentException noSecret =
        assertThrows(
            IllegalArgumentException.class,
            () -> api.getSignatureService().getSignature("base", "", "ts-SECRETVALUE"));
    assertFalse(noSecret.getMessage().contains("SECRETVALUE"));
    OAuthRequest relative = new OAuthRequest(Verb.GET, "/rest/V1/products");
    relative.addOAuthParameter("oauth_nonce", "n");
    assertEquals(
        "the request URL must be an absolute http or https URL with a host",
        assertThrows(
                IllegalArgumentException.class,
                () -> api.getBaseStringExtractor().extract(relative))
            .getMessage());
    OAuthRequest brokenEscape = new OAuthRequest(Verb.GET, "https://shop.example/p?a=%zz");
    brokenEscape.addOAuthParameter("oauth_nonce", "n");
    assertThrows(
        IllegalArgumentException.class, () -> api.getBaseStringExtractor().extract(brokenEscape));
  }

  /** One service signs for several tokens in turn: each signature uses its own token secret. */
  @Example
  void oneServiceManyTokenSecrets() {
    CommerceCredentialsInput first = SignerSameAsScribeTest.CREDENTIALS.get(0);
    OAuth10aService service = scribe(first, SignatureMethod.HMAC_SHA256, 9L, () -> "n");
    CommerceRequest request =
        CommerceRequest.builder()
            .method("GET")
            .uri(URI.create("https://shop.example/p?q=1"))
            .build();
    for (String tokenSecret : List.of("one", "two", "one", "")) {
      CommerceCredentialsInput credentials =
          CommerceCredentialsInput.builder()
              .from(first)
              .accessTokenSecret(tokenSecret.isEmpty() ? "x" : tokenSecret)
              .build();
      assertEquals(
          signer(credentials, SignatureMethod.HMAC_SHA256, 9L, () -> "n")
              .authorizationHeader(request),
          scribeHeader(service, credentials, BaseStrings.scribeRequest(request)),
          tokenSecret);
    }
  }

  // --------------------------------------------------------------------------- generated requests

  @Property(tries = 300, seed = "20261125")
  void generatedRequestsSignTheSame(
      @ForAll("credentials") CommerceCredentialsInput credentials,
      @ForAll SignatureMethod method,
      @ForAll @LongRange(min = 0, max = 99_999_999_999L) long seconds,
      @ForAll("nonces") String nonce,
      @ForAll("requests") CommerceRequest request) {
    assertSame(credentials, method, seconds, nonce, request);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12),
        Arbitraries.strings().withChars("aZ09-._~ +%&=?/#!*'()[]:;@,$éü漢🙂").ofMaxLength(10),
        Arbitraries.of("", "~", "%", "%25", "+", " ", "☃", "\uD83D\uDE00"));
  }

  @Provide
  Arbitrary<String> nonces() {
    return text().filter(n -> !n.isEmpty());
  }

  @Provide
  Arbitrary<CommerceCredentialsInput> credentials() {
    Arbitrary<String> value = text().map(OAuthPropertiesTest::usable);
    return Combinators.combine(value, value, value, value)
        .as(
            (k, s, t, ts) ->
                CommerceCredentialsInput.builder()
                    .consumerKey("k" + k)
                    .consumerSecret("s" + s)
                    .accessToken("t" + t)
                    .accessTokenSecret("x" + ts)
                    .build());
  }

  @Provide
  Arbitrary<CommerceRequest> requests() {
    Arbitrary<List<String[]>> pairs =
        Combinators.combine(text(), text()).as((n, v) -> new String[] {n, v}).list().ofMaxSize(4);
    Arbitrary<String> origins =
        Arbitraries.of(
            "https://shop.example",
            "HTTPS://Shop.Example:443",
            "http://127.0.0.1:80",
            "http://127.0.0.1:8080",
            "https://xn--caf-dma.example");
    Arbitrary<String> paths =
        Arbitraries.of(
            "",
            "/",
            "/rest/V1/products",
            "/a%2Fb/c~d",
            "/caf%C3%A9",
            "/rest/default/V1/products/SKU%201");
    Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
    Arbitrary<String> bodies = Arbitraries.of("none", "form", "json");
    return Combinators.combine(
            methods,
            origins,
            paths,
            pairs,
            pairs,
            bodies,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (method, origin, path, query, form, body, loose, lowerHex) -> {
              List<String> pieces = new ArrayList<>();
              for (String[] p : query) {
                pieces.add(
                    OAuthPropertiesTest.rawEncode(p[0], loose, lowerHex, true)
                        + "="
                        + OAuthPropertiesTest.rawEncode(p[1], loose, lowerHex, false));
              }
              URI uri =
                  URI.create(
                      origin + path + (pieces.isEmpty() ? "" : "?" + String.join("&", pieces)));
              CommerceRequest.Builder request = CommerceRequest.builder().method(method).uri(uri);
              if (!method.equals("GET") && body.equals("form")) {
                List<String> formPieces = new ArrayList<>();
                for (String[] p : form) {
                  formPieces.add(
                      OAuthPropertiesTest.formEncode(p[0])
                          + "="
                          + OAuthPropertiesTest.formEncode(p[1]));
                }
                request
                    .putHeaders("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .body(String.join("&", formPieces));
              } else if (!method.equals("GET") && body.equals("json")) {
                request.putHeaders("Content-Type", "application/json").body("{\"a\":\"b=c&d\"}");
              }
              return request.build();
            });
  }
}
