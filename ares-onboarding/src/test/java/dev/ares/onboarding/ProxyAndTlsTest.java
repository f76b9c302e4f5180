package dev.ares.onboarding;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import dev.ares.matching.Asset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole preflight with {@code httpOptions(Preflight.defaultHttpOptions().withProxy(...)
 * .withSslContext(...))}, through a real CONNECT proxy to a Commerce store, an AEM author host and
 * an external matcher's IMS and actions on four loopback HTTPS servers only a test CA signs: every
 * check that calls out passes, every connection each server served came through a tunnel the proxy
 * opened to it, and the proxy sees no secret; with a proxy asking for credentials, every check that
 * calls out fails naming the proxy, and its credentials, when given, are accepted; without the SSL
 * context the test CA is refused, check by check.
 */
class ProxyAndTlsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRET-key-1")
          .consumerSecret("cs-SECRET-secret-2")
          .accessToken("at-SECRET-token-3")
          .accessTokenSecret("ats-SECRET-tokensecret-4")
          .build();
  private static final String API_KEY = "api-SECRET-key-5";
  private static final String CLIENT_SECRET = "p8e-SECRET-client-6";
  private static final String TOKEN = "ims-SECRET-token-7";
  private static final String JWT = jwt();
  private static final List<String> SECRETS =
      List.of(
          CREDENTIALS.consumerKey(),
          CREDENTIALS.consumerSecret(),
          CREDENTIALS.accessToken(),
          CREDENTIALS.accessTokenSecret(),
          API_KEY,
          CLIENT_SECRET,
          TOKEN,
          JWT);
  private static final String PROXY_USER = "svc-preflight";
  private static final String PROXY_PASSWORD = "proxy-pass-3e91";

  private static final String PROBE_ASSET_ID = "urn:aaid:aem:proxy-probe";
  private static final String PROBE_SKU = "SKU-PROXY-PROBE";

  /** The checks that call out, each to one of the three servers. */
  private static final List<String> CALLING_OUT =
      List.of("commerce.rest", "commerce.credentials", "aem.author", "matcher.imsToken");

  /**
   * A TLS failure, in the engine's words ({@code TLS}) or the matcher's ({@code SSL…Exception}).
   */
  private static final Pattern TLS = Pattern.compile("\\bTLS\\b|SSL\\w*Exception");

  private final TestCa ca = TestCa.forLoopback();
  private MockWebServer store;
  private MockWebServer aem;
  private MockWebServer ims;
  private MockWebServer actions;

  @BeforeEach
  void start() throws Exception {
    store =
        https(
            request -> {
              String path = request.getUrl().encodedPath();
              if (path.equals("/rest/V1/ares-preflight-no-such-route")) {
                return json(404, "{\"message\":\"Request does not match any route.\"}");
              }
              String authorization = request.getHeaders().get("Authorization");
              if (path.equals("/rest/V1/products")
                  && authorization != null
                  && authorization.contains(CREDENTIALS.consumerKey())) {
                return json(200, "{\"items\":[],\"total_count\":0}");
              }
              return json(401, "{\"message\":\"The signature is invalid. Verify and try again.\"}");
            });
    aem =
        https(
            request ->
                new MockResponse.Builder().code(302).addHeader("Location", "/login").build());
    ims =
        https(
            request ->
                request.getUrl().encodedPath().equals("/ims/token/v3")
                        && request.getBody().string(StandardCharsets.UTF_8).contains(CLIENT_SECRET)
                    ? json(
                        200,
                        "{\"access_token\":\""
                            + TOKEN
                            + "\",\"token_type\":\"bearer\",\"expires_in\":86399}")
                    : json(401, "{\"error\":\"invalid_client\"}"));
    actions =
        https(
            request -> {
              String path = request.getUrl().encodedPath();
              boolean withToken =
                  ("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"));
              if (path.equals("/a2p") && withToken) {
                return json(
                    200,
                    "{\"asset_id\":\""
                        + PROBE_ASSET_ID
                        + "\",\"product_matches\":[],\"skip\":false}");
              }
              if (path.equals("/p2a") && withToken) {
                return json(
                    200,
                    "{\"product_sku\":\"" + PROBE_SKU + "\",\"asset_matches\":[],\"skip\":false}");
              }
              return json(401, "{\"error\":\"unauthorized\"}");
            });
  }

  @AfterEach
  void stop() {
    store.close();
    aem.close();
    ims.close();
    actions.close();
  }

  private MockWebServer https(Function<RecordedRequest, MockResponse> answers) throws Exception {
    MockWebServer server = new MockWebServer();
    server.useHttps(ca.serverSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answers.apply(request);
          }
        });
    server.start();
    return server;
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  private static String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(
            "{\"sub\":\"mage-SECRET\",\"exp\":1900000000}".getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  private static String host(MockWebServer server) {
    return "localhost:" + server.getPort();
  }

  private Set<String> allHosts() {
    return Set.of(host(store), host(aem), host(ims), host(actions));
  }

  private int requestsReceived() {
    return store.getRequestCount()
        + aem.getRequestCount()
        + ims.getRequestCount()
        + actions.getRequestCount();
  }

  private TenantInput tenant() {
    String actionBase = "https://" + host(actions);
    return TenantInput.builder()
        .enabled(true)
        .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
        .aem(AemInput.builder().programId("11111").environmentId("222222").build())
        .commerce(
            CommerceInput.builder()
                .baseUrl("https://" + host(store))
                .credentials(CREDENTIALS)
                .version("2.4.7-p3")
                .extensionVersion("1.3.6")
                .build())
        .rule(
            ExternalMatcherInput.builder()
                .assetToProductUrl(actionBase + "/a2p")
                .productToAssetUrl(actionBase + "/p2a")
                .credentials(
                    ExternalMatcherCredentialsInput.builder()
                        .oauthServerUrl("https://" + host(ims) + "/ims/token/v3")
                        .clientId("client-id-1")
                        .clientSecret(CLIENT_SECRET)
                        .imsOrgId("ORG1@AdobeOrg")
                        .build())
                .build())
        .build();
  }

  private PreflightReport run(HttpProxy proxy, SSLContext tls) {
    HttpOptions http =
        Preflight.defaultHttpOptions()
            .withRetryPolicy(RetryPolicy.none())
            .withEventListener(HttpEventListener.none())
            .withProxy(proxy)
            .withSslContext(tls);
    PreflightReport report =
        Preflight.builder()
            .tenant(tenant())
            .aresHeaders(
                AresHeaders.builder()
                    .apiKey(API_KEY)
                    .environmentId("env-1234")
                    .gatewaySignature(JWT)
                    .build())
            .clock(CLOCK)
            .aemAuthorUrlTemplate("https://" + host(aem) + "/author-p{programId}-e{environmentId}")
            .probeAsset(
                Asset.of(
                    PROBE_ASSET_ID,
                    Map.of("commerce:isCommerce", "Yes", "commerce:skus", List.of(PROBE_SKU))))
            .probeSku(PROBE_SKU)
            .httpOptions(http)
            .build()
            .run();
    assertNoSecretIn(report.toText(), "the report");
    return report;
  }

  private static CheckResult check(PreflightReport report, String id) {
    return report.check(id).orElseThrow(() -> new AssertionError("no " + id + " in\n" + report));
  }

  private static void assertNoSecretIn(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), where + " holds a secret: " + secret + "\n" + text);
    }
  }

  /**
   * Every connection {@code server} served came through a tunnel the proxy opened to it: as many
   * distinct connections carried its requests as the proxy let tunnels through to it. Returns the
   * paths it was asked for.
   */
  private static Set<String> assertOnlyThroughTheProxy(
      MockWebServer server, TunnelProxy proxy, boolean credentialsRequired) throws Exception {
    Set<Integer> connections = new HashSet<>();
    Set<String> paths = new HashSet<>();
    int requests = server.getRequestCount();
    for (int i = 0; i < requests; i++) {
      RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
      assertNotNull(request);
      assertEquals(null, request.getHeaders().get("Proxy-Authorization"));
      connections.add(request.getConnectionIndex());
      paths.add(request.getUrl().encodedPath());
    }
    long tunnels =
        proxy.seen().stream()
            .filter(s -> s.method().equals("CONNECT") && s.target().equals(host(server)))
            .filter(s -> !credentialsRequired || s.headers().containsKey("Proxy-Authorization"))
            .count();
    assertTrue(tunnels > 0, "no tunnel to " + host(server));
    assertEquals(tunnels, connections.size(), "connections to " + host(server) + " not tunnelled");
    return paths;
  }

  private void assertEveryCheckPassedThroughTheProxy(
      PreflightReport report, TunnelProxy proxy, boolean credentialsRequired) throws Exception {
    assertEquals(CheckStatus.PASS, report.verdict(), report.toText());
    for (String id :
        List.of(
            "commerce.rest",
            "commerce.credentials",
            "aem.author",
            "matcher.imsToken",
            "matcher.assetToProduct",
            "matcher.productToAsset",
            "matcher.tokenRequired")) {
      assertEquals(CheckStatus.PASS, check(report, id).status(), report.toText());
    }
    assertEquals(
        Set.of("/rest/V1/ares-preflight-no-such-route", "/rest/V1/products"),
        assertOnlyThroughTheProxy(store, proxy, credentialsRequired));
    assertEquals(
        Set.of("/author-p11111-e222222"),
        assertOnlyThroughTheProxy(aem, proxy, credentialsRequired));
    assertEquals(
        Set.of("/ims/token/v3"), assertOnlyThroughTheProxy(ims, proxy, credentialsRequired));
    assertEquals(
        Set.of("/a2p", "/p2a"), assertOnlyThroughTheProxy(actions, proxy, credentialsRequired));
    assertEquals(allHosts(), Set.copyOf(proxy.connectTargets()));
    String seen = proxy.everythingSeen();
    assertTrue(proxy.carried().length() > 0, "nothing went through the tunnels");
    assertNoSecretIn(seen, "what the proxy saw");
    assertFalse(seen.contains("oauth_"), "the proxy saw the Commerce signature in clear");
    assertFalse(seen.contains("ORG1@AdobeOrg"), "the proxy saw the matcher's headers in clear");
  }

  @Test
  void everyCheckThatCallsOutPassesOnlyThroughTheProxyAndTheProxySeesNoSecret() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open()) {
      PreflightReport report = run(HttpProxy.of(proxy.uri()), ca.clientContext());

      assertEveryCheckPassedThroughTheProxy(report, proxy, false);
    }
  }

  @Test
  void theProxysCredentialsAreAccepted() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD)) {
      PreflightReport report =
          run(
              HttpProxy.of(proxy.uri()).withCredentials(PROXY_USER, PROXY_PASSWORD),
              ca.clientContext());

      assertEveryCheckPassedThroughTheProxy(report, proxy, true);
      assertFalse(report.toText().contains(PROXY_PASSWORD), report.toText());
    }
  }

  @Test
  void aProxyAskingForCredentialsFailsEveryCheckThatCallsOutNamingTheProxy() {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD)) {
      PreflightReport report = run(HttpProxy.of(proxy.uri()), ca.clientContext());

      assertEquals(CheckStatus.FAIL, report.verdict(), report.toText());
      assertAll(
          CALLING_OUT.stream()
              .map(
                  id ->
                      () -> {
                        CheckResult check = check(report, id);
                        assertEquals(CheckStatus.FAIL, check.status(), check.toString());
                        assertTrue(
                            check.evidence().contains("the proxy " + proxy.hostAndPort()),
                            check.toString());
                        assertTrue(
                            check.remediation().orElse("").startsWith("the HTTP proxy named"),
                            "the remediation blames the checked host, not the proxy: " + check);
                      }));
      CheckResult withoutToken = check(report, "matcher.tokenRequired");
      assertEquals(CheckStatus.SKIPPED, withoutToken.status(), report.toText());
      assertTrue(
          withoutToken.evidence().contains("the proxy " + proxy.hostAndPort()),
          withoutToken.toString());
      assertEquals(0, requestsReceived());
      assertEquals(allHosts(), Set.copyOf(proxy.connectTargets()));
    }
  }

  @Test
  void theTestCaIsRefusedWithoutTheSslContextCheckByCheck() {
    try (TunnelProxy proxy = TunnelProxy.open()) {
      PreflightReport report = run(HttpProxy.of(proxy.uri()), null);

      assertEquals(CheckStatus.FAIL, report.verdict(), report.toText());
      assertAll(
          CALLING_OUT.stream()
              .map(
                  id ->
                      () -> {
                        CheckResult check = check(report, id);
                        assertEquals(CheckStatus.FAIL, check.status(), check.toString());
                        assertTrue(
                            TLS.matcher(check.evidence()).find(), "not a TLS failure: " + check);
                        assertFalse(
                            check.evidence().contains(proxy.hostAndPort()),
                            "the target's TLS failure blamed on the proxy: " + check);
                      }));
      assertEquals(0, requestsReceived());
      assertEquals(allHosts(), Set.copyOf(proxy.connectTargets()));
    }
  }
}
