package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.SECRET;
import static dev.ares.matching.ExternalMatcherFailuresTest.TOKEN;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresException;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.ImsAccessTokenValidator;
import dev.ares.matcher.server.InvalidAccessTokenException;
import dev.ares.matcher.server.MatcherServer;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.testing.FakeImsTokenEndpoint;
import java.lang.reflect.Modifier;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * With {@code dev.ares} (and everything else) logging at TRACE, the failure cases of the fault
 * matrix run, blocking and async, while every log event is captured; then the log lines, the
 * messages of every exception (causes included) and the {@code toString()} of an instance of every
 * public type of ares-matching are scanned for the client secret, the IMS access token and any
 * {@code Authorization} header value. Plain {@code http://} to a host that is not loopback is
 * refused for each of the three URLs unless the caller opts in.
 *
 * <p>Apache HttpClient's raw-traffic loggers ({@code org.apache.hc.client5.http.wire} and {@code
 * .headers}) are left out of the scan: they print every byte sent when set to DEBUG, which is
 * documented as never to be enabled in production.
 */
class SecretsUnderFaultsTest {

  private static final Set<String> RAW_TRAFFIC_LOGGERS =
      Set.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers");

  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final List<Object> instances = new ArrayList<>();
  private final List<String> texts = new ArrayList<>();
  private Logger root;
  private Logger ares;
  private Level previousRoot;
  private Level previousAres;
  private ch.qos.logback.core.Appender<ILoggingEvent> console;
  private MockWebServer server;
  private FaultMatrixTest.Mode mode = FaultMatrixTest.Mode.BLOCKING;

