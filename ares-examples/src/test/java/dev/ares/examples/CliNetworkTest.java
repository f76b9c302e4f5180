package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.HttpProxy;
import dev.ares.core.testsupport.TestCa;
import dev.ares.core.testsupport.TunnelProxy;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's proxy and TLS settings: {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY}
 * (the JVM's proxy properties winning over them), and a PKCS12 trust store in {@code
 * ARES_TRUST_STORE}; then {@code register} through a real CONNECT proxy to an HTTPS ARES that only
 * a test CA signs, as a service behind a company proxy runs it.
 */
class CliNetworkTest {

  private static final String HOST = "ares.test.example";
  private static final String API_KEY = "cli-api-key-5d2e";
  private static final String JWT = "cli-gw-signature-88aa";
  private static final String SUCCESS =
      "{\"data\":{\"registerTenant\":{\"tenantId\":\"t-proxy\",\"userErrors\":[]}}}";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static Properties noJvmProxy() {
    return new Properties();
  }

  private static InetSocketAddress chosen(HttpProxy proxy, String uri) {
    List<Proxy> offered = proxy.proxySelector().select(URI.create(uri));
    return offered.get(0).type() == Proxy.Type.DIRECT
        ? null
        : (InetSocketAddress) offered.get(0).address();
  }

  @Test
  void theEnvironmentsProxiesApplyPerSchemeAndNoProxyAndLoopbackGoDirect() {
    CliNetwork network =
        CliNetwork.from(
            Map.of(
                "HTTPS_PROXY", "http://secure-proxy:3129",
                "HTTP_PROXY", "plain-proxy:3128",
                "NO_PROXY", " .internal.example, store.corp:443 ,10.1.2.3"),
            noJvmProxy());
    HttpProxy proxy = network.proxy();

    assertEquals(
        "secure-proxy", chosen(proxy, "https://commerce.adobe.io/graphql").getHostString());
    assertEquals(3129, chosen(proxy, "https://commerce.adobe.io/graphql").getPort());
    assertEquals("plain-proxy", chosen(proxy, "http://example.com/").getHostString());
    assertNull(chosen(proxy, "https://ims.internal.example/token"));
    assertNull(chosen(proxy, "https://internal.example/"));
    assertNull(chosen(proxy, "https://store.corp/rest"));
    assertNull(chosen(proxy, "https://10.1.2.3/"));
    assertNull(chosen(proxy, "http://127.0.0.1:8080/graphql"));
    assertNull(chosen(proxy, "http://localhost:8080/graphql"));
    assertNull(chosen(proxy, "http://[::1]:8080/graphql"));
    assertEquals("secure-proxy", chosen(proxy, "https://notinternal.example/").getHostString());
    assertTrue(network.proxies(URI.create("https://commerce.adobe.io/graphql")));
    assertFalse(network.proxies(URI.create("http://127.0.0.1:1/")));
  }

  @Test
  void lowerCaseWinsAsInCurlAndAStarBypassesEverything() {
    HttpProxy proxy =
        CliNetwork.from(
                Map.of(
                    "https_proxy", "http://lower:1",
                    "HTTPS_PROXY", "http://upper:2",
                    "no_proxy", "*"),
                noJvmProxy())
            .proxy();
    assertNull(chosen(proxy, "https://commerce.adobe.io/"));
    HttpProxy lower =
        CliNetwork.from(
                Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2"),
                noJvmProxy())
            .proxy();
    assertEquals("lower", chosen(lower, "https://commerce.adobe.io/").getHostString());
  }

  @Test
  void theJvmsProxyPropertiesWinOverTheEnvironment() {
    Properties jvm = new Properties();
    jvm.setProperty("https.proxyHost", "jvm-proxy");
    assertTrue(
        CliNetwork.from(Map.of("HTTPS_PROXY", "http://env-proxy:3128"), jvm)
            .proxy()
            .isJvmDefault());
    assertTrue(CliNetwork.from(Map.of(), noJvmProxy()).proxy().isJvmDefault());
  }

  @Test
  void credentialsInTheProxyUrlAreKeptAndNeverPrinted() {
    HttpProxy proxy =
        CliNetwork.from(Map.of("HTTPS_PROXY", "http://svc:pr0xy-pa55@proxy:3128"), noJvmProxy())
            .proxy();
    assertEquals("svc", proxy.username());
    assertEquals("pr0xy-pa55", proxy.password());
    assertFalse(proxy.toString().contains("pr0xy-pa55"), proxy.toString());
  }

