package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.AresEndpoints;
import dev.ares.client.model.UserErrorCode;
import dev.ares.client.testing.FakeAresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new RegisterCommand(env)
        .run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void registersTheBundledSampleAgainstTheLoopbackFakeAndSaysSoOnStdout() {
    assertEquals(0, run(Map.of()));
    assertTrue(out().lines().anyMatch("tenantId: tenant-0001"::equals), out());
    assertTrue(out().contains("a loopback fake ARES at http://127.0.0.1:"), out());
    assertTrue(out().contains("nothing is registered with ARES"), out());
  }

  @Test
  void aTenantFileWithoutCredentialsIsRefusedNamingTheVariablesAndFake(@TempDir Path dir)
      throws Exception {
    Path file = sampleFile(dir);
    assertEquals(2, run(Map.of(), file.toString()));
    assertEquals("", out());
    String message = err().trim();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("register: " + file + ": "), message);
    for (String expected :
        List.of(
            "ARES_API_KEY",
            "ARES_ENVIRONMENT_ID",
            "ARES_GW_SIGNATURE",
            "ARES_ENDPOINT",
            AresEndpoints.COMMERCE.toString(),
            "--fake")) {
      assertTrue(message.contains(expected), expected + " in " + message);
    }
  }

  @Test
  void aTenantFileWithFakeRegistersOnTheLoopbackFakeAndSaysSo(@TempDir Path dir) throws Exception {
    assertEquals(0, run(Map.of(), "--fake", sampleFile(dir).toString()));
    assertTrue(out().lines().anyMatch("tenantId: tenant-0001"::equals), out());
    assertTrue(out().contains("a loopback fake ARES"), out());
  }

  @Test
  void fakeWinsOverAnEndpointAndSaysSo(@TempDir Path dir) throws Exception {
    try (FakeAresServer real = FakeAresServer.start()) {
      assertEquals(0, run(realEnv(real), sampleFile(dir).toString(), "--fake"));
      assertEquals(0, real.requestCount());
      assertTrue(out().contains("a loopback fake ARES"), out());
    }
  }

  @Test
  void aTenantFileWithCredentialsRegistersAtAresEndpointWithoutMentioningAFake(@TempDir Path dir)
      throws Exception {
    try (FakeAresServer real = FakeAresServer.start()) {
      assertEquals(0, run(realEnv(real), sampleFile(dir).toString()), err());
      assertEquals(1, real.registrations().size());
      assertEquals("tenantId: tenant-0001\n", out());
    }
  }

  @Test
  void theRealEndpointIsTheDefaultWhenTheApiKeyIsSet(@TempDir Path dir) throws Exception {
    assertEquals(
        AresEndpoints.COMMERCE.toString(),
        new RegisterCommand(Map.of("ARES_API_KEY", "k")).endpoint());
    assertEquals(
        "https://ares.test/graphql",
        new RegisterCommand(
                Map.of("ARES_API_KEY", "k", "ARES_ENDPOINT", "https://ares.test/graphql"))
            .endpoint());
    // With the key but not the rest, the real path is taken: the line names only what is missing.
    assertEquals(2, run(Map.of("ARES_API_KEY", "k"), sampleFile(dir).toString()));
    assertTrue(err().contains("ARES_ENVIRONMENT_ID"), err());
    assertTrue(err().contains("ARES_GW_SIGNATURE"), err());
    assertFalse(err().contains("ARES_API_KEY"), err());
    assertEquals("", out());
  }

  @Test
  void anUnknownOptionOrTwoFilesIsUsageWithStatus2() {
    assertEquals(2, run(Map.of(), "--bogus"));
    assertEquals(2, run(Map.of(), "a.json", "b.json"));
    assertTrue(err().contains("usage: register [--fake] [--preflight] [tenant.json]"), err());
    assertEquals("", out());
  }

  private static Path sampleFile(Path dir) throws Exception {
    Path file = dir.resolve("my.json");
    Files.writeString(file, TenantFiles.readSample());
    return file;
  }

  private static Map<String, String> realEnv(FakeAresServer ares) {
    return Map.of(
        "ARES_ENDPOINT",
        ares.endpoint().toString(),
        "ARES_API_KEY",
        "k",
        "ARES_ENVIRONMENT_ID",
        "e",
        "ARES_GW_SIGNATURE",
        "j");
  }

  @Test
  void secondRegistrationPrintsTheUserErrorWithStatus1() {
    try (FakeAresServer fake = FakeAresServer.start()) {
      Map<String, String> env =
          Map.of(
              "ARES_ENDPOINT",
              fake.endpoint().toString(),
              "ARES_API_KEY",
              "k",
              "ARES_ENVIRONMENT_ID",
              "e",
              "ARES_GW_SIGNATURE",
              "j");
      assertEquals(0, run(env));
      assertEquals(1, run(env));
      assertTrue(err().contains("user error: tenantInput.projectId: Tenant already exists"), err());
      List<String> lines = err().lines().toList();
      int error =
          lines.indexOf("register: user error: tenantInput.projectId: Tenant already exists");
      assertEquals(
          "  TENANT_ALREADY_EXISTS: " + UserErrorCode.TENANT_ALREADY_EXISTS.remediation(),
          lines.get(error + 1),
          err());
    }
  }

  @Test
  void missingCredentialsForARealEndpointAreBadInput() {
    try (FakeAresServer fake = FakeAresServer.start()) {
      assertEquals(2, run(Map.of("ARES_ENDPOINT", fake.endpoint().toString())));
      assertTrue(err().contains("ARES_API_KEY"), err());
      assertEquals(0, fake.requestCount());
    }
  }

  @Test
  void malformedTenantFileIsOneLineWithStatus2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tenant.json");
    Files.writeString(
        file,
        "{\"tenantInput\": {\"projectId\": \"p\", \"ruleType\": \"matchBySKU\","
            + " \"commerce\": {\"credentials\": {\"consumerKey\": \"k\"}}}}");
    assertEquals(2, run(Map.of(), file.toString()));
    String message = err().trim();
    assertEquals(1, message.lines().count(), message);
    assertTrue(
        message.startsWith(
            "register: "
                + file
                + ":1: tenantInput.commerce.credentials.consumerSecret is required"),
        message);
    assertEquals("", out());
  }

  @Test
  void missingFileIsStatus2() {
    assertEquals(2, run(Map.of(), "/no/such/tenant.json"));
    assertEquals("register: /no/such/tenant.json: no such file\n", err());
  }

  @Test
  void aOneDashOptionIsAnUnknownOptionNotAMissingFile() {
    assertEquals(2, run(Map.of(), "-x"));
    assertTrue(
        err().startsWith("unknown option -x (a file of that name: ./-x); usage: register"), err());
    assertEquals("", out());
  }

  @Test
  void mainPrintsUsageForAnUnknownCommand() {
    assertEquals(2, Main.run(new String[] {"nope"}, new PrintStream(out), new PrintStream(err)));
    assertTrue(err().contains("register [--fake] [--preflight] [tenant.json]"), err());
  }
}
