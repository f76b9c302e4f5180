package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.AresClient;
import dev.ares.client.AresClientBuilder;
import dev.ares.client.internal.HttpAresClient;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.commerce.oauth.CommerceCatalogLookup;
import dev.ares.commerce.oauth.CommerceCredentialsCheck;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpClientBuilder;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import dev.ares.matching.ExternalMatcher;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

/**
 * The four HTTP clients take one configuration the same way: the same {@link HttpOptions} gives the
 * same effective settings in each, a shortcut after {@code httpOptions(...)} changes that one
 * field, and bad values are named by the same paths under each client's root.
 */
class OneHttpConfigurationTest {

  private static final HttpOptions SHARED =
      HttpOptions.builder()
          .connectTimeout(Duration.ofMillis(1234))
          .attemptTimeout(Duration.ofSeconds(7))
          .callTimeout(Duration.ofSeconds(21))
          .retryPolicy(
              RetryPolicy.builder()
                  .maxAttempts(4)
                  .initialBackoff(Duration.ofMillis(50))
                  .maxBackoff(Duration.ofSeconds(2))
                  .maxRetryAfter(Duration.ofSeconds(9))
                  .build())
          .maxResponseBytes(123_456L)
          .maxConnections(7)
          .allowInsecureHttp(true)
          .proxy(HttpProxy.of("http://proxy.test:3128").withCredentials("svc", "proxy-pass"))
          .build();

  /** One of the three clients: a builder configured by the test, built, its settings read. */
  private record Client(
      String root,
      Function<UnaryOperator<Shortcuts>, HttpOptions> effective,
      Function<UnaryOperator<Shortcuts>, Runnable> build) {}

  /** The shortcuts every builder has, so one test drives all three. */
  private interface Shortcuts {
    Shortcuts httpOptions(HttpOptions o);

    Shortcuts connectTimeout(Duration d);

    Shortcuts attemptTimeout(Duration d);

    Shortcuts callTimeout(Duration d);

    Shortcuts retryPolicy(RetryPolicy p);

    Shortcuts maxResponseBytes(long n);

    Shortcuts maxConnections(int n);

    Shortcuts httpClient(CloseableHttpClient c);

    Shortcuts allowInsecureHttp(boolean b);

    Shortcuts proxy(HttpProxy p);

    Shortcuts sslContext(SSLContext c);
  }

  private static AresClientBuilder ares() {
    return AresClient.builder()
        .endpoint("http://127.0.0.1:1/graphql")
        .apiKey("key")
        .environmentId("env")
        .gatewaySignature("jwt");
  }

  private static CommerceCredentialsCheck.Builder check() {
    return CommerceCredentialsCheck.builder()
        .baseUrl("http://127.0.0.1:1")
        .credentials(
            CommerceCredentialsInput.builder()
                .consumerKey("ck")
                .consumerSecret("cs")
                .accessToken("at")
                .accessTokenSecret("ats")
                .build());
  }

  private static CommerceCatalogLookup.Builder lookup() {
    return CommerceCatalogLookup.builder()
        .baseUrl("http://127.0.0.1:1")
        .credentials(
            CommerceCredentialsInput.builder()
                .consumerKey("ck")
                .consumerSecret("cs")
                .accessToken("at")
                .accessTokenSecret("ats")
                .build());
  }

  private static ExternalMatcher.Builder matcher() {
    return ExternalMatcher.builder()
        .rule(
            ExternalMatcherInput.builder()
                .assetToProductUrl("http://127.0.0.1:1/a")
                .productToAssetUrl("http://127.0.0.1:1/p")
                .credentials(
                    ExternalMatcherCredentialsInput.builder()
                        .oauthServerUrl("http://127.0.0.1:1/ims")
                        .clientId("id")
                        .clientSecret("secret")
                        .imsOrgId("org@AdobeOrg")
                        .build())
                .build());
  }

