package dev.ares.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A matcher whose async calls return futures the test completes: each call waits in {@link
 * #pending()} until {@link #completeAll(boolean)} answers it. Counts calls and the most in flight.
 * Its blocking methods are not meant to be used. Driven from the consuming thread only (see {@link
 * #drive}), so it needs no locks beyond the counters.
 */
final class ControlledMatcher implements AssetMatcher {

  /** The answer for an id: an exception to fail with, or anything else to succeed. */
  private final Function<String, Object> answers;

  private final List<Call> pending = new ArrayList<>();
  private final List<Long> completionOrder = new ArrayList<>();
  private int started;
  private int inFlight;
  private int maxInFlight;
  private long calls;

  /** A pending call. */
  record Call(
      long number, String id, CompletableFuture<Object> future, Function<String, ?> result) {}

  ControlledMatcher(Function<String, Object> answers) {
    this.answers = answers;
  }

  /** Every asset matches product {@code p-<id>}; every SKU has asset {@code a-<sku>}. */
  static ControlledMatcher answeringAll() {
    return new ControlledMatcher(id -> "ok");
  }

  /**
   * A bulk matcher builder whose progress callback, run while the run waits, completes every
   * pending call (newest first): the test's "server", on the consuming thread, so the test is
   * deterministic.
   */
  BulkMatcher.Builder drive(int concurrency) {
    return BulkMatcher.builder()
        .matcher(this)
        .concurrency(concurrency)
        .progressInterval(java.time.Duration.ofNanos(1))
        .onProgress(progress -> completeAll(true));
  }

  /**
   * As {@link #drive}, but each callback answers only the oldest pending call, so calls stay in
   * flight while the consumer runs.
   */
  BulkMatcher.Builder driveOldestFirst(int concurrency) {
    return drive(concurrency).onProgress(progress -> completeOldest());
  }

  /** Answers the oldest pending call, if any. */
  void completeOldest() {
    Call oldest;
    synchronized (this) {
      oldest = pending.isEmpty() ? null : pending.get(0);
    }
    if (oldest != null) {
      complete(oldest);
    }
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    throw new UnsupportedOperationException("async only");
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    throw new UnsupportedOperationException("async only");
  }

  @Override
  public CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset, Executor executor) {
    return start(
        asset.assetId(),
        id ->
            AssetToProductResult.builder()
                .assetId(id)
                .addProductMatches(ProductMatch.builder().productSku("p-" + id).build())
                .build());
  }

  @Override
  public CompletableFuture<ProductToAssetResult> matchProductAsync(String sku, Executor executor) {
    return start(
        sku,
        id ->
            ProductToAssetResult.builder()
                .productSku(id)
                .addAssetMatches(AssetMatch.builder().assetId("a-" + id).build())
                .build());
  }

  @SuppressWarnings("unchecked")
  private synchronized <R> CompletableFuture<R> start(String id, Function<String, R> result) {
    CompletableFuture<R> future = new CompletableFuture<>();
    pending.add(new Call(calls++, id, (CompletableFuture<Object>) future, result));
    started++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return future;
  }

  /** Answers every pending call, newest first when {@code reverse}. */
  void completeAll(boolean reverse) {
    List<Call> now;
    synchronized (this) {
      now = new ArrayList<>(pending);
      pending.clear();
    }
    if (reverse) {
      Collections.reverse(now);
    }
    for (Call call : now) {
      complete(call);
    }
  }

  /** Answers one call. */
  void complete(Call call) {
    synchronized (this) {
      pending.remove(call);
      inFlight--;
      completionOrder.add(call.number());
    }
    Object answer = answers.apply(call.id());
    if (answer instanceof Throwable t) {
      call.future().completeExceptionally(t);
    } else {
      call.future().complete(call.result().apply(call.id()));
    }
  }

  synchronized List<Call> pending() {
    return new ArrayList<>(pending);
  }

  synchronized int started() {
    return started;
  }

  synchronized int maxInFlight() {
    return maxInFlight;
  }

  /** The call numbers (0, 1, …, in the order the calls started) in the order they completed. */
  synchronized List<Long> completionOrder() {
    return new ArrayList<>(completionOrder);
  }
}
