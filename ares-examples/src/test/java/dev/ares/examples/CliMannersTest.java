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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How the program behaves as a command line: help on stdout with status 0, an unknown command
 * named, files of the wrong kind named as such, settings named by their environment variables.
 */
class CliMannersTest {

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

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void helpPrintsEveryCommandOnStdoutWithStatus0(String help) {
    assertEquals(0, run(help), err());
    assertEquals("", err());
    assertTrue(out().startsWith("usage: java -jar ares-examples.jar <command> [args]\n"), out());
    for (Command c : Main.commands().values()) {
      assertTrue(out().contains(c.usage()), c.name() + " in " + out());
    }
    assertTrue(out().contains("exit status: 0 success"), out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"register", "check-commerce", "match", "coverage", "serve-matcher"})
  void everyCommandHasItsOwnHelp(String name) {
    Command command = Main.commands().get(name);
    for (List<String> asked :
        List.of(List.of(name, "--help"), List.of(name, "-h"), List.of("help", name))) {
      out.reset();
      assertEquals(0, run(asked.toArray(String[]::new)), asked + ": " + err());
      assertEquals("", err());
      assertEquals(
          "usage: java -jar ares-examples.jar "
              + command.usage()
              + "\n  "
              + command.summary()
              + "\n",
          out().lines().limit(2).map(l -> l + "\n").reduce("", String::concat),
          asked.toString());
    }
  }

  @Test
  void helpWinsOverOtherArgumentsAndRunsNothing() {
    assertEquals(0, run("register", "/no/such/tenant.json", "--help"));
    assertTrue(out().startsWith("usage: java -jar ares-examples.jar register "), out());
    assertFalse(out().contains("tenantId"), out());
    assertEquals("", err());
  }

  @Test
  void anUnknownCommandIsNamedOnStderrWithStatus2() {
    assertEquals(2, run("bogus"));
    assertEquals("", out());
    assertTrue(err().startsWith("unknown command: bogus\nusage: "), err());
    err.reset();
    assertEquals(2, run("help", "bogus"));
    assertTrue(err().startsWith("unknown command: bogus\n"), err());
    err.reset();
    assertEquals(2, run("bo\u001b[2Jgus"));
    assertTrue(err().startsWith("unknown command: bo\\u001b[2Jgus\n"), err());
  }

  @Test
  void noCommandIsUsageOnStderrWithStatus2() {
    assertEquals(2, run());
    assertEquals("", out());
    assertTrue(err().startsWith("usage: java -jar ares-examples.jar <command> [args]"), err());
  }

  @Test
  void aTenantFileWhereAssetsAreExpectedIsNamedAsSuch(@TempDir Path dir) throws Exception {
    Path tenant = write(dir, "tenant.json", TenantFiles.readSample());
    Path assets = write(dir, "assets.jsonl", "{\"assetId\": \"a\", \"metadata\": {}}\n");
    assertEquals(2, run("coverage", tenant.toString(), assets.toString()));
    assertEquals("", out());
    assertEquals(
        "coverage: "
            + tenant
            + " is a tenant file (tenant.json), where an assets file (assets.jsonl, one asset a"
            + " line) is expected; usage: "
            + new CoverageCommand().usage()
            + "\n",
        err());
    assertFalse(err().contains("is not valid JSON"), err());
  }