  /** The shortcuts of any builder: each is defined once, in {@link HttpClientBuilder}. */
  private static Shortcuts on(HttpClientBuilder<?> b) {
    return new Shortcuts() {
      public Shortcuts httpOptions(HttpOptions o) {
        b.httpOptions(o);
        return this;
      }

      public Shortcuts connectTimeout(Duration d) {
        b.connectTimeout(d);
        return this;
      }

      public Shortcuts attemptTimeout(Duration d) {
        b.attemptTimeout(d);
        return this;
      }

      public Shortcuts callTimeout(Duration d) {
        b.callTimeout(d);
        return this;
      }

      public Shortcuts retryPolicy(RetryPolicy p) {
        b.retryPolicy(p);
        return this;
      }

      public Shortcuts maxResponseBytes(long n) {
        b.maxResponseBytes(n);
        return this;
      }

      public Shortcuts maxConnections(int n) {
        b.maxConnections(n);
        return this;
      }

      public Shortcuts httpClient(CloseableHttpClient c) {
        b.httpClient(c);
        return this;
      }

      public Shortcuts allowInsecureHttp(boolean x) {
        b.allowInsecureHttp(x);
        return this;
      }

      public Shortcuts proxy(HttpProxy p) {
        b.proxy(p);
        return this;
      }

      public Shortcuts sslContext(SSLContext c) {
        b.sslContext(c);
        return this;
      }
    };
  }

  private static final List<Client> CLIENTS =
      List.of(
          new Client(
              "aresClient",
              configure -> {
                AresClientBuilder b = ares();
                configure.apply(on(b));
                try (AresClient c = b.build()) {
                  return ((HttpAresClient) c).httpOptions();
                }
              },
              configure ->
                  () -> {
                    AresClientBuilder b = ares();
                    configure.apply(on(b));
                    b.build().close();
                  }),
          new Client(
              "commerceCredentialsCheck",
              configure -> {
                CommerceCredentialsCheck.Builder b = check();
                configure.apply(on(b));
                try (CommerceCredentialsCheck c = b.build()) {
                  return c.httpOptions();
                }
              },
              configure ->
                  () -> {
                    CommerceCredentialsCheck.Builder b = check();
                    configure.apply(on(b));
                    b.build().close();
                  }),
          new Client(
              "commerceCatalogLookup",
              configure -> {
                CommerceCatalogLookup.Builder b = lookup();
                configure.apply(on(b));
                try (CommerceCatalogLookup c = b.build()) {
                  return c.httpOptions();
                }
              },
              configure ->
                  () -> {
                    CommerceCatalogLookup.Builder b = lookup();
                    configure.apply(on(b));
                    b.build().close();
                  }),
          new Client(
              "externalMatcher",
              configure -> {
                ExternalMatcher.Builder b = matcher();
                configure.apply(on(b));
                try (ExternalMatcher c = b.build()) {
                  return c.httpOptions();
                }
              },
              configure ->
                  () -> {
                    ExternalMatcher.Builder b = matcher();
                    configure.apply(on(b));
                    b.build().close();
                  }));

  @Test
  void theSameOptionsGiveTheSameEffectiveSettingsInEveryClient() {
    for (Client client : CLIENTS) {
      assertEquals(SHARED, client.effective().apply(s -> s.httpOptions(SHARED)), client.root());
    }
  }

  @Test
  void aCallersHttpClientIsPassedAlongAsGiven() throws Exception {
    try (CloseableHttpClient mine = HttpClients.createDefault()) {
      // Proxy and TLS are the caller's client's own business: only the JVM default goes with it.
      HttpOptions withMine = SHARED.withProxy(HttpProxy.jvmDefault()).withHttpClient(mine);
      for (Client client : CLIENTS) {
        HttpOptions effective = client.effective().apply(s -> s.httpOptions(withMine));
        assertEquals(withMine, effective, client.root());
        assertEquals(mine, effective.httpClient(), client.root());
      }
    }
  }

