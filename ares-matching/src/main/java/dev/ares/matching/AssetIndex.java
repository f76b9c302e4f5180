package dev.ares.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The product → asset direction, built from a matcher's asset → product direction: put each asset
 * once, then look products up. Put an asset again when it changes and remove it when it is deleted;
 * only that asset's entries change.
 *
 * <p>Thread-safe: lookups never block; updates are serialized, and a lookup running beside an
 * update sees that asset either before or after the update for each SKU. Memory grows with the
 * number of (asset, SKU) pairs indexed.
 */
public final class AssetIndex {

  private static final Comparator<AssetMatch> GALLERY_ORDER =
      Comparator.<AssetMatch>comparingInt(m -> m.assetPosition().orElse(Integer.MAX_VALUE))
          .thenComparing(AssetMatch::assetId);

  private final AssetMatcher matcher;
  private final Map<String, Map<String, AssetMatch>> assetsBySku = new ConcurrentHashMap<>();
  private final Map<String, List<String>> skusByAsset = new ConcurrentHashMap<>();
  // The order updates were asked in: matching runs outside the lock (it may be an HTTP call), so
  // without it two updates of one asset could land in the opposite order. Guarded by this.
  private final Map<String, Long> versions = new HashMap<>();
  private long lastVersion;

  private AssetIndex(AssetMatcher matcher) {
    this.matcher = matcher;
  }

  /** An empty index that learns each asset's products from {@code matcher.matchAsset}. */
  public static AssetIndex of(AssetMatcher matcher) {
    return new AssetIndex(Objects.requireNonNull(matcher, "matcher"));
  }

  /**
   * Adds the asset, or replaces what was indexed for it. A skipped asset is removed.
   *
   * @return the asset's match result, with its warnings
   */
  public AssetToProductResult put(Asset asset) {
    long version = nextVersion();
    AssetToProductResult result = matcher.matchAsset(asset);
    AssetFormat format = AssetFormat.of(asset);
    synchronized (this) {
      if (!claim(asset.assetId(), version)) {
        return result; // a later put or remove of this asset already landed
      }
      removeLocked(asset.assetId());
      if (result.skip()) {
        return result;
      }
      List<String> skus = new ArrayList<>();
      for (ProductMatch p : result.productMatches()) {
        AssetMatch match =
            AssetMatch.builder()
                .assetId(asset.assetId())
                .assetRoles(p.assetRoles())
                .assetFormat(format)
                .assetPosition(p.assetPosition())
                .build();
        assetsBySku
            .computeIfAbsent(p.productSku(), s -> new ConcurrentHashMap<>())
            .put(asset.assetId(), match);
        skus.add(p.productSku());
      }
      if (!skus.isEmpty()) {
        skusByAsset.put(asset.assetId(), List.copyOf(skus));
      }
    }
    return result;
  }

  /** Adds or replaces every asset. */
  public void putAll(Iterable<Asset> assets) {
    for (Asset asset : assets) {
      put(asset);
    }
  }

  /** Removes what was indexed for this asset id; does nothing for an unknown id. */
  public synchronized void remove(String assetId) {
    claim(assetId, nextVersion());
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

  private synchronized long nextVersion() {
    return ++lastVersion;
  }

  /** Records {@code version} as the asset's latest update, unless a later one already is. */
  private boolean claim(String assetId, long version) {
    Long applied = versions.get(assetId);
    if (applied != null && applied > version) {
      return false;
    }
    versions.put(assetId, version);
    return true;
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
    return "AssetIndex{products=" + productCount() + ", assets=" + assetCount() + "}";
  }
}
