package dev.ares.matching;

/**
 * A custom matcher found through ServiceLoader in tests: every asset belongs to product "fixed".
 */
public final class StaticTestMatcher implements AssetMatcher {

  /** Needed by ServiceLoader. */
  public StaticTestMatcher() {}

  @Override
  public String name() {
    return "static-test";
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    return AssetToProductResult.builder()
        .assetId(asset.assetId())
        .addProductMatches(ProductMatch.builder().productSku("fixed").build())
        .build();
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return ProductToAssetResult.builder()
        .productSku(productSku)
        .skip(!productSku.equals("fixed"))
        .build();
  }
}
