package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matching.Asset;
import dev.ares.matching.MatchJson;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve-matcher --jar}: every way a jar can be wrong says which jar and which class in one
 * line on stderr and exits 2, before anything is served; the matchers not chosen are closed; the
 * one served runs with its jar as the context class loader.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a server that started
class ServeMatcherJarRefusalsTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Runs {@code serve-matcher args --allow-anonymous --port 0} as the program does. */
  private int serve(String... args) {
    out.reset();
    err.reset();
    List<String> all = new ArrayList<>(List.of("serve-matcher"));
    all.addAll(List.of(args));
    all.addAll(List.of("--allow-anonymous", "--port", "0"));
    return Main.run(
        all.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Exit 2, one line on stderr holding {@code expected}, no stack trace, nothing served. */
  private void refused(String expected, String... args) {
    assertEquals(2, serve(args), List.of(args) + ": " + out() + err());
    assertTrue(err().contains(expected), "expected «" + expected + "» in: " + err());
    assertFalse(err().contains("\tat "), err());
    assertTrue(out().lines().noneMatch(l -> l.startsWith("serving ")), out());
  }

  private Path matcherJar(String file, String className, String body) throws Exception {
    return TestJars.oneMatcher(dir.resolve(file), className, body);
  }

  @Test
  void aPathThatIsNotAJarIsNamed() throws Exception {
    Path missing = dir.resolve("my-matcher.jar");
    refused("serve-matcher: " + missing + ": no such file", "--jar", missing.toString());
    refused(dir + " is a directory, not a jar", "--jar", dir.toString());
    Path text = Files.writeString(dir.resolve("notes.jar"), "not a zip\n");
    refused(text + " is not a jar (", "--jar", text.toString());
    Path empty = Files.createFile(dir.resolve("empty.jar"));
    refused(empty + " is not a jar (", "--jar", empty.toString());
    refused("--jar: an empty path in", "--jar", "a.jar" + File.pathSeparator);
  }

  @Test
  void aJarThatListsNoMatcherIsNamed() throws Exception {
    Path none =
        TestJars.jar(
            dir.resolve("none.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            null,
            Set.of());
    refused(
        none + " lists no AssetMatcher: it has no META-INF/services/dev.ares.matching.AssetMatcher",
        "--jar",
        none.toString());
    Path comments =
        TestJars.jar(
            dir.resolve("comments.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            "# nothing yet\n\n",
            Set.of());
    refused(
        comments + ": META-INF/services/dev.ares.matching.AssetMatcher names no class",
        "--jar",
        comments.toString());
  }

  @Test
  void aListedClassThatCannotBeLoadedIsNamed() throws Exception {
    Path missing =
        TestJars.jar(
            dir.resolve("missing.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            "com.example.Missing\n",
            Set.of());
    refused(
        missing
            + " lists com.example.Missing in META-INF/services/dev.ares.matching.AssetMatcher,"
            + " but no such class is in the jar or on the class path",
        "--jar",
        missing.toString());

    Path notOne =
        TestJars.jar(
            dir.resolve("not-a-matcher.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            "com.example.Plain\n",
            Set.of());
    refused(
        notOne
            + " lists com.example.Plain, which does not implement dev.ares.matching.AssetMatcher",
        "--jar",
        notOne.toString());

    Path shadowed =
        TestJars.jar(
            dir.resolve("shadowed.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            FileNameMatcher.class.getName() + "\n",
            Set.of());
    refused(
        FileNameMatcher.class.getName()
            + " (listed by "
            + shadowed
            + ") is also on the application's class path, whose copy would be served",
        "--jar",
        shadowed.toString());

    Path noBase =
        TestJars.jar(
            dir.resolve("no-base.jar"),
            Map.of(
                "com.example.Base",
                TestJars.matcherSource("com.example.Base", ""),
                "com.example.Derived",
                "package com.example; public class Derived extends Base {}"),
            "com.example.Derived\n",
            Set.of("com.example.Base"));
    refused(
        noBase
            + " lists com.example.Derived, which cannot be loaded: NoClassDefFoundError:"
            + " com/example/Base",
        "--jar",
        noBase.toString());
  }

  @Test
  void aMatcherThatCannotBeBuiltIsNamedWithWhatItThrew() throws Exception {
    Path throwing =
        matcherJar(
            "throwing.jar",
            "com.example.Throwing",
            "public Throwing() { throw new IllegalStateException(\"no model at /models/x\"); }");
    refused(
        throwing
            + ": com.example.Throwing could not be built: IllegalStateException: no model at"
            + " /models/x",
        "--jar",
        throwing.toString());

    Path statics =
        matcherJar(
            "static.jar",
            "com.example.Static",
            "static final int X = Integer.parseInt(\"not a number\");");
    refused(
        statics
            + ": com.example.Static could not be built: NumberFormatException: For input string:"
            + " \"not a number\"",
        "--jar",
        statics.toString());

    Path noConstructor =
        matcherJar("private.jar", "com.example.Private", "private Private(int x) {}");
    refused(
        "com.example.Private Unable to get public no-arg constructor",
        "--jar",
        noConstructor.toString());

    Path badName =
        matcherJar(
            "name.jar",
            "com.example.BadName",
            "@Override public String name() { throw new UnsupportedOperationException(\"later\"); }");
    refused(
        badName + ": name() of com.example.BadName failed: UnsupportedOperationException: later",
        "--jar",
        badName.toString());
  }

  @Test
  void aNameNoMatcherHasListsTheNamesFound() throws Exception {
    Path jar = TestJars.project(TestJars.MATCHER_PROJECT, dir.resolve("product-code.jar"));
    refused(
        "serve-matcher: no AssetMatcher named product-kode is in the jars; found: product-code"
            + " (com.example.productcode.ProductCodeMatcher in "
            + jar
            + ")",
        "--jar",
        jar.toString(),
        "--matcher",
        "product-kode");
  }

  @Test
  void oneNameOfferedByTwoJarsIsRefusedNamingBoth() throws Exception {
    String named = "@Override public String name() { return \"product-code\"; }";
    Path a = matcherJar("a.jar", "com.example.a.Codes", named);
    Path b = matcherJar("b.jar", "com.example.b.Codes", named);
    refused(
        "2 AssetMatchers are named product-code: com.example.a.Codes in "
            + a
            + " and com.example.b.Codes in "
            + b,
        "--jar",
        a.toString(),
        "--jar",
        b.toString(),
        "--matcher",
        "product-code");
    refused(
        "several AssetMatchers are in the jars (product-code (com.example.a.Codes in "
            + a
            + "), product-code (com.example.b.Codes in "
            + b
            + ")): choose one with --matcher NAME",
        "--jar",
        a + File.pathSeparator + b);

    // By class name, either can be served.
    assertEquals(
        2,
        serve(
            "--jar",
            a + File.pathSeparator + b,
            "--matcher",
            "com.example.b.Codes",
            "--assets",
            dir.resolve("absent.jsonl").toString()));
    assertTrue(err().contains("absent.jsonl: no such file"), err()); // checked before loading

    // The same file twice is one jar.
    assertEquals(
        2,
        serve(
            "--jar",
            a.toString(),
            "--jar",
            a.getParent().resolve(".").resolve("a.jar").toString(),
            "--matcher",
            "nope"));
    assertTrue(err().contains("found: product-code (com.example.a.Codes in " + a + ")\n"), err());

    Path again = matcherJar("again.jar", "com.example.a.Codes", named);
    refused(
        "com.example.a.Codes is listed by both "
            + a
            + " and "
            + again
            + ": only one copy could be"
            + " served",
        "--jar",
        a.toString(),
        "--jar",
        again.toString());
  }

  @Test
  void theDemoTakesNoJar() throws Exception {
    Path jar = TestJars.project(TestJars.MATCHER_PROJECT, dir.resolve("product-code.jar"));
    refused(
        "--matcher demo serves the built-in demo matcher: it takes no --jar",
        "--jar",
        jar.toString(),
        "--matcher",
        "demo");
  }

  @Test
  void aConstructorThatNeverReturnsIsNamedWhenTheTimeoutIsUp() throws Exception {
    Path blocking =
        matcherJar(
            "blocking.jar",
            "com.example.Blocking",
            "public Blocking() {\n"
                + "  try { new java.util.concurrent.CountDownLatch(1).await(); }\n"
                + "  catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"
                + "}");
    BadInputException refused =
        assertThrows(
            BadInputException.class,
            () ->
                MatcherJars.load(
                    List.of(blocking.toString()),
                    null,
                    Duration.ofMillis(300),
                    new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertEquals(
        "the matchers of "
            + blocking
            + " were not built within 300 ms: the constructor of com.example.Blocking (listed by "
            + blocking
            + ") had not returned; make it return, or allow longer with --load-timeout SECONDS",
        refused.getMessage());
    assertEquals("", out());
    refused(
        "--load-timeout must be a number of seconds from 1 to",
        "--jar",
        blocking.toString(),
        "--load-timeout",
        "0");
  }

  @Test
  void theMatchersNotChosenAreClosedAndTheServedOneSeesItsJar() throws Exception {
    String closing =
        "@Override public void close() { System.setProperty(\"ares.test.closed.\" + name(), \"yes\"); }\n";
    String seesItsJar =
        "@Override public AssetToProductResult matchAsset(Asset asset) {\n"
            + "  boolean own = Thread.currentThread().getContextClassLoader()"
            + " == getClass().getClassLoader();\n"
            + "  return AssetToProductResult.builder().assetId(asset.assetId())\n"
            + "      .addProductMatches(ProductMatch.builder()"
            + ".productSku(own ? \"own-loader\" : \"other-loader\").build()).build();\n"
            + "}\n";
    String served =
        "package com.example;\nimport dev.ares.matching.*;\n"
            + "public class Served implements AssetMatcher {\n"
            + "@Override public String name() { return \"served-one\"; }\n"
            + closing
            + seesItsJar
            + "@Override public ProductToAssetResult matchProduct(String sku) {\n"
            + "  return ProductToAssetResult.builder().productSku(sku).build();\n}\n}\n";
    String other =
        TestJars.matcherSource(
            "com.example.Other",
            "@Override public String name() { return \"other-one\"; }\n" + closing);
    Path jar =
        TestJars.jar(
            dir.resolve("two.jar"),
            Map.of("com.example.Served", served, "com.example.Other", other),
            "com.example.Served\ncom.example.Other\n",
            Set.of());
    try (ServeMatcherCommand.Serving serving =
        ServeMatcherCommand.start(
            List.of(
                "--jar",
                jar.toString(),
                "--matcher",
                "served-one",
                "--allow-anonymous",
                "--port",
                "0"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      assertNotNull(serving, err());
      assertEquals("yes", System.getProperty("ares.test.closed.other-one"));
      assertNull(System.getProperty("ares.test.closed.served-one"));
      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(serving.server().assetToProductUrl()))
                      .timeout(Duration.ofSeconds(10))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              MatchJson.writeAssetRequest(
                                  Asset.of("urn:aaid:aem:1", Map.of("dc:title", "x")))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode(), answer.body());
      assertTrue(answer.body().contains("\"own-loader\""), answer.body());
    } finally {
      System.clearProperty("ares.test.closed.other-one");
    }
    assertEquals("yes", System.getProperty("ares.test.closed.served-one"), "closed when stopped");
    System.clearProperty("ares.test.closed.served-one");
  }

  @Test
  void anAssetsLineOverTheLimitIsBadInputAndNothingIsServed() throws Exception {
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"dc:title\":\""
            + "x".repeat(1 << 21)
            + "\"}}\n");
    refused(
        "serve-matcher: " + assets + ":1: asset is longer than 1048576 characters, the line limit",
        "--matcher",
        "demo",
        "--assets",
        assets.toString());
    Path tenant = Files.writeString(dir.resolve("t.json"), TenantFiles.readSample());
    refused(
        tenant + " is a tenant file (tenant.json), where an assets file",
        "--matcher",
        "demo",
        "--assets",
        tenant.toString());
  }

  @Test
  void aMatcherFailingOnSomeAssetsOfTheFileIsCountedAndTheRestAreIndexed() throws Exception {
    String picky =
        "package com.example;\nimport dev.ares.matching.*;\n"
            + "public class Picky implements AssetMatcher {\n"
            + "@Override public String name() { return \"picky\"; }\n"
            + "@Override public AssetToProductResult matchAsset(Asset asset) {\n"
            + "  if (asset.assetId().endsWith(\"bad\")) { throw new IllegalStateException(\"x\"); }\n"
            + "  return AssetToProductResult.builder().assetId(asset.assetId())\n"
            + "      .addProductMatches(ProductMatch.builder().productSku(\"p1\").build()).build();\n"
            + "}\n"
            + "@Override public ProductToAssetResult matchProduct(String sku) {\n"
            + "  throw new UnsupportedOperationException();\n}\n}\n";
    Path jar =
        TestJars.jar(
            dir.resolve("picky.jar"),
            Map.of("com.example.Picky", picky),
            "com.example.Picky\n",
            Set.of());
    Path assets = dir.resolve("assets.jsonl");
    Files.writeString(
        assets,
        "{\"assetId\":\"urn:1\",\"metadata\":{}}\n"
            + "{\"assetId\":\"urn:2-bad\",\"metadata\":{}}\n"
            + "{\"assetId\":\"urn:3\",\"metadata\":{}}\n"
            + "{\"assetId\":\"urn:4-bad\",\"metadata\":{}}\n");
    try (ServeMatcherCommand.Serving serving =
        ServeMatcherCommand.start(
            List.of(
                "--jar",
                jar.toString(),
                "--assets",
                assets.toString(),
                "--allow-anonymous",
                "--port",
                "0"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))) {
      assertNotNull(serving, err());
      assertTrue(
          out()
              .contains(
                  "indexed 2 assets of 1 product from 4 assets of "
                      + assets
                      + " (0 skipped or matching no product; 2 failed to match, the first urn:2-bad:"
                      + " IllegalStateException)\n"),
          out());
    }
  }
}
