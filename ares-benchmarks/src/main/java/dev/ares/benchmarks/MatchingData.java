package dev.ares.benchmarks;

import dev.ares.matching.Asset;
import dev.ares.matching.MatchBySku;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic assets and catalogs for the matching benchmarks: the same seed gives the same data
 * on every run and machine.
 *
 * <p>A catalog SKU looks like {@code SKU-0012345-BLK-M} (17 characters). An asset has 1–5 distinct
 * SKUs in {@code commerce:skus}, with aligned {@code commerce:roles} ({@code ;}-joined, mixed case)
 * and {@code commerce:positions} (whole numbers), {@code commerce:isCommerce: yes} and {@code
 * dam:status: approved} (or {@code draft} for the share of skipped assets). SKU strings of assets
 * are their own instances, as when assets and catalog are read from different sources.
 */
final class MatchingData {

  static final String SKUS = "commerce:skus";
  private static final String[] COLORS = {"BLK", "WHT", "RED", "BLU", "GRN", "GRY", "NAV", "OLV"};
  private static final String[] SIZES = {"XS", "S", "M", "L", "XL"};
  private static final String[] ROLES = {
    "image;small_image;thumbnail",
    "image",
    "swatch_image",
    "Thumbnail; small_image",
    "image;thumbnail"
  };

  private MatchingData() {}

  /** The catalog SKU of index {@code i}, a new string on each call. */
  static String sku(int i) {
    StringBuilder b = new StringBuilder(17).append("SKU-");
    String digits = Integer.toString(i);
    for (int pad = digits.length(); pad < 7; pad++) {
      b.append('0');
    }
    return b.append(digits)
        .append('-')
        .append(COLORS[i & 7])
        .append('-')
        .append(SIZES[i % 5])
        .toString();
  }

  /** {@code n} catalog SKUs, indexes 0 to n-1. */
  static String[] catalog(int n) {
    String[] skus = new String[n];
    for (int i = 0; i < n; i++) {
      skus[i] = sku(i);
    }
    return skus;
  }

  /**
   * {@code n} assets whose SKUs are drawn from catalog indexes {@code [0, skuSpace)}; a share
   * {@code outside} of the SKUs is drawn from beyond it (not in a catalog of that size) and a share
   * {@code skipped} of the assets is not approved.
   */
  static Asset[] assets(int n, int skuSpace, double outside, double skipped, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Asset[] assets = new Asset[n];
    for (int a = 0; a < n; a++) {
      int count = 1 + random.nextInt(5);
      List<String> skus = new ArrayList<>(count);
      List<String> roles = new ArrayList<>(count);
      List<Integer> positions = new ArrayList<>(count);
      while (skus.size() < count) {
        int index =
            random.nextDouble() < outside
                ? skuSpace + random.nextInt(skuSpace)
                : random.nextInt(skuSpace);
        String sku = sku(index);
        if (!skus.contains(sku)) {
          skus.add(sku);
          roles.add(ROLES[random.nextInt(ROLES.length)]);
          positions.add(random.nextInt(10));
        }
      }
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("dc:format", "image/jpeg");
      metadata.put(MatchBySku.IS_COMMERCE, "yes");
      metadata.put(MatchBySku.STATUS, random.nextDouble() < skipped ? "draft" : "approved");
      metadata.put(SKUS, skus);
      metadata.put(MatchBySku.ROLES, roles);
      metadata.put(MatchBySku.POSITIONS, positions);
      assets[a] = Asset.of("urn:aaid:aem:" + Long.toHexString(random.nextLong()), metadata);
    }
    return assets;
  }
}
