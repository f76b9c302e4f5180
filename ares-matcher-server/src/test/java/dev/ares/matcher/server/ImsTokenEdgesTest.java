package dev.ares.matcher.server;

import static dev.ares.matcher.server.ImsTokens.CLIENT_ID;
import static dev.ares.matcher.server.ImsTokens.KEY;
import static dev.ares.matcher.server.ImsTokens.KEY_NAME;
import static dev.ares.matcher.server.ImsTokens.claims;
import static dev.ares.matcher.server.ImsTokens.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an IMS token is accepted or refused for at the exact edges: its length, both ends of its
 * lifetime with and without clock skew, millisecond counts at the widths where clamping begins; and
 * the validator's settings at their limits.
 */
class ImsTokenEdgesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private final MockWebServer keyServer = new MockWebServer();
  private final ImsTokens.MovableClock clock = new ImsTokens.MovableClock(NOW);
  private ImsAccessTokenValidator validator;

  @BeforeEach
  void start() throws Exception {
    keyServer.setDispatcher(ImsTokens.publishingKey());
    keyServer.start();
    validator = builder().build();
  }

  @AfterEach
  void stop() {
    validator.close();
    keyServer.close();
  }

  private ImsAccessTokenValidator.Builder builder() {
    return ImsAccessTokenValidator.builder(CLIENT_ID)
        .keysBaseUrl(keyServer.url("/keys/").toString())
        .clock(clock);
  }

  private InvalidAccessTokenException refused(String token) {
    return assertThrows(InvalidAccessTokenException.class, () -> validator.validate(token));
  }

  /** A valid token whose padding claim makes it exactly {@code length} characters long. */
  private static String validTokenOfLength(int length) throws JOSEException {
    int base = tokenWithPadding("k", 0).length();
    int estimate = (length - base) * 3 / 4;
    for (String kid : List.of("k", "kk", "kkk")) {
      for (int pad = Math.max(0, estimate - 6); pad <= estimate + 6; pad++) {
        String token = tokenWithPadding(kid, pad);
        if (token.length() == length) {
          return token;
        }
      }
    }
    throw new IllegalStateException("no token of length " + length);
  }

  private static String tokenWithPadding(String kid, int pad) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .x509CertURL(URI.create(KEY_NAME))
                .keyID(kid)
                .build(),
            claims(NOW, 3_600_000).claim("pad", "p".repeat(pad)).build());
    jwt.sign(new RSASSASigner(KEY.keyPair().getPrivate()));
    return jwt.serialize();
  }

  @Test
  void aTokenOfExactlyTheMaximumLengthIsReadAndOneCharacterMoreIsNot() throws Exception {
    validator.validate(validTokenOfLength(ImsAccessTokenValidator.MAX_TOKEN_CHARS));
    InvalidAccessTokenException tooLong =
        refused(validTokenOfLength(ImsAccessTokenValidator.MAX_TOKEN_CHARS + 1));
    assertEquals(Reason.MALFORMED, tooLong.reason());
    assertEquals("MALFORMED: the token is empty or too long", tooLong.getMessage());
  }

  @Test
  void theLifetimeIncludesBothEndsWidenedByTheSkew() throws Exception {
    // default skew 30 s: created exactly 30 s from now is accepted, 1 ms later is not
    validator.validate(signed(claims(NOW.plusSeconds(30), 3_600_000).build()));
    assertEquals(
        Reason.NOT_YET_VALID,
        refused(signed(claims(NOW.plusSeconds(30).plusMillis(1), 3_600_000).build())).reason());
    // created_at + expires_in + skew == now is accepted, 1 ms less is expired
    validator.validate(signed(claims(NOW.minusSeconds(3_630), 3_600_000).build()));
    assertEquals(
        Reason.EXPIRED,
        refused(signed(claims(NOW.minusSeconds(3_630).minusMillis(1), 3_600_000).build()))
            .reason());
  }

  @Test
  void withoutSkewATokenExpiresTheMillisecondAfterItsLifetime() throws Exception {
    validator.close();
    validator = builder().clockSkew(Duration.ZERO).build();
    validator.validate(signed(claims(NOW.minusSeconds(3_600), 3_600_000).build()));
    assertEquals(
        Reason.EXPIRED,
        refused(signed(claims(NOW.minusSeconds(3_600).minusMillis(1), 3_600_000).build()))
            .reason());
    assertEquals(
        Reason.NOT_YET_VALID,
        refused(signed(claims(NOW.plusMillis(1), 3_600_000).build())).reason());
  }

  @Test
  void aTokenCreatedAtTheEpochWithNoLifetimeIsExpired() {
    assertEquals(Reason.EXPIRED, refused(signed(claims(Instant.EPOCH, 0).build())).reason());
    assertEquals(
        Reason.EXPIRED,
        refused(signed(claims(NOW, 0).claim("created_at", 0L).claim("expires_in", 0L).build()))
            .reason());
  }

  @Test
  void zeroAsAJsonNumberIsACountOfMilliseconds() throws Exception {
    // created now with no lifetime: inside the skew, accepted
    validator.validate(
        signed(
            claims(NOW, 0)
                .claim("created_at", NOW.toEpochMilli())
                .claim("expires_in", 0L)
                .build()));
    // a small JSON integer, as an int on the signing side, is read as the same count
    validator.validate(
        signed(
            claims(NOW, 0)
                .claim("created_at", NOW.toEpochMilli())
                .claim("expires_in", 60_000)
                .build()));
  }

  @Test
  void sixtyFourDigitsAreReadAsTooLongAndSixtyFiveAreMalformed() throws Exception {
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refused(signed(claims(NOW, 0).claim("expires_in", "1" + "0".repeat(63)).build())).reason());
    assertEquals(
        Reason.MALFORMED,
        refused(signed(claims(NOW, 0).claim("expires_in", "1" + "0".repeat(64)).build())).reason());
    // leading zeros do not count towards the value
    validator.validate(signed(claims(NOW, 0).claim("expires_in", "0".repeat(60) + "9999").build()));
  }

  @Test
  void eighteenDigitsAreReadExactlyAndNineteenAreClamped() throws Exception {
    // A clock 2e17 ms after the epoch: an 18-digit created_at lies in its past, a clamped one in
    // its future.
    clock.advance(Duration.ofMillis(200_000_000_000_000_000L - NOW.toEpochMilli()));
    assertEquals(
        Reason.EXPIRED,
        refused(
                signed(
                    claims(NOW, 0)
                        .claim("created_at", "100000000000000000")
                        .claim("expires_in", "1000")
                        .build()))
            .reason());
    assertEquals(
        Reason.NOT_YET_VALID,
        refused(
                signed(
                    claims(NOW, 0)
                        .claim("created_at", "1000000000000000000")
                        .claim("expires_in", "1000")
                        .build()))
            .reason());
  }

  @Test
  void lifetimesTooLargeToHoldAreRefusedNotClampedToNever() {
    for (Object huge :
        List.<Object>of(
            Long.MAX_VALUE - 1,
            String.valueOf(Long.MAX_VALUE),
            "9".repeat(60), // the "sixty nines": once clamped and valid forever
            "9".repeat(64))) {
      assertEquals(
          Reason.LIFETIME_TOO_LONG,
          refused(signed(claims(NOW, 0).claim("expires_in", huge).build())).reason(),
          String.valueOf(huge));
    }
  }

  @Test
  void aLifetimeOfExactlyTheMaximumIsAcceptedAndOneMillisecondMoreIsNot() throws Exception {
    validator.validate(signed(claims(NOW, 86_400_000L).build()));
    InvalidAccessTokenException e = refused(signed(claims(NOW, 86_400_001L).build()));
    assertEquals(Reason.LIFETIME_TOO_LONG, e.reason());
    assertEquals(
        "LIFETIME_TOO_LONG: the token's lifetime is longer than 86400000 ms", e.getMessage());
    // as a JSON number too
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refused(signed(claims(NOW, 0).claim("expires_in", 86_400_001L).build())).reason());
    // refused however recent: a token created a second ago is still refused
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refused(signed(claims(NOW.minusSeconds(1), 90_000_000L).build())).reason());
  }

  @Test
  void theMaximumLifetimeIsSettable() throws Exception {
    validator.close();
    validator = builder().maxLifetime(Duration.ofHours(1)).build();
    validator.validate(signed(claims(NOW, 3_600_000).build()));
    assertEquals(
        Reason.LIFETIME_TOO_LONG, refused(signed(claims(NOW, 3_600_001).build())).reason());
    validator.close();
    validator = builder().maxLifetime(Duration.ofDays(7)).build();
    validator.validate(signed(claims(NOW, Duration.ofDays(7).toMillis()).build()));
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refused(signed(claims(NOW, Duration.ofDays(7).toMillis() + 1).build())).reason());
  }

  @Test
  void aTokenParsingAsUnsecuredIsAnAlgorithmRefusalAndJunkIsMalformed() {
    assertEquals(Reason.MALFORMED, refused("not-a-jwt").reason());
    assertEquals(Reason.MALFORMED, refused("eyJhbGciOiJSUzI1NiJ9.e30").reason());
  }

  @Test
  void settingsAtTheirLimitsAreAccepted() {
    ImsAccessTokenValidator.builder(CLIENT_ID)
        .keyFetchTimeout(Duration.ofMinutes(1))
        .keyMaxAge(Duration.ofDays(7))
        .keyRetryInterval(Duration.ofDays(7))
        .clockSkew(Duration.ofMinutes(5))
        .expectedKeyNames(java.util.regex.Pattern.compile("k-[0-9]+\\.cer"))
        .maxLifetime(Duration.ofDays(7))
        .issuers("a" + "-".repeat(63))
        .build()
        .close();
    ImsAccessTokenValidator.builder(CLIENT_ID)
        .keyFetchTimeout(Duration.ofMillis(1))
        .keyMaxAge(Duration.ofMillis(1))
        .keyRetryInterval(Duration.ofMillis(1))
        .clockSkew(Duration.ZERO)
        .maxLifetime(Duration.ofMillis(1))
        .issuers("x")
        .build()
        .close();
  }

  @Test
  void settingsJustPastTheirLimitsAreEachNamed() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ImsAccessTokenValidator.builder(CLIENT_ID)
                    .keyFetchTimeout(Duration.ofMinutes(1).plusMillis(1))
                    .keyMaxAge(Duration.ofDays(7).plusMillis(1))
                    .keyRetryInterval(Duration.ofDays(7).plusMillis(1))
                    .clockSkew(Duration.ofMinutes(5).plusMillis(1))
                    .expectedKeyNames(null)
                    .clock(null)
                    .maxLifetime(Duration.ofDays(7).plusMillis(1))
                    .issuers("a" + "-".repeat(64))
                    .build());
    assertEquals(
        List.of(
            FieldViolation.of(
                "issuers",
                "must name one or more IMS instances such as ims-na1"
                    + " (letters, digits, '.', '_' or '-', at most 64 each)"),
            FieldViolation.of("maxLifetime", "must be positive and at most PT168H"),
            FieldViolation.of("keyFetchTimeout", "must be positive and at most PT1M"),
            FieldViolation.of("keyMaxAge", "must be positive and at most PT168H"),
            FieldViolation.of("keyRetryInterval", "must be positive and at most PT168H"),
            FieldViolation.of("clockSkew", "must be between 0 and PT5M"),
            FieldViolation.of("clock", "is required"),
            FieldViolation.of("expectedKeyNames", "is required")),
        e.violations());
    AresValidationException zero =
        assertThrows(
            AresValidationException.class,
            () ->
                ImsAccessTokenValidator.builder(CLIENT_ID)
                    .keyMaxAge(Duration.ZERO)
                    .keyRetryInterval(null)
                    .maxLifetime(Duration.ZERO)
                    .issuers()
                    .build());
    assertEquals(
        List.of("issuers", "maxLifetime", "keyMaxAge", "keyRetryInterval"),
        zero.violations().stream().map(v -> v.path()).toList());
  }

  @Test
  void aPlainHttpKeyLocationOnAHostNamedLikeLoopbackIsRefused() {
    for (String url :
        List.of(
            "http://127.0.0.1.evil.example/k/", "http://example.com/k/", "http://[fe80::1]/k/")) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () -> ImsAccessTokenValidator.builder(CLIENT_ID).keysBaseUrl(url).build(),
              url);
      assertEquals(
          List.of(
              FieldViolation.of(
                  "keysBaseUrl", "must be https (plain http only on a loopback address)")),
          e.violations(),
          url);
    }
  }

  @Test
  void closingTheValidatorClosesItsConnectionToTheKeyServer() throws Exception {
    String token = ImsTokens.valid(NOW);
    byte[] pem = KEY.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (java.net.ServerSocket keys =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CompletableFuture<Integer> afterAnswer =
          new java.util.concurrent.CompletableFuture<>();
      Thread server =
          new Thread(
              () -> {
                try (java.net.Socket s = keys.accept()) {
                  s.setSoTimeout(5000);
                  java.io.InputStream in = s.getInputStream();
                  RawHttp.readLine(in);
                  while (!RawHttp.readLine(in).isEmpty()) {
                    // the request's headers
                  }
                  s.getOutputStream()
                      .write(
                          ("HTTP/1.1 200 OK\r\nContent-Length: " + pem.length + "\r\n\r\n")
                              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  s.getOutputStream().write(pem);
                  s.getOutputStream().flush();
                  afterAnswer.complete(
                      in.read()); // -1 once the validator closes its kept-alive connection
                } catch (java.io.IOException e) {
                  afterAnswer.completeExceptionally(e);
                }
              });
      server.setDaemon(true);
      server.start();
      validator.close();
      validator =
          builder().keysBaseUrl("http://127.0.0.1:" + keys.getLocalPort() + "/keys/").build();
      validator.validate(token);
      validator.close();
      assertEquals(-1, afterAnswer.get(10, java.util.concurrent.TimeUnit.SECONDS));
    }
  }

  @Test
  void anEncryptedTokenIsMalformedNotAnAlgorithmRefusal() {
    String jwe =
        com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A128GCM\"}")
            + ".AAAA.AAAA.AAAA.AAAA";
    assertEquals(Reason.MALFORMED, refused(jwe).reason());
  }

  @Test
  void atTheLastMillisecondATokenCreatedAtTheLargestTimeIsStillValid() throws Exception {
    // created_at read as Long.MAX_VALUE: created_at + expires_in + skew must saturate, not wrap
    clock.advance(Duration.ofMillis(Long.MAX_VALUE - NOW.toEpochMilli()));
    String huge = "9".repeat(20);
    validator.validate(
        signed(claims(NOW, 0).claim("created_at", huge).claim("expires_in", "1000").build()));
  }
}
