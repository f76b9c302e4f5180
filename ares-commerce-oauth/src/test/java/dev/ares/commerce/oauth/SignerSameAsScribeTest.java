package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.TimestampService;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.OAuthOracle;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The signer against two references that share no code with it: stock ScribeJava (its own
 * base-string extractor and HMAC-SHA1), where none of the documented departures applies, and the
 * independent RFC 5849 oracle ({@link OAuthOracle}) everywhere.
 */
class SignerSameAsScribeTest {

  static final List<CommerceCredentialsInput> CREDENTIALS =
      List.of(
          CommerceCredentialsInput.builder()
              .consumerKey("ck")
              .consumerSecret("cs")
              .accessToken("at")
              .accessTokenSecret("ats")
              .build(),
          CommerceCredentialsInput.builder()
              .consumerKey("k e+y/é~*")
              .consumerSecret("s&e=c r%t")
              .accessToken("t\u00f8k\ud83d\ude00n")
              .accessTokenSecret("!*'();:@&=+$,/?#[]")
              .build());

  private static final List<String> URIS =
      List.of(
          "https://store.example.com/rest/V1/products?searchCriteria[filter_groups][0][filters][0]"
              + "[field]=sku&searchCriteria[filter_groups][0][filters][0][value]=sku-1"
              + "&searchCriteria[pageSize]=20",
          "https://Shop.Example:443/rest/V1/products?searchCriteria%5BpageSize%5D=1&q=a+b",
          "http://127.0.0.1:8080/rest/V1/x?a=%7E&b&&c=&a=1&a=0#fragment",
          "HTTP://EXAMPLE.com:80/",
          "https://example.com",
          "https://example.com:8443/p%20a/th?x=caf%C3%A9&y=%F0%9F%98%80&z=a=b=c",
          "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");

  private static final List<String> FORMS =
      List.of("", "c2&a3=2+q", "name=caf%C3%A9+au+lait&name=2");

