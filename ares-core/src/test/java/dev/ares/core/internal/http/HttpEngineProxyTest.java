package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.HttpCallInfo;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both engine drivers through a real CONNECT proxy to a loopback HTTPS target that only a test CA
 * signs: the tunnel is seen from the proxy's side, the proxy carries no secret in clear, a refusing
 * proxy (407, 403) or an unreachable one is a typed failure naming the proxy, and the TLS context
 * decides trust, through the proxy or not, with host names always verified.
 */
class HttpEngineProxyTest {

  /** The two ways the engine runs a call. */
  enum Driver {
    BLOCKING,
    ASYNC;

    HttpAnswer run(HttpEngine engine, HttpCall call) {
      if (this == BLOCKING) {
        return engine.execute(call);
      }
      try {
        return engine.executeAsync(call).get(20, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw (RuntimeException) e.getCause();
      } catch (InterruptedException | TimeoutException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static final String SECRET = "s3cret-api-key-7f1c";

  private final TestCa ca = TestCa.forLoopback();
  private MockWebServer target;
  private URI uri;

  @BeforeEach
  void start() throws IOException {
    target = new MockWebServer();
    target.useHttps(ca.serverSocketFactory());
    target.start();
    uri = URI.create("https://localhost:" + target.getPort() + "/graphql");
  }

  @AfterEach
  void stop() {
    target.close();
  }

  private static HttpEngine engine(HttpProxy proxy, SSLContext tls) {
    return new HttpEngine(
        "ares-proxy-test-deadlines",
        HttpOptions.builder()
            .connectTimeout(Duration.ofSeconds(2))
            .attemptTimeout(Duration.ofSeconds(10))
            .proxy(proxy)
            .sslContext(tls)
            .build(),
        null,
        null,
        4,
        4);
  }

  private HttpCall post() {
    return post(HttpEventListener.none());
  }

  private HttpCall post(HttpEventListener listener) {
    return HttpCall.to(
            "ARES",
            uri,
            () -> {
              HttpPost post = new HttpPost(uri);
              post.setHeader("x-api-key", SECRET);
              post.setEntity(
                  new ByteArrayEntity(
                      ("{\"secret\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8),
                      ContentType.APPLICATION_JSON));
              return post;
            })
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(1))
                .build())
        .idempotent(true)
        .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20))
        .events(listener, "test", "post")
        .build();
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void reachesTheTargetOnlyThroughTheTunnelAndTheProxySeesNoSecret(Driver driver) throws Exception {
    target.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());
    try (TunnelProxy proxy = TunnelProxy.open();
        HttpEngine engine = engine(HttpProxy.of(proxy.uri()), ca.clientContext())) {
      HttpAnswer answer = driver.run(engine, post());

      assertEquals(200, answer.status());
      assertEquals(List.of("localhost:" + target.getPort()), proxy.connectTargets());
      RecordedRequest recorded = target.takeRequest();
      assertEquals(SECRET, recorded.getHeaders().get("x-api-key"));
      String seen = proxy.everythingSeen();
      assertFalse(seen.contains(SECRET), "the proxy saw the API key in clear");
      assertFalse(seen.contains("x-api-key"), "the proxy saw a request header in clear");
      assertTrue(proxy.carried().length() > 0, "nothing went through the tunnel");
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void aProxyAskingForCredentialsIsATypedFailureNamingTheProxyAndNotRetried(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials("svc", "proxy-pass-9");
        HttpEngine engine = engine(HttpProxy.of(proxy.uri()), ca.clientContext())) {
      List<String> events = new CopyOnWriteArrayList<>();
      HttpEventListener recording =
          new HttpEventListener() {
            @Override
            public void attemptFailed(
                HttpCallInfo call, int attempt, TransportFailure failure, Duration elapsed) {
              events.add("attemptFailed " + failure);
            }

            @Override
            public void responseReceived(
                HttpCallInfo call, int attempt, int status, Duration elapsed, String requestId) {
              events.add("responseReceived " + status);
            }
          };
      HttpCallException e =
          assertThrows(HttpCallException.class, () -> driver.run(engine, post(recording)));

      assertEquals(List.of("attemptFailed PROXY_REFUSED"), events, "the proxy's 407 is no answer");
      assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
      assertEquals(proxy.hostAndPort(), e.host("localhost:" + target.getPort()));
      assertTrue(e.getMessage().contains("the proxy " + proxy.hostAndPort()), e.getMessage());
      assertTrue(e.getMessage().contains("407"), e.getMessage());
      assertFalse(e.requestSent());
      assertEquals(1, e.attempts());
      assertFalse(proxy.connectTargets().isEmpty(), "the proxied engine did not use the proxy");
      assertEquals(0, target.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void proxyCredentialsGoToTheProxyOnlyWhenItAsks(Driver driver) throws Exception {
    target.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials("svc", "proxy-pass-9");
        HttpEngine engine =
            engine(
                HttpProxy.of(proxy.uri()).withCredentials("svc", "proxy-pass-9"),
                ca.clientContext())) {
      assertEquals(200, driver.run(engine, post()).status());

      List<TunnelProxy.Seen> seen = proxy.seen();
      assertEquals(2, seen.size(), "a challenge, then the credentials: " + seen);
      assertFalse(seen.get(0).headers().containsKey("Proxy-Authorization"));
      assertTrue(seen.get(1).headers().containsKey("Proxy-Authorization"));
      RecordedRequest recorded = target.takeRequest();
      assertEquals(null, recorded.getHeaders().get("Proxy-Authorization"));
      assertEquals(null, recorded.getHeaders().get("Authorization"));
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void wrongProxyCredentialsAreTriedOnceThenATypedFailure(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials("svc", "proxy-pass-9");
        HttpEngine engine =
            engine(
                HttpProxy.of(proxy.uri()).withCredentials("svc", "wrong-pass-1"),
                ca.clientContext())) {
      HttpCallException e = assertThrows(HttpCallException.class, () -> driver.run(engine, post()));

      assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
      assertEquals(proxy.hostAndPort(), e.proxy());
      assertFalse(e.getMessage().contains("wrong-pass-1"), e.getMessage());
      assertEquals(2, proxy.seen().size(), "a challenge, then the wrong credentials, then none");
      assertEquals(0, target.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void aProxyRefusingTheTunnelIsATypedFailureNamingTheProxy(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.refusingEverything();
        HttpEngine engine = engine(HttpProxy.of(proxy.uri()), ca.clientContext())) {
      HttpCallException e = assertThrows(HttpCallException.class, () -> driver.run(engine, post()));

      assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
      assertEquals(proxy.hostAndPort(), e.proxy());
      assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
      assertEquals(0, target.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void anUnreachableProxyIsNamedNotTheTarget(Driver driver) throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (HttpEngine engine =
        engine(HttpProxy.of("http://127.0.0.1:" + closedPort), ca.clientContext())) {
      HttpCallException e = assertThrows(HttpCallException.class, () -> driver.run(engine, post()));

      assertEquals(TransportFailure.CONNECT_REFUSED, e.failure());
      assertEquals("127.0.0.1:" + closedPort, e.host("localhost:" + target.getPort()));
      assertTrue(
          e.getMessage().contains("through the proxy 127.0.0.1:" + closedPort), e.getMessage());
      assertFalse(e.requestSent());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void aCertificateOnlyTheTestCaSignsIsRefusedByDefaultThroughTheProxyToo(Driver driver) {
    try (TunnelProxy proxy = TunnelProxy.open();
        HttpEngine direct = engine(HttpProxy.none(), null);
        HttpEngine proxied = engine(HttpProxy.of(proxy.uri()), null)) {
      for (HttpEngine engine : List.of(direct, proxied)) {
        HttpCallException e =
            assertThrows(HttpCallException.class, () -> driver.run(engine, post()));
        assertEquals(TransportFailure.TLS, e.failure(), e.getMessage());
        assertEquals("localhost:" + target.getPort(), e.host("localhost:" + target.getPort()));
        assertFalse(e.requestSent());
      }
      assertFalse(proxy.connectTargets().isEmpty(), "the proxied engine did not use the proxy");
      assertEquals(0, target.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void hostNamesAreVerifiedEvenWithTheCaTrusted(Driver driver) throws IOException {
    TestCa otherName = TestCa.forHost("ares.example");
    try (MockWebServer misnamed = new MockWebServer()) {
      misnamed.useHttps(otherName.serverSocketFactory());
      misnamed.start();
      URI wrongHost = URI.create("https://localhost:" + misnamed.getPort() + "/graphql");
      HttpCall call =
          HttpCall.to("ARES", wrongHost, () -> new HttpPost(wrongHost))
              .retryPolicy(RetryPolicy.none())
              .build();
      try (HttpEngine engine = engine(HttpProxy.none(), otherName.clientContext())) {
        HttpCallException e = assertThrows(HttpCallException.class, () -> driver.run(engine, call));
        assertEquals(TransportFailure.TLS, e.failure(), e.getMessage());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void followsTheJvmProxyPropertiesByDefault(Driver driver) throws Exception {
    target.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    String[] keys = {"https.proxyHost", "https.proxyPort", "http.nonProxyHosts"};
    String[] before = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      before[i] = System.getProperty(keys[i]);
    }
    try (TunnelProxy proxy = TunnelProxy.open()) {
      System.setProperty("https.proxyHost", "127.0.0.1");
      System.setProperty("https.proxyPort", String.valueOf(proxy.port()));
      // Empty: the JDK then proxies loopback too (any other list gets loopback appended to it).
      System.setProperty("http.nonProxyHosts", "");
      try (HttpEngine engine = engine(HttpProxy.jvmDefault(), ca.clientContext())) {
        assertEquals(200, driver.run(engine, post()).status());
      }
      assertEquals(List.of("localhost:" + target.getPort()), proxy.connectTargets());
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (before[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], before[i]);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Driver.class)
  void aSelectorChoosesPerTargetAndSocksIsRefusedByName(Driver driver) throws Exception {
    target.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    try (TunnelProxy proxy = TunnelProxy.open()) {
      ProxySelector viaProxy =
          ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", proxy.port()));
      try (HttpEngine engine = engine(HttpProxy.selector(viaProxy), ca.clientContext())) {
        assertEquals(200, driver.run(engine, post()).status());
      }
      assertEquals(1, proxy.connectTargets().size());
    }
    ProxySelector socks =
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            return List.of(
                new Proxy(Proxy.Type.SOCKS, new java.net.InetSocketAddress("127.0.0.1", 1080)));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        };
    try (HttpEngine engine = engine(HttpProxy.selector(socks), ca.clientContext())) {
      HttpCallException e = assertThrows(HttpCallException.class, () -> driver.run(engine, post()));
      assertEquals(TransportFailure.PROXY_REFUSED, e.failure());
      assertTrue(e.getMessage().contains("SOCKS"), e.getMessage());
      assertEquals(1, e.attempts());
    }
  }
}
