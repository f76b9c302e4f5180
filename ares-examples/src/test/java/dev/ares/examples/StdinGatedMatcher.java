package dev.ares.examples;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductToAssetResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A matcher for a child JVM that must hold a request in flight: each product answer prints {@value
 * #RUNNING} on stdout, then waits for a line on stdin. Listed for {@code ServiceLoader} only in a
 * folder {@link ServeMatcherOperationsTest} puts on the child's class path, never in this JVM's.
 */
public final class StdinGatedMatcher implements AssetMatcher {

  static final String NAME = "stdin-gated";
  static final String RUNNING = "stdin-gated matcher running";

  private static final BufferedReader STDIN =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  /** For {@code ServiceLoader}. */
  public StdinGatedMatcher() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    return AssetToProductResult.skipped(asset.assetId(), "products only");
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    System.out.println(RUNNING);
    System.out.flush();
    try {
      STDIN.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ProductToAssetResult.builder().productSku(productSku).build();
  }
}
