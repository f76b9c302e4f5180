package dev.ares.matching;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A matcher that answers the product → asset direction from what it has seen of the asset → product
 * direction: it wraps a matcher, records each asset → product result that matcher gives into an
 * {@link AssetIndex}, and answers {@link #matchProduct} from that index whenever the wrapped
 * matcher does not answer itself. Most rules know only asset → product, and ARES asks both: served
 * this way, a product's assets are those it was told about, through the asset → product calls
 * served and whatever was {@linkplain #matchAsset matched} before (such as the assets of an export,
 * at start).
 *
 * <p>{@link #matchProduct} asks the wrapped matcher first; its answer stands when it lists at least
 * one asset or says {@code skip}. When it lists none, returns {@code null} or throws {@link
 * UnsupportedOperationException}, the index answers, in gallery order. Any other failure of the
 * wrapped matcher is thrown as it is: a stale index does not hide a broken matcher. An asset that
 * is skipped leaves the index; an asset deleted in AEM stays until it is matched again and skipped,
 * or {@linkplain AssetIndex#remove removed} through {@link #index()}.
 *
 * <p>Bounded memory: the index holds at most {@link #maxIndexedAssets()} assets ({@value
 * #DEFAULT_MAX_ASSETS} by default). Once full, asset → product answers go on unchanged, the assets
 * already indexed still update, and a new asset is left out of the index, so product → asset does
 * not list it: {@link #refusedAssets()} counts those, and a warning is logged once each time the
 * index fills. The size is logged at INFO each time it doubles (from 1,024 assets) or halves, and
 * {@link #indexedAssets()}, {@link #indexedProducts()}, {@link #isFull()} and {@link
 * #refusedAssets()} read it for metrics at no cost.
 *
 * <p>Thread-safe when the wrapped matcher is. {@link #close()} closes the wrapped matcher.
 *
 * <pre>{@code
 * IndexingMatcher served = IndexingMatcher.of(myMatcher);      // what a MatcherServer serves
 * assets.forEach(served::matchAsset);                           // optional: an export, at start
 * served.matchProduct("MH01-XS");                               // myMatcher's answer, else the index's
 * }</pre>
 */
public final class IndexingMatcher implements AssetMatcher {

  /**
   * The most assets indexed by default: {@value}, about 180 MB of heap for assets of two SKUs each
   * (measured at about 0.7 KB an asset with AEM-length ids; it grows with the SKUs an asset has).
   */
  public static final int DEFAULT_MAX_ASSETS = 250_000;

  /** The size below which growth is not logged. */
  static final int LOG_FROM = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(IndexingMatcher.class);

  private final AssetMatcher matcher;
  private final AssetIndex index;
  private final AtomicLong loggedSize = new AtomicLong();
  private final AtomicBoolean fullLogged = new AtomicBoolean();

  private IndexingMatcher(AssetMatcher matcher, int maxAssets) {
    this.matcher = matcher;
    this.index = AssetIndex.of(matcher, maxAssets);
  }

  /** Wraps {@code matcher} with an empty index of at most {@link #DEFAULT_MAX_ASSETS} assets. */
  public static IndexingMatcher of(AssetMatcher matcher) {
    return of(matcher, DEFAULT_MAX_ASSETS);
  }

  /**
   * Wraps {@code matcher} with an empty index of at most {@code maxAssets} assets.
   *
   * @throws IllegalArgumentException when {@code maxAssets} is less than 1
   */
  public static IndexingMatcher of(AssetMatcher matcher, int maxAssets) {
    Objects.requireNonNull(matcher, "matcher");
    return new IndexingMatcher(matcher, maxAssets);
  }

  /** The wrapped matcher. */
  public AssetMatcher matcher() {
    return matcher;
  }

  /**
   * The index the product direction falls back on, to {@linkplain AssetIndex#remove remove} a
   * deleted asset or {@linkplain AssetIndex#put put} one without serving it.
   */
  public AssetIndex index() {
    return index;
  }

  /** The wrapped matcher's name. */
  @Override
  public String name() {
    return matcher.name();
  }

  /** The wrapped matcher's answer, recorded into the index (in the order the calls were made). */
  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    AssetToProductResult result = index.put(asset);
    sizeChanged();
    return result;
  }

  /** The wrapped matcher's answer when it has one, else the index's (see the class comment). */
  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    ProductToAssetResult own;
    try {
      own = matcher.matchProduct(productSku);
    } catch (UnsupportedOperationException e) {
      own = null;
    }
    return answers(own) ? own : index.matchProduct(productSku);
  }

  /**
   * The wrapped matcher's {@code matchAssetAsync} (non-blocking when it is), its result recorded
   * into the index before the returned future completes; a failure completes it with the wrapped
   * matcher's exception, itself.
   */
  @Override
  public CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset, Executor executor) {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(executor, "executor");
    String assetId = asset.assetId();
    long version = index.begin(assetId);
    CompletableFuture<AssetToProductResult> own;
    try {
      own = matcher.matchAssetAsync(asset, executor);
    } catch (RuntimeException | Error e) {
      index.abandon(assetId);
      throw e;
    }
    CompletableFuture<AssetToProductResult> answer = new CompletableFuture<>();
    own.whenComplete(
        (result, failure) -> {
          try {
            if (failure == null) {
              index.apply(version, asset, result);
              sizeChanged();
            } else {
              index.abandon(assetId);
            }
          } finally {
            if (failure == null) {
              answer.complete(result);
            } else {
              answer.completeExceptionally(unwrap(failure));
            }
          }
        });
    return answer;
  }

  /**
   * The wrapped matcher's {@code matchProductAsync}, the index answering as {@link #matchProduct}
   * says.
   */
  @Override
  public CompletableFuture<ProductToAssetResult> matchProductAsync(
      String productSku, Executor executor) {
    Objects.requireNonNull(productSku, "productSku");
    Objects.requireNonNull(executor, "executor");
    CompletableFuture<ProductToAssetResult> own;
    try {
      own = matcher.matchProductAsync(productSku, executor);
    } catch (UnsupportedOperationException e) {
      return CompletableFuture.completedFuture(index.matchProduct(productSku));
    }
    CompletableFuture<ProductToAssetResult> answer = new CompletableFuture<>();
    own.whenComplete(
        (result, failure) -> {
          Throwable cause = failure == null ? null : unwrap(failure);
          if (cause == null || cause instanceof UnsupportedOperationException) {
            try {
              ProductToAssetResult mine = cause == null ? result : null;
              answer.complete(answers(mine) ? mine : index.matchProduct(productSku));
            } catch (RuntimeException | Error e) {
              answer.completeExceptionally(e);
            }
          } else {
            answer.completeExceptionally(cause);
          }
        });
    return answer;
  }

  /** How many assets the index holds: those that matched at least one product. */
  public int indexedAssets() {
    return index.assetCount();
  }

  /** How many products have at least one asset in the index. */
  public int indexedProducts() {
    return index.productCount();
  }

  /** The most assets the index holds. */
  public int maxIndexedAssets() {
    return index.maxAssets();
  }

  /** Whether the index is full, so that new assets are left out of it. */
  public boolean isFull() {
    return index.isFull();
  }

  /** How many times a new asset was left out of the index because it was full. */
  public long refusedAssets() {
    return index.refusedAssets();
  }

  /** Closes the wrapped matcher. */
  @Override
  public void close() {
    matcher.close();
  }

  @Override
  public String toString() {
    return "IndexingMatcher{" + matcher.name() + ", " + index + "}";
  }

  /** Whether the wrapped matcher's product answer stands: it lists assets or says skip. */
  private static boolean answers(ProductToAssetResult own) {
    return own != null && (own.skip() || !own.assetMatches().isEmpty());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** Logs the size when it doubled or halved since last logged, and the index filling up. */
  private void sizeChanged() {
    int size = index.assetCount();
    long logged = loggedSize.get();
    boolean grew = size >= LOG_FROM && size >= 2 * logged;
    boolean shrank = logged >= LOG_FROM && size <= logged / 2;
    if ((grew || shrank) && loggedSize.compareAndSet(logged, size)) {
      LOG.info(
          "the product -> asset index of {} holds {} assets of {} products (at most {})",
          matcher.name(),
          size,
          index.productCount(),
          index.maxAssets());
    }
    int max = index.maxAssets();
    if (size >= max) {
      if (fullLogged.compareAndSet(false, true)) {
        LOG.warn(
            "the product -> asset index of {} is full ({} assets): new assets are still matched"
                + " but no longer indexed, so product -> asset does not list them; allow more"
                + " assets (IndexingMatcher.of(matcher, maxAssets), serve-matcher"
                + " --max-indexed-assets N) and restart",
            matcher.name(),
            max);
      }
    } else if (size <= max - Math.max(1, max / 10)) {
      fullLogged.set(false); // logged again only after it has room for a tenth more
    }
  }
}
