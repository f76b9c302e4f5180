package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Assets are read as exactly one JSON value per line: a key given twice, anything after the value,
 * a number out of range and an over-long line are refused by {@code file:line} and path.
 */
class AssetJsonStrictTest {

  private static final String SECRET = "meta-SECRET-value";

  private static String failure(String jsonl) {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> {
              try (Stream<Asset> assets =
                  AssetJson.lines(new StringReader(jsonl), "assets.jsonl")) {
                assets.forEach(a -> {});
              }
            });
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    return e.getMessage();
  }

  /** The 1-based column just after the closing quote of the last {@code "key"} of the line. */
  private static int afterLast(String line, String key) {
    String quoted = "\"" + key + "\"";
    return line.lastIndexOf(quoted) + quoted.length() + 1;
  }

  @Test
  void aKeyGivenTwiceIsRefusedByLineAndPath() {
    String top = "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{},\"assetId\":\"" + SECRET + "\"}";
    assertEquals(
        "assets.jsonl:1: asset.assetId is given twice (line 1, column "
            + afterLast(top, "assetId")
            + ")",
        failure(top));
    String nested =
        "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"commerce:skus\":[\"s\"],"
            + "\"deep\":[{\"k\":1,\"k\":\""
            + SECRET
            + "\"}]}}";
    assertEquals(
        "assets.jsonl:3: asset.metadata.deep[0].k is given twice (line 1, column "
            + afterLast(nested, "k")
            + ")",
        failure("{\"assetId\":\"urn:aaid:aem:0\"}\n\n" + nested));
    String single = "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"a\":\"x\",\"a\":\"y\"}}";
    assertEquals(
        "asset.metadata.a is given twice (line 1, column " + afterLast(single, "a") + ")",
        assertThrows(AresValidationException.class, () -> AssetJson.read(single)).getMessage());
  }

  @Test
  void contentAfterTheValueIsRefused() {
    String asset = "{\"assetId\":\"urn:aaid:aem:1\"}";
    for (String trailing : List.of("{\"assetId\":\"evil\"}", "}}", "]", " x", ",", " 1")) {
      int column = asset.length() + (trailing.startsWith(" ") ? 2 : 1);
      assertEquals(
          "assets.jsonl:1: asset has unexpected content after the JSON value (line 1, column "
              + column
              + ")",
          failure(asset + trailing),
          trailing);
    }
    assertEquals(
        "asset has unexpected content after the JSON value (line 2, column 1)",
        assertThrows(AresValidationException.class, () -> AssetJson.read(asset + "\n}"))
            .getMessage());
  }

  @Test
  void aNumberOutOfRangeIsRefusedByPath() {
    assertEquals(
        "assets.jsonl:1: asset.metadata.size is a number out of range",
        failure("{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"size\":1e999999}}"));
    assertEquals(
        "assets.jsonl:1: asset.metadata.dims[1] is a number out of range",
        failure("{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"dims\":[1,-1E400]}}"));
    assertEquals(
        "assets.jsonl:1: asset.metadata.n.big is a number out of range",
        failure(
            "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"n\":{\"big\":1"
                + "0".repeat(400)
                + "}}}"));
    // Large but finite numbers are kept as they are.
    Asset ok =
        AssetJson.read(
            "{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"a\":1e300,\"b\":-1.5e-400,"
                + "\"c\":123456789012345678901234567890}}");
    assertEquals(1e300, ok.metadata().get("a"));
  }

  /** Yields {@code length} characters of one endless line without ever holding them. */
  private static final class LongLine extends Reader {
    private final String head;
    private final long length;
    private long given;

    LongLine(String head, long length) {
      this.head = head;
      this.length = length;
    }

    @Override
    public int read(char[] buffer, int offset, int count) {
      if (given >= length) {
        return -1;
      }
      int n = (int) Math.min(count, length - given);
      for (int i = 0; i < n; i++) {
        long at = given + i;
        buffer[offset + i] = at < head.length() ? head.charAt((int) at) : 'x';
      }
      given += n;
      return n;
    }

    @Override
    public void close() {}
  }

  @Test
  void aLineLongerThanTheCapIsRefusedWithoutReadingIt() {
    LongLine endless =
        new LongLine("{\"assetId\":\"urn:aaid:aem:1\",\"metadata\":{\"x\":\"", 64L << 20);
    Reader reader = new Reader() { // one short line first, then the endless one
          private final Reader first = new StringReader("{\"assetId\":\"urn:aaid:aem:0\"}\r\n");
          private boolean firstDone;

          @Override
          public int read(char[] b, int o, int n) throws java.io.IOException {
            if (!firstDone) {
              int r = first.read(b, o, n);
              if (r > 0) {
                return r;
              }
              firstDone = true;
            }
            return endless.read(b, o, n);
          }

          @Override
          public void close() {}
        };
    List<String> read = new java.util.ArrayList<>();
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> {
              try (Stream<Asset> assets = AssetJson.lines(reader, "big.jsonl")) {
                assets.forEach(a -> read.add(a.assetId()));
              }
            });
    assertEquals(List.of("urn:aaid:aem:0"), read);
    assertEquals(
        "big.jsonl:2: asset is longer than "
            + AssetJson.DEFAULT_MAX_LINE_CHARS
            + " characters, the line limit",
        e.getMessage());
    assertEquals(1 << 20, AssetJson.DEFAULT_MAX_LINE_CHARS);
    assertTrue(
        endless.given < AssetJson.DEFAULT_MAX_LINE_CHARS + (64 << 10),
        "read " + endless.given + " characters of the long line");
  }

  @Test
  void theLineCapIsSettable() {
    String line = "{\"assetId\":\"urn:aaid:aem:" + "1".repeat(20) + "\"}";
    try (Stream<Asset> assets =
        AssetJson.lines(new StringReader(line + "\n" + line), "a", line.length())) {
      assertEquals(2, assets.count());
    }
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> {
              try (Stream<Asset> assets =
                  AssetJson.lines(new StringReader("\n" + line + "\n"), "a", line.length() - 1)) {
                assets.count();
              }
            });
    assertEquals(
        "a:2: asset is longer than " + (line.length() - 1) + " characters, the line limit",
        e.getMessage());
    AresValidationException bad =
        assertThrows(
            AresValidationException.class, () -> AssetJson.lines(new StringReader(""), "a", 0));
    assertEquals("maxLineChars", bad.violations().get(0).path());
  }

  @Test
  void theBundledSamplesStillRead() throws Exception {
    Path samples =
        Path.of("..", "ares-examples", "src", "main", "resources", "samples", "assets.jsonl");
    List<String> lines = Files.readAllLines(samples, StandardCharsets.UTF_8);
    long expected = lines.stream().filter(l -> !l.isBlank()).count();
    try (Stream<Asset> assets = AssetJson.lines(Files.newBufferedReader(samples), "assets.jsonl")) {
      List<Asset> all = assets.collect(Collectors.toList());
      assertEquals(expected, all.size());
      assertEquals("urn:aaid:aem:0001", all.get(0).assetId());
    }
  }

  @Test
  void numbersWithoutAJsonFormAreRefusedWhenAnAssetIsBuiltInCode() {
    for (Number number :
        List.<Number>of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            new java.math.BigDecimal("1e999999"),
            java.math.BigInteger.TEN.pow(400))) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class,
              () -> Asset.of("urn:aaid:aem:1", java.util.Map.of("dims", List.of(1, number))),
              String.valueOf(number));
      assertEquals("metadata.dims[1]", e.violations().get(0).path(), e.getMessage());
      assertTrue(e.getMessage().contains("must be a finite number"), e.getMessage());
    }
    Asset.of(
        "urn:aaid:aem:1",
        java.util.Map.of(
            "dims", List.of(Double.MAX_VALUE, Long.MIN_VALUE, new java.math.BigDecimal("1e300"))));
  }
}
