package dev.ares.commerce.oauth;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.ClockTimestampService;
import dev.ares.commerce.oauth.internal.KeyedHmac;
import dev.ares.commerce.oauth.internal.RequestSignatures;
import dev.ares.commerce.oauth.internal.SecureNonces;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Urls;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs Commerce REST requests with the integration's OAuth 1.0a credentials and returns the {@code
 * Authorization} header, exactly as Commerce verifies it: RFC 5849 base string, RFC 3986 encoding,
 * HMAC-SHA256 by default, query and form parameters signed, JSON bodies not.
 *
 * <pre>{@code
 * CommerceRequestSigner signer = CommerceRequestSigner.builder(credentials).build();
 * String authorization = signer.authorizationHeader(CommerceRequest.builder()
 *     .method("GET").uri(URI.create("https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=1"))
 *     .build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; every call uses a fresh timestamp and a fresh {@link
 * java.security.SecureRandom} nonce. {@code toString()} shows no credential.
 */
public final class CommerceRequestSigner {

  private static final Logger LOG = LoggerFactory.getLogger(CommerceRequestSigner.class);

  private final SignatureMethod signatureMethod;
  private final RequestSignatures signatures;

  private CommerceRequestSigner(Builder builder) {
    CommerceCredentialsInput credentials = builder.credentials;
    this.signatureMethod = builder.signatureMethod;
    // The header ScribeJava's OAuth10aService builds with CommerceApi, built in one pass.
    this.signatures =
        new RequestSignatures(
            credentials.consumerKey(),
            credentials.accessToken(),
            signatureMethod.oauthName(),
            new ClockTimestampService(builder.clock, builder.nonceSource),
            new KeyedHmac(
                signatureMethod.jcaAlgorithm(),
                credentials.consumerSecret(),
                credentials.accessTokenSecret()));
  }

  /**
   * A builder for a signer with these credentials.
   *
   * @param credentials the integration's four values; checked by {@link Builder#build()}
   */
  public static Builder builder(CommerceCredentialsInput credentials) {
    return new Builder(credentials);
  }

  /**
   * The {@code Authorization} header value for {@code request}, {@code OAuth
   * oauth_consumer_key=...}. Send the request exactly as described (same method, URI and form body)
   * or Commerce rejects it.
   */
  public String authorizationHeader(CommerceRequest request) {
    Objects.requireNonNull(request, "request");
    String header = signatures.authorizationHeader(request);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "signed {} request to {} with {}",
          request.method(),
          Urls.hostOf(request.uri()),
          signatureMethod.oauthName());
    }
    return header;
  }

  /** The signature method this signer uses. */
  public SignatureMethod signatureMethod() {
    return signatureMethod;
  }

  /** The signature method only; the credentials print as a mask. */
  @Override
  public String toString() {
    return "CommerceRequestSigner{signatureMethod="
        + signatureMethod.oauthName()
        + ", credentials=****}";
  }

  /** Builds a {@link CommerceRequestSigner}. Not thread-safe; the signer it builds is. */
  public static final class Builder {

    private final CommerceCredentialsInput credentials;
    private SignatureMethod signatureMethod = SignatureMethod.HMAC_SHA256;
    private Clock clock = Clock.systemUTC();
    private Supplier<String> nonceSource = new SecureNonces();

    private Builder(CommerceCredentialsInput credentials) {
      this.credentials = credentials;
    }

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

    /**
     * The signer.
     *
     * @throws AresValidationException naming each missing, blank, too long or otherwise unusable
     *     credential (control characters, an unpaired surrogate), such as {@code
     *     commerce.credentials.consumerSecret is required}
     */
    public CommerceRequestSigner build() {
      requireValid(credentials);
      return new CommerceRequestSigner(this);
    }
  }

  static void requireValid(CommerceCredentialsInput credentials) {
    String root = "commerce.credentials";
    if (credentials == null) {
      throw new AresValidationException(List.of(FieldViolation.of(root, "is required")));
    }
    // The shared text rules refuse unpaired surrogates too ("must be valid Unicode text"): a
    // lone surrogate has no UTF-8 form and would be sent and signed as '?'.
    List<FieldViolation> violations = credentials.violations(root);
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
  }
}
