package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ares.client.TenantInputJson;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code preflight tenant.json} against loopback stand-ins of the store and AEM: the checklist, a
 * planted failure with exit 1 and Adobe's remediation, {@code --json}, and bad input; never a
 * secret on either stream.
 */
class PreflightCommandTest {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("ck-PRE-1")
          .consumerSecret("cs-PRE-SECRET")
          .accessToken("at-PRE-SECRET")
          .accessTokenSecret("ats-PRE-SECRET")
          .build();

  @TempDir Path dir;
  private FakeCommerceServer store;
  private MockWebServer aem;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    store = FakeCommerceServer.builder(CREDENTIALS).start();
    aem = new MockWebServer();
    for (int i = 0; i < 4; i++) {
      aem.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/login").build());
    }
    aem.start();
  }

  @AfterEach
  void stop() {
    store.close();
    aem.close();
  }

  private Path tenantFile(CommerceCredentialsInput credentials) throws Exception {
    TenantInput tenant =
        TenantInput.builder()
            .enabled(true)
            .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
            .aem(AemInput.builder().programId("11111").environmentId("222222").build())
            .commerce(
                CommerceInput.builder()
                    .baseUrl(store.baseUrl())
                    .credentials(credentials)
                    .version("2.4.7")
                    .build())
            .rule(MatchBySkuRuleInput.commerceSkus())
            .build();
    Path file = dir.resolve("tenant.json");
    Files.writeString(file, TenantInputJson.write(tenant));
    return file;
  }

  private int run(String... args) throws Exception {
    return new PreflightCommand(aemEnv())
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  private void assertNoSecret() {
    for (String secret : List.of("cs-PRE-SECRET", "at-PRE-SECRET", "ats-PRE-SECRET")) {
      assertFalse(printed().contains(secret), printed());
    }
  }

  @Test
  void aGoodTenantPassesWithTheChecklistOnStdout() throws Exception {
    assertEquals(0, run(tenantFile(CREDENTIALS).toString()), printed());
    String checklist = out.toString(StandardCharsets.UTF_8);
    assertTrue(checklist.contains("commerce.credentials"), checklist);
    assertTrue(checklist.contains("aem.author"), checklist);
    assertFalse(checklist.contains("FAIL"), checklist);
    assertNoSecret();
  }

  @Test
  void aPlantedFailureExitsOneWithAdobesRemediation() throws Exception {
    int status = run(tenantFile(CREDENTIALS.withAccessTokenSecret("ats-WRONG")).toString());
    assertEquals(1, status, printed());
    String checklist = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        checklist.lines().anyMatch(l -> l.contains("commerce.credentials") && l.contains("FAIL")),
        checklist);
    assertTrue(checklist.contains("Unable to connect with Commerce, unauthorized"), checklist);
    assertNoSecret();
  }

  @Test
  void jsonIsOneObjectWithEveryCheck() throws Exception {
    assertEquals(0, run("--json", tenantFile(CREDENTIALS).toString()), printed());
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(1, lines.size(), lines.toString());
    JsonNode report = new ObjectMapper().readTree(lines.get(0));
    assertTrue(report.path("canRegister").asBoolean(), lines.get(0));
    assertTrue(report.path("checks").size() >= 5, lines.get(0));
    assertTrue(
        report.path("checks").findValues("id").stream()
            .anyMatch(id -> id.asText().equals("commerce.credentials")),
        lines.get(0));
  }

  private Map<String, String> aemEnv() {
    return Map.of(
        "ARES_AEM_AUTHOR_URL_TEMPLATE",
        aem.url("").toString() + "author-p{programId}-e{environmentId}");
  }

  private int register(String... args) {
    return new RegisterCommand(aemEnv())
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void registerWithPreflightRegistersOnlyWhenNoCheckFailed() throws Exception {
    Path bad = tenantFile(CREDENTIALS.withAccessTokenSecret("ats-WRONG"));
    assertEquals(1, register("--preflight", "--fake", bad.toString()), printed());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("tenantId:"), printed());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("nothing was registered"), printed());

    out.reset();
    err.reset();
    Path good = tenantFile(CREDENTIALS);
    assertEquals(0, register("--preflight", "--fake", good.toString()), printed());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("tenantId: tenant-0001"), printed());
    assertNoSecret();
  }

  @Test
  void anExportWithoutApprovedCommerceAssetsFailsTheAssetCheck() throws Exception {
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"commerce:isCommerce\":\"Yes\","
            + "\"dam:status\":\"draft\",\"commerce:skus\":[\"sku-1\"]}}\n");
    assertEquals(1, run(tenantFile(CREDENTIALS).toString(), assets.toString()), printed());
    String checklist = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        checklist.lines().anyMatch(l -> l.contains("assets.eligible") && l.contains("FAIL")),
        checklist);
    assertTrue(checklist.contains("0 of 1 assets are approved Commerce assets"), checklist);
  }

  @Test
  void aBadRuleValueIsAdobesInvalidRuleCaughtAsBadInputBeforeAnyCall() throws Exception {
    Path file = tenantFile(CREDENTIALS);
    String json = Files.readString(file);
    assertTrue(json.contains("\"ruleType\":\"matchBySKU\""), json);
    Files.writeString(file, json.replace("\"ruleType\":\"matchBySKU\"", "\"ruleType\":\"bySku\""));
    int storeCalls = store.requestCount();
    assertEquals(2, run(file.toString()), printed());
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("tenantInput.ruleType must be matchBySKU or externalMatcher"),
        printed());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("Preflight:"), printed());
    assertEquals(storeCalls, store.requestCount(), "nothing was called");
    assertEquals(0, aem.getRequestCount(), "nothing was called");
  }

  @Test
  void badInputExitsTwo() throws Exception {
    assertEquals(2, run("--fake", tenantFile(CREDENTIALS).toString()));
    assertEquals(2, run("--fake"));
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(assets, "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{}}\n");
    assertEquals(2, run(assets.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("usage: preflight [--json] [tenant.json [assets.jsonl]]"));
  }
}
