package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ares.client.TenantInputJson;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatch;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.ProductToAssetResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a matcher written in a separate project ({@code
 * src/test/matcher-project}, compiled and jarred here) is served from its jar by the documented
 * command, passes {@code preflight}'s matcher checks against the running server with tokens of a
 * test IMS (signed by a key made here, checked by the server through {@code --ims-keys}), and
 * answers product-to-asset for the assets of a given file, and for those it matched since.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeMatcherJarTest {

  private static final String KEY_NAME = "ims_na1-key-at-1.cer";
  private static final String CLIENT_ID = "product-code-client";
  private static final String CLIENT_SECRET = "product-code-SECRET";
  private static final CommerceCredentialsInput COMMERCE =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-JAR-1")
          .consumerSecret("cs-JAR-SECRET")
          .accessToken("at-JAR-SECRET")
          .accessTokenSecret("ats-JAR-SECRET")
          .build();

  @TempDir Path dir;
  private final HeldCertificate imsKey =
      new HeldCertificate.Builder().rsa2048().commonName("ims").build();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private HttpServer ims;
  private FakeCommerceServer store;
  private MockWebServer aem;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  /** A test IMS: a token endpoint issuing RS256 access tokens, and the key files beside it. */
  @BeforeEach
  void start() throws Exception {
    ims = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] pem = imsKey.certificatePem().getBytes(StandardCharsets.US_ASCII);
    ims.createContext("/keys/" + KEY_NAME, exchange -> reply(exchange, 200, pem));
    ims.createContext("/ims/token/v3", this::token);
    ims.start();
    store = FakeCommerceServer.builder(COMMERCE).start();
    aem = new MockWebServer();
    for (int i = 0; i < 4; i++) {
      aem.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/login").build());
    }
    aem.start();
  }

  @AfterEach
  void stop() {
    ims.stop(0);
    store.close();
    aem.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form = new HashMap<>();
    for (String pair :
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    if (!CLIENT_ID.equals(form.get("client_id"))
        || !CLIENT_SECRET.equals(form.get("client_secret"))) {
      reply(exchange, 401, "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).x509CertURL(URI.create(KEY_NAME)).build(),
            new JWTClaimsSet.Builder()
                .claim("type", "access_token")
                .claim("client_id", CLIENT_ID)
                .claim("as", "ims-na1")
                .claim("created_at", Long.toString(Instant.now().minusSeconds(5).toEpochMilli()))
                .claim("expires_in", "3600000")
                .build());
    try {
      jwt.sign(new RSASSASigner(imsKey.keyPair().getPrivate()));
    } catch (JOSEException e) {
      throw new IOException(e);
    }
    tokensIssued.incrementAndGet();
    reply(
        exchange,
        200,
        ("{\"access_token\":\""
                + jwt.serialize()
                + "\",\"token_type\":\"bearer\",\"expires_in\":3599}")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private String imsUrl(String path) {
    return "http://127.0.0.1:" + ims.getAddress().getPort() + path;
  }

  /** The tenant of the served matcher: its actions at {@code base}, IMS the test IMS. */
  private Path writeTenant(Path file, String base) throws IOException {
    TenantInput tenant =
        TenantInput.builder()
            .enabled(true)
            .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
            .aem(AemInput.builder().programId("11111").environmentId("222222").build())
            .commerce(
                CommerceInput.builder()
                    .baseUrl(store.baseUrl())
                    .credentials(COMMERCE)
                    .version("2.4.7")
                    .build())
            .rule(
                ExternalMatcherInput.builder()
                    .assetToProductUrl(base + "/asset-to-product")
                    .productToAssetUrl(base + "/product-to-asset")
                    .credentials(
                        ExternalMatcherCredentialsInput.builder()
                            .oauthServerUrl(imsUrl("/ims/token/v3"))
                            .clientId(CLIENT_ID)
                            .clientSecret(CLIENT_SECRET)
                            .imsOrgId("JARTEST000000000@AdobeOrg")
                            .build())
                    .build())
            .build();
    Files.writeString(file, TenantInputJson.write(tenant));
    return file;
  }

  /** A folder whose name has a space and, where file names can hold it, more than ASCII. */
  private Path awkwardFolder() throws IOException {
    String unicode = "matchers ✓ é";
    Charset names = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    String name = names.newEncoder().canEncode(unicode) ? unicode : "matchers with spaces";
    return Files.createDirectories(dir.resolve(name));
  }

  private static String asset(String id, String code, Integer position) {
    return "{\"assetId\":\""
        + id
        + "\",\"metadata\":{\"product:code\":\""
        + code
        + "\""
        + (position == null ? "" : ",\"product:position\":" + position)
        + ",\"dc:format\":\"image/jpeg\"}}\n";
  }

  private static List<String> ids(ProductToAssetResult result) {
    return result.assetMatches().stream().map(AssetMatch::assetId).toList();
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aJarFromASeparateProjectIsServedPassesPreflightAndAnswersProductToAsset() throws Exception {
    Path jar =
        TestJars.project(TestJars.MATCHER_PROJECT, awkwardFolder().resolve("product-code.jar"));
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(
        assets,
        asset("urn:aaid:aem:a-2", "MH01", 2)
            + asset("urn:aaid:aem:a-1", "MH01", null)
            + asset("urn:aaid:aem:b-1", "WS03", 1)
            + "{\"assetId\":\"urn:aaid:aem:no-code\",\"metadata\":{\"dc:title\":\"a banner\"}}\n");
    Path tenant = writeTenant(dir.resolve("tenant.json"), "https://matcher.example.invalid");

    // The documented command, ARES's URLs unknown until it has a port.
    try (ServeMatcherCommand.Serving serving =
        ServeMatcherCommand.start(
            List.of(
                tenant.toString(),
                "--jar",
                jar.toString(),
                "--matcher",
                "product-code",
                "--assets",
                assets.toString(),
                "--port",
                "0",
                "--ims-keys",
                imsUrl("/keys/")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      assertNotNull(serving, printed());
      String started = out.toString(StandardCharsets.UTF_8);
      assertTrue(
          started.contains(
              "loaded product-code (com.example.productcode.ProductCodeMatcher) from " + jar),
          started);
      assertTrue(
          started.contains(
              "indexed 3 assets of 2 products from 4 assets of "
                  + assets
                  + " (1 skipped or matching no product)"),
          started);
      assertTrue(
          started.contains(
              "product-to-asset answers: product-code's own when it lists assets, else its index (3"
                  + " assets of 2 products, at most 250000 assets), filled from "
                  + assets
                  + " and every asset-to-product call served"),
          started);
      assertTrue(
          started.contains("serving product-code on " + serving.server().baseUrl()), started);

      // Point the tenant's externalMatcher URLs at the running server, then preflight it.
      writeTenant(tenant, serving.server().baseUrl());
      out.reset();
      int preflight =
          new PreflightCommand(
                  Map.of(
                      "ARES_AEM_AUTHOR_URL_TEMPLATE",
                      aem.url("").toString() + "author-p{programId}-e{environmentId}"))
              .run(
                  List.of("--json", tenant.toString()),
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8));
      String report = out.toString(StandardCharsets.UTF_8);
      assertEquals(0, preflight, printed());
      Map<String, String> status = new HashMap<>();
      for (JsonNode check : new ObjectMapper().readTree(report).path("checks")) {
        status.put(check.path("id").asText(), check.path("status").asText());
      }
      assertEquals("PASS", status.get("matcher.urls"), report);
      assertEquals("PASS", status.get("matcher.imsToken"), report);
      assertEquals("PASS", status.get("matcher.assetToProduct"), report);
      assertEquals("PASS", status.get("matcher.productToAsset"), report);
      assertEquals("PASS", status.get("matcher.tokenRequired"), report); // 401 without a token
      assertFalse(printed().contains("SECRET"), printed());

      // Product to asset as ARES calls it: the file's assets, then one matched since.
      try (ExternalMatcher asAres =
          ExternalMatcher.builder()
              .rule((ExternalMatcherInput) TenantInputJson.read(Files.readString(tenant)).rule())
              .build()) {
        ProductToAssetResult mh01 = asAres.matchProduct("MH01");
        assertEquals(List.of("urn:aaid:aem:a-1", "urn:aaid:aem:a-2"), ids(mh01), "gallery order");
        assertEquals(
            List.of("image", "small_image", "thumbnail"), mh01.assetMatches().get(0).assetRoles());
        assertEquals(List.of("urn:aaid:aem:b-1"), ids(asAres.matchProduct("WS03")));
        assertEquals(List.of(), ids(asAres.matchProduct("NOPE")));

        asAres.matchAsset(
            Asset.of("urn:aaid:aem:c-1", Map.of("product:code", "WS03", "product:position", 2)));
        assertEquals(
            List.of("urn:aaid:aem:b-1", "urn:aaid:aem:c-1"), ids(asAres.matchProduct("WS03")));
        asAres.matchAsset(Asset.of("urn:aaid:aem:b-1", Map.of("dc:title", "code removed")));
        assertEquals(List.of("urn:aaid:aem:c-1"), ids(asAres.matchProduct("WS03")));
      }
      assertTrue(tokensIssued.get() >= 2, "preflight and the client each had a token");
    }
  }
}
