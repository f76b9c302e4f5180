package dev.ares.benchmarks;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.utils.OAuthEncoder;
import com.google.api.client.auth.oauth.OAuthHmacSha256Signer;
import com.google.api.client.auth.oauth.OAuthParameters;
import com.google.api.client.http.GenericUrl;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.CommerceApi;
import dev.ares.commerce.oauth.CommerceRequest;
import dev.ares.commerce.oauth.CommerceRequestSigner;
import dev.ares.commerce.oauth.CommerceSignatureVerifier;
import dev.ares.commerce.oauth.VerificationOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * OAuth 1.0a signing of a typical Commerce GET with three bracketed query parameters.
 *
 * <ul>
 *   <li>{@link #sdk()}: what a caller does with the SDK, from the request's {@link URI} (the SDK's
 *       input type, as the URL string is ScribeJava's) to the {@code Authorization} header: build
 *       the {@link CommerceRequest} (which validates it), sign with HMAC-SHA256 (the default),
 *       fresh timestamp and {@code SecureRandom} nonce;
 *   <li>{@link #sdkFromUrlString()}: the same from the URL string, {@code URI.create} included;
 *       reported for information, no claim uses it;
 *   <li>{@link #baselineBareMac(MacState)}: the bare HMAC-SHA256 of the already-built base string
 *       with an initialised {@link Mac} kept per thread: the cryptographic floor;
 *   <li>{@link #baselineScribeJava()}: ScribeJava's stock {@link OAuth10aService#signRequest} with
 *       its stock HMAC-SHA1, timestamp service and base string, on the same URL string;
 *   <li>{@link #baselineGoogleOAuthClient()}: google-oauth-client's {@link OAuthParameters} with
 *       its {@link OAuthHmacSha256Signer}, stock nonce and timestamp, on the same URL string.
 * </ul>
 *
 * <p>Only the SDK's public API is used: the benchmarks stand where a user stands.
 */
@State(Scope.Benchmark)
public class OAuthSigningBenchmark {

  static final String URL =
      "https://store.example.com/rest/V1/products"
          + "?searchCriteria[filter_groups][0][filters][0][field]=sku"
          + "&searchCriteria[filter_groups][0][filters][0][value]=sku-1"
          + "&searchCriteria[pageSize]=20";

  static final String CONSUMER_KEY = "c8i3m4b1w6lkx9q2f0zv7u5ysn1odrte";
  static final String CONSUMER_SECRET = "h2p9q5x0a7kd3mz8w1ru6ljv4cyte0sb";
  static final String ACCESS_TOKEN = "t5n0e2kq8xw3ua9m1v7zj4hbd6slr0cy";
  static final String ACCESS_TOKEN_SECRET = "s7b3w9m1yq5e0kx2ha8uv4zd6tjnc1rl";

  private URI uri;
  private CommerceRequestSigner signer;
  private OAuth10aService scribe;
  private OAuth1AccessToken scribeToken;
  private OAuthHmacSha256Signer googleSigner;

  @Setup(Level.Trial)
  public void setUp() {
    uri = URI.create(URL);
    signer = CommerceRequestSigner.builder(credentials()).build();
    scribe = new ServiceBuilder(CONSUMER_KEY).apiSecret(CONSUMER_SECRET).build(StockApi.INSTANCE);
    scribeToken = new OAuth1AccessToken(ACCESS_TOKEN, ACCESS_TOKEN_SECRET);
    googleSigner = new OAuthHmacSha256Signer(CONSUMER_SECRET);
    googleSigner.setTokenSecret(ACCESS_TOKEN_SECRET);
    // Each must produce a header, or the comparison is meaningless; the SDK's and Google's
    // HMAC-SHA256 headers must be ones Commerce accepts for this request.
    CommerceRequest request = CommerceRequest.builder().method("GET").uri(uri).build();
    CommerceSignatureVerifier verifier = CommerceSignatureVerifier.of(credentials());
    for (String header : new String[] {sdk(), baselineGoogleOAuthClient()}) {
      CommerceRequest signed =
          CommerceRequest.builder().from(request).putHeaders("Authorization", header).build();
      if (verifier.verify(signed).outcome() != VerificationOutcome.VALID) {
        throw new IllegalStateException("a signer's header does not verify: " + header);
      }
    }
    if (!baselineScribeJava().startsWith("OAuth ")) {
      throw new IllegalStateException("ScribeJava produced no OAuth header");
    }
  }

  private static CommerceCredentialsInput credentials() {
    return CommerceCredentialsInput.builder()
        .consumerKey(CONSUMER_KEY)
        .consumerSecret(CONSUMER_SECRET)
        .accessToken(ACCESS_TOKEN)
        .accessTokenSecret(ACCESS_TOKEN_SECRET)
        .build();
  }

  /** The SDK: request URI to {@code Authorization} header, HMAC-SHA256. */
  @Benchmark
  public String sdk() {
    return signer.authorizationHeader(CommerceRequest.builder().method("GET").uri(uri).build());
  }

  /** The SDK from the URL string: {@link #sdk()} plus {@code URI.create}. */
  @Benchmark
  public String sdkFromUrlString() {
    return signer.authorizationHeader(
        CommerceRequest.builder().method("GET").uri(URI.create(URL)).build());
  }

  /** Baseline (a): {@code Mac.doFinal} over the already-built base string's bytes. */
  @Benchmark
  public byte[] baselineBareMac(MacState state) {
    return state.mac.doFinal(state.baseString);
  }

  /** Baseline (b): ScribeJava's stock service, HMAC-SHA1, on the same URL string. */
  @Benchmark
  public String baselineScribeJava() {
    OAuthRequest request = new OAuthRequest(Verb.GET, URL);
    scribe.signRequest(scribeToken, request);
    return request.getHeaders().get(OAuthConstants.HEADER);
  }

  /**
   * Baseline (c): google-oauth-client's HMAC-SHA256 on the same URL string: a fresh {@link
   * OAuthParameters} per request, as its {@code intercept} fills one per request.
   */
  @Benchmark
  public String baselineGoogleOAuthClient() {
    OAuthParameters oauth = new OAuthParameters();
    oauth.consumerKey = CONSUMER_KEY;
    oauth.token = ACCESS_TOKEN;
    oauth.version = "1.0";
    oauth.signer = googleSigner;
    oauth.computeNonce();
    oauth.computeTimestamp();
    try {
      oauth.computeSignature("GET", new GenericUrl(URL));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return oauth.getAuthorizationHeader();
  }

  /**
   * An initialised HMAC-SHA256 {@link Mac} per thread and the UTF-8 base string the SDK signs for
   * the same request (with a fixed timestamp and nonce of the same lengths as real ones).
   */
  @State(Scope.Thread)
  public static class MacState {
    Mac mac;
    byte[] baseString;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      String key =
          OAuthEncoder.encode(CONSUMER_SECRET) + '&' + OAuthEncoder.encode(ACCESS_TOKEN_SECRET);
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      // The SDK's base string, through its public ScribeJava API.
      OAuthRequest request = new OAuthRequest(Verb.GET, URL);
      request.addOAuthParameter(OAuthConstants.CONSUMER_KEY, CONSUMER_KEY);
      request.addOAuthParameter(OAuthConstants.TOKEN, ACCESS_TOKEN);
      request.addOAuthParameter(OAuthConstants.SIGN_METHOD, "HMAC-SHA256");
      request.addOAuthParameter(OAuthConstants.TIMESTAMP, "1764100000");
      request.addOAuthParameter(OAuthConstants.NONCE, "0123456789abcdef0123456789abcdef");
      request.addOAuthParameter(OAuthConstants.VERSION, "1.0");
      baseString =
          CommerceApi.hmacSha256()
              .getBaseStringExtractor()
              .extract(request)
              .getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A stock ScribeJava OAuth 1.0a API: default signature, timestamp and base string services. */
  static final class StockApi extends DefaultApi10a {
    static final StockApi INSTANCE = new StockApi();

    @Override
    public String getRequestTokenEndpoint() {
      return "https://store.example.com/oauth/token/request";
    }

    @Override
    public String getAccessTokenEndpoint() {
      return "https://store.example.com/oauth/token/access";
    }

    @Override
    protected String getAuthorizationBaseUrl() {
      return "https://store.example.com/admin/oauth_authorize";
    }
  }
}
