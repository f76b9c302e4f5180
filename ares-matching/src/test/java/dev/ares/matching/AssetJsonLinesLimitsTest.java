package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** JSON Lines at the smallest line limit, and a closed stream closing its reader. */
class AssetJsonLinesLimitsTest {

  @Test
  void aLimitOfOneCharacterIsAcceptedAndEnforced() {
    try (Stream<Asset> none = AssetJson.lines(new StringReader("\n \n\n"), "blank.jsonl", 1)) {
      assertEquals(List.of(), none.toList());
    }
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> {
              try (Stream<Asset> assets =
                  AssetJson.lines(new StringReader(" \n{}\n"), "small.jsonl", 1)) {
                assets.toList();
              }
            });
    assertEquals("small.jsonl:2: asset", e.violations().get(0).path());
    assertEquals("is longer than 1 characters, the line limit", e.violations().get(0).message());
    AresValidationException zero =
        assertThrows(
            AresValidationException.class, () -> AssetJson.lines(new StringReader(""), "x", 0));
    assertEquals("maxLineChars", zero.violations().get(0).path());
  }

  @Test
  void closingTheStreamClosesTheReader() {
    boolean[] closed = {false};
    StringReader reader =
        new StringReader("{\"assetId\":\"a\",\"metadata\":{}}\n") {
          @Override
          public void close() {
            closed[0] = true;
            super.close();
          }
        };
    Stream<Asset> assets = AssetJson.lines(reader, "one.jsonl");
    assertEquals("a", assets.findFirst().orElseThrow().assetId());
    assertEquals(false, closed[0]);
    assets.close();
    assertTrue(closed[0]);
  }
}
