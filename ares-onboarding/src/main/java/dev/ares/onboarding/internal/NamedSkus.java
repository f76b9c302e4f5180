package dev.ares.onboarding.internal;

import dev.ares.core.internal.CompactSkuSet;
import java.nio.charset.StandardCharsets;

/**
 * The distinct SKUs an asset export names, packed ({@link CompactSkuSet}: about SKU length + 14
 * bytes each), up to a limit; beyond it only a count of the mentions left out. A SKU holding a
 * comma cannot be sent in a Commerce {@code in} list and is only counted.
 *
 * <p>Not thread-safe: filled by one pass, then read. Internal: not part of the public API.
 */
final class NamedSkus {

  private final int limit;
  private final CompactSkuSet skus = new CompactSkuSet();
  private long notCheckable;
  private long beyondLimit;

  /** A set of at most {@code limit} distinct SKUs. */
  NamedSkus(int limit) {
    this.limit = limit;
  }

  /** Adds a SKU an asset names (trimmed and non-empty, as the SKU reader gives it). */
  void add(String sku) {
    if (sku.indexOf(',') >= 0
        || sku.length() * 3L > CompactSkuSet.MAX_SKU_BYTES
            && sku.getBytes(StandardCharsets.UTF_8).length > CompactSkuSet.MAX_SKU_BYTES) {
      notCheckable++;
    } else if (skus.size() < limit) {
      skus.add(sku);
    } else if (skus.indexOf(sku) < 0) {
      beyondLimit++;
    }
  }

  /** How many distinct SKUs are kept. */
  int size() {
    return skus.size();
  }

  /** The SKU at {@code index}, in the order first named. */
  String get(int index) {
    return skus.get(index);
  }

  /**
   * Mentions of SKUs that no {@code in} list can carry (a comma, or over 64 KiB), repeats counted.
   */
  long notCheckable() {
    return notCheckable;
  }

  /** Mentions of SKUs beyond the limit, repeats counted. */
  long beyondLimit() {
    return beyondLimit;
  }

  /** The limit. */
  int limit() {
    return limit;
  }
}
