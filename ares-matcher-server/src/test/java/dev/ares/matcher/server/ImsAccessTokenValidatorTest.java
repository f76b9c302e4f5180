package dev.ares.matcher.server;

import static dev.ares.matcher.server.ImsTokens.CLIENT_ID;
import static dev.ares.matcher.server.ImsTokens.KEY;
import static dev.ares.matcher.server.ImsTokens.KEY_NAME;
import static dev.ares.matcher.server.ImsTokens.OTHER_KEY;
import static dev.ares.matcher.server.ImsTokens.claims;
import static dev.ares.matcher.server.ImsTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ares.core.AresValidationException;
import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IMS access-token validator against a loopback key server with keys made in the test. */
class ImsAccessTokenValidatorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** A key IMS starts using while the test runs. */
  private static final String NEW_KEY_NAME = "ims_na1-key-at-2.cer";

  private final MockWebServer keyServer = new MockWebServer();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private volatile boolean stall;

  /** When set, the answer to every key request. */
  private volatile MockResponse override;

  private final ImsTokens.MovableClock clock = new ImsTokens.MovableClock(NOW);
  private ImsAccessTokenValidator validator;

  @BeforeEach
  void start() throws Exception {
    keyServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            if (stall) {
              return new MockResponse.Builder()
                  .onResponseStart(SocketEffect.Stall.INSTANCE)
                  .build();
            }
            MockResponse o = override;
            if (o != null) {
              return o;
            }
            if (path.equals("/keys/prod/" + KEY_NAME)
                || path.equals("/keys/prod/" + NEW_KEY_NAME)) {
              return new MockResponse.Builder().code(200).body(KEY.certificatePem()).build();
            }
            return new MockResponse.Builder().code(404).body("no such key").build();
          }
        });
    keyServer.start();
    validator = builder().build();
  }

  private ImsAccessTokenValidator.Builder builder() {
    return ImsAccessTokenValidator.builder(CLIENT_ID)
        .keysBaseUrl(keyServer.url("/keys/prod").toString())
        .keyFetchTimeout(Duration.ofMillis(500))
        .clock(clock);
  }

  @AfterEach
  void stop() {
    validator.close();
    keyServer.close();
  }

  private Reason refusal(String token) {
    return assertThrows(InvalidAccessTokenException.class, () -> validator.validate(token))
        .reason();
  }

  private int fetchesOf(String name) {
    AtomicInteger n = fetches.get("/keys/prod/" + name);
    return n == null ? 0 : n.get();
  }

  @Test
  void aValidTokenIsAcceptedAndTheKeyFetchedOnceForManyRequests() throws Exception {
    String token = ImsTokens.valid(NOW);
    int callers = 16;
    CyclicBarrier together = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  together.await();
                  for (int j = 0; j < 20; j++) {
                    validator.validate(token);
                  }
                  return null;
                }));
      }
      for (Future<?> f : results) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, fetchesOf(KEY_NAME));
    assertEquals(1, keyServer.getRequestCount());
  }

  @Test
  void aKeyIsFetchedAgainOnlyAfterItsMaxAge() throws Exception {
    validator.validate(ImsTokens.valid(NOW));
    clock.advance(Duration.ofHours(5));
    validator.validate(ImsTokens.valid(clock.instant()));
    assertEquals(1, fetchesOf(KEY_NAME));
    clock.advance(Duration.ofHours(2));
    validator.validate(ImsTokens.valid(clock.instant()));
    assertEquals(2, fetchesOf(KEY_NAME));
  }

  @Test
  void aSignatureByAnotherKeyIsRefused() {
    String forged =
        sign(claims(NOW, 3_600_000).build(), KEY_NAME, OTHER_KEY.keyPair().getPrivate());
    assertEquals(Reason.SIGNATURE, refusal(forged));
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String[] parts = ImsTokens.valid(NOW).split("\\.");
    String payload =
        Base64URL.encode(
                claims(NOW, 3_600_000)
                    .claim("client_id", CLIENT_ID)
                    .claim("scope", "admin")
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8))
            .toString();
    assertEquals(Reason.SIGNATURE, refusal(parts[0] + "." + payload + "." + parts[2]));
  }

  @Test
  void lifetimeIsCheckedWithSmallSkew() throws Exception {
    // created two hours ago, valid for one: expired
    assertEquals(
        Reason.EXPIRED,
        refusal(
            sign(
                claims(NOW.minus(Duration.ofHours(2)), 3_600_000).build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    // created ten minutes from now: not yet valid
    assertEquals(
        Reason.NOT_YET_VALID,
        refusal(
            sign(
                claims(NOW.plus(Duration.ofMinutes(10)), 3_600_000).build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    // within the 30 s skew on both ends: accepted
    validator.validate(
        sign(claims(NOW.plusSeconds(20), 3_600_000).build(), KEY_NAME, KEY.keyPair().getPrivate()));
    validator.validate(
        sign(
            claims(NOW.minusSeconds(3_620), 3_600_000).build(),
            KEY_NAME,
            KEY.keyPair().getPrivate()));
    assertEquals(
        Reason.EXPIRED,
        refusal(
            sign(
                claims(NOW.minusSeconds(3_640), 3_600_000).build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
  }

  @Test
  void extremeNumbersAreRefusedNeverClampedToValidOrOverflowed() throws Exception {
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refusal(
            sign(
                claims(NOW, 0).claim("expires_in", "99999999999999999999999999999").build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    assertEquals(
        Reason.LIFETIME_TOO_LONG,
        refusal(
            sign(
                claims(NOW, 0).claim("expires_in", Long.MAX_VALUE).build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    validator.validate(
        sign(
            claims(NOW, 0)
                .claim("created_at", NOW.toEpochMilli())
                .claim("expires_in", 60_000L)
                .build(),
            KEY_NAME,
            KEY.keyPair().getPrivate()));
    assertEquals(
        Reason.NOT_YET_VALID,
        refusal(
            sign(
                claims(NOW, 0).claim("created_at", "99999999999999999999").build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    for (Object bad : List.of("-5", "1e3", "", " 5", 1.5, -1L, List.of(1))) {
      assertEquals(
          Reason.MALFORMED,
          refusal(
              sign(
                  claims(NOW, 0).claim("expires_in", bad).build(),
                  KEY_NAME,
                  KEY.keyPair().getPrivate())),
          String.valueOf(bad));
    }
    assertEquals(
        Reason.MALFORMED,
        refusal(
            sign(
                new JWTClaimsSet.Builder()
                    .claim("type", "access_token")
                    .claim("client_id", CLIENT_ID)
                    .claim("as", "ims-na1")
                    .build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
  }

  @Test
  void anotherClientsTokenIsRefused() {
    assertEquals(
        Reason.WRONG_CLIENT,
        refusal(
            sign(
                claims(NOW, 3_600_000).claim("client_id", "someone-else").build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
    assertEquals(
        Reason.WRONG_CLIENT,
        refusal(
            sign(
                claims(NOW, 3_600_000).claim("client_id", null).build(),
                KEY_NAME,
                KEY.keyPair().getPrivate())));
  }

  @Test
  void aTokenOfAnotherTypeIsRefused() {
    for (Object type : List.of("id_token", "refresh_token", "authorization_code")) {
      assertEquals(
          Reason.WRONG_TYPE,
          refusal(
              sign(
                  claims(NOW, 3_600_000).claim("type", type).build(),
                  KEY_NAME,
                  KEY.keyPair().getPrivate())));
    }
  }

  @Test
  void algNoneAndHmacAreRefusedWithoutAnyFetch() throws Exception {
    String header = Base64URL.encode("{\"alg\":\"none\",\"x5u\":\"" + KEY_NAME + "\"}").toString();
    String payload = Base64URL.encode(claims(NOW, 3_600_000).build().toString()).toString();
    assertEquals(Reason.ALGORITHM, refusal(header + "." + payload + "."));
    // HS256 keyed with the public certificate: the classic algorithm confusion
    SignedJWT hmac =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).x509CertURL(URI.create(KEY_NAME)).build(),
            claims(NOW, 3_600_000).build());
    hmac.sign(new MACSigner(KEY.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertEquals(Reason.ALGORITHM, refusal(hmac.serialize()));
    SignedJWT rs512 =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS512).x509CertURL(URI.create(KEY_NAME)).build(),
            claims(NOW, 3_600_000).build());
    rs512.sign(new com.nimbusds.jose.crypto.RSASSASigner(KEY.keyPair().getPrivate()));
    assertEquals(Reason.ALGORITHM, refusal(rs512.serialize()));
    assertEquals(0, keyServer.getRequestCount());
  }

  @Test
  void anUnknownKeyIsAskedForAtMostOncePerInterval() {
    String token =
        sign(claims(NOW, 3_600_000).build(), "ims_na1-key-at-9.cer", KEY.keyPair().getPrivate());
    for (int i = 0; i < 10; i++) {
      assertEquals(Reason.UNKNOWN_KEY, refusal(token));
    }
    assertEquals(1, fetchesOf("ims_na1-key-at-9.cer"));
    clock.advance(Duration.ofSeconds(61));
    assertEquals(
        Reason.UNKNOWN_KEY,
        refusal(
            sign(
                claims(clock.instant(), 3_600_000).build(),
                "ims_na1-key-at-9.cer",
                KEY.keyPair().getPrivate())));
    assertEquals(2, fetchesOf("ims_na1-key-at-9.cer"));
  }

  @Test
  void manyMadeUpKeyNamesCauseABoundedNumberOfFetches() {
    for (int i = 0; i < 50; i++) {
      Reason r =
          refusal(
              sign(
                  claims(NOW, 3_600_000).build(),
                  "made-up-" + i + ".cer",
                  KEY.keyPair().getPrivate()));
      assertTrue(r == Reason.UNKNOWN_KEY || r == Reason.KEYS_UNAVAILABLE, r.toString());
    }
    assertTrue(keyServer.getRequestCount() <= 8, "fetches: " + keyServer.getRequestCount());
  }

  @Test
  void keyReferencesOutsideTheKeyLocationAreRefusedWithoutAnyFetch() {
    for (String x5u :
        List.of(
            "../secret.cer",
            "..",
            "sub/ims.cer",
            "/keys/prod/" + KEY_NAME,
            "https://evil.example/" + KEY_NAME,
            "//evil.example/k.cer",
            "%2e%2e/k.cer",
            "k.cer?x=1",
            "k.cer#f",
            "file:///etc/passwd",
            "..%2fk.cer",
            ".hidden.cer",
            "a..b.cer")) {
      assertEquals(
          Reason.KEY_REFERENCE,
          refusal(sign(claims(NOW, 3_600_000).build(), x5u, KEY.keyPair().getPrivate())),
          x5u);
    }
    assertEquals(
        Reason.KEY_REFERENCE,
        refusal(sign(claims(NOW, 3_600_000).build(), null, KEY.keyPair().getPrivate())));
    assertEquals(0, keyServer.getRequestCount());
  }

  @Test
  void aStalledKeyServerIsAPassingFailureBoundedByTheTimeout() {
    String token = ImsTokens.valid(NOW); // made first: making the test's RSA keys takes a while
    stall = true;
    long start = System.nanoTime();
    assertEquals(Reason.KEYS_UNAVAILABLE, refusal(token));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6));
  }

  @Test
  void aKnownKeyOutlivesAnImsHiccup() throws Exception {
    validator.validate(ImsTokens.valid(NOW));
    clock.advance(Duration.ofHours(7));
    stall = true;
    validator.validate(ImsTokens.valid(clock.instant()));
    assertEquals(2, fetchesOf(KEY_NAME));
  }

  @Test
  void garbageIsMalformed() {
    for (String junk : List.of("", "abc", "a.b.c", "eyJ.eyJ.x", "x".repeat(20_000))) {
      assertEquals(Reason.MALFORMED, refusal(junk), junk.length() > 40 ? "long" : junk);
    }
  }

  @Test
  void refusalsNeverQuoteTheToken() {
    String forged =
        sign(
            claims(NOW, 3_600_000).claim("client_id", "someone-else").build(),
            KEY_NAME,
            KEY.keyPair().getPrivate());
    InvalidAccessTokenException e =
        assertThrows(InvalidAccessTokenException.class, () -> validator.validate(forged));
    assertFalse(e.getMessage().contains("someone-else"));
    for (String part : forged.split("\\.")) {
      assertFalse(e.getMessage().contains(part));
    }
  }

  @Test
  void badSettingsAreListedTogether() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                ImsAccessTokenValidator.builder(" ")
                    .keysBaseUrl("ftp://x/")
                    .keyFetchTimeout(Duration.ofDays(365 * 300))
                    .clockSkew(Duration.ofSeconds(-1))
                    .build());
    assertEquals(
        List.of("expectedClientId", "keysBaseUrl", "keyFetchTimeout", "clockSkew"),
        e.violations().stream().map(v -> v.path()).toList());
  }

  @Test
  void plainHttpKeysAreRefusedExceptOnLoopback() {
    for (String url :
        List.of(
            "http://static.adobelogin.com/keys/prod/",
            "http://10.0.0.1/keys/",
            "http://127.evil.example/k/")) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () -> ImsAccessTokenValidator.builder(CLIENT_ID).keysBaseUrl(url).build(),
              url);
      assertEquals("keysBaseUrl", e.violations().get(0).path());
    }
    for (String url :
        List.of(
            "http://127.0.0.1:9/k",
            "http://localhost/k/",
            "http://[::1]:9/k/",
            "https://static.adobelogin.com/keys/nonprod")) {
      ImsAccessTokenValidator.builder(CLIENT_ID).keysBaseUrl(url).build().close();
    }
  }

  @Test
  void theRealKeySurvivesManyMadeUpNames() throws Exception {
    validator.validate(ImsTokens.valid(NOW));
    // A patient caller: a full fetch budget of made-up names every interval, 104 names in all.
    for (int i = 0; i < 104; i++) {
      if (i > 0 && i % 8 == 0) {
        clock.advance(Duration.ofSeconds(61));
      }
      Reason r =
          refusal(
              sign(
                  claims(NOW, 3_600_000).build(),
                  "made-up-" + i + ".cer",
                  KEY.keyPair().getPrivate()));
      assertTrue(r == Reason.UNKNOWN_KEY || r == Reason.KEYS_UNAVAILABLE, r.toString());
    }
    validator.validate(
        ImsTokens.valid(NOW)); // the budget of this interval is spent: only a kept key will do
    assertEquals(1, fetchesOf(KEY_NAME));
  }

  @Test
  void aNewRealKeyIsStillFetchedWhileMadeUpNamesArrive() throws Exception {
    for (int i = 0; i < 50; i++) {
      refusal(
          sign(
              claims(NOW, 3_600_000).build(), "made-up-" + i + ".cer", KEY.keyPair().getPrivate()));
    }
    validator.validate(
        sign(claims(NOW, 3_600_000).build(), NEW_KEY_NAME, KEY.keyPair().getPrivate()));
    assertEquals(1, fetchesOf(NEW_KEY_NAME));
  }

  @Test
  void claimsAreCheckedBeforeAnyKeyIsFetched() {
    String bogusKey = "ims_na1-key-at-77.cer";
    assertEquals(
        Reason.WRONG_CLIENT,
        refusal(
            sign(
                claims(NOW, 3_600_000).claim("client_id", "someone-else").build(),
                bogusKey,
                KEY.keyPair().getPrivate())));
    assertEquals(
        Reason.WRONG_TYPE,
        refusal(
            sign(
                claims(NOW, 3_600_000).claim("type", "id_token").build(),
                bogusKey,
                KEY.keyPair().getPrivate())));
    assertEquals(
        Reason.EXPIRED,
        refusal(
            sign(
                claims(NOW.minus(Duration.ofHours(2)), 3_600_000).build(),
                bogusKey,
                KEY.keyPair().getPrivate())));
    assertEquals(0, keyServer.getRequestCount());
  }

  @Test
  void aBadAnswerWhileRefreshingKeepsTheKnownKeyAndOnlyA404WithdrawsIt() throws Exception {
    validator.validate(ImsTokens.valid(NOW));
    override = new MockResponse.Builder().code(200).body("<html>not a certificate</html>").build();
    clock.advance(Duration.ofHours(7));
    validator.validate(ImsTokens.valid(clock.instant()));
    override = new MockResponse.Builder().code(200).body("A".repeat(100_000)).build();
    clock.advance(Duration.ofMinutes(2));
    validator.validate(ImsTokens.valid(clock.instant()));
    assertEquals(3, fetchesOf(KEY_NAME));
    override = new MockResponse.Builder().code(404).body("gone").build();
    clock.advance(Duration.ofMinutes(2));
    assertEquals(Reason.UNKNOWN_KEY, refusal(ImsTokens.valid(clock.instant())));
  }

  @Test
  void anEndlessKeyFileIsCutOffPromptly() throws Exception {
    String token = ImsTokens.valid(NOW);
    try (java.net.ServerSocket endless =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
      Thread server =
          new Thread(
              () -> {
                try (java.net.Socket s = endless.accept()) {
                  java.io.InputStream in = s.getInputStream();
                  int last = 0;
                  int b;
                  while ((b = in.read()) != -1 && !(last == '\n' && b == '\r')) {
                    last = b;
                  }
                  java.io.OutputStream out = s.getOutputStream();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Type: application/x-x509-ca-cert\r\nConnection: close\r\n\r\n"
                          .getBytes(StandardCharsets.US_ASCII));
                  byte[] chunk = new byte[64 * 1024];
                  java.util.Arrays.fill(chunk, (byte) 'A');
                  while (written.get() < (1L << 31)) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                  }
                } catch (java.io.IOException cutOff) {
                  // the fetcher dropped the connection
                }
              });
      server.setDaemon(true);
      server.start();
      validator.close();
      validator =
          builder()
              .keysBaseUrl("http://127.0.0.1:" + endless.getLocalPort() + "/keys/prod/")
              .keyFetchTimeout(Duration.ofSeconds(20))
              .build();
      long start = System.nanoTime();
      assertEquals(Reason.KEYS_UNAVAILABLE, refusal(token));
      server.join(10_000);
      assertFalse(server.isAlive(), "the key server was cut off");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
      // the 64 KiB read plus what socket buffers hold, far from the 2 GiB it would send
      assertTrue(written.get() < 64L << 20, "bytes sent: " + written.get());
    }
  }

  @Test
  void toStringNamesTheClientAndKeyLocation() {
    assertTrue(validator.toString().contains(CLIENT_ID));
    assertTrue(validator.toString().contains("/keys/prod/"));
  }
}
