package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    return new RegisterCommand(env).run(List.of(args), new PrintStream(out, true),
        new PrintStream(err, true));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void registersTheBundledSampleAgainstTheLoopbackFake() {
    assertEquals(0, run(Map.of()));
    assertEquals("tenantId: tenant-0001\n", out());
    assertTrue(err().contains("using a loopback fake ARES"), err());
  }

  @Test
  void secondRegistrationPrintsTheUserErrorWithStatus1() {
    try (FakeAresServer fake = FakeAresServer.start()) {
      Map<String, String> env = Map.of("ARES_ENDPOINT", fake.endpoint().toString(),
          "ARES_API_KEY", "k", "ARES_ENVIRONMENT_ID", "e", "ARES_GW_SIGNATURE", "j");
      assertEquals(0, run(env));
      assertEquals(1, run(env));
      assertTrue(err().contains("user error: tenantInput.projectId: Tenant already exists"), err());
    }
  }

  @Test
  void missingCredentialsForARealEndpointAreBadInput() {
    try (FakeAresServer fake = FakeAresServer.start()) {
      assertEquals(2, run(Map.of("ARES_ENDPOINT", fake.endpoint().toString())));
      assertTrue(err().contains("aresClient.apiKey is required"), err());
      assertEquals(0, fake.requestCount());
    }
  }

  @Test
  void malformedTenantFileIsOneLineWithStatus2(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tenant.json");
    Files.writeString(file, "{\"tenantInput\": {\"projectId\": \"p\", \"ruleType\": \"matchBySKU\","
        + " \"commerce\": {\"credentials\": {\"consumerKey\": \"k\"}}}}");
    assertEquals(2, run(Map.of(), file.toString()));
    String message = err().trim();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("register: " + file
        + ":1: tenantInput.commerce.credentials.consumerSecret is required"), message);
    assertEquals("", out());
  }

  @Test
  void missingFileIsStatus2() {
    assertEquals(2, run(Map.of(), "/no/such/tenant.json"));
    assertEquals("register: /no/such/tenant.json: no such file\n", err());
  }

  @Test
  void mainPrintsUsageForAnUnknownCommand() {
    assertEquals(2, Main.run(new String[] {"nope"}, new PrintStream(out), new PrintStream(err)));
    assertTrue(err().contains("register [tenant.json]"), err());
  }
}
