package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Which gallery position and roles one row gives its product: every whole number from 0 to
 * Integer.MAX_VALUE, as a JSON reader or a person writes it, and nothing else; roles split at any
 * {@code ;}. Anything else is a warning for that row, never an exception for the asset.
 */
class MatchBySkuPositionsAndRolesTest {

  private final MatchBySku rule = MatchBySku.commerceSkus();

  private AssetToProductResult matchOne(Object position) {
    return rule.matchAsset(
        asset(
            "a",
            Map.of(
                "commerce:skus",
                List.of("sku-1"),
                "commerce:positions",
                java.util.Collections.singletonList(position))));
  }

  /** The position the single row gets; empty when refused, then with exactly one warning. */
  private OptionalInt positionOf(Object raw) {
    AssetToProductResult r = matchOne(raw);
    assertEquals(1, r.productMatches().size(), "the row still matches");
    OptionalInt position = r.productMatches().get(0).assetPosition();
    if (position.isEmpty()) {
      assertEquals(
          List.of("commerce:positions[0] is not a whole number; position ignored"),
          r.warnings(),
          "refused " + raw);
    } else {
      assertEquals(List.of(), r.warnings(), "accepted " + raw);
    }
    return position;
  }

  @Test
  void integerPositionsFromZeroToIntMaxAreKept() {
    assertEquals(OptionalInt.of(0), positionOf(0));
    assertEquals(OptionalInt.of(0), positionOf(0L));
    assertEquals(OptionalInt.of(Integer.MAX_VALUE), positionOf(Integer.MAX_VALUE));
    assertEquals(OptionalInt.of(Integer.MAX_VALUE), positionOf((long) Integer.MAX_VALUE));
    assertEquals(OptionalInt.of(7), positionOf((short) 7));
    assertEquals(OptionalInt.of(7), positionOf((byte) 7));
  }

  @Test
  void integerPositionsBelowZeroOrBeyondIntAreRefused() {
    assertEquals(OptionalInt.empty(), positionOf(-1));
    assertEquals(OptionalInt.empty(), positionOf(-1L));
    assertEquals(OptionalInt.empty(), positionOf(Integer.MAX_VALUE + 1L));
    assertEquals(OptionalInt.empty(), positionOf(Long.MIN_VALUE));
  }

  @Test
  void digitStringsAreReadAtEveryLength() {
    assertEquals(OptionalInt.of(0), positionOf("0"));
    assertEquals(OptionalInt.of(9), positionOf(" 9 "));
    assertEquals(OptionalInt.of(123_456_789), positionOf("123456789"));
    assertEquals(OptionalInt.of(1_234_567_890), positionOf("1234567890"));
    assertEquals(OptionalInt.of(Integer.MAX_VALUE), positionOf("2147483647"));
    assertEquals(OptionalInt.of(5), positionOf("0000000000005"));
  }

  @Test
  void stringsThatAreNotWholeNumbersInRangeAreRefused() {
    assertEquals(OptionalInt.empty(), positionOf("2147483648"));
    assertEquals(OptionalInt.empty(), positionOf("99999999999"));
    assertEquals(OptionalInt.empty(), positionOf(""));
    assertEquals(OptionalInt.empty(), positionOf("   "));
    assertEquals(OptionalInt.empty(), positionOf("-5"));
    assertEquals(OptionalInt.empty(), positionOf("-"));
    assertEquals(OptionalInt.empty(), positionOf("+"));
    assertEquals(OptionalInt.empty(), positionOf("."));
    assertEquals(OptionalInt.empty(), positionOf("+-"));
    assertEquals(OptionalInt.empty(), positionOf("5a"));
    assertEquals(OptionalInt.empty(), positionOf("a"));
    assertEquals(OptionalInt.empty(), positionOf("1.5"));
    assertEquals(OptionalInt.empty(), positionOf("-0.5"));
  }

  @Test
  void decimalFormsOfWholeNumbersAreRead() {
    assertEquals(OptionalInt.of(3), positionOf(3.0d));
    assertEquals(OptionalInt.of(0), positionOf(0.0d));
    assertEquals(OptionalInt.of(4), positionOf(new BigDecimal("4.00")));
    assertEquals(OptionalInt.of(6), positionOf(java.math.BigInteger.valueOf(6)));
    assertEquals(OptionalInt.of(2), positionOf("2.0"));
    assertEquals(OptionalInt.of(2), positionOf(" 2.0 "));
    assertEquals(OptionalInt.of(0), positionOf("0.0"));
    assertEquals(OptionalInt.of(100), positionOf("1e2"));
  }

