package dev.ares.matching;

import static dev.ares.matching.MatchBySkuTest.asset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link IndexingMatcher}: the product direction of a matcher that knows only the asset direction,
 * answered from the asset answers it gave; the wrapped matcher's own answer first; the cap.
 */
class IndexingMatcherTest {

  /** matchBySKU's asset direction; the product direction as {@code product} says. */
  private static AssetMatcher assetOnly(Function<String, ProductToAssetResult> product) {
    MatchBySku bySku = MatchBySku.commerceSkus();
    return new AssetMatcher() {
      @Override
      public String name() {
        return "asset-only";
      }

      @Override
      public AssetToProductResult matchAsset(Asset asset) {
        return bySku.matchAsset(asset);
      }

      @Override
      public ProductToAssetResult matchProduct(String productSku) {
        return product.apply(productSku);
      }
    };
  }

  private static ProductToAssetResult none(String sku) {
    return ProductToAssetResult.builder().productSku(sku).build();
  }

  private static List<String> assetIds(ProductToAssetResult result) {
    return result.assetMatches().stream().map(AssetMatch::assetId).toList();
  }

  private static Asset onSkus(String id, List<String> skus, List<Integer> positions) {
    return asset(id, Map.of("commerce:skus", skus, "commerce:positions", positions));
  }

  @Test
  void productAnswersComeFromTheAssetAnswersItGave() {
    IndexingMatcher served = IndexingMatcher.of(assetOnly(IndexingMatcherTest::none));
    assertEquals("asset-only", served.name());
    assertEquals(List.of(), assetIds(served.matchProduct("p1")));

    AssetToProductResult first =
        served.matchAsset(onSkus("a2", List.of("p1", "p2"), List.of(2, 1)));
    assertEquals(
        List.of("p1", "p2"), first.productMatches().stream().map(m -> m.productSku()).toList());
    served.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
    served.matchAsset(Asset.of("a3", Map.of("commerce:skus", "p1"))); // not a Commerce asset

    assertEquals(List.of("a1", "a2"), assetIds(served.matchProduct("p1")), "gallery order");
    assertEquals(List.of("a2"), assetIds(served.matchProduct(" p2 ")));
    assertEquals(2, served.indexedAssets());
    assertEquals(2, served.indexedProducts());

    served.matchAsset(Asset.of("a2", Map.of("commerce:skus", "p1"))); // now skipped: it leaves
    assertEquals(List.of("a1"), assetIds(served.matchProduct("p1")));
    assertEquals(List.of(), assetIds(served.matchProduct("p2")));
    assertEquals(0, served.index().assetsUpdating());
  }

  @Test
  void theWrappedMatchersOwnAnswerStandsWhenItListsAssetsOrSaysSkip() {
    ProductToAssetResult own =
        ProductToAssetResult.builder()
            .productSku("p1")
            .addAssetMatches(AssetMatch.builder().assetId("from-dam").build())
            .build();
    ProductToAssetResult skip = ProductToAssetResult.builder().productSku("p2").skip(true).build();
    IndexingMatcher served =
        IndexingMatcher.of(
            assetOnly(sku -> sku.equals("p1") ? own : sku.equals("p2") ? skip : none(sku)));
    served.matchAsset(onSkus("a1", List.of("p1", "p2", "p3"), List.of(1, 1, 1)));
    assertSame(own, served.matchProduct("p1"));
    assertSame(skip, served.matchProduct("p2"));
    assertEquals(List.of("a1"), assetIds(served.matchProduct("p3")), "empty: the index answers");
  }

