package dev.ares.commerce.oauth;

import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.extractors.BaseStringExtractor;
import com.github.scribejava.core.services.SignatureService;
import com.github.scribejava.core.services.TimestampService;
import dev.ares.commerce.oauth.internal.ClockTimestampService;
import dev.ares.commerce.oauth.internal.ScribeBaseStringExtractor;
import dev.ares.commerce.oauth.internal.ScribeSignatureService;
import dev.ares.commerce.oauth.internal.SecureNonces;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adobe Commerce as a ScribeJava OAuth 1.0a API, for code that already signs with ScribeJava. It
 * signs exactly as {@link CommerceRequestSigner} does, with the same base-string builder and HMAC:
 * RFC 5849 base string (query and form parameters signed, JSON bodies not; scheme and host
 * lower-cased, default ports dropped), RFC 3986 encoding, HMAC-SHA256 by default, and a {@link
 * java.security.SecureRandom} nonce instead of ScribeJava's guessable one.
 *
 * <pre>{@code
 * OAuth10aService service = new ServiceBuilder(consumerKey)
 *     .apiSecret(consumerSecret)
 *     .build(CommerceApi.hmacSha256());
 * OAuthRequest request = new OAuthRequest(Verb.GET,
 *     "https://store.example.com/rest/V1/products?searchCriteria[pageSize]=1");
 * service.signRequest(new OAuth1AccessToken(accessToken, accessTokenSecret), request);
 * // request.getHeaders().get("Authorization"): the header CommerceRequestSigner gives
 * }</pre>
 *
 * <p>Form parameters are signed when added with {@code addBodyParameter}; a payload set as text is
 * not. Only request signing is offered: a Commerce integration receives its access token when it is
 * activated in the admin, so the token endpoints of the OAuth handshake throw {@link
 * UnsupportedOperationException}. Leave ScribeJava's {@code debug()} off: it prints base strings
 * and the token secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class CommerceApi extends DefaultApi10a {

  private static final BaseStringExtractor BASE_STRINGS = new ScribeBaseStringExtractor();
  private static final CommerceApi HMAC_SHA256 = builder().build();
  private static final CommerceApi HMAC_SHA1 =
      builder().signatureMethod(SignatureMethod.HMAC_SHA1).build();

  private final SignatureMethod signatureMethod;
  private final SignatureService signatures;
  private final TimestampService timestamps;

  private CommerceApi(Builder builder) {
    this.signatureMethod = builder.signatureMethod;
    this.signatures =
        new ScribeSignatureService(signatureMethod.oauthName(), signatureMethod.jcaAlgorithm());
    this.timestamps = new ClockTimestampService(builder.clock, builder.nonceSource);
  }

  /**
   * HMAC-SHA256, the system UTC clock and {@code SecureRandom} nonces: what Commerce 2.4.4+
   * accepts.
   */
  public static CommerceApi hmacSha256() {
    return HMAC_SHA256;
  }

  /** HMAC-SHA1, for Commerce stores older than 2.4.4 only; newer ones answer 400. */
  public static CommerceApi hmacSha1() {
    return HMAC_SHA1;
  }

  /** A builder to choose the signature method, or the clock and nonces in tests. */
  public static Builder builder() {
    return new Builder();
  }

  /** The signature method this API signs with. */
  public SignatureMethod signatureMethod() {
    return signatureMethod;
  }

  @Override
  public BaseStringExtractor getBaseStringExtractor() {
    return BASE_STRINGS;
  }

  @Override
  public SignatureService getSignatureService() {
    return signatures;
  }

  @Override
  public TimestampService getTimestampService() {
    return timestamps;
  }

  /** Not offered: see the class comment. */
  @Override
  public String getRequestTokenEndpoint() {
    throw handshakeNotOffered();
  }

  /** Not offered: see the class comment. */
  @Override
  public String getAccessTokenEndpoint() {
    throw handshakeNotOffered();
  }

  /** Not offered: see the class comment. */
  @Override
  protected String getAuthorizationBaseUrl() {
    throw handshakeNotOffered();
  }

  private static UnsupportedOperationException handshakeNotOffered() {
    return new UnsupportedOperationException(
        "CommerceApi signs requests only: a Commerce integration gets its access token and"
            + " secret when it is activated in the admin");
  }

  /** The signature method only. */
  @Override
  public String toString() {
    return "CommerceApi{signatureMethod=" + signatureMethod.oauthName() + "}";
  }

  /** Builds a {@link CommerceApi}. Not thread-safe; the API it builds is. */
  public static final class Builder {

    private SignatureMethod signatureMethod = SignatureMethod.HMAC_SHA256;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> nonceSource = new SecureNonces();

    private Builder() {}

    /**
     * The signature method; {@link SignatureMethod#HMAC_SHA256} unless the store is older than
     * 2.4.4.
     */
    public Builder signatureMethod(SignatureMethod signatureMethod) {
      this.signatureMethod = Objects.requireNonNull(signatureMethod, "signatureMethod");
      return this;
    }

    /** The clock of {@code oauth_timestamp}; the system UTC clock by default. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The source of {@code oauth_nonce} values; 128 bits from {@link java.security.SecureRandom} by
     * default. Replace it only in tests: a nonce must never repeat.
     */
    public Builder nonceSource(Supplier<String> nonceSource) {
      this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
      return this;
    }

    /** The API. */
    public CommerceApi build() {
      return new CommerceApi(this);
    }
  }
}
