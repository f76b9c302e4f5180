package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code preflight} with no file, driven through {@link Main}: the bundled samples checked against
 * loopback fakes of Commerce, AEM, IMS and the two actions, with the one planted failure (an asset
 * whose {@code commerce:roles} do not line up with its {@code commerce:skus}) failing with its
 * remediation, every other check passing, and exit 1.
 */
class PreflightSamplesTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String printed() {
    return stdout() + err.toString(StandardCharsets.UTF_8);
  }

  private void assertNoSecret() {
    for (String secret :
        List.of(
            "sample-consumer-secret",
            "sample-access-token",
            "sample-access-token-secret",
            "sample-client-secret",
            "loopback-secret",
            "fake-ims-token")) {
      assertFalse(printed().contains(secret), secret + " printed: " + printed());
    }
  }

  @Test
  void theBundledSamplesRunAgainstLoopbackFakesWithTheOnePlantedFailureShown() {
    assertEquals(1, run("preflight"), printed());
    List<String> lines = stdout().lines().toList();
    String first = lines.get(0);
    assertTrue(first.startsWith("bundled samples: loopback fakes answered"), first);
    for (String fake : List.of("Commerce", "AEM", "IMS", "actions")) {
      assertTrue(first.contains(fake), fake + " not named: " + first);
    }
    assertTrue(first.contains("http://127.0.0.1:"), first);
    assertTrue(lines.contains("Preflight: FAIL"), stdout());

    List<String> checks = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.matches("(PASS|WARN|FAIL|SKIPPED) [a-zA-Z]+\\.[a-zA-Z]+:.*")) {
        checks.add(trimmed);
      }
    }
    List<String> failed = checks.stream().filter(c -> c.startsWith("FAIL ")).toList();
    assertEquals(1, failed.size(), stdout());
    String planted = failed.get(0);
    assertTrue(planted.startsWith("FAIL assets.metadata:"), planted);
    assertTrue(planted.contains("commerce:roles has 1 entries for 2 SKUs"), planted);
    assertTrue(planted.contains("(fix: fix commerce:skus, commerce:roles"), planted);
    List<String> others = checks.stream().filter(c -> !c.startsWith("FAIL ")).toList();
    assertTrue(others.size() >= 13, stdout());
    for (String check : others) {
      assertTrue(check.startsWith("PASS "), "not a pass: " + check + "\n" + stdout());
    }
    for (String id :
        List.of(
            "ares.jwt",
            "commerce.credentials",
            "aem.author",
            "matcher.imsToken",
            "matcher.assetToProduct",
            "matcher.productToAsset",
            "assets.eligible")) {
      assertTrue(others.stream().anyMatch(c -> c.startsWith("PASS " + id + ":")), id);
    }
    assertTrue(stdout().contains("planted"), stdout());
    assertNoSecret();
  }

  @Test
  void theBundledSamplesAsJsonAreOneObjectOnStdout() throws Exception {
    assertEquals(1, run("preflight", "--json"), printed());
    List<String> lines = stdout().lines().toList();
    assertEquals(1, lines.size(), stdout());
    JsonNode report = new ObjectMapper().readTree(lines.get(0));
    assertFalse(report.path("canRegister").asBoolean(), lines.get(0));
    List<JsonNode> failed = new ArrayList<>();
    for (JsonNode check : report.path("checks")) {
      if (!check.path("status").asText().equals("PASS")) {
        failed.add(check);
      }
    }
    assertEquals(1, failed.size(), lines.get(0));
    assertEquals("assets.metadata", failed.get(0).path("id").asText());
    assertEquals("FAIL", failed.get(0).path("status").asText());
    assertTrue(failed.get(0).path("remediation").asText().contains("line up"), lines.get(0));
    String note = err.toString(StandardCharsets.UTF_8);
    assertTrue(note.startsWith("bundled samples: loopback fakes answered"), note);
    assertNoSecret();
  }
}
