package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import dev.ares.core.TransportFailure;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The credentials check (its builder's {@code proxy(...)} and {@code sslContext(...)}) and the
 * catalog lookup (its {@code httpOptions(...)}) through a real CONNECT proxy to a loopback HTTPS
 * store only a test CA signs, seen from the proxy's side: the signed call goes only through the
 * tunnel and the proxy sees none of the four credentials; a proxy asking for credentials is a
 * STORE_NOT_REACHED verdict of PROXY_REFUSED naming the proxy, and its credentials, when given, are
 * accepted; the test CA is refused without the SSL context.
 */
class ProxyAndTlsTest {

  private static final CommerceCredentialsInput CREDENTIALS = TestCredentials.DISTINCT;
  private static final List<String> SECRETS =
      List.of(
          CREDENTIALS.consumerKey(),
          CREDENTIALS.consumerSecret(),
          CREDENTIALS.accessToken(),
          CREDENTIALS.accessTokenSecret());
  private static final String PROXY_USER = "svc-commerce";
  private static final String PROXY_PASSWORD = "proxy-pass-51ab";

  /** One product page: the check reads it as a product page, the lookup finds its SKU. */
  private static final String PAGE = "{\"items\":[{\"sku\":\"24-MB01\"}],\"total_count\":1}";

  /** The two clients, each run once; {@code null} when it got its answer, else why not. */
  enum Client {
    CREDENTIALS_CHECK {
      @Override
      CredentialsCheckResult run(String baseUrl, HttpProxy proxy, SSLContext tls) {
        try (CommerceCredentialsCheck check =
            CommerceCredentialsCheck.builder()
                .baseUrl(baseUrl)
                .credentials(CREDENTIALS)
                .proxy(proxy)
                .sslContext(tls)
                .build()) {
          CredentialsCheckResult result = check.run();
          return result.isOk() ? null : result;
        }
      }
    },
    CATALOG_LOOKUP {
      @Override
      CredentialsCheckResult run(String baseUrl, HttpProxy proxy, SSLContext tls) {
        HttpOptions http =
            CommerceCredentialsCheck.defaultHttpOptions().withProxy(proxy).withSslContext(tls);
        try (CommerceCatalogLookup lookup =
            CommerceCatalogLookup.builder()
                .baseUrl(baseUrl)
                .credentials(CREDENTIALS)
                .httpOptions(http)
                .build()) {
          CatalogLookupResult result = lookup.lookUp(List.of("24-MB01", "24-MB02"));
          if (result.isComplete()) {
            assertEquals(List.of("24-MB01"), result.found());
            return null;
          }
          return result.failure().get();
        }
      }
    };

    abstract CredentialsCheckResult run(String baseUrl, HttpProxy proxy, SSLContext tls);
  }

  private final TestCa ca = TestCa.forLoopback();
  private MockWebServer store;

  @BeforeEach
  void start() throws Exception {
    store = new MockWebServer();
    store.useHttps(ca.serverSocketFactory());
    store.start();
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private String baseUrl() {
    return "https://localhost:" + store.getPort();
  }

  private String storeHost() {
    return "localhost:" + store.getPort();
  }

  private static MockResponse page() {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/json")
        .body(PAGE)
        .build();
  }

  private static void assertNoSecretIn(String text, String where) {
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), where + " holds a credential: " + secret);
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void readsTheStoreOnlyThroughTheTunnelAndTheProxySeesNoCredential(Client client)
      throws Exception {
    store.enqueue(page());
    try (TunnelProxy proxy = TunnelProxy.open()) {
      CredentialsCheckResult failure =
          client.run(baseUrl(), HttpProxy.of(proxy.uri()), ca.clientContext());

      assertNull(failure, () -> "the store was not read: " + failure);
      assertEquals(List.of(storeHost()), proxy.connectTargets());
      assertEquals(1, proxy.seen().size(), "the proxy got something but the CONNECT");
      RecordedRequest request = store.takeRequest(5, TimeUnit.SECONDS);
      String authorization = request.getHeaders().get("Authorization");
      assertTrue(
          authorization.contains("oauth_consumer_key=\"" + CREDENTIALS.consumerKey() + "\""),
          authorization);
      assertTrue(
          authorization.contains("oauth_token=\"" + CREDENTIALS.accessToken() + "\""),
          authorization);
      String seen = proxy.everythingSeen();
      assertTrue(proxy.carried().length() > 0, "nothing went through the tunnel");
      assertNoSecretIn(seen, "what the proxy saw");
      assertFalse(seen.contains("oauth_"), "the proxy saw the signature in clear");
      assertFalse(seen.contains("/rest/V1/products"), "the proxy saw the request in clear");
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void aProxyAskingForCredentialsIsProxyRefusedNamingTheProxy(Client client) {
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD)) {
      CredentialsCheckResult failure =
          client.run(baseUrl(), HttpProxy.of(proxy.uri()), ca.clientContext());

      assertEquals(CredentialsVerdict.STORE_NOT_REACHED, failure.verdict(), failure.toString());
      assertEquals(TransportFailure.PROXY_REFUSED, failure.transportFailure().orElseThrow());
      assertTrue(failure.message().contains("the proxy " + proxy.hostAndPort()), failure.message());
      assertTrue(failure.message().contains("407"), failure.message());
      assertEquals(1, failure.attempts(), "a refusing proxy is not asked again");
      assertNoSecretIn(failure.toString(), "the result");
      assertFalse(failure.toString().contains(PROXY_PASSWORD), failure.toString());
      assertEquals(List.of(storeHost()), proxy.connectTargets());
      assertEquals(0, store.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void theProxysCredentialsAreAcceptedAndGoToTheProxyOnly(Client client) throws Exception {
    store.enqueue(page());
    try (TunnelProxy proxy = TunnelProxy.requiringCredentials(PROXY_USER, PROXY_PASSWORD)) {
      HttpProxy withCredentials =
          HttpProxy.of(proxy.uri()).withCredentials(PROXY_USER, PROXY_PASSWORD);

      CredentialsCheckResult failure = client.run(baseUrl(), withCredentials, ca.clientContext());

      assertNull(failure, () -> "the store was not read: " + failure);
      List<TunnelProxy.Seen> seen = proxy.seen();
      assertEquals(2, seen.size(), "a challenge, then the credentials: " + seen);
      assertFalse(seen.get(0).headers().containsKey("Proxy-Authorization"));
      assertTrue(seen.get(1).headers().containsKey("Proxy-Authorization"));
      RecordedRequest request = store.takeRequest(5, TimeUnit.SECONDS);
      assertNull(request.getHeaders().get("Proxy-Authorization"));
      assertNoSecretIn(proxy.everythingSeen(), "what the proxy saw");
    }
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void theTestCaIsRefusedWithoutTheSslContextThroughTheProxyToo(Client client) {
    try (TunnelProxy proxy = TunnelProxy.open()) {
      CredentialsCheckResult failure = client.run(baseUrl(), HttpProxy.of(proxy.uri()), null);

      assertEquals(CredentialsVerdict.STORE_NOT_REACHED, failure.verdict(), failure.toString());
      assertEquals(TransportFailure.TLS, failure.transportFailure().orElseThrow());
      assertTrue(failure.message().contains(storeHost()), failure.message());
      assertFalse(failure.message().contains(proxy.hostAndPort()), failure.message());
      assertNoSecretIn(failure.toString(), "the result");
      assertFalse(proxy.connectTargets().isEmpty(), "the client did not use the proxy");
      assertEquals(0, store.getRequestCount());
    }
  }
}