  @Test
  void unsupportedOrNullMeansTheIndexAnswersAndOtherFailuresAreThrown() {
    IndexingMatcher unsupported =
        IndexingMatcher.of(
            assetOnly(
                sku -> {
                  throw new UnsupportedOperationException("asset direction only");
                }));
    unsupported.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
    assertEquals(List.of("a1"), assetIds(unsupported.matchProduct("p1")));

    IndexingMatcher nothing = IndexingMatcher.of(assetOnly(sku -> null));
    nothing.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
    assertEquals(List.of("a1"), assetIds(nothing.matchProduct("p1")));

    IndexingMatcher broken =
        IndexingMatcher.of(
            assetOnly(
                sku -> {
                  throw new IllegalStateException("the DAM is down");
                }));
    broken.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
    assertEquals(
        "the DAM is down",
        assertThrows(IllegalStateException.class, () -> broken.matchProduct("p1")).getMessage());
  }

  @Test
  void aFailedMatchChangesNothingAndHoldsNothing() {
    AtomicBoolean fail = new AtomicBoolean();
    MatchBySku bySku = MatchBySku.commerceSkus();
    IndexingMatcher served =
        IndexingMatcher.of(
            new AssetMatcher() {
              @Override
              public AssetToProductResult matchAsset(Asset asset) {
                if (fail.get()) {
                  throw new IllegalStateException("boom");
                }
                return bySku.matchAsset(asset);
              }

              @Override
              public ProductToAssetResult matchProduct(String productSku) {
                return none(productSku);
              }
            });
    served.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
    fail.set(true);
    for (int i = 0; i < 1000; i++) {
      String id = "b" + i;
      assertThrows(
          IllegalStateException.class,
          () -> served.matchAsset(onSkus(id, List.of("p1"), List.of(2))));
    }
    assertThrows(
        IllegalStateException.class,
        () -> served.matchAsset(onSkus("a1", List.of("p9"), List.of(1))));
    assertEquals(List.of("a1"), assetIds(served.matchProduct("p1")));
    assertEquals(0, served.index().assetsUpdating(), "no bookkeeping is left behind");
  }

  @Test
  void atTheCapNewAssetsAreLeftOutWhileAnswersAndUpdatesGoOn() {
    ListAppender<ILoggingEvent> logged = capture();
    try {
      IndexingMatcher served = IndexingMatcher.of(assetOnly(IndexingMatcherTest::none), 2);
      assertEquals(2, served.maxIndexedAssets());
      served.matchAsset(onSkus("a1", List.of("p1"), List.of(1)));
      served.matchAsset(onSkus("a2", List.of("p1"), List.of(2)));
      assertTrue(served.isFull());
      assertEquals(1, warnings(logged), "a warning when it fills");

      AssetToProductResult third = served.matchAsset(onSkus("a3", List.of("p1"), List.of(3)));
      assertEquals(1, third.productMatches().size(), "the asset's own answer is unchanged");
      assertEquals(List.of("a1", "a2"), assetIds(served.matchProduct("p1")));
      assertEquals(1, served.refusedAssets());

      served.matchAsset(onSkus("a1", List.of("p2"), List.of(1))); // an indexed asset still updates
      assertEquals(List.of("a1"), assetIds(served.matchProduct("p2")));
      assertEquals(List.of("a2"), assetIds(served.matchProduct("p1")));

      served.matchAsset(Asset.of("a2", Map.of())); // skipped: makes room
      assertFalse(served.isFull());
      served.matchAsset(onSkus("a3", List.of("p1"), List.of(3)));
      assertEquals(List.of("a3"), assetIds(served.matchProduct("p1")));
      assertEquals(1, served.refusedAssets());
      assertEquals(2, warnings(logged), "full again after it had room");
      assertEquals(0, served.index().assetsUpdating());
    } finally {
      release(logged);
    }
  }

  @Test
  void anIndexChurningAtItsCapWarnsOnce() {
    ListAppender<ILoggingEvent> logged = capture();
    try {
      IndexingMatcher served = IndexingMatcher.of(assetOnly(IndexingMatcherTest::none), 20);
      for (int i = 0; i < 20; i++) {
        served.matchAsset(onSkus("a" + i, List.of("p1"), List.of(i)));
      }
      for (int round = 0; round < 50; round++) {
        served.matchAsset(Asset.of("a0", Map.of())); // deleted: room for one
        served.matchAsset(onSkus("a0", List.of("p1"), List.of(0))); // back: full
      }
      assertTrue(served.isFull());
      assertEquals(1, warnings(logged), "once until it has room for a tenth more (2 assets)");
    } finally {
      release(logged);
    }
  }

