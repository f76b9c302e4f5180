package dev.ares.commerce.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC signature of RFC 5849 section 3.4.2 for one fixed pair of secrets: key {@code
 * enc(consumerSecret) "&" enc(tokenSecret)}, Base64 of the MAC of the base string: the one HMAC of
 * the SDK, used by the signer, the verifier and ScribeJava's {@code CommerceApi} ({@link
 * ScribeSignatureService}). Each thread keeps one {@link Mac} initialised with the key, and the
 * arrays it writes to. Thread-safe; a failure never carries the base string or a secret in its
 * message.
 *
 * <p>Internal: not part of the public API.
 */
public final class KeyedHmac {

  private final String jcaName;
  private final SecretKeySpec key;
  private final ThreadLocal<Signing> perThread = ThreadLocal.withInitial(this::newSigning);

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

  /**
   * The Base64 signature of the first {@code length} bytes of {@code baseString}, as ASCII bytes.
   * The array is this thread's own and is reused: it holds the signature until the thread's next
   * call.
   */
  public byte[] signature(byte[] baseString, int length) {
    Signing signing = perThread.get();
    Mac mac = signing.mac;
    mac.update(baseString, 0, length);
    try {
      // doFinal resets the Mac to its initialised state, ready for the thread's next signature.
      mac.doFinal(signing.digest, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(jcaName + " gave a longer MAC than it said", e);
    }
    Base64.getEncoder().encode(signing.digest, signing.base64);
    return signing.base64;
  }

  /** The Base64 signature of {@code baseString}'s UTF-8 bytes. */
  public String signature(String baseString) {
    byte[] bytes = baseString.getBytes(StandardCharsets.UTF_8);
    return new String(signature(bytes, bytes.length), StandardCharsets.US_ASCII);
  }

  /** One thread's keyed {@link Mac} and the arrays its signatures are written to. */
  private static final class Signing {
    final Mac mac;
    final byte[] digest;
    final byte[] base64;

    Signing(Mac mac) {
      this.mac = mac;
      this.digest = new byte[mac.getMacLength()];
      this.base64 = new byte[4 * ((digest.length + 2) / 3)];
    }
  }

  private Signing newSigning() {
    try {
      Mac mac = Mac.getInstance(jcaName);
      mac.init(key);
      return new Signing(mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jcaName + " is not available in this JVM", e);
    }
  }
}
