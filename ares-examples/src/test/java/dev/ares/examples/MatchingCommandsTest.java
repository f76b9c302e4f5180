package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchingCommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void matchPrintsOneResultPerBundledAsset() {
    assertEquals(0, run("match"), err.toString(StandardCharsets.UTF_8));
    String[] lines = out().split("\n");
    assertEquals(6, lines.length);
    assertEquals(
        "{\"asset_id\":\"urn:aaid:aem:0001\",\"product_matches\":[{\"product_sku\":\"sku-7\","
            + "\"asset_roles\":[\"thumbnail\",\"image\"],\"asset_position\":4}],\"skip\":false}",
        lines[0]);
    assertTrue(lines[4].contains("\"skip\":true"));
  }

  @Test
  void anUnreachableExternalMatcherIsRefusedWithoutFake(@TempDir Path dir) throws Exception {
    Path tenant = externalMatcherSample(dir);
    assertEquals(2, run("match", tenant.toString()));
    assertEquals("", out());
    String errors = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, errors.lines().count(), errors);
    assertTrue(
        errors.startsWith(
            "match: "
                + tenant
                + ": the external matcher at"
                + " sample-matcher.example.invalid cannot be reached"),
        errors);
    assertTrue(errors.contains("--fake"), errors);
    Path assets = dir.resolve("a.jsonl");
    Files.writeString(assets, "{\"assetId\":\"a\"}\n");
    Path catalog = dir.resolve("c.txt");
    Files.writeString(catalog, "s1\n");
    assertEquals(2, run("coverage", tenant.toString(), assets.toString(), catalog.toString()));
    assertEquals("", out());
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .lines()
            .skip(1)
            .findFirst()
            .orElse("")
            .startsWith(
                "coverage: "
                    + tenant
                    + ": the external matcher at sample-matcher.example.invalid"
                    + " cannot be reached"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPlainHttpMatcherUrlIsRefusedByThePolicyBeforeAnyConnection(@TempDir Path dir)
      throws Exception {
    Path tenant = externalMatcherSample(dir);
    Files.writeString(
        tenant,
        Files.readString(tenant)
            .replace(
                "https://sample-matcher.example.invalid", "http://sample-matcher.example.invalid"));
    Path assets = Files.writeString(dir.resolve("a.jsonl"), "{\"assetId\":\"a\"}\n");
    Path catalog = Files.writeString(dir.resolve("c.txt"), "s1\n");
    for (List<String> args :
        List.of(
            List.of("match", tenant.toString()),
            List.of("coverage", tenant.toString(), assets.toString(), catalog.toString()))) {
      err.reset();
      assertEquals(2, run(args.toArray(String[]::new)));
      String errors = err.toString(StandardCharsets.UTF_8);
      assertTrue(errors.contains("must use https"), errors);
      assertFalse(errors.contains("cannot be reached"), "probed before the policy: " + errors);
    }
  }

  @Test
  void matchWithFakeRunsTheLoopbackMatcherAndSaysSoOnStdout(@TempDir Path dir) throws Exception {
    Path tenant = externalMatcherSample(dir);
    assertEquals(
        0, run("match", "--fake", tenant.toString()), err.toString(StandardCharsets.UTF_8));
    String[] lines = out().split("\n");
    assertEquals(7, lines.length, out());
    assertTrue(
        lines[0].startsWith(
            tenant
                + ": --fake: a loopback matcher (matchBySKU on commerce:skus)"
                + " at http://127.0.0.1:"),
        lines[0]);
    assertTrue(lines[0].contains("sample-matcher.example.invalid was not called"), lines[0]);
    assertTrue(lines[1].startsWith("{\"asset_id\""), lines[1]);
  }

  @Test
  void coverageWithFakeSaysSoOnStdout(@TempDir Path dir) throws Exception {
    Path tenant = externalMatcherSample(dir);
    Path assets = dir.resolve("a.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"a\",\"metadata\":{\"commerce:isCommerce\":\"yes\","
            + "\"dam:status\":\"approved\",\"commerce:skus\":[\"s1\"]}}\n");
    Path catalog = dir.resolve("c.txt");
    Files.writeString(catalog, "s1\n");
    assertEquals(
        0,
        run("coverage", tenant.toString(), assets.toString(), catalog.toString(), "--fake"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(out().startsWith(tenant + ": --fake: a loopback matcher"), out());
    assertTrue(out().contains("matched products:                1 (100.0%)"), out());
  }

  @Test
  void theBundledSamplesNeedNoFakeAndSayNothingOfOne() {
    assertEquals(0, run("match"));
    assertTrue(
        !out().contains("fake") && !err.toString(StandardCharsets.UTF_8).contains("fake"), out());
  }

  private Path externalMatcherSample(Path dir) throws Exception {
    Path tenant = dir.resolve("tenant.json");
    try (var in =
        getClass().getClassLoader().getResourceAsStream("samples/tenant-external-matcher.json")) {
      Files.copy(in, tenant);
    }
    return tenant;
  }

  @Test
  void coverageReportsTheBundledSamplesAndTheThresholdVerdict(@TempDir Path dir) throws Exception {
    assertEquals(0, run("coverage"), err.toString(StandardCharsets.UTF_8));
    assertTrue(out().contains("matched products:                4 (66.7%)"), out());
    Path tenant = dir.resolve("t.json");
    Files.writeString(
        tenant,
        "{\"projectId\":\"p\",\"ruleType\":\"matchBySKU\",\"matchBySkuRule\":"
            + "{\"metadataField\":\"commerce:skus\"},\"threshold\":80}");
    Path assets = dir.resolve("a.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"a\",\"metadata\":{\"commerce:isCommerce\":\"yes\","
            + "\"dam:status\":\"approved\",\"commerce:skus\":[\"s1\"]}}\n");
    Path catalog = dir.resolve("c.txt");
    Files.writeString(catalog, "s1\ns2\n");
    assertEquals(1, run("coverage", tenant.toString(), assets.toString(), catalog.toString()));
    assertTrue(out().contains("threshold 80%:                  missed"), out());
  }

  @Test
  void badInputNamesTheFileAndLine(@TempDir Path dir) throws Exception {
    Path assets = dir.resolve("a.jsonl");
    Files.writeString(assets, "{\"assetId\":\"a\"}\n{\"assetId\":3}\n");
    Path tenant = dir.resolve("t.json");
    Files.writeString(tenant, "{\"projectId\":1,\"ruleType\":\"matchBySKU\"}");
    assertEquals(2, run("match", tenant.toString(), assets.toString()));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertTrue(errors.contains(tenant + ":1: tenantInput.projectId must be a string"), errors);
    assertEquals(2, run("match", dir.resolve("missing.json").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.json: no such file"));
    Files.writeString(
        tenant,
        "{\"projectId\":\"p\",\"ruleType\":\"matchBySKU\",\"matchBySkuRule\":{\"metadataField\":\"commerce:skus\"}}");
    assertEquals(2, run("match", tenant.toString(), assets.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("a.jsonl:2: asset.assetId must be a non-blank string"));
    assertEquals(2, run("coverage", "only-one-arg"));
  }

  @Test
  void idsFromAMatcherReachTheTerminalEscapedAndStillAsJson(@TempDir Path dir) throws Exception {
    // U+009B is a terminal escape on its own (CSI); U+202E reverses what follows on screen.
    String hostileId = "urn:aaid:aem:1\u009b2J\u202egnp.exe";
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String body =
              exchange.getRequestURI().getPath().startsWith("/ims")
                  ? "{\"access_token\":\"tok-1234\",\"token_type\":\"bearer\",\"expires_in\":3600}"
                  : "{\"asset_id\":\"" + hostileId + "\",\"product_matches\":[],\"skip\":false}";
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path tenant = dir.resolve("external.json");
      Files.writeString(
          tenant,
          "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\","
              + "\"externalMatcher\":{\"assetToProductUrl\":\""
              + base
              + "/a2p\","
              + "\"productToAssetUrl\":\""
              + base
              + "/p2a\",\"credentials\":{"
              + "\"oauthServerUrl\":\""
              + base
              + "/ims/token/v3\",\"clientId\":\"client-1\","
              + "\"clientSecret\":\"secret-1234\",\"imsOrgId\":\"ORG@AdobeOrg\"}}}");
      Path assets = dir.resolve("assets.jsonl");
      Files.writeString(assets, "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{}}\n");
      assertEquals(
          0,
          run("match", tenant.toString(), assets.toString()),
          err.toString(StandardCharsets.UTF_8));
      String printed = out().trim();
      assertTrue(printed.chars().noneMatch(c -> c == 0x9b || c == 0x202e), printed);
      assertEquals(
          hostileId,
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(printed)
              .get("asset_id")
              .asText(),
          "the line is still the same JSON value");
    } finally {
      server.stop(0);
    }
  }
}
