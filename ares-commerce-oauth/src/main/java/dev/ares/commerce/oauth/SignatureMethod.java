package dev.ares.commerce.oauth;

import java.util.Optional;

/** The OAuth 1.0a signature methods the SDK can sign and verify with. */
public enum SignatureMethod {

  /** HMAC-SHA256: the only method Adobe Commerce 2.4.4 and later accept. The default. */
  HMAC_SHA256("HMAC-SHA256", "HmacSHA256"),

  /** HMAC-SHA1 (RFC 5849): for Commerce stores older than 2.4.4 only; newer ones answer 400. */
  HMAC_SHA1("HMAC-SHA1", "HmacSHA1");

  private final String oauthName;
  private final String jcaAlgorithm;

  SignatureMethod(String oauthName, String jcaAlgorithm) {
    this.oauthName = oauthName;
    this.jcaAlgorithm = jcaAlgorithm;
  }

  /** The {@code oauth_signature_method} value, such as {@code HMAC-SHA256}. */
  public String oauthName() {
    return oauthName;
  }

  /** The Java Cryptography Architecture name of the MAC, such as {@code HmacSHA256}. */
  public String jcaAlgorithm() {
    return jcaAlgorithm;
  }

  /** The method with this {@code oauth_signature_method} value, if the SDK knows it. */
  public static Optional<SignatureMethod> fromOAuthName(String oauthName) {
    for (SignatureMethod method : values()) {
      if (method.oauthName.equals(oauthName)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
