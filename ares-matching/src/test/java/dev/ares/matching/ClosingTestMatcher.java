package dev.ares.matching;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A custom matcher that counts how often it is closed, listed for ServiceLoader only by tests that
 * add it through their own class loader.
 */
public final class ClosingTestMatcher implements AssetMatcher {

  /** How many instances have been closed. */
  static final AtomicInteger CLOSED = new AtomicInteger();

  /** Needed by ServiceLoader. */
  public ClosingTestMatcher() {}

  @Override
  public String name() {
    return "closing-test";
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    return AssetToProductResult.builder().assetId(asset.assetId()).build();
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return ProductToAssetResult.builder().productSku(productSku).skip(true).build();
  }

  @Override
  public void close() {
    CLOSED.incrementAndGet();
  }
}
