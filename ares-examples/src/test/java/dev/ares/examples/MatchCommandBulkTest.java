package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code match} streams the assets through the bulk matcher: --concurrency, failures, progress. */
class MatchCommandBulkTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int runOnATerminal(String... args) throws Exception {
    return new MatchCommand(() -> true)
        .run(
            List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void concurrencyIsAnOptionAndTheOutputIsTheSameInputOrder() {
    assertEquals(0, run("match"), err());
    String byDefault = out();
    for (String[] args :
        List.of(
            new String[] {"match", "--concurrency", "1"},
            new String[] {"match", "--concurrency=3"},
            new String[] {"match", "--concurrency", "5000"})) {
      out.reset();
      err.reset();
      assertEquals(0, run(args), err());
      assertEquals(byDefault, out(), String.join(" ", args));
    }
  }

  @Test
  void aBadConcurrencyIsNamedAndNothingRuns() {
    for (String[] args :
        List.of(
            new String[] {"match", "--concurrency", "0"},
            new String[] {"match", "--concurrency=-5"},
            new String[] {"match", "--concurrency", "5001"},
            new String[] {"match", "--concurrency", "lots"},
            new String[] {"match", "--concurrency", "99999999999999999999"},
            new String[] {"match", "--concurrency"})) {
      out.reset();
      err.reset();
      assertEquals(2, run(args), String.join(" ", args));
      assertEquals("", out());
      assertEquals(1, err().lines().count(), err());
      assertTrue(err().startsWith("match: --concurrency "), err());
      assertTrue(err().contains("usage: match [--fake] [--concurrency N]"), err());
    }
  }

  @Test
  void theSummaryGoesToStderrAndNoBarWithoutATerminal() {
    assertEquals(0, run("match"), err());
    assertEquals("match: 6 assets: 4 matched, 0 without a product, 2 skipped, 0 failed\n", err());
  }

  @Test
  void aTerminalGetsAProgressBarThatIsWipedBeforeTheSummary() throws Exception {
    assertEquals(0, runOnATerminal(), err());
    String printed = err();
    assertTrue(printed.contains("\r[########################] 100% 6/6  "), printed);
    assertTrue(printed.contains("ETA 0:00"), printed);
    assertTrue(
        printed.endsWith(
            "\rmatch: 6 assets: 4 matched, 0 without a product, 2 skipped, 0 failed\n"),
        printed);
    assertFalse(out().contains("\r"), "stdout stays one JSON line per asset");
  }

  @Test
  void aFailedAssetIsALineOfItsOwnAndTheOthersGoOn(@TempDir Path dir) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String request =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = 200;
          String body;
          if (exchange.getRequestURI().getPath().startsWith("/ims")) {
            body = "{\"access_token\":\"tok-1234\",\"token_type\":\"bearer\",\"expires_in\":3600}";
          } else if (request.contains("urn:aaid:aem:bad")) {
            status = 400;
            body = "{\"error\":\"no such \\u001b[2J asset\"}";
          } else {
            String id = request.contains("urn:aaid:aem:1") ? "urn:aaid:aem:1" : "urn:aaid:aem:3";
            body = "{\"asset_id\":\"" + id + "\",\"product_matches\":[{\"product_sku\":\"s\"}]}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
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
              + "/a2p\",\"productToAssetUrl\":\""
              + base
              + "/p2a\",\"credentials\":{\"oauthServerUrl\":\""
              + base
              + "/ims/token/v3\",\"clientId\":\"client-1\","
              + "\"clientSecret\":\"secret-1234\",\"imsOrgId\":\"ORG@AdobeOrg\"}}}");
      Path assets = dir.resolve("assets.jsonl");
      Files.writeString(
          assets,
          "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{}}\n"
              + "{\"assetId\":\"urn:aaid:aem:bad\",\"metadata\":{}}\n"
              + "{\"assetId\":\"urn:aaid:aem:3\",\"metadata\":{}}\n");
      // Some assets failed: a negative answer (1), not bad input (2).
      assertEquals(1, run("match", "--concurrency", "2", tenant.toString(), assets.toString()));
      String[] lines = out().split("\n");
      assertEquals(3, lines.length, out());
      assertTrue(lines[0].startsWith("{\"asset_id\":\"urn:aaid:aem:1\""), lines[0]);
      assertTrue(
          lines[1].startsWith(
              "{\"asset_id\":\"urn:aaid:aem:bad\",\"error\":{\"kind\":\"HTTP_STATUS\","
                  + "\"reason\":\"HTTP_400\",\"message\":\""),
          lines[1]);
      assertFalse(lines[1].contains("\u001b"), lines[1]);
      assertTrue(lines[2].startsWith("{\"asset_id\":\"urn:aaid:aem:3\""), lines[2]);
      assertEquals(
          "match: 3 assets: 2 matched, 0 without a product, 0 skipped, 1 failed (HTTP_400 1)\n",
          err());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theBarShowsRateEtaAndFailures() {
    assertEquals(
        "[##########..............]  45% 450/1000  45.0/s  ETA 0:13  3 failed",
        TerminalProgress.line(
            new dev.ares.matching.BulkProgress(450, 3, 16, java.time.Duration.ofSeconds(10)),
            1000));
    assertEquals(
        "7 assets  0.0/s",
        TerminalProgress.line(
            new dev.ares.matching.BulkProgress(7, 0, 1, java.time.Duration.ZERO), -1));
  }

  /** What a terminal shows of one line: each {@code \r} goes back to the start and overwrites. */
  private static String rendered(String line) {
    StringBuilder screen = new StringBuilder();
    int column = 0;
    for (char c : line.toCharArray()) {
      if (c == '\r') {
        column = 0;
      } else if (column < screen.length()) {
        screen.setCharAt(column++, c);
      } else {
        screen.append(c);
        column++;
      }
    }
    return screen.toString().stripTrailing();
  }

  @Test
  void theBarNeverSharesALineWithAResultWhenStdoutAndStderrAreOneTerminal() throws Exception {
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream screen = new PrintStream(terminal, true, StandardCharsets.UTF_8);
    // Redrawn after every asset, so the bar is on screen whenever a result line is printed.
    assertEquals(0, new MatchCommand(() -> true, Duration.ZERO).run(List.of(), screen, screen));
    String printed = terminal.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("\r[####"), "the bar was drawn during the run: " + printed);
    long results = 0;
    for (String line : printed.split("\n")) {
      if (line.contains("{\"asset_id\"")) {
        results++;
        String shown = rendered(line);
        assertTrue(shown.startsWith("{\"asset_id\"") && shown.endsWith("}"), shown);
      }
    }
    assertEquals(6, results, printed);
    assertTrue(
        rendered(printed.substring(printed.lastIndexOf('\n', printed.length() - 2) + 1))
            .startsWith("match: 6 assets: 4 matched"),
        printed);
  }

