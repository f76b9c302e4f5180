package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The async defaults of {@link AssetMatcher} for a matcher that implements only the blocking
 * methods.
 */
class AssetMatcherAsyncDefaultsTest {

  private static final IllegalStateException BOOM = new IllegalStateException("boom");

  /** Fails every call, remembering the thread it ran on. */
  private static final class FailingMatcher implements AssetMatcher {
    final List<String> threads = new ArrayList<>();

    @Override
    public synchronized AssetToProductResult matchAsset(Asset asset) {
      threads.add(Thread.currentThread().getName());
      throw BOOM;
    }

    @Override
    public synchronized ProductToAssetResult matchProduct(String productSku) {
      threads.add(Thread.currentThread().getName());
      throw BOOM;
    }
  }

  @Test
  void theExecutorGivenRunsTheBlockingCall() throws Exception {
    List<Runnable> ran = new ArrayList<>();
    Executor recording =
        task -> {
          ran.add(task);
          task.run();
        };
    AssetMatcher matcher = new StaticTestMatcher();
    assertEquals(
        "fixed",
        matcher
            .matchAssetAsync(Asset.of("a", Map.of()), recording)
            .get()
            .productMatches()
            .get(0)
            .productSku());
    assertEquals("fixed", matcher.matchProductAsync("fixed", recording).get().productSku());
    assertEquals(2, ran.size());
  }

  @Test
  void aFailureCompletesTheFutureWithTheMatchersOwnException() {
    FailingMatcher matcher = new FailingMatcher();
    CompletableFuture<AssetToProductResult> asset =
        matcher.matchAssetAsync(Asset.of("a", Map.of()), Runnable::run);
    assertTrue(asset.isCompletedExceptionally());
    assertSame(BOOM, assertThrows(ExecutionException.class, asset::get).getCause());
    CompletableFuture<ProductToAssetResult> product =
        matcher.matchProductAsync("sku", Runnable::run);
    assertSame(BOOM, assertThrows(ExecutionException.class, product::get).getCause());
  }

  @Test
  void withoutAnExecutorTheSharedSdkPoolRunsIt() {
    FailingMatcher matcher = new FailingMatcher();
    CompletableFuture<AssetToProductResult> asset =
        matcher.matchAssetAsync(Asset.of("a", Map.of()));
    assertSame(BOOM, assertThrows(CompletionException.class, asset::join).getCause());
    CompletableFuture<ProductToAssetResult> product = matcher.matchProductAsync("sku");
    assertSame(BOOM, assertThrows(CompletionException.class, product::join).getCause());
    assertEquals(2, matcher.threads.size());
    assertTrue(
        matcher.threads.stream().allMatch(name -> name.startsWith("ares-blocking-")),
        matcher.threads.toString());
  }

  @Test
  void callbacksSeeTheMatchersOwnExceptionNotAWrapper() throws Exception {
    FailingMatcher matcher = new FailingMatcher();
    assertSame(
        BOOM,
        matcher
            .matchAssetAsync(Asset.of("a", Map.of()))
            .handle((result, failure) -> failure)
            .get(10, TimeUnit.SECONDS));
    assertSame(
        BOOM,
        matcher
            .matchProductAsync("sku", Runnable::run)
            .handle((result, failure) -> failure)
            .get(10, TimeUnit.SECONDS));
  }

  @Test
  void anExecutorThatRefusesFailsTheFuture() {
    RejectedExecutionException refused = new RejectedExecutionException("full");
    Executor refusing =
        task -> {
          throw refused;
        };
    CompletableFuture<AssetToProductResult> asset =
        new StaticTestMatcher().matchAssetAsync(Asset.of("a", Map.of()), refusing);
    assertSame(refused, asset.handle((result, failure) -> failure).join());
  }

  @Test
  void nullsAreRefusedBeforeAnythingRuns() {
    AssetMatcher matcher = new StaticTestMatcher();
    assertThrows(NullPointerException.class, () -> matcher.matchAssetAsync(null, Runnable::run));
    assertThrows(
        NullPointerException.class, () -> matcher.matchAssetAsync(Asset.of("a", Map.of()), null));
    assertThrows(NullPointerException.class, () -> matcher.matchProductAsync(null));
  }
}
