package dev.ares.matching;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.internal.SettingRules;
import dev.ares.matching.internal.BulkRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams many assets (or product SKUs) through an {@link AssetMatcher} with at most {@link
 * Builder#concurrency(int) concurrency} calls in flight and memory bounded by that number, not by
 * the input: a million assets from {@link AssetJson#lines(java.io.Reader, String)} go through in
 * the memory of {@code concurrency} of them.
 *
 * <pre>{@code
 * BulkMatcher bulk = BulkMatcher.builder().matcher(matcher).concurrency(64).build();
 * try (Stream<Asset> assets = AssetJson.lines(reader, "assets.jsonl")) {
 *   BulkProgress totals = bulk.matchAssets(assets, outcome -> ...);
 * }
 * }</pre>
 *
 * <p><b>Calls.</b> Only the matcher's async methods are used, so any {@link AssetMatcher} works:
 * one on non-blocking I/O such as {@link ExternalMatcher} keeps {@code concurrency} exchanges in
 * flight on its own I/O threads; one that implements only the blocking methods runs on the {@link
 * Builder#executor(Executor) executor} given (by default the SDK's small shared pool).
 *
 * <p><b>Size the matcher's pool to the concurrency.</b> An {@link ExternalMatcher} opens at most
 * half its {@link dev.ares.core.HttpOptions#maxConnections() maxConnections} to one host (32 by
 * default); calls above that wait for a connection while their attempt timeout runs. Build it with
 * {@link #externalMatcherHttpOptions(int)}, for example {@code AssetMatchers.forTenant(tenant,
 * BulkMatcher.externalMatcherHttpOptions(200))}.
 *
 * <p><b>Failures are values.</b> An item whose call fails is delivered as a {@link BulkOutcome}
 * carrying a {@link BulkFailure}; the run goes on. Three things end a run: an exception thrown by
 * the consumer or the progress callback (it propagates at once and the calls in flight are
 * cancelled); an exception thrown by the input (such as a bad JSON line), which is thrown after the
 * items already started have been delivered; and closing the returned stream or interrupting the
 * consuming thread ({@link java.util.concurrent.CancellationException}), which start no further
 * call and cancel those in flight. The stream may be closed from another thread than the one
 * consuming it (a watchdog): no call starts once {@code close()} returns, and a consumer waiting
 * for an outcome wakes up to the end of the stream (one blocked reading the input, when that read
 * returns).
 *
 * <p><b>Threads.</b> The input is read, the matcher called, and the consumer and progress callback
 * run on the one thread that consumes the run (the caller of the {@code match*(…, consumer)}
 * methods, or the thread that iterates the returned stream), so they need no synchronisation; only
 * closing may come from elsewhere. Immutable and thread-safe: one bulk matcher starts any number of
 * runs, each with its own input.
 */
public final class BulkMatcher {

  /** The default most calls in flight. */
  public static final int DEFAULT_CONCURRENCY = 16;

  /** The highest concurrency accepted. */
  public static final int MAX_CONCURRENCY = 10_000;

  /**
   * The most calls in flight that an {@link ExternalMatcher} can keep to one host: half the largest
   * pool {@link dev.ares.core.HttpOptions} allows.
   */
  public static final int MAX_EXTERNAL_CONCURRENCY =
      ExternalMatcher.maxConnectionsPerHost(SettingRules.MAX_CONNECTIONS);

  /** The default least time between two progress reports. */
  public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private static final String ROOT = "bulkMatcher";

  private final AssetMatcher matcher;
  private final int concurrency;
  private final BulkOrder order;
  private final Executor executor;
  private final Consumer<? super BulkProgress> progress;
  private final Duration progressInterval;

  private BulkMatcher(Builder b) {
    this.matcher = b.matcher;
    this.concurrency = b.concurrency;
    this.order = b.order;
    this.executor = b.executor;
    this.progress = b.progress;
    this.progressInterval = b.progressInterval;
  }

  /**
   * {@link ExternalMatcher#defaultHttpOptions()} with a connection pool that keeps {@code
   * concurrency} calls in flight to one action host: the matcher gives any one host half its pool,
   * so the pool is twice the concurrency (never smaller than the default).
   *
   * @param concurrency the calls in flight, as given to {@link Builder#concurrency(int)}
   * @throws AresValidationException when {@code concurrency} is not from 1 to {@link
   *     #MAX_EXTERNAL_CONCURRENCY}
   */
  public static HttpOptions externalMatcherHttpOptions(int concurrency) {
    if (concurrency < 1 || concurrency > MAX_EXTERNAL_CONCURRENCY) {
      throw new AresValidationException(
          List.of(
              FieldViolation.of(
                  ROOT + ".concurrency",
                  "must be from 1 to "
                      + MAX_EXTERNAL_CONCURRENCY
                      + " for an external matcher (the most connections it keeps to one host),"
                      + " got "
                      + concurrency)));
    }
    HttpOptions defaults = ExternalMatcher.defaultHttpOptions();
    int pool = Math.max(defaults.maxConnections(), 2 * concurrency);
    return defaults.withMaxConnections(pool);
  }

  /** A builder; {@link Builder#matcher(AssetMatcher)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The matcher called for each item. */
  public AssetMatcher matcher() {
    return matcher;
  }

  /** The most items started and not yet delivered, so the most calls in flight. */
  public int concurrency() {
    return concurrency;
  }

  /** The order outcomes are delivered in. */
  public BulkOrder order() {
    return order;
  }

  /**
   * The assets' outcomes as a lazy stream: nothing is read or called until the stream is consumed,
   * and closing it (use try-with-resources) stops the run, cancels the calls in flight and closes
   * {@code assets}. Sequential; one thread consumes it.
   */
  public Stream<BulkOutcome<AssetToProductResult>> matchAssets(Stream<? extends Asset> assets) {
    Objects.requireNonNull(assets, "assets");
    return stream(assetRun(assets.iterator())).onClose(assets::close);
  }

  /** {@link #matchAssets(Stream)} for an iterator, read lazily on the consuming thread. */
  public Stream<BulkOutcome<AssetToProductResult>> matchAssets(Iterator<? extends Asset> assets) {
    return stream(assetRun(Objects.requireNonNull(assets, "assets")));
  }

  /**
   * Matches every asset, handing each outcome to {@code consumer} on the calling thread, and
   * returns the totals once all are delivered. See the class comment for what ends a run. The
   * caller closes {@code assets}.
   */
  public BulkProgress matchAssets(
      Stream<? extends Asset> assets,
      Consumer<? super BulkOutcome<AssetToProductResult>> consumer) {
    Objects.requireNonNull(assets, "assets");
    return drain(assetRun(assets.iterator()), consumer);
  }

  /** {@link #matchAssets(Stream, Consumer)} for an iterator. */
  public BulkProgress matchAssets(
      Iterator<? extends Asset> assets,
      Consumer<? super BulkOutcome<AssetToProductResult>> consumer) {
    return drain(assetRun(Objects.requireNonNull(assets, "assets")), consumer);
  }

  /** The products' outcomes as a lazy stream; as {@link #matchAssets(Stream)}. */
  public Stream<BulkOutcome<ProductToAssetResult>> matchProducts(Stream<String> productSkus) {
    Objects.requireNonNull(productSkus, "productSkus");
    return stream(productRun(productSkus.iterator())).onClose(productSkus::close);
  }

  /** {@link #matchProducts(Stream)} for an iterator. */
  public Stream<BulkOutcome<ProductToAssetResult>> matchProducts(Iterator<String> productSkus) {
    return stream(productRun(Objects.requireNonNull(productSkus, "productSkus")));
  }

  /** Matches every product SKU; as {@link #matchAssets(Stream, Consumer)}. */
  public BulkProgress matchProducts(
      Stream<String> productSkus, Consumer<? super BulkOutcome<ProductToAssetResult>> consumer) {
    Objects.requireNonNull(productSkus, "productSkus");
    return drain(productRun(productSkus.iterator()), consumer);
  }

  /** {@link #matchProducts(Stream, Consumer)} for an iterator. */
  public BulkProgress matchProducts(
      Iterator<String> productSkus, Consumer<? super BulkOutcome<ProductToAssetResult>> consumer) {
    return drain(productRun(Objects.requireNonNull(productSkus, "productSkus")), consumer);
  }

  private BulkRun<Asset, AssetToProductResult> assetRun(Iterator<? extends Asset> assets) {
    Function<Asset, CompletableFuture<AssetToProductResult>> call =
        executor == null
            ? matcher::matchAssetAsync
            : asset -> matcher.matchAssetAsync(asset, executor);
    return run(assets, "assets", Asset::assetId, call);
  }

  private BulkRun<String, ProductToAssetResult> productRun(Iterator<String> skus) {
    Function<String, CompletableFuture<ProductToAssetResult>> call =
        executor == null
            ? matcher::matchProductAsync
            : sku -> matcher.matchProductAsync(sku, executor);
    return run(skus, "productSkus", Function.identity(), call);
  }

  private <I, T> BulkRun<I, T> run(
      Iterator<? extends I> input,
      String name,
      Function<? super I, String> idOf,
      Function<? super I, CompletableFuture<T>> call) {
    return new BulkRun<>(
        input,
        name,
        idOf,
        call,
        concurrency,
        order == BulkOrder.INPUT,
        progress,
        progressInterval,
        System::nanoTime);
  }

  private static <T> BulkProgress drain(
      BulkRun<?, T> run, Consumer<? super BulkOutcome<T>> consumer) {
    Objects.requireNonNull(consumer, "consumer");
    try (run) {
      while (run.hasNext()) {
        consumer.accept(run.next());
      }
      return run.progress();
    }
  }

  private static <T> Stream<BulkOutcome<T>> stream(BulkRun<?, T> run) {
    // A spliterator that never splits: a parallel stream must not pull outcomes in batches.
    Spliterator<BulkOutcome<T>> outcomes =
        new Spliterator<>() {
          @Override
          public boolean tryAdvance(Consumer<? super BulkOutcome<T>> action) {
            if (!run.hasNext()) {
              return false;
            }
            action.accept(run.next());
            return true;
          }

          @Override
          public Spliterator<BulkOutcome<T>> trySplit() {
            return null;
          }

          @Override
          public long estimateSize() {
            return Long.MAX_VALUE;
          }

          @Override
          public int characteristics() {
            return Spliterator.NONNULL;
          }
        };
    return StreamSupport.stream(outcomes, false).onClose(run::close);
  }

  @Override
  public String toString() {
    return "BulkMatcher{matcher="
        + matcher.name()
        + ", concurrency="
        + concurrency
        + ", order="
        + order
        + "}";
  }

  /** Builds a {@link BulkMatcher}; not thread-safe. */
  public static final class Builder {
    private AssetMatcher matcher;
    private int concurrency = DEFAULT_CONCURRENCY;
    private BulkOrder order = BulkOrder.INPUT;
    private Executor executor;
    private Consumer<? super BulkProgress> progress;
    private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

    private Builder() {}

    /** The matcher to call; required. The bulk matcher does not close it. */
    public Builder matcher(AssetMatcher matcher) {
      this.matcher = matcher;
      return this;
    }

    /**
     * The most items started and not yet delivered (so the most calls in flight), from 1 to {@link
     * #MAX_CONCURRENCY}; {@link #DEFAULT_CONCURRENCY} by default. Memory holds about this many
     * items and results.
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** The order outcomes are delivered in; {@link BulkOrder#INPUT} by default. */
    public Builder order(BulkOrder order) {
      this.order = order;
      return this;
    }

    /**
     * Where a matcher that implements only the blocking methods runs them (passed to its async
     * methods; a non-blocking matcher ignores it); by default the SDK's shared pool of at most 16
     * threads. Give one with at least {@code concurrency} threads to keep that many calls going.
     */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Called with the run's progress at most once per {@link #progressInterval(Duration)}, also
     * while waiting, and once more when the input is used up; on the consuming thread. {@code null}
     * (the default) for none.
     */
    public Builder onProgress(Consumer<? super BulkProgress> progress) {
      this.progress = progress;
      return this;
    }

    /**
     * The least time between two progress reports, {@link #DEFAULT_PROGRESS_INTERVAL} by default;
     * zero reports after every outcome only; at most 24 hours. The consuming thread wakes up this
     * often while it waits, so keep it to a fraction of a second or more.
     */
    public Builder progressInterval(Duration progressInterval) {
      this.progressInterval = progressInterval;
      return this;
    }

    /**
     * The bulk matcher.
     *
     * @throws AresValidationException listing every bad setting, such as {@code
     *     bulkMatcher.concurrency must be from 1 to 10000, got 0}
     */
    public BulkMatcher build() {
      List<FieldViolation> violations = new ArrayList<>();
      if (matcher == null) {
        violations.add(FieldViolation.of(ROOT + ".matcher", "is required"));
      }
      if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
        violations.add(
            FieldViolation.of(
                ROOT + ".concurrency",
                "must be from 1 to " + MAX_CONCURRENCY + ", got " + concurrency));
      }
      if (order == null) {
        violations.add(FieldViolation.of(ROOT + ".order", "is required"));
      }
      String intervalProblem = SettingRules.problemWithWait(progressInterval);
      if (intervalProblem != null) { // the one rule of every wait: zero to 24 hours
        violations.add(FieldViolation.of(ROOT + ".progressInterval", intervalProblem));
      }
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      return new BulkMatcher(this);
    }
  }
}