  @Test
  void progressAndNoProgressOverrideTheTerminalDetection() throws Exception {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, new MatchCommand(() -> false).run(List.of("--progress"), o, e));
    assertTrue(err().contains("\r[########################] 100% 6/6"), err());
    String withBar = out();
    out.reset();
    err.reset();
    assertEquals(0, new MatchCommand(() -> true).run(List.of("--no-progress"), o, e));
    assertEquals("match: 6 assets: 4 matched, 0 without a product, 2 skipped, 0 failed\n", err());
    assertEquals(withBar, out());
    assertTrue(new MatchCommand().usage().contains("[--progress|--no-progress]"));
    assertTrue(new MatchCommand().summary().contains("--progress"));
  }

  /** The bundled samples, copied so that a test can hand them over as files. */
  private static String sample(String name) throws Exception {
    try (java.io.InputStream in =
        MatchCommandBulkTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aPipeIsReadOnceAndEveryAssetIsMatched(@TempDir Path dir) throws Exception {
    Path tenant =
        Files.writeString(dir.resolve("tenant.json"), sample(TenantMatcher.SAMPLE_TENANT));
    String assets = sample(TenantMatcher.SAMPLE_ASSETS);
    long expected = assets.lines().filter(l -> !l.isBlank()).count();
    try (Fifo fifo = Fifo.of(dir, assets)) {
      assertEquals(
          0,
          new MatchCommand(() -> true)
              .run(
                  List.of(tenant.toString(), fifo.path().toString()),
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8)),
          err());
    }
    assertEquals(expected, out().lines().count(), out());
    assertTrue(err().contains("\r6 assets  "), "no total known, so no ETA: " + err());
    assertFalse(err().contains("ETA"), err());
    assertTrue(
        err().endsWith("match: 6 assets: 4 matched, 0 without a product, 2 skipped, 0 failed\n"),
        err());
  }

  @Test
  void theTotalCountsTheLinesTheRunReadsOfARegularFileOnly(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a.jsonl"), "{}\r\n\n  \t\r\n{}\r{}\n\n{}");
    assertEquals(4, MatchCommand.count(file.toString()));
    assertEquals(0, MatchCommand.count(Files.writeString(dir.resolve("e.jsonl"), "").toString()));
    assertEquals(6, MatchCommand.count(null), "the bundled sample");
    assertEquals(-1, MatchCommand.count(dir.toString()), "not a regular file");
  }

  @Test
  void aBadLineMidRunStillPrintsTheCountsSoFarThenNamesTheLine(@TempDir Path dir) throws Exception {
    Path tenant =
        Files.writeString(dir.resolve("tenant.json"), sample(TenantMatcher.SAMPLE_TENANT));
    List<String> lines = sample(TenantMatcher.SAMPLE_ASSETS).lines().toList();
    String assets =
        lines.get(0) + "\n" + lines.get(1) + "\n{\"assetId\": 3}\n" + lines.get(2) + "\n";
    try (Fifo fifo = Fifo.of(dir, assets)) {
      assertEquals(
          2, run("match", "--concurrency", "1", tenant.toString(), fifo.path().toString()));
    }
    assertEquals(2, out().lines().count(), out());
    List<String> errors = err().lines().toList();
    assertEquals(2, errors.size(), err());
    assertTrue(errors.get(0).startsWith("match: 2 assets: "), err());
    assertTrue(errors.get(1).startsWith("match: "), err());
    assertTrue(
        errors.get(1).contains("assets.fifo:3: asset.assetId must be a non-blank string"), err());
  }

  @Test
  void theHelpStatesTheExitStatuses() {
    String summary = new MatchCommand().summary();
    assertTrue(summary.contains("exit 1 when any asset failed"), summary);
  }

  @Test
  void credentialsRefusedAtTheStartAreAFailureBeforeAnyAnswer(@TempDir Path dir) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(401, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path tenant =
          Files.writeString(
              dir.resolve("external.json"),
              "{\"projectId\":\"p\",\"ruleType\":\"externalMatcher\","
                  + "\"externalMatcher\":{\"assetToProductUrl\":\""
                  + base
                  + "/a2p\",\"productToAssetUrl\":\""
                  + base
                  + "/p2a\",\"credentials\":{\"oauthServerUrl\":\""
                  + base
                  + "/ims/token/v3\",\"clientId\":\"client-1\","
                  + "\"clientSecret\":\"secret-1234\",\"imsOrgId\":\"ORG@AdobeOrg\"}}}");
      assertEquals(2, run("match", "--concurrency", "1", tenant.toString()));
      assertTrue(err().contains("stopped: IMS refused the client credentials"), err());
      assertFalse(err().contains("secret-1234"), err());
    } finally {
      server.stop(0);
    }
  }
}
