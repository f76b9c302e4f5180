package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve-matcher} started in-process on port 0, called, and stopped. */
@Timeout(
    value = 60,
    threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // run() would serve until killed
class ServeMatcherCommandTest {

  private static final String KEY_NAME = "ims_na1-key-at-1.cer";
  private static final String CLIENT_ID =
      "sample-client-id"; // the bundled external-matcher tenant's

  @TempDir static Path dir;
  private static PrivateKey signingKey;
  private static HttpServer keyServer;
  private static final AtomicInteger keyFetches = new AtomicInteger();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An RSA key and its certificate made by keytool, served as IMS serves its key files. */
  @BeforeAll
  static void imsKeys() throws Exception {
    Path store = dir.resolve("ims.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-alias",
                "ims",
                "-dname",
                "CN=ims",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    keytool.getInputStream().transferTo(new ByteArrayOutputStream());
    assertTrue(
        keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made a key");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    signingKey = (PrivateKey) ks.getKey("ims", "changeit".toCharArray());
    Certificate certificate = ks.getCertificate("ims");
    byte[] pem =
        ("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n")
            .getBytes(StandardCharsets.US_ASCII);
    keyServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    keyServer.createContext(
        "/keys/" + KEY_NAME,
        exchange -> {
          keyFetches.incrementAndGet();
          exchange.sendResponseHeaders(200, pem.length);
          exchange.getResponseBody().write(pem);
          exchange.close();
        });
    keyServer.start();
  }

  @AfterAll
  static void stopKeys() {
    keyServer.stop(0);
  }

  private static String keysUrl() {
    return "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/keys/";
  }

  private static String token(String clientId) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertURL(URI.create(KEY_NAME)).build(),
            new JWTClaimsSet.Builder()
                .claim("type", "access_token")
                .claim("client_id", clientId)
                .claim("as", "ims-na1")
                .claim("created_at", Long.toString(Instant.now().minusSeconds(60).toEpochMilli()))
                .claim("expires_in", "86400000")
                .build());
    jwt.sign(new RSASSASigner(signingKey));
    return jwt.serialize();
  }

  private ServeMatcherCommand.Serving start(String... args) throws Exception {
    ServeMatcherCommand.Serving s =
        ServeMatcherCommand.start(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertNotNull(s, err.toString(StandardCharsets.UTF_8));
    return s;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private int call(ServeMatcherCommand.Serving s, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(s.server().productToAssetUrl()))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"productSku\":\"sku-7\"}"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static Path externalTenant() throws IOException {
    Path tenant = dir.resolve("tenant-external-matcher.json");
    if (!Files.exists(tenant)) {
      try (InputStream in =
          ServeMatcherCommandTest.class
              .getClassLoader()
              .getResourceAsStream("samples/tenant-external-matcher.json")) {
        Files.copy(in, tenant);
      }
    }
    return tenant;
  }

  @Test
  void anExternalMatcherTenantAcceptsOnlyTokensOfItsClient() throws Exception {
    String url;
    try (ServeMatcherCommand.Serving s =
        start(
            externalTenant().toString(),
            "--port",
            "0",
            "--ims-keys",
            keysUrl(),
            "--matcher",
            "demo")) {
      url = s.server().productToAssetUrl();
      assertTrue(
          out().contains("  asset-to-product: " + s.server().assetToProductUrl() + "\n"), out());
      assertTrue(out().contains("  product-to-asset: " + url + "\n"), out());
      assertTrue(
          out().contains("accepting only IMS access tokens issued to client " + CLIENT_ID), out());
      assertEquals(200, call(s, token(CLIENT_ID)));
      assertEquals(200, call(s, token(CLIENT_ID)));
      assertEquals(401, call(s, token("another-client")));
      assertEquals(401, call(s, null));
      assertEquals(401, call(s, "not-a-jwt"));
      assertEquals(1, keyFetches.get(), "the key was fetched once");
    }
    HttpRequest after =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    assertThrows(
        ConnectException.class,
        () -> http.send(after, HttpResponse.BodyHandlers.discarding()),
        "stopped");
  }

  @Test
  void aTenantWithoutMatcherCredentialsRefusesEveryCallAndSaysSo() throws Exception {
    try (ServeMatcherCommand.Serving s = start("--port", "0")) {
      assertTrue(
          out()
              .contains(
                  "warning: the tenant has no externalMatcher.credentials.clientId, so every call gets 401"),
          out());
      assertEquals(401, call(s, null));
      assertEquals(401, call(s, token(CLIENT_ID)));
    }
  }

  @Test
  void allowAnonymousServesEveryCallerAndSaysSo() throws Exception {
    try (ServeMatcherCommand.Serving s = start("--allow-anonymous", "--port", "0")) {
      assertTrue(
          out().contains("warning: --allow-anonymous: every caller is served without a token"),
          out());
      assertEquals(200, call(s, null));
    }
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, Main.run(new String[] {"serve-matcher", "--port", "x"}, o, e));
    assertEquals(2, Main.run(new String[] {"serve-matcher", "--port", "70000"}, o, e));
    assertEquals(2, Main.run(new String[] {"serve-matcher", "--bogus"}, o, e));
    assertEquals(2, Main.run(new String[] {"serve-matcher", "a.json", "b.json"}, o, e));
    assertEquals(
        2,
        Main.run(
            new String[] {
              "serve-matcher",
              externalTenant().toString(),
              "--ims-keys",
              "ftp://x/",
              "--port",
              "0",
              "--matcher",
              "demo"
            },
            o,
            e));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("keysBaseUrl"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anExternalMatcherTenantWithoutAMatcherExits2UnlessTheDemoIsNamed() throws Exception {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(
        2,
        Main.run(
            new String[] {
              "serve-matcher", externalTenant().toString(), "--port", "0", "--ims-keys", keysUrl()
            },
            o,
            e));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--matcher demo"),
        err.toString(StandardCharsets.UTF_8));
    try (ServeMatcherCommand.Serving s =
        start(
            externalTenant().toString(),
            "--port",
            "0",
            "--ims-keys",
            keysUrl(),
            "--matcher",
            "demo")) {
      assertTrue(out().contains("serving matchBySKU(commerce:skus)"), out());
    }
  }

  @Test
  void allowAnonymousIsRefusedOffLoopback() throws Exception {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(
        2,
        Main.run(
            new String[] {"serve-matcher", "--allow-anonymous", "--bind", "0.0.0.0", "--port", "0"},
            o,
            e));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("--allow-anonymous"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out().isEmpty(), out());
  }

  @Test
  void onAllInterfacesThePrintedUrlsDoNotClaimLoopback() throws Exception {
    try (ServeMatcherCommand.Serving s = start("--bind", "0.0.0.0", "--port", "0")) {
      int port = s.server().port();
      assertTrue(
          out().contains("  asset-to-product: http://0.0.0.0:" + port + "/asset-to-product\n"),
          out());
      assertTrue(out().contains("(all interfaces)"), out());
      assertTrue(!out().contains("127.0.0.1"), out());
    }
  }
}
