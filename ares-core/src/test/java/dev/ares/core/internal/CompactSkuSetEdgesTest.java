package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The catalog's SKU set: every SKU added is found at its index, whatever its characters or size.
 */
class CompactSkuSetEdgesTest {

  @Test
  void addTellsWhetherTheSkuIsNew() {
    CompactSkuSet set = new CompactSkuSet();
    assertTrue(set.add("p1"));
    assertTrue(set.add("p2"));
    assertFalse(set.add("p1"));
    assertEquals(2, set.size());
  }

  @Test
  void everySkuIsFoundAtItsIndexAfterTheTableGrows() {
    CompactSkuSet set = new CompactSkuSet();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      assertTrue(set.add("sku-" + i));
    }
    for (int i = 0; i < n; i++) {
      assertEquals(i, set.indexOf("sku-" + i));
      assertFalse(set.add("sku-" + i));
    }
    assertEquals(n, set.size());
  }

  @Test
  void nonAsciiSkusAreFoundWhereverTheirFirstNonAsciiCharacterIs() {
    CompactSkuSet set = new CompactSkuSet();
    String[] skus = {"über-1", "\u0080", "a\u0080b", "\u007f", "größe", "日本-42", "x\uD83D\uDE42"};
    for (String sku : skus) {
      set.add(sku);
    }
    for (int i = 0; i < skus.length; i++) {
      assertEquals(i, set.indexOf(skus[i]), skus[i]);
      assertEquals(skus[i], set.get(i));
    }
    assertEquals(-1, set.indexOf("über-2"));
  }

  @Test
  void aNonAsciiSkuOfExactlyTheLongestLengthIsKept() {
    String longest = "ü" + "x".repeat(CompactSkuSet.MAX_SKU_BYTES - 2);
    assertEquals(CompactSkuSet.MAX_SKU_BYTES, longest.getBytes(StandardCharsets.UTF_8).length);
    CompactSkuSet set = new CompactSkuSet();
    set.add("short");
    assertTrue(set.add(longest));
    assertEquals(1, set.indexOf(longest));
    assertEquals(-1, set.indexOf(longest + "x"));
    assertEquals(-1, set.indexOf("ü" + longest));
  }
}
