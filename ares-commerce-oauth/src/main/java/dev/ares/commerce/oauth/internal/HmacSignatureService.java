package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.services.SignatureService;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC signatures for ScribeJava (RFC 5849 section 3.4.2): key {@code enc(consumerSecret) "&"
 * enc(tokenSecret)}, Base64 of the MAC of the base string. ScribeJava ships HMAC-SHA1 only;
 * Commerce 2.4.4 and later accept HMAC-SHA256 only. Unlike ScribeJava's service, a failure never
 * carries the base string in its message. Thread-safe: a new {@link Mac} per signature.
 *
 * <p>Internal: not part of the public API.
 */
public final class HmacSignatureService implements SignatureService {

  private final String oauthName;
  private final String jcaName;

  /**
   * @param oauthName the {@code oauth_signature_method} value, such as {@code HMAC-SHA256}
   * @param jcaName the JCA MAC algorithm, such as {@code HmacSHA256}
   */
  public HmacSignatureService(String oauthName, String jcaName) {
    this.oauthName = oauthName;
    this.jcaName = jcaName;
  }

  @Override
  public String getSignature(String baseString, String apiSecret, String tokenSecret) {
    String key =
        PercentEncoding.encode(apiSecret)
            + '&'
            + PercentEncoding.encode(tokenSecret == null ? "" : tokenSecret);
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jcaName));
      byte[] digest = mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jcaName + " is not available in this JVM", e);
    }
  }

  @Override
  public String getSignatureMethod() {
    return oauthName;
  }
}