  @Test
  void aBadProxyVariableIsNamedWithoutQuotingItsPassword() {
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () ->
                CliNetwork.from(
                    Map.of("HTTPS_PROXY", "https://svc:pr0xy-pa55@proxy:3128"), noJvmProxy()));
    assertTrue(e.getMessage().startsWith("HTTPS_PROXY: must start with http://"), e.getMessage());
    assertFalse(e.getMessage().contains("pr0xy-pa55"), e.getMessage());
  }

  @Test
  void aTrustStoreThatCannotBeReadIsNamed(@TempDir Path dir) throws Exception {
    Path notAStore = Files.writeString(dir.resolve("corp.p12"), "not pkcs12");
    BadInputException e =
        assertThrows(
            BadInputException.class,
            () -> CliNetwork.from(Map.of("ARES_TRUST_STORE", notAStore.toString()), noJvmProxy()));
    assertTrue(e.getMessage().startsWith("ARES_TRUST_STORE: " + notAStore), e.getMessage());
    BadInputException missing =
        assertThrows(
            BadInputException.class,
            () ->
                CliNetwork.from(
                    Map.of("ARES_TRUST_STORE", dir.resolve("none.p12").toString()), noJvmProxy()));
    assertTrue(missing.getMessage().contains("is not a file"), missing.getMessage());
  }

  @Test
  void registerGoesThroughTheEnvironmentsProxyAndTrustsTheCompanyCa(@TempDir Path dir)
      throws Exception {
    TestCa ca = TestCa.forHost(HOST);
    Path trustStore = trustStore(dir, ca, "changeit");
    try (MockWebServer ares = new MockWebServer();
        TunnelProxy proxy = TunnelProxy.open()) {
      ares.useHttps(ca.serverSocketFactory());
      ares.start();
      ares.enqueue(new MockResponse.Builder().code(200).body(SUCCESS).build());
      Map<String, String> env = env(ares, proxy);
      env.put("ARES_TRUST_STORE", trustStore.toString());
      env.put("ARES_TRUST_STORE_PASSWORD", "changeit");

      assertEquals(0, register(env, dir), err.toString(StandardCharsets.UTF_8));

      assertEquals("tenantId: t-proxy\n", out.toString(StandardCharsets.UTF_8));
      assertEquals(List.of(HOST + ":" + ares.getPort()), proxy.connectTargets());
      RecordedRequest request = ares.takeRequest();
      assertEquals(API_KEY, request.getHeaders().get("x-api-key"));
      String seen = proxy.everythingSeen();
      for (String secret : List.of(API_KEY, JWT, "consumerSecret", "x-api-key")) {
        assertFalse(seen.contains(secret), secret + " went through the proxy in clear");
      }
    }
  }

  @Test
  void withoutTheTrustStoreTheCompanyCaIsRefusedAsTls(@TempDir Path dir) throws Exception {
    TestCa ca = TestCa.forHost(HOST);
    try (MockWebServer ares = new MockWebServer();
        TunnelProxy proxy = TunnelProxy.open()) {
      ares.useHttps(ca.serverSocketFactory());
      ares.start();

      assertEquals(2, register(env(ares, proxy), dir));

      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.contains("TLS") || message.contains("SSL"), message);
      assertEquals(0, ares.getRequestCount());
    }
  }

  @Test
  void aProxyAskingForCredentialsIsNamedAndNothingReachesAres(@TempDir Path dir) throws Exception {
    TestCa ca = TestCa.forHost(HOST);
    try (MockWebServer ares = new MockWebServer();
        TunnelProxy proxy = TunnelProxy.requiringCredentials("svc", "right-pass")) {
      ares.useHttps(ca.serverSocketFactory());
      ares.start();
      Map<String, String> env = env(ares, proxy);
      env.put("ARES_TRUST_STORE", trustStore(dir, ca, "changeit").toString());
      env.put("ARES_TRUST_STORE_PASSWORD", "changeit");

      assertEquals(2, register(env, dir));

      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.contains("the proxy " + proxy.hostAndPort()), message);
      assertTrue(message.contains("407"), message);
      assertEquals(0, ares.getRequestCount());
    }
  }

  private int register(Map<String, String> env, Path dir) throws Exception {
    Path tenant = dir.resolve("tenant.json");
    Files.writeString(tenant, TenantFiles.readSample());
    return new RegisterCommand(env)
        .run(
            List.of(tenant.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Map<String, String> env(MockWebServer ares, TunnelProxy proxy) {
    Map<String, String> env = new HashMap<>();
    env.put("ARES_ENDPOINT", "https://" + HOST + ":" + ares.getPort() + "/graphql");
    env.put("ARES_API_KEY", API_KEY);
    env.put("ARES_ENVIRONMENT_ID", "env-1");
    env.put("ARES_GW_SIGNATURE", JWT);
    env.put("HTTPS_PROXY", proxy.uri().toString());
    return env;
  }

  private static Path trustStore(Path dir, TestCa ca, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("company-ca", ca.caCertificate());
    Path file = dir.resolve("company-ca.p12");
    try (OutputStream to = Files.newOutputStream(file)) {
      store.store(to, password.toCharArray());
    }
    return file;
  }
}
