package dev.ares.matching;

import dev.ares.core.internal.BlockingCalls;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A matching rule: which products an asset belongs to, and which assets a product has.
 *
 * <p>Implementations must be thread-safe: one matcher serves many threads. Custom matchers are
 * passed in directly or found by {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.ares.matching.AssetMatcher} and give it a public no-argument constructor);
 * see {@link AssetMatchers#discover()}. A single bad row should become a warning in the result, not
 * an exception for the whole asset.
 *
 * <p>The async methods have defaults that run the blocking ones on an executor, so a matcher that
 * implements only {@link #matchAsset} and {@link #matchProduct} works with every async caller (such
 * as a bulk run). A matcher on non-blocking I/O, such as {@link ExternalMatcher}, overrides them
 * and ignores the executor.
 */
public interface AssetMatcher extends AutoCloseable {

  /** A short name for logs and discovery; the class name unless overridden. */
  default String name() {
    return getClass().getName();
  }

  /** The products this asset belongs to. */
  AssetToProductResult matchAsset(Asset asset);

  /** The assets this product SKU has. */
  ProductToAssetResult matchProduct(String productSku);

  /**
   * {@link #matchAsset} without blocking the caller. By default the blocking method runs on a small
   * shared pool of SDK daemon threads (at most 16); pass your own executor with {@link
   * #matchAssetAsync(Asset, Executor)} when the matcher blocks for long.
   */
  default CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset) {
    return matchAssetAsync(asset, BlockingCalls.shared());
  }

  /**
   * {@link #matchAsset} run on {@code executor}, which a non-blocking implementation may ignore. A
   * failure of the match completes the future exceptionally with the exception {@link #matchAsset}
   * threw, itself (callbacks such as {@code handle} see it, not a {@code CompletionException}), as
   * does the executor's refusal to run it.
   */
  default CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset, Executor executor) {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(executor, "executor");
    return BlockingCalls.supply(() -> matchAsset(asset), executor);
  }

  /** {@link #matchProduct} without blocking the caller; the executor as for assets. */
  default CompletableFuture<ProductToAssetResult> matchProductAsync(String productSku) {
    return matchProductAsync(productSku, BlockingCalls.shared());
  }

  /**
   * {@link #matchProduct} run on {@code executor}, which a non-blocking implementation may ignore.
   */
  default CompletableFuture<ProductToAssetResult> matchProductAsync(
      String productSku, Executor executor) {
    Objects.requireNonNull(productSku, "productSku");
    Objects.requireNonNull(executor, "executor");
    return BlockingCalls.supply(() -> matchProduct(productSku), executor);
  }

  /** Releases what the matcher owns, such as an HTTP client; nothing by default. */
  @Override
  default void close() {}
}