  @Test
  void aShortcutAfterTheOptionsChangesThatOneField() {
    RetryPolicy once = RetryPolicy.none();
    for (Client client : CLIENTS) {
      String root = client.root();
      assertEquals(
          SHARED.withCallTimeout(Duration.ofSeconds(3)),
          client.effective().apply(s -> s.httpOptions(SHARED).callTimeout(Duration.ofSeconds(3))),
          root);
      assertEquals(
          SHARED.withConnectTimeout(Duration.ofMillis(9)),
          client.effective().apply(s -> s.httpOptions(SHARED).connectTimeout(Duration.ofMillis(9))),
          root);
      assertEquals(
          SHARED.withAttemptTimeout(Duration.ofMillis(99)),
          client
              .effective()
              .apply(s -> s.httpOptions(SHARED).attemptTimeout(Duration.ofMillis(99))),
          root);
      assertEquals(
          SHARED.withRetryPolicy(once),
          client.effective().apply(s -> s.httpOptions(SHARED).retryPolicy(once)),
          root);
      assertEquals(
          SHARED.withMaxResponseBytes(1_000_000_000L),
          client.effective().apply(s -> s.httpOptions(SHARED).maxResponseBytes(1_000_000_000L)),
          root);
      assertEquals(
          SHARED.withMaxConnections(3),
          client.effective().apply(s -> s.httpOptions(SHARED).maxConnections(3)),
          root);
      assertEquals(
          SHARED.withAllowInsecureHttp(false).withConnectTimeout(Duration.ofSeconds(1)),
          client
              .effective()
              .apply(
                  s ->
                      s.httpOptions(SHARED.withConnectTimeout(Duration.ofSeconds(1)))
                          .allowInsecureHttp(false)),
          root);
    }
  }

