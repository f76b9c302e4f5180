package com.example.productcode;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import dev.ares.matching.ProductToAssetResult;
import java.util.List;

/**
 * A team's own matching rule, built as a jar of its own: an asset belongs to the product named by
 * its {@code product:code} metadata, at the gallery position of {@code product:position} (1 when
 * absent). It knows only the asset → product direction: {@code matchProduct} lists nothing, and the
 * server's index answers for it (serve-matcher wraps every matcher in an IndexingMatcher).
 */
public final class ProductCodeMatcher implements AssetMatcher {

  /** ServiceLoader builds it with this constructor. */
  public ProductCodeMatcher() {}

  @Override
  public String name() {
    return "product-code";
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    return ProductCode.of(asset.values("product:code"), asset.values("product:position"))
        .map(
            code ->
                AssetToProductResult.builder()
                    .assetId(asset.assetId())
                    .addProductMatches(
                        ProductMatch.builder()
                            .productSku(code.sku())
                            .assetRoles(
                                code.position() == 1
                                    ? List.of("image", "small_image", "thumbnail")
                                    : List.of("image"))
                            .assetPosition(code.position())
                            .build())
                    .build())
        .orElseGet(
            () -> AssetToProductResult.skipped(asset.assetId(), "no single product:code"));
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return ProductToAssetResult.builder().productSku(productSku).build();
  }
}
