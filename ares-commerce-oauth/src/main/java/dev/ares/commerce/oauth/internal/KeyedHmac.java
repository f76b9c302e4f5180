package dev.ares.commerce.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC signature of RFC 5849 section 3.4.2 for one fixed pair of secrets: key {@code
 * enc(consumerSecret) "&" enc(tokenSecret)}, Base64 of the MAC of the base string. The same
 * values as {@link HmacSignatureService}, but each thread keeps one {@link Mac} initialised with
 * the key instead of looking up and initialising a new one per signature. Thread-safe; a failure
 * never carries the base string in its message.
 *
 * <p>Internal: not part of the public API.
 */
public final class KeyedHmac {

  private final String jcaName;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  /**
   * @param jcaName the JCA MAC algorithm, such as {@code HmacSHA256}
   * @param consumerSecret the consumer secret
   * @param tokenSecret the token secret; null is taken as empty
   */
  public KeyedHmac(String jcaName, String consumerSecret, String tokenSecret) {
    this.jcaName = jcaName;
    String secret =
        PercentEncoding.encode(consumerSecret)
            + '&'
            + PercentEncoding.encode(tokenSecret == null ? "" : tokenSecret);
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jcaName);
  }

  /** The Base64 signature of the first {@code length} bytes of {@code baseString}. */
  public String signature(byte[] baseString, int length) {
    Mac mac = macs.get();
    mac.update(baseString, 0, length);
    // doFinal resets the Mac to its initialised state, ready for the thread's next signature.
    return Base64.getEncoder().encodeToString(mac.doFinal());
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jcaName + " is not available in this JVM", e);
    }
  }
}
