package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.utils.OAuthEncoder;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.ClockTimestampService;
import dev.ares.commerce.oauth.internal.CommerceApi;
import dev.ares.commerce.oauth.internal.HmacSignatureService;
import dev.ares.commerce.oauth.internal.ParameterParser;
import dev.ares.commerce.oauth.internal.Rfc5849BaseStringExtractor;
import dev.ares.commerce.oauth.internal.ScribeRequests;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The signer's one-pass header is, character for character, the header ScribeJava's {@link
 * OAuth10aService#signRequest} builds when wired with {@link CommerceApi}: the way the signer
 * worked before it was made fast.
 */
class SignerSameAsScribeTest {

  private static final List<CommerceCredentialsInput> CREDENTIALS = List.of(
      CommerceCredentialsInput.builder().consumerKey("ck").consumerSecret("cs")
          .accessToken("at").accessTokenSecret("ats").build(),
      CommerceCredentialsInput.builder().consumerKey("k e+y/é~*").consumerSecret("s&e=c r%t")
          .accessToken("t\u00f8k\ud83d\ude00n").accessTokenSecret("!*'();:@&=+$,/?#[]").build());

  private static final List<String> URIS = List.of(
      "https://store.example.com/rest/V1/products?searchCriteria[filter_groups][0][filters][0]"
          + "[field]=sku&searchCriteria[filter_groups][0][filters][0][value]=sku-1"
          + "&searchCriteria[pageSize]=20",
      "https://Shop.Example:443/rest/V1/products?searchCriteria%5BpageSize%5D=1&q=a+b",
      "http://127.0.0.1:8080/rest/V1/x?a=%7E&b&&c=&a=1&a=0#fragment",
      "HTTP://EXAMPLE.com:80/",
      "https://example.com",
      "https://example.com:8443/p%20a/th?x=caf%C3%A9&y=%F0%9F%98%80&z=a=b=c",
      "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");

  private static final List<String> FORMS = List.of("", "c2&a3=2+q", "name=caf%C3%A9+au+lait&name=2");

  private static String scribe(
      CommerceCredentialsInput credentials, SignatureMethod method, Clock clock,
      Supplier<String> nonces, CommerceRequest request) {
    OAuth10aService service = new OAuth10aService(
        new CommerceApi(new HmacSignatureService(method.oauthName(), method.jcaAlgorithm()),
            new ClockTimestampService(clock, nonces)),
        credentials.consumerKey(), credentials.consumerSecret(), null, null, null, null, null,
        null);
    OAuthRequest scribe = ScribeRequests.toOAuthRequest(request);
    service.signRequest(
        new OAuth1AccessToken(credentials.accessToken(), credentials.accessTokenSecret()), scribe);
    return scribe.getHeaders().get(OAuthConstants.HEADER);
  }

  private static List<CommerceRequest> requests() {
    List<CommerceRequest> requests = new ArrayList<>();
    for (String uri : URIS) {
      requests.add(CommerceRequest.builder().method("GET").uri(URI.create(uri)).build());
      requests.add(CommerceRequest.builder().method("DELETE").uri(URI.create(uri)).build());
      requests.add(CommerceRequest.builder().method("PUT").uri(URI.create(uri))
          .putHeaders("Content-Type", "application/json").body("{\"a\":1}").build());
      for (String form : FORMS) {
        requests.add(CommerceRequest.builder().method("POST").uri(URI.create(uri))
            .putHeaders("content-type", "application/x-www-form-urlencoded; charset=UTF-8")
            .body(form).build());
      }
    }
    requests.add(CommerceRequest.builder().method("GET")
        .uri(new URI_("https", "store.example.com", "/a b/é", "q=[x] y").uri).build());
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
   * The one-pass base string is the text ScribeJava's {@code BaseStringExtractorImpl.extract}
   * assembles: {@code String.format("%s&%s&%s")} of the {@link OAuthEncoder} encodings of the
   * verb, the base URI and the normalized parameters.
   */
  @Test
  void sameBaseStringAsScribeJavaAssembles() {
    for (CommerceRequest request : requests()) {
      OAuthRequest scribe = ScribeRequests.toOAuthRequest(request);
      scribe.addOAuthParameter("oauth_consumer_key", "k e+y/é~*");
      scribe.addOAuthParameter("oauth_token", "t\u00f8k\ud83d\ude00n");
      scribe.addOAuthParameter("oauth_signature_method", "HMAC-SHA256");
      scribe.addOAuthParameter("oauth_timestamp", "1764100000");
      scribe.addOAuthParameter("oauth_nonce", "n o+n/c~e*é");
      scribe.addOAuthParameter("oauth_version", "1.0");
      scribe.addOAuthParameter("oauth_signature", "ignored");
      List<Parameter> pairs = new ArrayList<>(
          ParameterParser.parse(URI.create(scribe.getUrl()).getRawQuery(), false));
      pairs.addAll(scribe.getBodyParams().getParams());
      scribe.getOauthParameters().forEach((name, value) -> {
        if (!name.equals("oauth_signature")) {
          pairs.add(new Parameter(name, value));
        }
      });
      String expected = String.format("%s&%s&%s",
          OAuthEncoder.encode(scribe.getVerb().name()),
          OAuthEncoder.encode(Rfc5849BaseStringExtractor.baseUri(URI.create(scribe.getUrl()))),
          OAuthEncoder.encode(Rfc5849BaseStringExtractor.normalizedParameters(pairs)));
      assertEquals(expected, new Rfc5849BaseStringExtractor().extract(scribe), scribe.getUrl());
    }
  }

  @Test
  void sameHeaderAsScribeJavaWiredWithCommerceApi() {
    int compared = 0;
    for (String nonce : List.of("0123456789abcdef0123456789abcdef", "n o+n/c~e*é")) {
      Supplier<String> nonces = () -> nonce;
      for (long seconds : List.of(0L, 1_764_100_000L)) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        for (CommerceCredentialsInput credentials : CREDENTIALS) {
          for (SignatureMethod method : SignatureMethod.values()) {
            CommerceRequestSigner signer = CommerceRequestSigner.builder(credentials)
                .signatureMethod(method).clock(clock).nonceSource(nonces).build();
            for (CommerceRequest request : requests()) {
              assertEquals(scribe(credentials, method, clock, nonces, request),
                  signer.authorizationHeader(request), request.method() + " " + request.uri());
              compared++;
            }
          }
        }
      }
    }
    assertEquals(2 * 2 * 2 * 2 * (URIS.size() * (3 + FORMS.size()) + 1), compared);
  }
}