  @Test
  void theProxyAndTlsShortcutsChangeThoseFields() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, null, null);
    for (Client client : CLIENTS) {
      assertEquals(
          SHARED.withProxy(HttpProxy.none()).withSslContext(tls),
          client
              .effective()
              .apply(s -> s.httpOptions(SHARED).proxy(HttpProxy.none()).sslContext(tls)),
          client.root());
    }
  }

  @Test
  void aProxyOrTlsContextBesideACallersClientIsNamedUnderEachRoot() throws Exception {
    SSLContext tls = SSLContext.getDefault();
    try (CloseableHttpClient mine = HttpClients.createDefault()) {
      for (Client client : CLIENTS) {
        String root = client.root();
        AresValidationException e =
            assertThrows(
                AresValidationException.class,
                () ->
                    client
                        .build()
                        .apply(s -> s.httpOptions(SHARED).httpClient(mine).sslContext(tls))
                        .run(),
                root);
        assertEquals(
            List.of(root + ".proxy", root + ".sslContext"),
            e.violations().stream().map(FieldViolation::path).toList(),
            root);
      }
    }
  }

  @Test
  void theOptionsReplaceEveryShortcutGivenBefore() {
    for (Client client : CLIENTS) {
      assertEquals(
          SHARED,
          client
              .effective()
              .apply(
                  s -> s.callTimeout(Duration.ofSeconds(2)).maxConnections(1).httpOptions(SHARED)),
          client.root());
    }
  }

  @Test
  void badValuesAreNamedByTheSamePathsUnderEachClientsRoot() {
    for (Client client : CLIENTS) {
      String root = client.root();
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () ->
                  client
                      .build()
                      .apply(
                          s ->
                              s.httpOptions(SHARED)
                                  .connectTimeout(Duration.ZERO)
                                  .attemptTimeout(null)
                                  .callTimeout(Duration.ofHours(25))
                                  .retryPolicy(null)
                                  .maxResponseBytes(Integer.MAX_VALUE)
                                  .maxConnections(0))
                      .run(),
              root);
      assertEquals(
          List.of(
              FieldViolation.of(root + ".connectTimeout", "must be positive"),
              FieldViolation.of(root + ".attemptTimeout", "is required"),
              FieldViolation.of(root + ".callTimeout", "must be at most 24 hours"),
              FieldViolation.of(root + ".retryPolicy", "is required"),
              FieldViolation.of(root + ".maxResponseBytes", "must be at most 2147483639"),
              FieldViolation.of(root + ".maxConnections", "must be at least 1")),
          e.violations(),
          root);
      AresValidationException none =
          assertThrows(
              AresValidationException.class,
              () -> client.build().apply(s -> s.httpOptions(null)).run(),
              root);
      assertEquals(
          List.of(FieldViolation.of(root + ".httpOptions", "is required")),
          none.violations(),
          root);
    }
  }

  @Test
  void theOptionsValueNamesItsOwnProblemsTheSameWay() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                HttpOptions.builder()
                    .connectTimeout(Duration.ZERO)
                    .attemptTimeout(null)
                    .callTimeout(Duration.ofHours(25))
                    .retryPolicy(null)
                    .maxResponseBytes(Integer.MAX_VALUE)
                    .maxConnections(0)
                    .build());
    assertEquals(
        List.of(
            "httpOptions.connectTimeout",
            "httpOptions.attemptTimeout",
            "httpOptions.callTimeout",
            "httpOptions.retryPolicy",
            "httpOptions.maxResponseBytes",
            "httpOptions.maxConnections"),
        e.violations().stream().map(FieldViolation::path).collect(Collectors.toList()));
  }

  @Test
  void eachClientStartsFromItsOwnDefaultsAsTheReadmeTableLists() {
    assertEquals(AresClient.defaultHttpOptions(), CLIENTS.get(0).effective().apply(s -> s));
    assertEquals(
        CommerceCredentialsCheck.defaultHttpOptions(), CLIENTS.get(1).effective().apply(s -> s));
    assertEquals(
        CommerceCredentialsCheck.defaultHttpOptions(), CLIENTS.get(2).effective().apply(s -> s));
    assertEquals(ExternalMatcher.defaultHttpOptions(), CLIENTS.get(3).effective().apply(s -> s));
    // README "Configuring HTTP": the defaults table, one row per client.
    assertDefaults(
        AresClient.defaultHttpOptions(),
        "PT5S",
        "PT15S",
        "PT45S",
        3,
        "PT0.2S",
        "PT5S",
        "PT30S",
        4L << 20,
        20);
    assertDefaults(
        CommerceCredentialsCheck.defaultHttpOptions(),
        "PT10S",
        "PT30S",
        "PT1M",
        3,
        "PT0.2S",
        "PT5S",
        "PT30S",
        4L << 20,
        10);
    assertDefaults(
        ExternalMatcher.defaultHttpOptions(),
        "PT5S",
        "PT10S",
        "PT30S",
        3,
        "PT0.2S",
        "PT10S",
        "PT24H",
        1L << 20,
        64);
    assertEquals(AresClient.defaultHttpOptions(), HttpOptions.defaults());
  }

  private static void assertDefaults(
      HttpOptions o,
      String connect,
      String attempt,
      String call,
      int attempts,
      String backoff,
      String maxBackoff,
      String maxRetryAfter,
      long bytes,
      int connections) {
    assertEquals(
        List.of(
            connect,
            attempt,
            call,
            attempts,
            backoff,
            maxBackoff,
            maxRetryAfter,
            bytes,
            connections,
            false),
        List.of(
            o.connectTimeout().toString(),
            o.attemptTimeout().toString(),
            o.callTimeout().toString(),
            o.retryPolicy().maxAttempts(),
            o.retryPolicy().initialBackoff().toString(),
            o.retryPolicy().maxBackoff().toString(),
            o.retryPolicy().maxRetryAfter().toString(),
            o.maxResponseBytes(),
            o.maxConnections(),
            o.allowInsecureHttp()));
  }
}
