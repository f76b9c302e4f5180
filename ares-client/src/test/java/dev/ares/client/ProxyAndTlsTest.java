package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.RegisterTenantResult;
import dev.ares.core.AresTransportException;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ARES client, blocking and async, through the public builder's {@code proxy(...)} and {@code
 * sslContext(...)}, to a loopback HTTPS endpoint only a test CA signs, seen from a real CONNECT
 * proxy's side: the call goes only through the tunnel and the proxy sees no secret; a proxy asking
 * for credentials is a typed failure naming the proxy, and its credentials, when given, are
 * accepted; the test CA is refused without the SSL context.
 */
@ParameterizedClass
@EnumSource(CallStyle.class)
class ProxyAndTlsTest {

  @Parameter CallStyle style;

  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-42\",\"userErrors\":[]}}}";
  private static final String PROXY_USER = "svc-ares";
  private static final String PROXY_PASSWORD = "proxy-pass-9c2e";

  private final TestCa ca = TestCa.forLoopback();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private MockWebServer target;

  @BeforeEach
  void start() throws Exception {
    target = new MockWebServer();
    target.useHttps(ca.serverSocketFactory());
    target.start();
    closeables.add(target);
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
  }

  private String targetHost() {
    return "localhost:" + target.getPort();
  }

  private TunnelProxy proxy(TunnelProxy proxy) {
    closeables.add(proxy);
    return proxy;
  }

  private AresClient client(HttpProxy proxy, boolean trustTheTestCa) {
    AresClientBuilder builder =
        AresClient.builder()
            .endpoint("https://localhost:" + target.getPort() + "/graphql")
            .apiKey(Fixtures.API_KEY)
            .environmentId("env-123")
            .gatewaySignature(Fixtures.JWT)
            .connectTimeout(Duration.ofSeconds(5))
            .retryPolicy(
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(2))
                    .build())
            .proxy(proxy);
    if (trustTheTestCa) {
      builder.sslContext(ca.clientContext());
    }
    AresClient client = style.calling(builder.build());
    closeables.add(client);
    return client;
  }

  private static MockResponse success() {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(SUCCESS)
        .build();
  }

  private static void assertNoSecretIn(String text, String where) {
    for (String secret : Fixtures.SECRETS) {
      assertFalse(text.contains(secret), where + " holds a secret: " + secret);
    }
  }

  @Test
  void registersOnlyThroughTheTunnelAndTheProxySeesNoSecret() throws Exception {
    target.enqueue(success());
    TunnelProxy proxy = proxy(TunnelProxy.open());

    RegisterTenantResult result =
        client(HttpProxy.of(proxy.uri()), true).registerTenant(Fixtures.tenant());

    assertEquals("t-42", result.requireTenantId());
    assertEquals(List.of(targetHost()), proxy.connectTargets());
    assertEquals(1, proxy.seen().size(), "the proxy got something but the CONNECT");
    RecordedRequest request = target.takeRequest(5, TimeUnit.SECONDS);
    assertEquals(Fixtures.API_KEY, request.getHeaders().get("x-api-key"));
    assertEquals(Fixtures.JWT, request.getHeaders().get("x-gw-signature"));
    assertTrue(request.getBody().string(StandardCharsets.UTF_8).contains(Fixtures.CONSUMER_SECRET));
    String seen = proxy.everythingSeen();
    assertTrue(proxy.carried().length() > 0, "nothing went through the tunnel");
    assertNoSecretIn(seen, "what the proxy saw");
    assertFalse(seen.contains("x-api-key"), "the proxy saw a request header in clear");
    assertFalse(seen.contains("registerTenant"), "the proxy saw the mutation in clear");
  }

  @Test
  void aProxyAskingForCredentialsIsATypedFailureNamingTheProxy() {
    TunnelProxy proxy = proxy(TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD));
    AresClient client = client(HttpProxy.of(proxy.uri()), true);

    AresTransportException e =
        assertThrows(AresTransportException.class, () -> client.registerTenant(Fixtures.tenant()));

    assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
    assertEquals(proxy.hostAndPort(), e.host());
    assertTrue(e.getMessage().contains("the proxy " + proxy.hostAndPort()), e.getMessage());
    assertTrue(e.getMessage().contains("407"), e.getMessage());
    assertFalse(e.requestSent());
    assertEquals(1, e.attempts(), "a refusing proxy is not asked again");
    assertNoSecretIn(e.getMessage(), "the message");
    assertEquals(List.of(targetHost()), proxy.connectTargets());
    assertEquals(0, target.getRequestCount());
  }

  @Test
  void theProxysCredentialsAreAcceptedAndGoToTheProxyOnly() throws Exception {
    target.enqueue(success());
    TunnelProxy proxy = proxy(TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD));
    HttpProxy withCredentials =
        HttpProxy.of(proxy.uri()).withCredentials(PROXY_USER, PROXY_PASSWORD);

    RegisterTenantResult result = client(withCredentials, true).registerTenant(Fixtures.tenant());

    assertEquals("t-42", result.requireTenantId());
    List<TunnelProxy.Seen> seen = proxy.seen();
    assertEquals(2, seen.size(), "a challenge, then the credentials: " + seen);
    assertFalse(seen.get(0).headers().containsKey("Proxy-Authorization"));
    assertTrue(seen.get(1).headers().containsKey("Proxy-Authorization"));
    assertEquals(List.of(targetHost(), targetHost()), proxy.connectTargets());
    RecordedRequest request = target.takeRequest(5, TimeUnit.SECONDS);
    assertNull(request.getHeaders().get("Proxy-Authorization"));
    assertEquals(Fixtures.API_KEY, request.getHeaders().get("x-api-key"));
    assertNoSecretIn(proxy.everythingSeen(), "what the proxy saw");
  }

  @Test
  void theTestCaIsRefusedWithoutTheSslContextThroughTheProxyToo() {
    TunnelProxy proxy = proxy(TunnelProxy.open());
    AresClient client = client(HttpProxy.of(proxy.uri()), false);

    AresTransportException e =
        assertThrows(AresTransportException.class, () -> client.registerTenant(Fixtures.tenant()));

    assertEquals(TransportFailure.TLS, e.failure(), e.getMessage());
    assertEquals(targetHost(), e.host(), "the TLS failure is the target's, not the proxy's");
    assertFalse(e.requestSent());
    assertNoSecretIn(e.getMessage(), "the message");
    assertFalse(proxy.connectTargets().isEmpty(), "the client did not use the proxy");
    assertEquals(0, target.getRequestCount());
    assertNoSecretIn(proxy.everythingSeen(), "what the proxy saw");
  }
}
