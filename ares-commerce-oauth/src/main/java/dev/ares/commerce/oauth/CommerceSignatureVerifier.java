package dev.ares.commerce.oauth;

import com.github.scribejava.core.model.OAuthConstants;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AsciiBuffer;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.commerce.oauth.internal.KeyedHmac;
import dev.ares.commerce.oauth.internal.SignatureBaseString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the OAuth 1.0a signature of a request with the signer's own base-string builder and HMAC,
 * as Commerce does: for fakes and for users' tests. It does not track nonces or time; a server does
 * that with {@link SignatureVerification#nonce()} and {@link SignatureVerification#timestamp()}.
 *
 * <p>Immutable and thread-safe. Comparisons of keys and signatures take constant time.
 */
public final class CommerceSignatureVerifier {

  private static final List<String> REQUIRED =
      List.of(
          OAuthConstants.CONSUMER_KEY,
          OAuthConstants.TOKEN,
          OAuthConstants.SIGN_METHOD,
          OAuthConstants.SIGNATURE,
          OAuthConstants.TIMESTAMP,
          OAuthConstants.NONCE);

  private final CommerceCredentialsInput credentials;
  private final Set<SignatureMethod> accepted;

  /** One MAC per accepted method, keyed with the integration's secrets. */
  private final Map<SignatureMethod, KeyedHmac> macs = new EnumMap<>(SignatureMethod.class);

  private CommerceSignatureVerifier(
      CommerceCredentialsInput credentials, Set<SignatureMethod> accepted) {
    this.credentials = credentials;
    this.accepted = accepted;
    for (SignatureMethod method : accepted) {
      macs.put(
          method,
          new KeyedHmac(
              method.jcaAlgorithm(),
              credentials.consumerSecret(),
              credentials.accessTokenSecret()));
    }
  }

  /**
   * A verifier for one integration's credentials accepting HMAC-SHA256 only, as Commerce 2.4.4 and
   * later do.
   *
   * @throws dev.ares.core.AresValidationException naming each missing credential
   */
  public static CommerceSignatureVerifier of(CommerceCredentialsInput credentials) {
    return of(credentials, Set.of(SignatureMethod.HMAC_SHA256));
  }

  /**
   * A verifier for one integration's credentials accepting the given methods.
   *
   * @throws dev.ares.core.AresValidationException naming each missing credential
   * @throws IllegalArgumentException when {@code accepted} is empty
   */
  public static CommerceSignatureVerifier of(
      CommerceCredentialsInput credentials, Set<SignatureMethod> accepted) {
    CommerceRequestSigner.requireValid(credentials);
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException("accepted signature methods must not be empty");
    }
    return new CommerceSignatureVerifier(credentials, Set.copyOf(EnumSet.copyOf(accepted)));
  }

  /** Checks the {@code Authorization} header of {@code request} against the request itself. */
  public SignatureVerification verify(CommerceRequest request) {
    Objects.requireNonNull(request, "request");
    Optional<String> header = request.header("Authorization");
    if (header.isEmpty() || !AuthorizationHeader.isOAuth(header.get())) {
      return SignatureVerification.builder().outcome(VerificationOutcome.NOT_SIGNED).build();
    }
    Optional<Map<String, String>> parsed = AuthorizationHeader.parse(header.get());
    if (parsed.isEmpty()) {
      return SignatureVerification.builder().outcome(VerificationOutcome.MALFORMED).build();
    }
    Map<String, String> params = parsed.get();
    SignatureVerification.Builder result =
        SignatureVerification.builder()
            .nonce(Optional.ofNullable(params.get(OAuthConstants.NONCE)))
            .signatureMethod(Optional.ofNullable(params.get(OAuthConstants.SIGN_METHOD)));
    if (!REQUIRED.stream().allMatch(params::containsKey)
        || !params.get(OAuthConstants.TIMESTAMP).matches("[0-9]{1,18}")
        || !params.getOrDefault(OAuthConstants.VERSION, "1.0").equals("1.0")) {
      return result.outcome(VerificationOutcome.MALFORMED).build();
    }
    result.timestamp(Long.parseLong(params.get(OAuthConstants.TIMESTAMP)));
    Optional<SignatureMethod> method =
        SignatureMethod.fromOAuthName(params.get(OAuthConstants.SIGN_METHOD));
    if (method.isEmpty() || !accepted.contains(method.get())) {
      return result.outcome(VerificationOutcome.UNSUPPORTED_SIGNATURE_METHOD).build();
    }
    if (!same(params.get(OAuthConstants.CONSUMER_KEY), credentials.consumerKey())) {
      return result.outcome(VerificationOutcome.UNKNOWN_CONSUMER).build();
    }
    if (!same(params.get(OAuthConstants.TOKEN), credentials.accessToken())) {
      return result.outcome(VerificationOutcome.UNKNOWN_TOKEN).build();
    }
    // realm and any other non-OAuth header parameter are not signed (RFC 5849 section
    // 3.4.1.3.1); the base-string builder leaves out oauth_signature itself.
    Map<String, String> signed = new TreeMap<>();
    params.forEach(
        (name, value) -> {
          if (name.startsWith(OAuthConstants.PARAM_PREFIX)) {
            signed.put(name, value);
          }
        });
    AsciiBuffer baseString = new AsciiBuffer(512);
    SignatureBaseString.write(request, signed, baseString);
    byte[] expected = macs.get(method.get()).signature(baseString.array(), baseString.length());
    boolean valid =
        MessageDigest.isEqual(
            params.get(OAuthConstants.SIGNATURE).getBytes(StandardCharsets.UTF_8), expected);
    return result
        .outcome(valid ? VerificationOutcome.VALID : VerificationOutcome.INVALID_SIGNATURE)
        .build();
  }

  /** The accepted methods only; the credentials print as a mask. */
  @Override
  public String toString() {
    return "CommerceSignatureVerifier{accepted=" + accepted + ", credentials=****}";
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