  @Test
  void theSizeIsLoggedWhenItDoublesNotForEveryAsset() {
    ListAppender<ILoggingEvent> logged = capture();
    try {
      IndexingMatcher served = IndexingMatcher.of(assetOnly(IndexingMatcherTest::none));
      for (int i = 0; i < 5000; i++) {
        served.matchAsset(onSkus("a" + i, List.of("p" + (i % 100)), List.of(1)));
      }
      List<String> sizes =
          logged.list.stream()
              .filter(e -> e.getLevel() == Level.INFO)
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      assertEquals(
          List.of(
              "the product -> asset index of asset-only holds 1024 assets of 100 products (at most"
                  + " 250000)",
              "the product -> asset index of asset-only holds 2048 assets of 100 products (at most"
                  + " 250000)",
              "the product -> asset index of asset-only holds 4096 assets of 100 products (at most"
                  + " 250000)"),
          sizes);
      assertEquals(0, warnings(logged));
    } finally {
      release(logged);
    }
  }

  @Test
  void asyncAnswersAreRecordedAndFailuresKeepTheirOwnException() throws Exception {
    IndexingMatcher served = IndexingMatcher.of(assetOnly(IndexingMatcherTest::none));
    Asset a1 = onSkus("a1", List.of("p1"), List.of(1));
    assertEquals(
        1,
        served.matchAssetAsync(a1, Runnable::run).get(5, TimeUnit.SECONDS).productMatches().size());
    assertEquals(
        List.of("a1"),
        assetIds(served.matchProductAsync("p1", Runnable::run).get(5, TimeUnit.SECONDS)));

    IllegalStateException boom = new IllegalStateException("boom");
    IndexingMatcher failing =
        IndexingMatcher.of(
            new AssetMatcher() {
              @Override
              public AssetToProductResult matchAsset(Asset asset) {
                throw boom;
              }

              @Override
              public ProductToAssetResult matchProduct(String productSku) {
                throw new UnsupportedOperationException();
              }
            });
    CompletableFuture<AssetToProductResult> failed = failing.matchAssetAsync(a1, Runnable::run);
    Throwable[] seen = new Throwable[1];
    failed.handle((r, e) -> seen[0] = e).get(5, TimeUnit.SECONDS);
    assertSame(boom, seen[0], "the matcher's exception itself, not a CompletionException");
    assertSame(boom, assertThrows(ExecutionException.class, failed::get).getCause());
    assertEquals(0, failing.index().assetsUpdating());
    assertEquals(
        List.of(),
        assetIds(failing.matchProductAsync("p1", Runnable::run).get(5, TimeUnit.SECONDS)),
        "unsupported: the (empty) index answers");
  }

  @Test
  void closeClosesTheWrappedMatcherAndACapBelowOneIsRefused() {
    AtomicBoolean closed = new AtomicBoolean();
    AssetMatcher wrapped =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            return AssetToProductResult.skipped(asset.assetId(), "no");
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            return none(productSku);
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
    IndexingMatcher.of(wrapped).close();
    assertTrue(closed.get());
    assertThrows(IllegalArgumentException.class, () -> IndexingMatcher.of(wrapped, 0));
  }

  private static ListAppender<ILoggingEvent> capture() {
    Logger logger = (Logger) LoggerFactory.getLogger(IndexingMatcher.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.INFO);
    logger.setAdditive(false); // captured, not printed: tests stay quiet
    return appender;
  }

  private static void release(ListAppender<ILoggingEvent> appender) {
    Logger logger = (Logger) LoggerFactory.getLogger(IndexingMatcher.class);
    logger.detachAppender(appender);
    logger.setLevel(null);
    logger.setAdditive(true);
  }

  private static long warnings(ListAppender<ILoggingEvent> logged) {
    return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
  }
}