  /** The request as stock ScribeJava would be given it: query in the URL, form pairs added. */
  private static OAuthRequest stockRequest(CommerceRequest request) {
    OAuthRequest scribe =
        new OAuthRequest(Verb.valueOf(request.method()), request.uri().toString());
    if (request.hasFormBody()) {
      for (String pair : request.body().get().split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          scribe.addBodyParameter(
              URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return scribe;
  }

  /** Stock ScribeJava 8: DefaultApi10a's own base-string extractor, HMAC-SHA1 and header. */
  private static String stockScribeHeader(
      CommerceCredentialsInput credentials, long seconds, String nonce, CommerceRequest request) {
    DefaultApi10a stock =
        new DefaultApi10a() {
          @Override
          public TimestampService getTimestampService() {
            return new TimestampService() {
              @Override
              public String getTimestampInSeconds() {
                return Long.toString(seconds);
              }

              @Override
              public String getNonce() {
                return nonce;
              }
            };
          }

          @Override
          public String getRequestTokenEndpoint() {
            return "/request";
          }

          @Override
          public String getAccessTokenEndpoint() {
            return "/access";
          }

          @Override
          protected String getAuthorizationBaseUrl() {
            return "/authorize";
          }
        };
    OAuth10aService service =
        new OAuth10aService(
            stock,
            credentials.consumerKey(),
            credentials.consumerSecret(),
            null,
            null,
            null,
            null,
            null,
            null);
    OAuthRequest scribe = stockRequest(request);
    service.signRequest(
        new OAuth1AccessToken(credentials.accessToken(), credentials.accessTokenSecret()), scribe);
    return scribe.getHeaders().get(OAuthConstants.HEADER);
  }

  /**
   * The signature the independent RFC 5849 oracle computes for the parameters of {@code header}.
   */
  private static String oracleSignature(
      CommerceCredentialsInput credentials, String header, CommerceRequest request) {
    Map<String, String> params = OAuthOracle.authorizationParams(header);
    String baseString =
        OAuthOracle.baseString(
            request.method(),
            request.uri(),
            request.hasFormBody() ? request.body().get() : null,
            params);
    return OAuthOracle.signature(
        params.get("oauth_signature_method"),
        credentials.consumerSecret(),
        credentials.accessTokenSecret(),
        baseString);
  }

  private static String withoutSignature(String header) {
    return header.replaceAll("oauth_signature=\"[^\"]*\"", "oauth_signature=\"-\"");
  }

  static List<CommerceRequest> requests() {
    List<CommerceRequest> requests = new ArrayList<>();
    for (String uri : URIS) {
      requests.add(CommerceRequest.builder().method("GET").uri(URI.create(uri)).build());
      requests.add(CommerceRequest.builder().method("DELETE").uri(URI.create(uri)).build());
      requests.add(
          CommerceRequest.builder()
              .method("PUT")
              .uri(URI.create(uri))
              .putHeaders("Content-Type", "application/json")
              .body("{\"a\":1}")
              .build());
      for (String form : FORMS) {
        requests.add(
            CommerceRequest.builder()
                .method("POST")
                .uri(URI.create(uri))
                .putHeaders("content-type", "application/x-www-form-urlencoded; charset=UTF-8")
                .body(form)
                .build());
      }
    }
    requests.add(
        CommerceRequest.builder()
            .method("GET")
            .uri(new URI_("https", "store.example.com", "/a b/é", "q=[x] y").uri)
            .build());
    return requests;
  }

  /** A URI made by the multi-argument constructor, which quotes what it must. */
  private static final class URI_ {
    final URI uri;

    URI_(String scheme, String host, String path, String query) {
      try {
        uri = new URI(scheme, host, path, query, null);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(e);
      }
    }
  }

  /**
   * Where the documented departures do not apply (lower-case host, no default port, no '+', '=' or
   * repeated name in the query, ASCII names that sort the same encoded or not), the signer's header
   * is, character for character, stock ScribeJava's HMAC-SHA1 header.
   */
  @Test
  void sameHeaderAsStockScribeJavaWhereNoDepartureApplies() {
    List<CommerceRequest> plain =
        List.of(
            CommerceRequest.builder()
                .method("GET")
                .uri(
                    URI.create(
                        "https://store.example.com/rest/V1/products?searchCriteria%5BpageSize%5D=20"
                            + "&searchCriteria%5BcurrentPage%5D=1&fields=items%5Bsku%2Cname%5D"))
                .build(),
            CommerceRequest.builder()
                .method("DELETE")
                .uri(URI.create("http://127.0.0.1:8080/rest/V1/x?a=%7E&b=%20c"))
                .build(),
            CommerceRequest.builder()
                .method("PUT")
                .uri(URI.create("https://example.com:8443/p/th"))
                .putHeaders("Content-Type", "application/json")
                .body("{\"a\":1}")
                .build(),
            CommerceRequest.builder()
                .method("POST")
                .uri(URI.create("http://example.com/request?b5=%3D%253D&a3=a&a2=r%20b"))
                .putHeaders("Content-Type", "application/x-www-form-urlencoded")
                .body("c2=&a3=2+q")
                .build());
    int compared = 0;
    for (CommerceCredentialsInput credentials : CREDENTIALS) {
      for (String nonce : List.of("0123456789abcdef0123456789abcdef", "n o+n/c~e*é")) {
        for (long seconds : List.of(0L, 1_764_100_000L)) {
          CommerceRequestSigner signer =
              CommerceRequestSigner.builder(credentials)
                  .signatureMethod(SignatureMethod.HMAC_SHA1)
                  .clock(Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC))
                  .nonceSource(() -> nonce)
                  .build();
          for (CommerceRequest request : plain) {
            assertEquals(
                stockScribeHeader(credentials, seconds, nonce, request),
                signer.authorizationHeader(request),
                request.method() + " " + request.uri());
            compared++;
          }
        }
      }
    }
    assertEquals(2 * 2 * 2 * plain.size(), compared);
  }

  /**
   * Everywhere, departures included: the header is laid out as stock ScribeJava lays it out (same
   * parameters, order and encoding), and its signature is the one the independent RFC 5849 oracle
   * computes, with either method.
   */
  @Test
  void stockScribeJavaLayoutAndOracleSignatureEverywhere() {
    int compared = 0;
    // Two stamps, each nonce and each time once: the sameHeader test above crosses them all.
    for (String nonce : List.of("0123456789abcdef0123456789abcdef", "n o+n/c~e*é")) {
      for (long seconds : List.of(nonce.startsWith("0") ? 0L : 1_764_100_000L)) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        for (CommerceCredentialsInput credentials : CREDENTIALS) {
          for (SignatureMethod method : SignatureMethod.values()) {
            CommerceRequestSigner signer =
                CommerceRequestSigner.builder(credentials)
                    .signatureMethod(method)
                    .clock(clock)
                    .nonceSource(() -> nonce)
                    .build();
            for (CommerceRequest request : requests()) {
              String header = signer.authorizationHeader(request);
              String where = request.method() + " " + request.uri();
              assertEquals(
                  withoutSignature(stockScribeHeader(credentials, seconds, nonce, request))
                      .replace("HMAC-SHA1", method.oauthName()),
                  withoutSignature(header),
                  where);
              assertEquals(
                  oracleSignature(credentials, header, request),
                  OAuthOracle.authorizationParams(header).get("oauth_signature"),
                  where);
              compared++;
            }
          }
        }
      }
    }
    assertEquals(2 * 2 * 2 * (URIS.size() * (3 + FORMS.size()) + 1), compared);
  }

  /**
   * The base string the verifier builds (the signer's builder) is the oracle's, for every request,
   * departures included.
   */
  @Test
  void verifierBaseStringIsTheOracles() {
    Map<String, String> oauth =
        new TreeMap<>(
            Map.of(
                "oauth_consumer_key",
                "k e+y/é~*",
                "oauth_token",
                "t\u00f8k\ud83d\ude00n",
                "oauth_signature_method",
                "HMAC-SHA256",
                "oauth_timestamp",
                "1764100000",
                "oauth_nonce",
                "n o+n/c~e*é",
                "oauth_version",
                "1.0"));
    for (CommerceRequest request : requests()) {
      Map<String, String> withSignature = new TreeMap<>(oauth);
      withSignature.put("oauth_signature", "ignored");
      assertEquals(
          OAuthOracle.baseString(
              request.method(),
              request.uri(),
              request.hasFormBody() ? request.body().get() : null,
              oauth),
          BaseStrings.of(request, withSignature),
          request.method() + " " + request.uri());
    }
  }
}
