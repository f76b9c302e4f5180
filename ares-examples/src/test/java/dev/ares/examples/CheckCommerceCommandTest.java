package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommerceCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String sample() throws IOException {
    try (InputStream in = CheckCommerceCommand.class.getResourceAsStream("/samples/tenant.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static final CommerceCredentialsInput SAMPLE_CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("sample-consumer-key")
          .consumerSecret("sample-consumer-secret")
          .accessToken("sample-access-token")
          .accessTokenSecret("sample-access-token-secret")
          .build();

  @Test
  void bundledSampleIsCheckedAgainstTheLoopbackFake() {
    assertEquals(0, run("check-commerce"));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("loopback fake Commerce store at http://127.0.0.1:"), printed);
    assertTrue(printed.contains("verdict: OK (HTTP 200)"), printed);
    assertFalse(printed.contains("sample-consumer-secret"), printed);
  }

  @Test
  void aUserFileIsCheckedAgainstItsBaseUrl() throws Exception {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(SAMPLE_CREDENTIALS.withConsumerSecret("rotated")).start()) {
      Path tenant = dir.resolve("tenant.json");
      Files.writeString(
          tenant,
          sample()
              .replace(
                  "https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud", store.baseUrl()));

      assertEquals(1, run("check-commerce", tenant.toString()));
      String printed = out.toString(StandardCharsets.UTF_8);
      assertTrue(printed.contains("verdict: BAD_CREDENTIALS (HTTP 401)"), printed);
      assertTrue(
          printed.contains("message: The signature is invalid. Verify and try again."), printed);
    }
  }

  @Test
  void aUserFileIsNeverCheckedAgainstAFakeUnlessAsked() throws Exception {
    Path tenant = dir.resolve("tenant.json");
    Files.writeString(
        tenant,
        sample()
            .replace(
                "https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud",
                "http://127.0.0.1:1"));
    assertEquals(1, run("check-commerce", tenant.toString()));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("checking the Commerce store at http://127.0.0.1:1"), printed);
    assertFalse(printed.contains("fake"), printed);
  }

  @Test
  void aUserFileWithFakeIsCheckedAgainstTheLoopbackFakeAndSaysSo() throws Exception {
    Path tenant = dir.resolve("tenant.json");
    Files.writeString(tenant, sample());
    assertEquals(
        0,
        run("check-commerce", "--fake", tenant.toString()),
        err.toString(StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(
        printed.contains(
            tenant
                + ": --fake: checking against the loopback fake Commerce store"
                + " at http://127.0.0.1:"),
        printed);
    assertTrue(printed.contains("not the store at https://assets-rp3st7y-efo2rc3kezxte"), printed);
    assertTrue(printed.contains("verdict: OK (HTTP 200)"), printed);
  }

  @Test
  void anUnknownOptionIsUsageWithStatus2() {
    assertEquals(2, run("check-commerce", "--bogus"));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .contains("usage: check-commerce [--fake] [tenant.json]"),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badInputExitsWithTwo() throws Exception {
    assertEquals(2, run("check-commerce", dir.resolve("missing.json").toString()));
    Path noCommerce = dir.resolve("no-commerce.json");
    Files.writeString(
        noCommerce,
        "{\"tenantInput\":{\"projectId\":\"p\",\"ruleType\":\"matchBySKU\","
            + "\"matchBySkuRule\":{\"metadataField\":\"commerce:skus\"}}}");
    assertEquals(2, run("check-commerce", noCommerce.toString()));
    Path noBaseUrl = dir.resolve("no-base-url.json");
    Files.writeString(
        noBaseUrl,
        sample()
            .replace(
                "\"baseUrl\": \"https://assets-rp3st7y-efo2rc3kezxte.eu-4.magentosite.cloud\",",
                ""));
    assertEquals(2, run("check-commerce", noBaseUrl.toString()));
    String errors = err.toString(StandardCharsets.UTF_8);
    assertTrue(errors.contains("tenantInput.commerce is required"), errors);
    assertTrue(errors.contains("commerce.baseUrl is required"), errors);
  }
}
