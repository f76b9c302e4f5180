package dev.ares.matching;

import static dev.ares.matching.ExternalMatcherFailuresTest.A2P;
import static dev.ares.matching.ExternalMatcherFailuresTest.ASSET;
import static dev.ares.matching.ExternalMatcherFailuresTest.SECRET;
import static dev.ares.matching.ExternalMatcherFailuresTest.TOKEN;
import static dev.ares.matching.ExternalMatcherFailuresTest.json;
import static dev.ares.matching.ExternalMatcherFailuresTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresTransportException;
import dev.ares.core.HttpProxy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The external matcher, blocking and async, through its builder's {@code proxy(...)} and {@code
 * sslContext(...)} (and {@link AssetMatchers#forRule} through {@code httpOptions}), to an IMS token
 * endpoint and an action on two loopback HTTPS servers only a test CA signs, seen from a real
 * CONNECT proxy's side: the token call and the action call each go only through a tunnel to their
 * own host, and the proxy sees neither the client secret nor the token; a proxy asking for
 * credentials is a typed failure naming the proxy, and its credentials, when given, are accepted;
 * the test CA is refused without the SSL context.
 */
class ProxyAndTlsTest {

  /** The two ways to ask the matcher. */
  enum Driver {
    BLOCKING,
    ASYNC;

    AssetToProductResult match(ExternalMatcher matcher) {
      if (this == BLOCKING) {
        return matcher.matchAsset(ASSET);
      }
      try {
        return matcher.matchAssetAsync(ASSET).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw (RuntimeException) e.getCause();
      } catch (InterruptedException | TimeoutException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final String CLIENT_ID = "client-id-4f0e";
  private static final String ORG = "ORG1@AdobeOrg";
  private static final List<String> SECRETS = List.of(SECRET, TOKEN);
  private static final String PROXY_USER = "svc-matcher";
  private static final String PROXY_PASSWORD = "proxy-pass-77d0";

  private final TestCa ca = TestCa.forLoopback();
  private MockWebServer ims;
  private MockWebServer action;

  @BeforeEach
  void start() throws Exception {
    ims = https(path -> path.equals("/ims/token/v3") ? token() : json(404, "{}"));
    action = https(path -> path.equals("/a2p") ? json(200, A2P) : json(404, "{}"));
  }

  @AfterEach
  void stop() {
    ims.close();
    action.close();
  }

  private MockWebServer https(java.util.function.Function<String, MockResponse> answers)
      throws Exception {
    MockWebServer server = new MockWebServer();
    server.useHttps(ca.serverSocketFactory());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return answers.apply(request.getUrl().encodedPath());
          }
        });
    server.start();
    return server;
  }

  private static String host(MockWebServer server) {
    return "localhost:" + server.getPort();
  }

  private ExternalMatcherInput rule() {
    String actions = "https://" + host(action);
    return ExternalMatcherInput.builder()
        .assetToProductUrl(actions + "/a2p")
        .productToAssetUrl(actions + "/p2a")
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl("https://" + host(ims) + "/ims/token/v3")
                .clientId(CLIENT_ID)
                .clientSecret(SECRET)
                .imsOrgId(ORG)
                .build())
        .build();
  }

  private ExternalMatcher matcher(HttpProxy proxy, SSLContext tls) {
    return ExternalMatcher.builder()
        .rule(rule())
        .retryPolicy(TestPolicies.backoff(Duration.ofMillis(1)))
        .callTimeout(Duration.ofSeconds(20))
        .proxy(proxy)
        .sslContext(tls)
        .build();
  }

  private static void assertNoSecretIn(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), where + " holds a secret: " + secret);
    }
  }

  /** The token call and the action call reached their hosts with their secrets, in that order. */
  private void assertBothReachedWithTheirSecrets() throws Exception {
    RecordedRequest tokenRequest = ims.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/ims/token/v3", tokenRequest.getUrl().encodedPath());
    assertTrue(
        tokenRequest.getBody().string(StandardCharsets.UTF_8).contains(SECRET),
        "IMS did not get the client secret");
    RecordedRequest actionRequest = action.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("/a2p", actionRequest.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, actionRequest.getHeaders().get("Authorization"));
    assertNull(tokenRequest.getHeaders().get("Proxy-Authorization"));
    assertNull(actionRequest.getHeaders().get("Proxy-Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void tokenAndActionGoOnlyThroughTheirTunnelsAndTheProxySeesNoSecret(Driver driver)
      throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open();
        ExternalMatcher matcher = matcher(HttpProxy.of(proxy.uri()), ca.clientContext())) {
      AssetToProductResult result = driver.match(matcher);

      assertEquals("sku-7", result.productMatches().get(0).productSku());
      assertEquals(List.of(host(ims), host(action)), proxy.connectTargets());
      assertEquals(2, proxy.seen().size(), "the proxy got something but the CONNECTs");
      assertBothReachedWithTheirSecrets();
      String seen = proxy.everythingSeen();
      assertTrue(proxy.carried().length() > 0, "nothing went through the tunnels");
      assertNoSecretIn(seen, "what the proxy saw");
      assertFalse(seen.contains(CLIENT_ID), "the proxy saw the token form in clear");
      assertFalse(seen.contains(ORG), "the proxy saw the action's headers in clear");
      assertFalse(seen.contains("urn:aaid:aem:1"), "the proxy saw the asset in clear");
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void aProxyAskingForCredentialsIsATypedFailureNamingTheProxy(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD);
        ExternalMatcher matcher = matcher(HttpProxy.of(proxy.uri()), ca.clientContext())) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> driver.match(matcher));

      assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
      assertEquals(proxy.hostAndPort(), e.host());
      assertTrue(e.getMessage().contains("the proxy " + proxy.hostAndPort()), e.getMessage());
      assertTrue(e.getMessage().contains("407"), e.getMessage());
      assertTrue(e.getMessage().contains("IMS at " + host(ims)), "not IMS's: " + e.getMessage());
      assertFalse(e.requestSent());
      assertEquals(1, e.attempts(), "a refusing proxy is not asked again");
      assertNoSecretIn(e.getMessage(), "the message");
      assertEquals(List.of(host(ims)), proxy.connectTargets(), "the token is asked for first");
      assertEquals(0, ims.getRequestCount());
      assertEquals(0, action.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void theProxysCredentialsAreAcceptedAndGoToTheProxyOnly(Driver driver) throws Exception {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD);
        ExternalMatcher matcher =
            matcher(
                HttpProxy.of(proxy.uri()).withCredentials(PROXY_USER, PROXY_PASSWORD),
                ca.clientContext())) {
      AssetToProductResult result = driver.match(matcher);

      assertEquals("sku-7", result.productMatches().get(0).productSku());
      List<TunnelProxy.Seen> seen = proxy.seen();
      assertFalse(seen.get(0).headers().containsKey("Proxy-Authorization"), "asked unasked");
      assertTrue(
          seen.get(seen.size() - 1).headers().containsKey("Proxy-Authorization"),
          "the credentials were not given: " + seen);
      assertEquals(
          List.of(host(ims), host(action)),
          proxy.connectTargets().stream().distinct().toList(),
          "each host through its own tunnel, IMS first");
      assertBothReachedWithTheirSecrets();
      assertNoSecretIn(proxy.everythingSeen(), "what the proxy saw");
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void theTestCaIsRefusedWithoutTheSslContextThroughTheProxyToo(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.open();
        ExternalMatcher matcher = matcher(HttpProxy.of(proxy.uri()), null)) {
      AresTransportException e =
          assertThrows(AresTransportException.class, () -> driver.match(matcher));

      assertEquals(TransportFailure.TLS, e.failure(), e.getMessage());
      assertEquals(host(ims), e.host(), "the TLS failure is IMS's, not the proxy's");
      assertFalse(e.requestSent());
      assertNoSecretIn(e.getMessage(), "the message");
      assertFalse(proxy.connectTargets().isEmpty(), "the matcher did not use the proxy");
      assertEquals(0, ims.getRequestCount());
      assertEquals(0, action.getRequestCount());
    }
  }

  @Test
  void aMatcherForARuleTakesTheProxyAndTlsThroughItsHttpOptions() throws Exception {
    try (TunnelProxy proxy = TunnelProxy.open();
        AssetMatcher matcher =
            AssetMatchers.forRule(
                rule(),
                ExternalMatcher.defaultHttpOptions()
                    .withProxy(HttpProxy.of(proxy.uri()))
                    .withSslContext(ca.clientContext()))) {
      assertEquals("sku-7", matcher.matchAsset(ASSET).productMatches().get(0).productSku());

      assertEquals(List.of(host(ims), host(action)), proxy.connectTargets());
      assertBothReachedWithTheirSecrets();
      assertNoSecretIn(proxy.everythingSeen(), "what the proxy saw");
    }
  }
}