  @BeforeEach
  void capture() throws Exception {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ares = (Logger) LoggerFactory.getLogger("dev.ares");
    previousRoot = root.getLevel();
    previousAres = ares.getLevel();
    console = root.getAppender("CONSOLE");
    if (console != null) {
      root.detachAppender(console);
    }
    root.setLevel(Level.TRACE);
    ares.setLevel(Level.TRACE);
    captured.start();
    root.addAppender(captured);
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void release() {
    server.close();
    root.detachAppender(captured);
    root.setLevel(previousRoot);
    ares.setLevel(previousAres);
    if (console != null) {
      root.addAppender(console);
    }
  }

  private String base() {
    return server.url("").toString().replaceAll("/$", "");
  }

  private ExternalMatcher.Builder builder(ExternalMatcherInput rule) {
    return ExternalMatcher.builder()
        .rule(rule)
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
        .attemptTimeout(Duration.ofSeconds(1))
        .callTimeout(Duration.ofSeconds(5))
        .maxResponseBytes(4096);
  }

  private void fail(ExternalMatcher m, boolean asset) {
    AresException e =
        assertThrows(
            AresException.class,
            () -> {
              if (mode == FaultMatrixTest.Mode.BLOCKING) {
                if (asset) {
                  m.matchAsset(ASSET);
                } else {
                  m.matchProduct("sku-7");
                }
              } else if (asset) {
                FaultMatrixTest.await(m.matchAssetAsync(ASSET));
              } else {
                FaultMatrixTest.await(m.matchProductAsync("sku-7"));
              }
            });
    instances.add(e);
    // What a bulk run would hand its consumer for the same failure.
    BulkFailure failure = BulkFailure.of(e);
    instances.add(failure);
    instances.add(BulkOutcome.failure(0, ASSET.assetId(), failure));
    for (Throwable t = e; t != null; t = t.getCause()) {
      texts.add(String.valueOf(t.getMessage()));
      texts.add(t.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(FaultMatrixTest.Mode.class)
  void noSecretTokenOrAuthorizationValueAnywhereDuringTheFailureCases(FaultMatrixTest.Mode mode)
      throws Exception {
    this.mode = mode;
    ExternalMatcherInput rule = ExternalMatcherFailuresTest.rule(base());
    String echo = "{\"error\":\"" + SECRET + "\",\"auth\":\"Bearer " + TOKEN + "\"}";
    try (ExternalMatcher m = builder(rule).build()) {
      instances.add(m);
      // IMS refuses, then fails, echoing the secret.
      server.enqueue(json(401, echo));
      fail(m, true);
      server.enqueue(json(500, echo));
      fail(m, false);
      server.enqueue(json(200, "{\"access_token\":5,\"echo\":\"" + SECRET + "\"}"));
      fail(m, true);
      // A token, then the action fails in every way, echoing the token.
      server.enqueue(token());
      server.enqueue(json(401, echo));
      server.enqueue(token());
      server.enqueue(json(401, echo));
      fail(m, true);
      server.enqueue(json(500, echo));
      fail(m, true);
      server.enqueue(json(200, "{\"product_matches\":\"Bearer " + TOKEN + "\"}"));
      fail(m, true);
      server.enqueue(
          new MockResponse.Builder().code(200).body("<html>" + TOKEN + "</html>").build());
      fail(m, false);
      server.enqueue(
          new MockResponse.Builder()
              .code(302)
              .addHeader("Location", base() + "/x?t=" + TOKEN)
              .build());
      fail(m, true);
      for (int i = 0; i < 3; i++) {
        server.enqueue(
            new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body(echo).build());
      }
      fail(m, true);
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
      server.enqueue(
          new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
      fail(m, true);
      for (int i = 0; i < 3; i++) {
        server.enqueue(
            new MockResponse.Builder()
                .code(200)
                .body(echo.repeat(20))
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
                .build());
      }
      fail(m, true);
      server.enqueue(json(200, "{\"asset_id\":\"" + TOKEN.repeat(1000) + "\"}"));
      fail(m, true);
      server.enqueue(json(200, A2P));
      instances.add(m.matchAsset(ASSET));
      texts.add(m.toString());
    }
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + closedPort;
    try (ExternalMatcher m = builder(ExternalMatcherFailuresTest.rule(dead)).build()) {
      fail(m, true);
    }
    ExternalMatcher closed = builder(rule).build();
    closed.close();
    fail(closed, true);
    instances.addAll(everyOtherPublicType(rule));
    scan();
  }

  /** An instance of each public type not produced by the failure cases above. */
  private static List<Object> everyOtherPublicType(ExternalMatcherInput rule) {
    List<Object> list = new ArrayList<>();
    MatchBySku sku = MatchBySku.commerceSkus();
    list.add(sku);
    list.add(sku.index());
    list.add(CatalogCoverage.of(sku));
    list.add(CatalogCoverage.of(sku).measure(Stream.of(ASSET), Stream.of("sku-7")));
    list.add(sku.matchProduct("sku-7"));
    list.add(ASSET);
    list.add(AssetMatch.builder().assetId("a").build());
    list.add(AssetMatch.builder());
    list.add(ProductMatch.builder().productSku("p").build());
    list.add(ProductMatch.builder());
    list.add(AssetToProductResult.builder());
    list.add(ProductToAssetResult.builder());
    list.add(CoverageReport.builder());
    list.add(ExternalMatcher.builder().rule(rule));
    AssetMatcherHttpHandler.Builder handlerBuilder =
        AssetMatcherHttpHandler.builder(sku)
            .tokenValidator(
                token -> {
                  if (!TOKEN.equals(token)) {
                    throw new InvalidAccessTokenException(
                        InvalidAccessTokenException.Reason.NOT_ACCEPTED, "no");
                  }
                });
    list.add(handlerBuilder);
    list.add(handlerBuilder.build());
    ImsAccessTokenValidator.Builder imsBuilder =
        ImsAccessTokenValidator.builder("client").keysBaseUrl("http://127.0.0.1:9/k/");
    list.add(imsBuilder);
    ImsAccessTokenValidator ims = imsBuilder.build();
    list.add(ims);
    list.add(assertThrows(InvalidAccessTokenException.class, () -> ims.validate(TOKEN)));
    ims.close();
    MatcherServer.Builder serverBuilder = MatcherServer.builder(handlerBuilder.build());
    list.add(serverBuilder);
    list.add(new FakeImsTokenEndpoint("id", SECRET));
    try (LoopbackMatcherServer loopback = LoopbackMatcherServer.start(sku)) {
      list.add(loopback);
      list.add(loopback.ims());
      list.add(loopback.matcherServer());
      try (ExternalMatcher m =
          ExternalMatcher.builder().rule(loopback.externalMatcherInput()).build()) {
        list.add(m.matchProduct("p"));
        list.add(m);
        BulkMatcher bulk = BulkMatcher.builder().matcher(m).build();
        list.add(bulk);
        list.add(BulkMatcher.builder());
        list.add(bulk.matchAssets(Stream.of(ASSET), list::add));
      }
    }
    list.add(new AresValidationException(List.of(FieldViolation.of("x", "y"))));
    return list;
  }

  private void scan() throws Exception {
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    Set<String> covered = new TreeSet<>();
    for (Object o : instances) {
      if (seen.put(o, true) == null) {
        texts.add(o.getClass().getSimpleName() + ": " + o);
        covered.add(o.getClass().getName());
      }
    }
    Set<String> publicTypes = publicTypesOfThisModule();
    // Nothing to print: enums of constants, static helpers and the SPI interface.
    Set<String> noInstances =
        Set.of(
            "dev.ares.matching.AssetFormat",
            "dev.ares.matching.AssetJson",
            "dev.ares.matching.AssetMatcher",
            "dev.ares.matching.AssetMatchers",
            "dev.ares.matching.BulkFailure$Kind",
            "dev.ares.matching.BulkOrder",
            "dev.ares.matching.MatchJson",
            "dev.ares.matching.ExternalMatcherException$Reason",
            "dev.ares.matcher.server.AccessTokenValidator",
            "dev.ares.matcher.server.InvalidAccessTokenException$Reason");
    Set<String> missing = new TreeSet<>(publicTypes);
    missing.removeAll(covered);
    missing.removeAll(noInstances);
    assertEquals(Set.of(), missing, "public types whose toString() was not scanned");

    for (ILoggingEvent event : captured.list) {
      if (!RAW_TRAFFIC_LOGGERS.contains(event.getLoggerName())) {
        texts.add(event.getLoggerName() + ": " + event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          texts.add(t.getClassName() + ": " + t.getMessage());
        }
      }
    }
    assertTrue(
        captured.list.stream()
            .anyMatch(
                e ->
                    e.getLoggerName().startsWith("dev.ares")
                        && e.getFormattedMessage().contains("retrying")),
        "our retry log lines were captured");
    assertTrue(
        captured.list.stream().anyMatch(e -> e.getLoggerName().startsWith("org.apache.hc")),
        "HttpClient's own logs were captured");
    for (String text : texts) {
      assertFalse(text.contains(SECRET), text);
      assertFalse(text.contains(TOKEN), text);
      assertFalse(text.contains("Bearer "), text);
      assertFalse(text.contains(LoopbackMatcherServer.CLIENT_SECRET), text);
      assertFalse(text.contains("fake-ims-token-"), text);
    }
  }

  /** The public top-level and nested types compiled from src/main of this module. */
  private static Set<String> publicTypesOfThisModule() throws Exception {
    Path classes =
        Path.of(ExternalMatcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      List<String> names =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .map(
                  p ->
                      classes
                          .relativize(p)
                          .toString()
                          .replace('/', '.')
                          .replaceAll("\\.class$", ""))
              .filter(n -> !n.contains(".internal.") && !n.endsWith("package-info"))
              .collect(Collectors.toList());
      Set<String> result = new TreeSet<>();
      for (String n : names) {
        Class<?> c = Class.forName(n, false, SecretsUnderFaultsTest.class.getClassLoader());
        boolean visible =
            Modifier.isPublic(c.getModifiers())
                && (c.getEnclosingClass() == null
                    || Modifier.isPublic(c.getEnclosingClass().getModifiers()));
        if (visible && !c.isAnonymousClass()) {
          result.add(n);
        }
      }
      return result;
    }
  }

  // ---- plain http ----

  private static ExternalMatcherInput rule(String a2p, String p2a, String ims) {
    return ExternalMatcherInput.builder()
        .assetToProductUrl(a2p)
        .productToAssetUrl(p2a)
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(ims)
                .clientId("c")
                .clientSecret(SECRET)
                .imsOrgId("o")
                .build())
        .build();
  }

  @Test
  void plainHttpToAHostThatIsNotLoopbackIsRefusedForEachUrlUnlessOptedIn() {
    String ok = "https://matcher.example.com/a";
    String plain = "http://matcher.example.com/a";
    Map<String, ExternalMatcherInput> cases =
        Map.of(
            "externalMatcher.assetToProductUrl", rule(plain, ok, ok),
            "externalMatcher.productToAssetUrl", rule(ok, plain, ok),
            "externalMatcher.credentials.oauthServerUrl",
                rule(ok, ok, "http://ims.example.com/ims/token/v3"));
    cases.forEach(
        (path, r) -> {
          AresValidationException e =
              assertThrows(
                  AresValidationException.class, () -> ExternalMatcher.builder().rule(r).build());
          assertEquals(List.of(path), e.violations().stream().map(FieldViolation::path).toList());
          assertTrue(e.getMessage().contains("allowInsecureHttp"), e.getMessage());
          assertFalse(e.getMessage().contains(SECRET));
          ExternalMatcher.builder().rule(r).allowInsecureHttp(true).build().close();
        });
    // Loopback needs no opt-in, by name or address; a name that only resolves to loopback does.
    for (String host : List.of("http://localhost:1", "http://127.0.0.1:1", "http://[::1]:1")) {
      ExternalMatcher.builder().rule(rule(host + "/a", host + "/p", host + "/t")).build().close();
    }
    assertThrows(
        AresValidationException.class,
        () ->
            ExternalMatcher.builder().rule(rule(ok, ok, "http://localhost.example.com/t")).build());
    assertEquals(0, server.getRequestCount());
  }
}