  @Test
  void negativeFractionalAndNonNumericValuesAreRefused() {
    assertEquals(OptionalInt.empty(), positionOf(-1.0d));
    assertEquals(OptionalInt.empty(), positionOf(new BigDecimal("-3")));
    assertEquals(OptionalInt.empty(), positionOf(2.5d));
    assertEquals(OptionalInt.empty(), positionOf(1e12d));
    assertEquals(OptionalInt.empty(), positionOf(true));
    assertEquals(OptionalInt.empty(), positionOf(Map.of("n", 1)));
  }

  @Test
  void theLowestPositionOfARepeatedSkuWins() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "a",
                Map.of(
                    "commerce:skus", List.of("s", "s", "s"),
                    "commerce:positions", List.of(4, 0, 2))));
    assertEquals(OptionalInt.of(0), r.productMatches().get(0).assetPosition());
  }

  @Test
  void rolesSplitAtEverySemicolonIncludingALeadingOne() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "a",
                Map.of(
                    "commerce:skus", List.of("s1", "s2", "s3"),
                    "commerce:roles", List.of(";image", ";;Thumbnail;", "a;b"))));
    assertEquals(List.of("image"), r.productMatches().get(0).assetRoles());
    assertEquals(List.of("thumbnail"), r.productMatches().get(1).assetRoles());
    assertEquals(List.of("a", "b"), r.productMatches().get(2).assetRoles());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void manySkusAndManyRolesKeepFirstSeenOrderWithoutDuplicates() {
    List<String> skus = new java.util.ArrayList<>();
    List<String> roles = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      skus.add("sku-" + (i % 10));
      roles.add("r" + i + ";r" + (i + 1) + ";R0");
    }
    AssetToProductResult r =
        rule.matchAsset(asset("a", Map.of("commerce:skus", skus, "commerce:roles", roles)));
    assertEquals(10, r.productMatches().size());
    assertEquals("sku-0", r.productMatches().get(0).productSku());
    assertEquals("sku-9", r.productMatches().get(9).productSku());
    // sku-0 has rows 0 and 10: r0;r1;R0 and r10;r11;R0.
    assertEquals(List.of("r0", "r1", "r10", "r11"), r.productMatches().get(0).assetRoles());
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      many.append("role").append(i % 10).append(';');
    }
    AssetToProductResult wide =
        rule.matchAsset(
            asset("b", Map.of("commerce:skus", "s", "commerce:roles", many.toString())));
    assertEquals(
        List.of(
            "role0", "role1", "role2", "role3", "role4", "role5", "role6", "role7", "role8",
            "role9"),
        wide.productMatches().get(0).assetRoles());
  }

  @Test
  void aSkippedAssetSaysWhy() {
    AssetToProductResult notCommerce = rule.matchAsset(Asset.of("a", Map.of("commerce:skus", "s")));
    assertTrue(notCommerce.skip());
    assertEquals(List.of("commerce:isCommerce is not yes"), notCommerce.warnings());
    AssetToProductResult draft =
        rule.matchAsset(
            Asset.of(
                "a",
                Map.of(
                    "commerce:isCommerce", " yes ", "dam:status", "draft", "commerce:skus", "s")));
    assertEquals(List.of("dam:status is not approved"), draft.warnings());
    assertEquals(
        List.of("dam:status is not approved"),
        rule.matchAsset(Asset.of("a", Map.of("commerce:isCommerce", "yes"))).warnings());
  }

  @Test
  void describesItsFieldAndApprovalRule() {
    assertEquals(
        "MatchBySku{metadataField=my:skus, requireApproved=true}",
        MatchBySku.onField("my:skus").toString());
    assertEquals(
        "MatchBySku{metadataField=commerce:skus, requireApproved=false}",
        MatchBySku.commerceSkus().requireApproved(false).toString());
    assertEquals("matchBySKU(my:skus)", MatchBySku.onField("my:skus").name());
  }
}
