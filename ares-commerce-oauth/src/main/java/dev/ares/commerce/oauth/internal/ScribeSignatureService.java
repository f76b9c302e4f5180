package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.services.SignatureService;
import java.util.Objects;

/**
 * ScribeJava's signature step made of {@link KeyedHmac}: HMAC-SHA256 or HMAC-SHA1 (ScribeJava ships
 * only the second; Commerce 2.4.4 and later accept only the first). A service signs with one pair
 * of secrets at a time, so the last keyed MAC is kept for the next signature. Thread-safe; a
 * failure never carries the base string or a secret in its message.
 *
 * <p>Internal: not part of the public API.
 */
public final class ScribeSignatureService implements SignatureService {

  private final String oauthName;
  private final String jcaName;
  private volatile Keyed last;

  /**
   * @param oauthName the {@code oauth_signature_method} value, such as {@code HMAC-SHA256}
   * @param jcaName the JCA MAC algorithm, such as {@code HmacSHA256}
   */
  public ScribeSignatureService(String oauthName, String jcaName) {
    this.oauthName = oauthName;
    this.jcaName = jcaName;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code apiSecret} is null or empty
   */
  @Override
  public String getSignature(String baseString, String apiSecret, String tokenSecret) {
    if (apiSecret == null || apiSecret.isEmpty()) {
      throw new IllegalArgumentException("the API secret (consumer secret) is required");
    }
    String token = tokenSecret == null ? "" : tokenSecret;
    Keyed keyed = last;
    if (keyed == null || !keyed.apiSecret.equals(apiSecret) || !keyed.tokenSecret.equals(token)) {
      keyed = new Keyed(apiSecret, token, new KeyedHmac(jcaName, apiSecret, token));
      last = keyed;
    }
    return keyed.hmac.signature(Objects.requireNonNull(baseString, "baseString"));
  }

  @Override
  public String getSignatureMethod() {
    return oauthName;
  }

  @Override
  public String toString() {
    return "ScribeSignatureService{" + oauthName + "}";
  }

  /** A MAC and the secrets it is keyed with; no {@code toString}, so they never print. */
  private static final class Keyed {
    final String apiSecret;
    final String tokenSecret;
    final KeyedHmac hmac;

    Keyed(String apiSecret, String tokenSecret, KeyedHmac hmac) {
      this.apiSecret = apiSecret;
      this.tokenSecret = tokenSecret;
      this.hmac = hmac;
    }
  }
}
