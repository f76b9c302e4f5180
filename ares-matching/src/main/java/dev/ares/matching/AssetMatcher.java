package dev.ares.matching;

/**
 * A matching rule: which products an asset belongs to, and which assets a product has.
 *
 * <p>Implementations must be thread-safe: one matcher serves many threads. Custom matchers are
 * passed in directly or found by {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.ares.matching.AssetMatcher} and give it a public no-argument constructor);
 * see {@link AssetMatchers#discover()}. A single bad row should become a warning in the result, not
 * an exception for the whole asset.
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

  /** Releases what the matcher owns, such as an HTTP client; nothing by default. */
  @Override
  default void close() {}
}
