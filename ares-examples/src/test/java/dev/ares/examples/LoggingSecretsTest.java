package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.MatchBySku;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link Main} in a child JVM, because slf4j-simple reads its configuration once per JVM: at
 * TRACE and DEBUG, set by system property or by a {@code simplelogger.properties} on the class
 * path, no secret a command sends may reach stdout or stderr.
 */
class LoggingSecretsTest {

  private static final String API_KEY = "apikey-SECRET-4f1c";
  private static final String JWT = "jwt-SECRET-9a2e";
  private static final CommerceCredentialsInput COMMERCE =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-SECRET-11aa")
          .consumerSecret("cs-SECRET-22bb")
          .accessToken("at-SECRET-33cc")
          .accessTokenSecret("ats-SECRET-44dd")
          .build();
  private static final String TRACE = "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace";
  private static final String DEBUG = "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug";
  private static final String WIRE = "org.apache.hc.client5.http.wire";
  private static final String HEADERS = "org.apache.hc.client5.http.headers";

  @TempDir Path dir;

  @Test
  void registerPrintsNoSecretAtTraceOrDebug() throws Exception {
    for (String level : List.of(TRACE, DEBUG)) {
      try (FakeAresServer ares = FakeAresServer.start()) {
        String printed = run(registerEnv(ares), List.of(level), null, "register", sampleTenant());
        assertTrue(printed.contains("tenantId: tenant-"), printed);
        assertTrue(
            printed.contains("DEBUG dev.ares.http - AresClient registerTenant to "),
            "the SDK's own line stays: " + printed);
        assertNoSecret(printed, API_KEY, JWT, "x-api-key", "x-gw-signature");
      }
    }
  }

  @Test
  void aSimpleloggerPropertiesFileAtTraceDoesNotTurnThemOn() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("simplelogger.properties"),
        "org.slf4j.simpleLogger.defaultLogLevel=trace\n"
            + "org.slf4j.simpleLogger.log.org.apache.hc.client5.http=trace\n");
    try (FakeAresServer ares = FakeAresServer.start()) {
      String printed = run(registerEnv(ares), List.of(), config, "register", sampleTenant());
      assertTrue(printed.contains("tenantId: tenant-"), printed);
      assertTrue(printed.contains("DEBUG org.apache.hc.client5"), "the file is read: " + printed);
      assertNoSecret(printed, API_KEY, JWT, "x-api-key", "x-gw-signature");
    }
  }

  @Test
  void checkCommercePrintsNoCredentialAtTrace() throws Exception {
    try (FakeCommerceServer store = FakeCommerceServer.builder(COMMERCE).start()) {
      Path tenant = dir.resolve("commerce.json");
      Files.writeString(
          tenant,
          TenantFiles.readSample()
              .replace(
                  "https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud", store.baseUrl())
              .replace("\"sample-consumer-key\"", "\"" + COMMERCE.consumerKey() + "\"")
              .replace("\"sample-consumer-secret\"", "\"" + COMMERCE.consumerSecret() + "\"")
              .replace("\"sample-access-token\"", "\"" + COMMERCE.accessToken() + "\"")
              .replace(
                  "\"sample-access-token-secret\"", "\"" + COMMERCE.accessTokenSecret() + "\""));
      String printed = run(Map.of(), List.of(TRACE), null, "check-commerce", tenant.toString());
      assertTrue(printed.contains("verdict: OK"), printed);
      assertNoSecret(
          printed,
          COMMERCE.consumerKey(),
          COMMERCE.consumerSecret(),
          COMMERCE.accessToken(),
          COMMERCE.accessTokenSecret(),
          "oauth_token",
          "Authorization");
    }
  }

  @Test
  void matchWithAnExternalMatcherPrintsNoClientSecretOrTokenAtTrace() throws Exception {
    try (LoopbackMatcherServer matcher = LoopbackMatcherServer.start(MatchBySku.commerceSkus())) {
      Path tenant = dir.resolve("external.json");
      Files.writeString(
          tenant,
          "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\","
              + "\"externalMatcher\":"
              + externalMatcherJson(matcher)
              + "}");
      String printed = run(Map.of(), List.of(TRACE), null, "match", tenant.toString());
      assertTrue(printed.contains("\"asset_id\":\"urn:aaid:aem:0001\""), printed);
      assertEquals(1, matcher.ims().tokenRequests(), printed);
      assertNoSecret(
          printed,
          LoopbackMatcherServer.CLIENT_SECRET,
          "client_secret",
          "fake-ims-token",
          "Bearer");
    }
  }

  @Test
  void theWireLoggerNamedOnTheCommandLineIsHonoured() throws Exception {
    try (FakeAresServer ares = FakeAresServer.start()) {
      String printed =
          run(
              registerEnv(ares),
              List.of(TRACE, "-Dorg.slf4j.simpleLogger.log." + WIRE + "=debug"),
              null,
              "register",
              sampleTenant());
      assertTrue(printed.contains("DEBUG " + WIRE + " - "), printed);
      assertTrue(printed.contains(API_KEY), "the user asked for the wire: " + printed);
      assertFalse(printed.contains(" " + HEADERS + " - "), "only the named logger: " + printed);
    }
  }

  @Test
  void theHeadersLoggerNamedInSimpleloggerPropertiesIsHonoured() throws Exception {
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(
        config.resolve("simplelogger.properties"),
        "org.slf4j.simpleLogger.defaultLogLevel=trace\n"
            + "org.slf4j.simpleLogger.log."
            + HEADERS
            + "=debug\n");
    try (FakeAresServer ares = FakeAresServer.start()) {
      String printed = run(registerEnv(ares), List.of(), config, "register", sampleTenant());
      assertTrue(printed.contains("DEBUG " + HEADERS + " - "), printed);
      assertFalse(printed.contains(" " + WIRE + " - "), "only the named logger: " + printed);
    }
  }

  private static Map<String, String> registerEnv(FakeAresServer ares) {
    return Map.of(
        "ARES_ENDPOINT",
        ares.endpoint().toString(),
        "ARES_API_KEY",
        API_KEY,
        "ARES_ENVIRONMENT_ID",
        "env-1",
        "ARES_GW_SIGNATURE",
        JWT);
  }

  private String sampleTenant() throws IOException {
    Path tenant = dir.resolve("tenant.json");
    Files.writeString(tenant, TenantFiles.readSample());
    return tenant.toString();
  }

  private static String externalMatcherJson(LoopbackMatcherServer matcher) {
    var rule = matcher.externalMatcherInput();
    var c = rule.credentials();
    return "{\"assetToProductUrl\":\""
        + rule.assetToProductUrl()
        + "\",\"productToAssetUrl\":\""
        + rule.productToAssetUrl()
        + "\",\"credentials\":{\"oauthServerUrl\":\""
        + c.oauthServerUrl()
        + "\",\"clientId\":\""
        + c.clientId()
        + "\",\"clientSecret\":\""
        + c.clientSecret()
        + "\",\"imsOrgId\":\""
        + c.imsOrgId()
        + "\"}}";
  }

  private static void assertNoSecret(String printed, String... secrets) {
    for (String secret : secrets) {
      assertFalse(printed.contains(secret), () -> "printed " + secret + ":\n" + printed);
    }
  }

  private static String run(
      Map<String, String> env, List<String> jvmOptions, Path extraClasspath, String... args)
      throws IOException, InterruptedException {
    return ChildJvm.run(env, jvmOptions, extraClasspath, args).all();
  }
}
