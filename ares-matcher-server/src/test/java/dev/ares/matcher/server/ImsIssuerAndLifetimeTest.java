package dev.ares.matcher.server;

import static dev.ares.matcher.server.ImsTokens.CLIENT_ID;
import static dev.ares.matcher.server.ImsTokens.claims;
import static dev.ares.matcher.server.ImsTokens.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ares.core.AresValidationException;
import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
import dev.ares.matching.MatchBySku;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The issuer ({@code as}) and lifetime ({@code expires_in}) rules of IMS tokens, with tokens signed
 * by the test IMS key: refused by the validator with their own reasons, and with 401 by a served
 * matcher.
 */
class ImsIssuerAndLifetimeTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] VALID = "{\"productSku\":\"p1\"}".getBytes(StandardCharsets.UTF_8);

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

  private static String issuedBy(Object issuer) {
    return signed(claims(NOW, 3_600_000).claim("as", issuer).build());
  }

  private Reason refusal(String token) {
    return assertThrows(InvalidAccessTokenException.class, () -> validator.validate(token))
        .reason();
  }

  @Test
  void onlyTokensOfProductionImsAreAcceptedByDefault() throws Exception {
    validator.validate(issuedBy("ims-na1"));
    for (Object other :
        Arrays.asList(
            "ims-na1-stg1",
            "IMS-NA1",
            "ims-na1 ",
            "ims-na1.evil.example",
            "",
            "ims-eu1",
            7,
            List.of("ims-na1"),
            Map.of("as", "ims-na1"),
            null)) {
      assertEquals(Reason.WRONG_ISSUER, refusal(issuedBy(other)), String.valueOf(other));
    }
  }

  @Test
  void aRefusedIssuerCostsNoKeyFetchAndIsNotQuoted() {
    InvalidAccessTokenException e =
        assertThrows(
            InvalidAccessTokenException.class,
            () -> validator.validate(issuedBy("attacker-chosen-issuer")));
    assertEquals("WRONG_ISSUER: the token was not issued by an accepted IMS", e.getMessage());
    assertFalse(e.getMessage().contains("attacker"));
    assertEquals(0, keyServer.getRequestCount());
  }

  @Test
  void theAcceptedIssuersAreSettable() throws Exception {
    validator.close();
    validator =
        builder()
            .issuers(
                List.of(
                    ImsAccessTokenValidator.STAGE_ISSUER,
                    ImsAccessTokenValidator.STAGE_ISSUER)) // duplicates are harmless
            .build();
    validator.validate(issuedBy("ims-na1-stg1"));
    assertEquals(Reason.WRONG_ISSUER, refusal(issuedBy("ims-na1")));
    validator.close();
    validator =
        builder()
            .issuers(
                ImsAccessTokenValidator.PRODUCTION_ISSUER, ImsAccessTokenValidator.STAGE_ISSUER)
            .build();
    validator.validate(issuedBy("ims-na1"));
    validator.validate(issuedBy("ims-na1-stg1"));
    assertTrue(
        validator.toString().contains("issuers=[ims-na1, ims-na1-stg1]"), validator::toString);
  }

  @Test
  void badIssuerSettingsAreNamed() {
    List<List<String>> bad = new ArrayList<>();
    bad.add(List.of());
    bad.add(Arrays.asList("ims-na1", null));
    bad.add(List.of(" ims-na1"));
    bad.add(List.of("-ims"));
    bad.add(List.of("ims/na1"));
    bad.add(List.of("x".repeat(65)));
    for (List<String> issuers : bad) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () -> ImsAccessTokenValidator.builder(CLIENT_ID).issuers(issuers).build(),
              String.valueOf(issuers));
      assertEquals(
          List.of("issuers"), e.violations().stream().map(v -> v.path()).toList(), "" + issuers);
    }
    assertEquals(
        "issuers",
        assertThrows(
                AresValidationException.class,
                () ->
                    ImsAccessTokenValidator.builder(CLIENT_ID)
                        .issuers((java.util.Collection<String>) null)
                        .build())
            .violations()
            .get(0)
            .path());
    assertEquals(
        "issuers",
        assertThrows(
                AresValidationException.class,
                () -> ImsAccessTokenValidator.builder(CLIENT_ID).issuers((String[]) null).build())
            .violations()
            .get(0)
            .path());
  }

  @Test
  void theLifetimeIsBoundedOnEverySide() throws Exception {
    // IMS's own: 24 hours, created a minute ago
    validator.validate(signed(claims(NOW.minusSeconds(60), 86_400_000L).build()));
    // longer than 24 hours, however recent
    assertEquals(Reason.LIFETIME_TOO_LONG, refusal(signed(claims(NOW, 86_400_001L).build())));
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refusal(signed(claims(NOW, 0).claim("expires_in", "9".repeat(60)).build())));
    // already expired
    assertEquals(
        Reason.EXPIRED,
        refusal(signed(claims(NOW.minus(Duration.ofHours(25)), 86_400_000L).build())));
    // created in the future beyond the clock skew
    assertEquals(
        Reason.NOT_YET_VALID,
        refusal(signed(claims(NOW.plus(Duration.ofMinutes(5)), 3_600_000L).build())));
    assertEquals(
        Reason.NOT_YET_VALID,
        refusal(signed(claims(NOW, 3_600_000L).claim("created_at", "9".repeat(30)).build())));
  }

  @Test
  void aServedMatcherAnswers401ForAWrongIssuerOrAnOverLongLifetime() throws Exception {
    // The server checks against the real clock: tokens are made for now.
    Instant now = Instant.now();
    try (ImsAccessTokenValidator real =
            ImsAccessTokenValidator.builder(CLIENT_ID)
                .keysBaseUrl(keyServer.url("/keys/").toString())
                .build();
        MatcherServer server =
            MatcherServer.builder(
                    AssetMatcherHttpHandler.builder(MatchBySku.commerceSkus())
                        .tokenValidator(real)
                        .build())
                .start()) {
      assertEquals(200, call(server, signed(claims(now.minusSeconds(60), 86_400_000L).build())));
      assertEquals(
          401,
          call(
              server,
              signed(
                  claims(now.minusSeconds(60), 86_400_000L).claim("as", "ims-na1-stg1").build())));
      assertEquals(
          401,
          call(
              server,
              signed(claims(now.minusSeconds(60), 86_400_000L).claim("as", "evil-ims").build())));
      JWTClaimsSet.Builder noIssuer = claims(now.minusSeconds(60), 86_400_000L);
      noIssuer.claim("as", null);
      assertEquals(401, call(server, signed(noIssuer.build())));
      assertEquals(401, call(server, signed(claims(now.minusSeconds(60), 86_400_001L).build())));
      assertEquals(
          401,
          call(
              server,
              signed(claims(now.minusSeconds(60), 0).claim("expires_in", "9".repeat(60)).build())));
      assertEquals(
          401, call(server, signed(claims(now.plus(Duration.ofHours(1)), 3_600_000L).build())));
      assertEquals(
          401, call(server, signed(claims(now.minus(Duration.ofHours(2)), 3_600_000L).build())));
      // still served after the refusals
      assertEquals(200, call(server, signed(claims(now, 3_600_000L).build())));
    }
  }

  private static int call(MatcherServer server, String token) throws Exception {
    try (Socket s = RawHttp.open(server.port(), 5000)) {
      RawHttp.send(
          s,
          RawHttp.post(
              "/product-to-asset",
              "application/json",
              "Authorization: Bearer " + token + "\r\n",
              VALID));
      return RawHttp.status(s);
    }
  }
}
