package dev.ares.matcher.server;

import static dev.ares.matcher.server.ImsTokens.CLIENT_ID;
import static dev.ares.matcher.server.ImsTokens.KEY;
import static dev.ares.matcher.server.ImsTokens.claims;
import static dev.ares.matcher.server.ImsTokens.sign;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many key fetches a validator spends, exactly: 8 per interval on names of any shape, 4 more
 * for IMS-shaped names, a fresh budget once the interval has passed; 16 keys kept at once; the key
 * file in PEM or DER; what a refusal says.
 */
class ImsKeyFetchBudgetTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofMinutes(10);

  private final MockWebServer keyServer = new MockWebServer();
  private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
  private final ImsTokens.MovableClock clock = new ImsTokens.MovableClock(NOW);
  private ImsAccessTokenValidator validator;

  @BeforeEach
  void start() throws Exception {
    byte[] der = KEY.certificate().getEncoded();
    keyServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String name = request.getUrl().encodedPath().substring("/keys/".length());
            fetches.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            if (name.startsWith("ims_na1-key-at-")) {
              return new MockResponse.Builder().code(200).body(KEY.certificatePem()).build();
            }
            if (name.equals("ims_der-key-at-1.cer")) {
              return new MockResponse.Builder().code(200).body(new Buffer().write(der)).build();
            }
            if (name.equals("ims_big-key-at-1.cer")) {
              String pem = KEY.certificatePem();
              return new MockResponse.Builder()
                  .code(200)
                  .body(pem + "\n".repeat(65_536 - pem.length()))
                  .build();
            }
            if (name.equals("ims_gone-key-at-1.cer")) {
              return new MockResponse.Builder().code(410).build();
            }
            return new MockResponse.Builder().code(404).build();
          }
        });
    keyServer.start();
    validator =
        ImsAccessTokenValidator.builder(CLIENT_ID)
            .keysBaseUrl(keyServer.url("/keys/").toString())
            .keyRetryInterval(INTERVAL)
            .clock(clock)
            .build();
  }

  @AfterEach
  void stop() {
    validator.close();
    keyServer.close();
  }

  private String token(String keyName) {
    return sign(claims(clock.instant(), 86_400_000L).build(), keyName, KEY.keyPair().getPrivate());
  }

  private InvalidAccessTokenException refused(String keyName) {
    return assertThrows(
        InvalidAccessTokenException.class, () -> validator.validate(token(keyName)));
  }

  private int fetchesOf(String name) {
    AtomicInteger n = fetches.get(name);
    return n == null ? 0 : n.get();
  }

  @Test
  void eightFetchesOfAnyNameThenFourOfImsNamesThenNoneUntilTheIntervalHasPassed() {
    for (int i = 0; i < 8; i++) {
      InvalidAccessTokenException e = refused("made-up-" + i + ".cer");
      assertEquals(Reason.UNKNOWN_KEY, e.reason(), "fetch " + i);
      assertEquals("UNKNOWN_KEY: the key location does not publish this key", e.getMessage());
    }
    InvalidAccessTokenException spent = refused("made-up-8.cer");
    assertEquals("KEYS_UNAVAILABLE: too many key fetches; try again later", spent.getMessage());
    assertEquals(0, fetchesOf("made-up-8.cer"));
    for (int i = 0; i < 4; i++) {
      assertEquals(
          Reason.UNKNOWN_KEY,
          refused("ims_fake-key-at-" + i + ".cer").reason(),
          "reserved fetch " + i);
    }
    assertEquals(Reason.KEYS_UNAVAILABLE, refused("ims_fake-key-at-4.cer").reason());
    assertEquals(0, fetchesOf("ims_fake-key-at-4.cer"));
    assertEquals(12, keyServer.getRequestCount());

    clock.advance(INTERVAL.minusMillis(1));
    assertEquals(Reason.KEYS_UNAVAILABLE, refused("made-up-9.cer").reason());
    clock.advance(Duration.ofMillis(1)); // exactly one interval after the first fetch: a new budget
    assertEquals(Reason.UNKNOWN_KEY, refused("made-up-9.cer").reason());
    assertEquals(1, fetchesOf("made-up-9.cer"));
  }

  @Test
  void aKnownKeyDueForRefreshIsStillUsedWhenTheBudgetIsSpent() throws Exception {
    validator.close();
    validator =
        ImsAccessTokenValidator.builder(CLIENT_ID)
            .keysBaseUrl(keyServer.url("/keys/").toString())
            .keyRetryInterval(INTERVAL)
            .keyMaxAge(Duration.ofMinutes(1))
            .clock(clock)
            .build();
    validator.validate(token("ims_na1-key-at-1.cer"));
    for (int i = 0; i < 7; i++) {
      refused("made-up-" + i + ".cer");
    }
    for (int i = 0; i < 4; i++) {
      refused("ims_fake-key-at-" + i + ".cer");
    }
    clock.advance(Duration.ofMinutes(2)); // past the key's max age, inside the spent interval
    validator.validate(token("ims_na1-key-at-1.cer"));
    assertEquals(1, fetchesOf("ims_na1-key-at-1.cer"));
  }

  @Test
  void sixteenKeysAreKeptAtOnce() throws Exception {
    for (int i = 1; i <= 16; i++) {
      if (i == 9) {
        clock.advance(INTERVAL); // the budget: 8 fetches of any name per interval
      }
      validator.validate(token("ims_na1-key-at-" + i + ".cer"));
    }
    for (int i = 1; i <= 16; i++) {
      validator.validate(token("ims_na1-key-at-" + i + ".cer"));
      assertEquals(1, fetchesOf("ims_na1-key-at-" + i + ".cer"), "key " + i + " was kept");
    }
  }

  @Test
  void aKeyFilePublishedAsDerIsRead() throws Exception {
    validator.validate(token("ims_der-key-at-1.cer"));
  }

  @Test
  void a410WithdrawsAKeyLikeA404() {
    InvalidAccessTokenException e = refused("ims_gone-key-at-1.cer");
    assertEquals(Reason.UNKNOWN_KEY, e.reason());
    assertEquals(Reason.UNKNOWN_KEY, refused("ims_gone-key-at-1.cer").reason());
    assertEquals(1, fetchesOf("ims_gone-key-at-1.cer"));
  }

  @Test
  void aServerErrorIsAPassingFailureNotAWithdrawal() {
    keyServer.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse.Builder().code(500).body("x".repeat(100_000)).build();
          }
        });
    InvalidAccessTokenException e = refused("ims_na1-key-at-1.cer");
    assertEquals("KEYS_UNAVAILABLE: the key could not be fetched; try again later", e.getMessage());
  }

  @Test
  void theFetchTimerThreadDoesNotKeepTheJvmAlive() throws Exception {
    validator.validate(token("ims_na1-key-at-1.cer"));
    Thread timer =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("ares-ims-key-fetch-timer"))
            .findFirst()
            .orElseThrow();
    assertTrue(timer.isDaemon());
  }

  @Test
  void theKeyStoreDescribesItsLocationOnly() {
    try (dev.ares.matcher.server.internal.ImsKeyStore store =
        new dev.ares.matcher.server.internal.ImsKeyStore(
            java.net.URI.create("https://keys.example/prod/"),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            clock)) {
      assertEquals("ImsKeyStore{baseUrl=https://keys.example/prod/}", store.toString());
    }
  }

  @Test
  void aKeyFileOfExactly64KibIsRead() throws Exception {
    validator.validate(token("ims_big-key-at-1.cer"));
  }
}
