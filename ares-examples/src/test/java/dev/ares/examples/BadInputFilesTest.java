package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed tenant or asset file makes every command print one line naming the file, the line and
 * the field, exit with status 2, and send nothing: every URL of the tenant points at a loopback
 * server that counts the requests it sees.
 */
class BadInputFilesTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          exchange.sendResponseHeaders(500, -1);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    assertEquals(0, requests.get(), "a request was sent for bad input");
  }

  private PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, stream(out), stream(err));
  }

  /** The single line printed on stderr. */
  private String errorLine() {
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.endsWith("\n"), text);
    assertEquals(1, text.lines().count(), "one line: " + text);
    return text.strip();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BadInputFilesTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The external matcher sample, every URL at the counting server. */
  private String externalTenant() throws IOException {
    return resource("samples/tenant-external-matcher.json")
        .replace("https://sample-matcher.example.invalid", base)
        .replace("https://ims.example.invalid", base);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private Path goodAssets() throws IOException {
    return write("assets.jsonl", resource("samples/assets.jsonl"));
  }

  private Path catalog() throws IOException {
    return write("catalog.txt", "sku-7\nsku-8\n");
  }

  @Test
  void aBadTenantFieldIsNamedWithItsFileAndLineByMatchAndCoverage() throws Exception {
    // Line 16 of the sample holds the client secret.
    Path tenant =
        write("tenant.json", externalTenant().replace("\"sample-client-secret\"", "\"  \""));
    assertEquals(2, run("match", tenant.toString(), goodAssets().toString()));
    assertEquals(
        "match: "
            + tenant
            + ":16: tenantInput.externalMatcher.credentials.clientSecret must not be blank",
        errorLine());
    assertEquals(
        2, run("coverage", tenant.toString(), goodAssets().toString(), catalog().toString()));
    assertEquals(
        "coverage: "
            + tenant
            + ":16: tenantInput.externalMatcher.credentials.clientSecret must not be blank",
        errorLine());
  }

  @Test
  void aMissingTenantFieldPointsAtItsEnclosingObject() throws Exception {
    // The projectId line is left blank, so the other lines keep their numbers.
    Path tenant =
        write(
            "tenant.json",
            externalTenant()
                .replace("\"imsOrgId\": \"SAMPLE0000000000@AdobeOrg\"", "\"x\": 1")
                .replace("\"projectId\": \"8231afb6-90cd-65e8-84ba-d9abac0f94e6\",", ""));
    assertEquals(2, run("match", tenant.toString()));
    String line = errorLine();
    assertTrue(line.startsWith("match: " + tenant + ":"), line);
    assertTrue(line.contains(tenant + ":2: tenantInput.projectId is required"), line);
    assertTrue(
        line.contains(tenant + ":13: tenantInput.externalMatcher.credentials.imsOrgId is required"),
        line);
    assertTrue(
        line.contains(
            tenant + ":17: tenantInput.externalMatcher.credentials.x is not a known field"),
        line);
  }

  @Test
  void aTenantThatIsNotJsonNamesTheLineOfTheSyntaxError() throws Exception {
    Path tenant =
        write("tenant.json", "{\n  \"tenantInput\": {\n    \"projectId\": \"p\",,\n  }\n}\n");
    assertEquals(2, run("match", tenant.toString(), goodAssets().toString()));
    String line = errorLine();
    assertTrue(
        line.startsWith("match: " + tenant + ":3: tenantInput is not valid JSON (line 3"), line);
  }

  @Test
  void aBadAssetLineIsNamedAndNothingIsMatchedOrSent() throws Exception {
    Path tenant = write("tenant.json", externalTenant());
    Path assets =
        write(
            "assets.jsonl",
            resource("samples/assets.jsonl") + "\n{\"assetId\": \"a\", \"metadata\": []}\n");
    int badLine = (int) resource("samples/assets.jsonl").lines().count() + 2;
    assertEquals(2, run("match", tenant.toString(), assets.toString()));
    assertEquals(
        "match: " + assets + ":" + badLine + ": asset.metadata must be a JSON object", errorLine());
    assertEquals(
        "",
        out.toString(StandardCharsets.UTF_8),
        "no asset was matched before the bad line was found");
    assertEquals(2, run("coverage", tenant.toString(), assets.toString(), catalog().toString()));
    assertEquals(
        "coverage: " + assets + ":" + badLine + ": asset.metadata must be a JSON object",
        errorLine());
    Path notJson = write("broken.jsonl", "{\"assetId\": \"a\"}\n{\"assetId\": \n");
    assertEquals(2, run("match", tenant.toString(), notJson.toString()));
    assertTrue(
        errorLine().startsWith("match: " + notJson + ":2: asset is not valid JSON"), errorLine());
  }

  @Test
  void aCatalogLineBeyondTheLimitIsNamedNotReadWhole() throws Exception {
    Path tenant = write("tenant.json", externalTenant());
    Path catalog = write("catalog.txt", "sku-7\n" + "x".repeat(2_000_000) + "\nsku-8\n");
    assertEquals(
        2, run("coverage", tenant.toString(), goodAssets().toString(), catalog.toString()));
    assertEquals(
        "coverage: " + catalog + ":2: line is longer than 4096 characters, the line limit",
        errorLine());
  }

  @Test
  void controlCharactersInAFieldNameStillGiveOneLine() throws Exception {
    Path assets = write("assets.jsonl", "{\"assetId\": \"a\", \"bad\\nfield\\u001b\": 1}\n");
    assertEquals(
        2, run("match", write("tenant.json", externalTenant()).toString(), assets.toString()));
    assertEquals(
        "match: " + assets + ":1: asset.bad\\u000afield\\u001b is not a known field", errorLine());
  }

  @Test
  void checkCommerceNamesTheFileLineAndFieldAndSendsNothing() throws Exception {
    String sample =
        resource("samples/tenant.json")
            .replace("https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud", base);
    Path blankKey = write("t1.json", sample.replace("\"sample-consumer-key\"", "\"\""));
    assertEquals(2, run("check-commerce", blankKey.toString()));
    assertEquals(
        "check-commerce: "
            + blankKey
            + ":12: tenantInput.commerce.credentials.consumerKey must not be blank",
        errorLine());
    Path noCommerce =
        write(
            "t2.json",
            "{\n  \"projectId\": \"p\",\n  \"ruleType\": \"matchBySKU\",\n"
                + "  \"matchBySkuRule\": {\"metadataField\": \"commerce:skus\"}\n}\n");
    assertEquals(2, run("check-commerce", noCommerce.toString()));
    assertEquals(
        "check-commerce: " + noCommerce + ":1: tenantInput.commerce is required", errorLine());
    Path noBaseUrl = write("t3.json", sample.replace("\"baseUrl\": \"" + base + "\",", ""));
    assertEquals(2, run("check-commerce", noBaseUrl.toString()));
    assertEquals(
        "check-commerce: " + noBaseUrl + ":9: tenantInput.commerce.baseUrl is required",
        errorLine());
  }

  @Test
  void registerNamesTheFileLineAndFieldAndSendsNothing() throws Exception {
    Path tenant =
        write("tenant.json", resource("samples/tenant.json").replace("\"11111\"", "11111"));
    RegisterCommand register =
        new RegisterCommand(
            Map.of(
                "ARES_ENDPOINT",
                base + "/graphql",
                "ARES_API_KEY",
                "k",
                "ARES_ENVIRONMENT_ID",
                "e",
                "ARES_GW_SIGNATURE",
                "j"));
    assertEquals(2, register.run(List.of(tenant.toString()), stream(out), stream(err)));
    assertEquals(
        "register: " + tenant + ":6: tenantInput.aem.programId must be a string", errorLine());
  }
}
