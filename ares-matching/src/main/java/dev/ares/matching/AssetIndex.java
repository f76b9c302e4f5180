package dev.ares.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The product → asset direction, built from a matcher's asset → product direction: put each asset
 * once, then look products up. Put an asset again when it changes and remove it when it is deleted;
 * only that asset's entries change. {@link IndexingMatcher} keeps one filled from the asset →
 * product answers a matcher gives.
 *
 * <p>Thread-safe: lookups never block; updates are serialized, and a lookup running beside an
 * update sees that asset either before or after the update for each SKU.
 *
 * <p>Memory grows with the number of (asset, SKU) pairs indexed. {@link #of(AssetMatcher, int)}
 * caps the assets held: once the index holds that many, an asset not indexed yet is not added (its
 * match result is still returned, and counted by {@link #refusedAssets()}), while the assets it
 * holds still update and a removal or a skip makes room. Nothing else grows with the assets seen:
 * the order of concurrent updates is tracked only while an update of that asset is in flight.
 */
public final class AssetIndex {

  private static final Comparator<AssetMatch> GALLERY_ORDER =
      Comparator.<AssetMatch>comparingInt(m -> m.assetPosition().orElse(Integer.MAX_VALUE))
          .thenComparing(AssetMatch::assetId);

  private final AssetMatcher matcher;
  private final int maxAssets;
  private final Map<String, Map<String, AssetMatch>> assetsBySku = new ConcurrentHashMap<>();
  private final Map<String, List<String>> skusByAsset = new ConcurrentHashMap<>();
  // The order updates were asked in: matching runs outside the lock (it may be an HTTP call), so
  // without it two updates of one asset could land in the opposite order. Only assets with an
  // update in flight have an entry. Guarded by this.
  private final Map<String, InFlight> inFlight = new HashMap<>();
  private long lastVersion;
  private final AtomicLong refused = new AtomicLong();

  /** The updates of one asset under way, and the version of the last one applied. */
  private static final class InFlight {
    int updates;
    long applied;
  }

  private AssetIndex(AssetMatcher matcher, int maxAssets) {
    this.matcher = matcher;
    this.maxAssets = maxAssets;
  }

  /** An empty index that learns each asset's products from {@code matcher.matchAsset}. */
  public static AssetIndex of(AssetMatcher matcher) {
    return of(matcher, Integer.MAX_VALUE);
  }

  /**
   * An empty index that learns each asset's products from {@code matcher.matchAsset} and holds at
   * most {@code maxAssets} assets (see the class comment for what happens then).
   *
   * @throws IllegalArgumentException when {@code maxAssets} is less than 1
   */
  public static AssetIndex of(AssetMatcher matcher, int maxAssets) {
    Objects.requireNonNull(matcher, "matcher");
    if (maxAssets < 1) {
      throw new IllegalArgumentException("maxAssets must be at least 1, not " + maxAssets);
    }
    return new AssetIndex(matcher, maxAssets);
  }

  /**
   * Adds the asset, or replaces what was indexed for it. A skipped asset is removed. A new asset
   * that matches is not added when the index holds {@link #maxAssets()} already.
   *
   * @return the asset's match result, with its warnings
   */
  public AssetToProductResult put(Asset asset) {
    String assetId = asset.assetId();
    long version = begin(assetId);
    AssetToProductResult result;
    try {
      result = matcher.matchAsset(asset);
    } catch (RuntimeException | Error e) {
      abandon(assetId);
      throw e;
    }
    apply(version, asset, result);
    return result;
  }

  /**
   * Starts an update of this asset whose match runs outside the index; returns its version. Each
   * call is ended by {@link #apply} or {@link #abandon}.
   */
  synchronized long begin(String assetId) {
    inFlight.computeIfAbsent(assetId, id -> new InFlight()).updates++;
    return ++lastVersion;
  }

  /** Ends an update whose match failed: nothing changes. */
  synchronized void abandon(String assetId) {
    InFlight updates = inFlight.get(assetId);
    if (updates != null && --updates.updates == 0) {
      inFlight.remove(assetId);
    }
  }

  /**
   * Ends an update {@linkplain #begin begun} at {@code version} with the asset's match result,
   * unless a later update or removal of the asset landed first.
   *
   * @return whether the result was applied; {@code false} also when a new asset was left out
   *     because the index is full
   */
  boolean apply(long version, Asset asset, AssetToProductResult result) {
    String assetId = asset.assetId();
    if (result == null) {
      abandon(assetId);
      return false;
    }
    AssetFormat format = AssetFormat.of(asset);
    synchronized (this) {
      InFlight updates = inFlight.get(assetId);
      if (updates != null) {
        if (--updates.updates == 0) {
          inFlight.remove(assetId);
        }
        if (updates.applied > version) {
          return false; // a later put or remove of this asset already landed
        }
        updates.applied = version;
      }
      boolean matches = !result.skip() && !result.productMatches().isEmpty();
      if (matches && !skusByAsset.containsKey(assetId) && skusByAsset.size() >= maxAssets) {
        refused.incrementAndGet();
        return false;
      }
      removeLocked(assetId);
      if (!matches) {
        return true;
      }
      List<String> skus = new ArrayList<>();
      for (ProductMatch p : result.productMatches()) {
        AssetMatch match =
            AssetMatch.builder()
                .assetId(assetId)
                .assetRoles(p.assetRoles())
                .assetFormat(format)
                .assetPosition(p.assetPosition())
                .build();
        assetsBySku
            .computeIfAbsent(p.productSku(), s -> new ConcurrentHashMap<>())
            .put(assetId, match);
        skus.add(p.productSku());
      }
      skusByAsset.put(assetId, List.copyOf(skus));
      return true;
    }
  }

  /** Adds or replaces every asset. */
  public void putAll(Iterable<Asset> assets) {
    for (Asset asset : assets) {
      put(asset);
    }
  }

  /** Removes what was indexed for this asset id; does nothing for an unknown id. */
  public synchronized void remove(String assetId) {
    long version = ++lastVersion;
    InFlight updates = inFlight.get(assetId);
    if (updates != null) {
      updates.applied = version; // an update asked before this removal must not bring it back
    }
    removeLocked(assetId);
  }

  /** The assets of this product SKU (trimmed), in gallery order; empty when none is indexed. */
  public ProductToAssetResult matchProduct(String productSku) {
    String sku = productSku.trim();
    Map<String, AssetMatch> assets = assetsBySku.get(sku);
    List<AssetMatch> matches =
        assets == null ? new ArrayList<>() : new ArrayList<>(assets.values());
    matches.sort(GALLERY_ORDER);
    return ProductToAssetResult.builder().productSku(sku).assetMatches(matches).build();
  }

  /** How many products have at least one asset. */
  public int productCount() {
    return assetsBySku.size();
  }

  /** How many assets match at least one product. */
  public int assetCount() {
    return skusByAsset.size();
  }

  /**
   * The most assets held; {@link Integer#MAX_VALUE} unless {@link #of(AssetMatcher, int)} set it.
   */
  public int maxAssets() {
    return maxAssets;
  }

  /** Whether the index holds {@link #maxAssets()} assets, so that a new one would be left out. */
  public boolean isFull() {
    return skusByAsset.size() >= maxAssets;
  }

  /**
   * How many times a new asset that matched was left out because the index was full; counts from
   * the index's creation (a metric's counter).
   */
  public long refusedAssets() {
    return refused.get();
  }

  /** How many assets have an update under way (for tests: all that keeping the order holds). */
  synchronized int assetsUpdating() {
    return inFlight.size();
  }

  private void removeLocked(String assetId) {
    List<String> skus = skusByAsset.remove(assetId);
    if (skus == null) {
      return;
    }
    for (String sku : skus) {
      Map<String, AssetMatch> assets = assetsBySku.get(sku);
      if (assets != null) {
        assets.remove(assetId);
        if (assets.isEmpty()) {
          assetsBySku.remove(sku);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "AssetIndex{products="
        + productCount()
        + ", assets="
        + assetCount()
        + (maxAssets == Integer.MAX_VALUE ? "" : ", maxAssets=" + maxAssets)
        + "}";
  }
}
