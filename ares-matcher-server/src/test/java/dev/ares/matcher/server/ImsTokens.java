package dev.ares.matcher.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HeldCertificate;

/** Makes tokens shaped as IMS access tokens, signed by keys made in the test. */
final class ImsTokens {

  static final String KEY_NAME = "ims_na1-key-at-1.cer";
  static final String CLIENT_ID = "matcher-client";

  /** A key pair and its self-signed certificate, as IMS would publish it. */
  static final HeldCertificate KEY =
      new HeldCertificate.Builder().rsa2048().commonName("ims").build();

  static final HeldCertificate OTHER_KEY =
      new HeldCertificate.Builder().rsa2048().commonName("evil").build();

  private ImsTokens() {}

  /** Claims as IMS writes them: millisecond counts as strings. */
  static JWTClaimsSet.Builder claims(Instant createdAt, long expiresInMillis) {
    return new JWTClaimsSet.Builder()
        .claim("id", "1700000000000_abc_ue1")
        .claim("type", "access_token")
        .claim("client_id", CLIENT_ID)
        .claim("user_id", "ABC@AdobeOrg")
        .claim("as", "ims-na1")
        .claim("scope", "AdobeID,openid")
        .claim("created_at", Long.toString(createdAt.toEpochMilli()))
        .claim("expires_in", Long.toString(expiresInMillis));
  }

  static String sign(JWTClaimsSet claims, String x5u, PrivateKey key) {
    JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
    if (x5u != null) {
      header.x509CertURL(URI.create(x5u)).keyID(x5u.replace(".cer", ""));
    }
    SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** {@code claims} signed by {@link #KEY}, named {@link #KEY_NAME}. */
  static String signed(JWTClaimsSet claims) {
    return sign(claims, KEY_NAME, KEY.keyPair().getPrivate());
  }

  /** A key server that publishes {@link #KEY} at {@code /keys/}{@link #KEY_NAME}, 404 otherwise. */
  static Dispatcher publishingKey() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getUrl().encodedPath().equals("/keys/" + KEY_NAME)
            ? new MockResponse.Builder().code(200).body(KEY.certificatePem()).build()
            : new MockResponse.Builder().code(404).build();
      }
    };
  }

  static String valid(Instant now) {
    return sign(
        claims(now.minusSeconds(60), 86_400_000L).build(), KEY_NAME, KEY.keyPair().getPrivate());
  }

  static Map<String, Object> map(JWTClaimsSet claims) {
    return claims.toJSONObject();
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(java.time.Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