  @Test
  void eachCommandChecksTheKindOfEachFile(@TempDir Path dir) throws Exception {
    Path tenant = write(dir, "t.json", TenantFiles.readSample());
    Path assets =
        write(dir, "a.jsonl", "{\"assetId\": \"a\", \"metadata\": {}}\n{\"assetId\": \"b\"}");
    Path catalog = write(dir, "c.txt", "sku-1\nsku-2\n");
    String t = tenant.toString();
    String a = assets.toString();
    String c = catalog.toString();
    Map<List<String>, String> wrong =
        Map.of(
            List.of("register", a), a + " is an assets file",
            List.of("register", "--fake", c), c + " is a text file",
            List.of("check-commerce", a), a + " is an assets file",
            List.of("match", a), a + " is an assets file",
            List.of("match", t, t), t + " is a tenant file",
            List.of("match", t, c), c + " is a text file",
            List.of("coverage", t, a, t), t + " is a tenant file",
            List.of("coverage", a, c, c), a + " is an assets file",
            List.of("serve-matcher", a, "--port", "0"), a + " is an assets file");
    for (Map.Entry<List<String>, String> e : wrong.entrySet()) {
      out.reset();
      err.reset();
      List<String> args = e.getKey();
      assertEquals(2, run(args.toArray(String[]::new)), args + ": " + err());
      assertEquals("", out(), args.toString());
      assertEquals(1, err().lines().count(), err());
      assertTrue(err().startsWith(args.get(0) + ": " + e.getValue() + " "), args + ": " + err());
      assertTrue(err().contains("usage: " + Main.commands().get(args.get(0)).usage()), err());
    }
    assertEquals(0, run("coverage", t, a, c), err());
  }

  @Test
  void onlyRegularFilesArePeekedAt(@TempDir Path dir) throws Exception {
    assertEquals(FileKind.UNKNOWN, FileKind.of(dir)); // a directory: its reader names it
    assertEquals(FileKind.UNKNOWN, FileKind.of(dir.resolve("missing.json")));
    Path tenant = write(dir, "t.json", TenantFiles.readSample());
    assertEquals(FileKind.TENANT, FileKind.of(tenant));
  }

  @Test
  void fileKindsAreToldFromTheFirstBytes() {
    assertEquals(FileKind.TENANT, FileKind.ofText("\uFEFF {\"tenantInput\": {\"projectId\": 1"));
    assertEquals(FileKind.TENANT, FileKind.ofText("{\"enabled\": true, \"projectId\": \"p\"}"));
    assertEquals(FileKind.ASSETS, FileKind.ofText("{\"assetId\": \"" + "x".repeat(100_000)));
    assertEquals(FileKind.ASSETS, FileKind.ofText("{\"metadata\": {\"a\": [1]}, \"assetId\": 1}"));
    assertEquals(FileKind.TEXT, FileKind.ofText("sku-1\nsku-2"));
    assertEquals(FileKind.UNKNOWN, FileKind.ofText(""));
    assertEquals(FileKind.UNKNOWN, FileKind.ofText("{not json"));
    assertEquals(FileKind.UNKNOWN, FileKind.ofText("[1, 2]"));
    assertEquals(FileKind.UNKNOWN, FileKind.ofText("{\"other\": 1}"));
  }

  @Test
  void aMissingApiKeyIsNamedByItsVariable(@TempDir Path dir) throws Exception {
    Path tenant = write(dir, "t.json", TenantFiles.readSample());
    int status =
        new RegisterCommand(Map.of("ARES_ENVIRONMENT_ID", "e", "ARES_GW_SIGNATURE", "j"))
            .run(
                List.of(tenant.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(err().startsWith("register: " + tenant + ": ARES_API_KEY is not set: "), err());
    assertFalse(err().contains("aresClient."), err());
  }

  @Test
  void aBadSettingIsNamedByItsVariable(@TempDir Path dir) throws Exception {
    Path tenant = write(dir, "t.json", TenantFiles.readSample());
    int status =
        new RegisterCommand(
                Map.of(
                    "ARES_ENDPOINT",
                    "http://127.0.0.1:9/graphql",
                    "ARES_API_KEY",
                    "k\u00e9y",
                    "ARES_ENVIRONMENT_ID",
                    "e",
                    "ARES_GW_SIGNATURE",
                    "j"))
            .run(
                List.of(tenant.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    assertTrue(err().startsWith("register: ARES_API_KEY must be visible ASCII"), err());
    assertFalse(err().contains("aresClient."), err());
    assertFalse(err().contains("k\u00e9y"), err());
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
