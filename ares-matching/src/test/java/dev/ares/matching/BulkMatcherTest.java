package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresTransportException;
import dev.ares.core.AresValidationException;
import dev.ares.core.TransportFailure;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bulk matcher against a matcher whose calls the test answers: the bound on calls in flight,
 * the two orders, failures as values, progress, products, laziness and memory that does not grow
 * with the input. The "server" answers from the progress callback, on the consuming thread, so
 * every run is deterministic.
 */
@Timeout(60) // a run that waits for an answer that never comes should fail, not hang the build
class BulkMatcherTest {

  /** Assets made as they are read, counting how far the reading got ahead of the consumer. */
  static final class GeneratedAssets implements Iterator<Asset> {
    final long size;
    long read;
    long consumed;
    long maxAhead;

    GeneratedAssets(long size) {
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return read < size;
    }

    @Override
    public Asset next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      read++;
      maxAhead = Math.max(maxAhead, read - consumed);
      return Asset.of(id(read - 1), Map.of());
    }

    static String id(long i) {
      return "urn:aaid:aem:" + i;
    }
  }

  @Test
  void neverMoreThanConcurrencyCallsInFlightAndInputOrderIsKept() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    GeneratedAssets assets = new GeneratedAssets(1000);
    List<Long> indexes = new ArrayList<>();
    BulkProgress totals =
        matcher
            .drive(8)
            .build()
            .matchAssets(
                assets,
                outcome -> {
                  assets.consumed++;
                  indexes.add(outcome.index());
                  assertEquals(GeneratedAssets.id(outcome.index()), outcome.id());
                  assertEquals(
                      "p-" + outcome.id(),
                      outcome.result().orElseThrow().productMatches().get(0).productSku());
                });
    assertEquals(8, matcher.maxInFlight(), "the bound is reached, and never passed");
    assertEquals(LongStream.range(0, 1000).boxed().collect(Collectors.toList()), indexes);
    assertEquals(1000, totals.done());
    assertEquals(0, totals.failed());
    assertEquals(0, totals.inFlight());
    // The calls were answered newest first: the input order was restored, not merely kept.
    assertEquals(List.of(7L, 6L, 5L), matcher.completionOrder().subList(0, 3));
  }

  @Test
  void completionOrderDeliversAsTheCallsComplete() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    List<Long> indexes;
    try (Stream<BulkOutcome<AssetToProductResult>> outcomes =
        matcher.drive(5).order(BulkOrder.COMPLETION).build().matchAssets(new GeneratedAssets(23))) {
      indexes = outcomes.map(BulkOutcome::index).collect(Collectors.toList());
    }
    assertEquals(matcher.completionOrder(), indexes);
    assertEquals(List.of(4L, 3L, 2L, 1L, 0L), indexes.subList(0, 5));
    assertEquals(23, indexes.stream().distinct().count());
    assertEquals(5, matcher.maxInFlight());
  }

  @Test
  void aSlowHeadStopsNewCallsInInputOrderButNotInCompletionOrder() {
    for (BulkOrder order : BulkOrder.values()) {
      ControlledMatcher matcher = ControlledMatcher.answeringAll();
      List<Integer> startedWhileHeadWaited = new ArrayList<>();
      List<Long> delivered = new ArrayList<>();
      BulkMatcher bulk =
          BulkMatcher.builder()
              .matcher(matcher)
              .concurrency(4)
              .order(order)
              .progressInterval(java.time.Duration.ofNanos(1))
              .onProgress(
                  progress -> {
                    // Answer everything but the first call, as long as others are pending.
                    List<ControlledMatcher.Call> pending = matcher.pending();
                    ControlledMatcher.Call head =
                        pending.stream().filter(c -> c.number() == 0).findFirst().orElse(null);
                    pending.stream().filter(c -> c != head).forEach(matcher::complete);
                    boolean othersDone =
                        order == BulkOrder.INPUT ? pending.size() == 1 : matcher.started() == 50;
                    if (head != null && othersDone) {
                      startedWhileHeadWaited.add(matcher.started());
                      matcher.complete(head);
                    }
                  })
              .build();
      bulk.matchAssets(new GeneratedAssets(50), outcome -> delivered.add(outcome.index()));
      assertEquals(50, delivered.size(), order.toString());
      assertTrue(matcher.maxInFlight() <= 4, order.toString());
      if (order == BulkOrder.INPUT) {
        assertEquals(List.of(4), startedWhileHeadWaited, "no fifth call while the head waits");
        assertEquals(0L, delivered.get(0));
      } else {
        // The head waited while all the others were started and delivered.
        assertEquals(List.of(50), startedWhileHeadWaited);
        assertEquals(0L, delivered.get(delivered.size() - 1));
      }
    }
  }

  @Test
  void failedItemsAreValuesAndTheRunGoesOn() {
    ControlledMatcher matcher =
        new ControlledMatcher(
            id -> {
              long i = Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
              if (i % 10 == 3) {
                return new AresTransportException(
                    TransportFailure.ATTEMPT_TIMEOUT, "no answer in 5s", "h", 1, true, null);
              }
              if (i % 10 == 7) {
                return new IllegalStateException("bad\u001b[31m row\nnext");
              }
              return "ok";
            });
    List<BulkOutcome<AssetToProductResult>> failures = new ArrayList<>();
    BulkProgress totals =
        matcher
            .drive(6)
            .build()
            .matchAssets(
                new GeneratedAssets(100),
                outcome -> {
                  if (outcome.isFailure()) {
                    failures.add(outcome);
                    assertFalse(outcome.result().isPresent());
                  }
                });
    assertEquals(100, totals.done());
    assertEquals(20, totals.failed());
    assertEquals(20, failures.size());
    BulkFailure timeout = failures.get(0).failure().orElseThrow();
    assertEquals(3, failures.get(0).index());
    assertEquals(BulkFailure.Kind.TRANSPORT, timeout.kind());
    assertEquals("ATTEMPT_TIMEOUT", timeout.reason());
    BulkFailure thrown = failures.get(1).failure().orElseThrow();
    assertEquals(BulkFailure.Kind.MATCHER_ERROR, thrown.kind());
    assertEquals("IllegalStateException", thrown.reason());
    assertEquals("bad\\u001b[31m row\\u000anext", thrown.message());
  }

  @Test
  void aMatcherThatThrowsOrReturnsNothingFailsTheItemNotTheRun() {
    AssetMatcher rude =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            throw new UnsupportedOperationException();
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            throw new UnsupportedOperationException();
          }

          @Override
          public java.util.concurrent.CompletableFuture<AssetToProductResult> matchAssetAsync(
              Asset asset, java.util.concurrent.Executor executor) {
            if (asset.assetId().endsWith("1")) {
              throw new IllegalArgumentException("thrown, not returned");
            }
            return asset.assetId().endsWith("2")
                ? null
                : java.util.concurrent.CompletableFuture.completedFuture(null);
          }
        };
    List<String> reasons = new ArrayList<>();
    BulkMatcher.builder()
        .matcher(rude)
        .build()
        .matchAssets(
            new GeneratedAssets(3),
            outcome -> reasons.add(outcome.failure().orElseThrow().reason()));
    assertEquals(
        List.of("NullPointerException", "IllegalArgumentException", "NullPointerException"),
        reasons);
  }

  @Test
  void progressCountsEveryOutcomeWhenAskedAndOnlyTheTotalsOtherwise() {
    ControlledMatcher matcher =
        new ControlledMatcher(id -> id.endsWith("5") ? new IllegalStateException("x") : "ok");
    List<BulkProgress> reports = new ArrayList<>();
    List<Long> doneAtEachOutcome = new ArrayList<>();
    BulkMatcher bulk =
        BulkMatcher.builder()
            .matcher(matcher)
            .concurrency(3)
            .progressInterval(java.time.Duration.ZERO)
            .onProgress(reports::add)
            .build();
    // Nothing answers during the wait here: answer each call as it is made, before the wait.
    Iterator<Asset> assets = new GeneratedAssets(20);
    Iterator<Asset> answering =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            matcher.completeAll(false);
            return assets.hasNext();
          }

          @Override
          public Asset next() {
            return assets.next();
          }
        };
    bulk.matchAssets(answering, outcome -> doneAtEachOutcome.add((long) reports.size()));
    assertEquals(21, reports.size(), "one after each outcome, and the totals");
    for (int i = 0; i < 20; i++) {
      assertEquals(i + 1, reports.get(i).done());
      assertTrue(reports.get(i).inFlight() <= 3);
    }
    BulkProgress last = reports.get(20);
    assertEquals(20, last.done());
    assertEquals(2, last.failed());
    assertEquals(0, last.inFlight());
    assertTrue(last.perSecond() > 0);

    reports.clear();
    ControlledMatcher quiet = ControlledMatcher.answeringAll();
    quiet
        .drive(3)
        .progressInterval(java.time.Duration.ofHours(1))
        .onProgress(reports::add)
        .build()
        .matchAssets(autoAnswered(quiet, new GeneratedAssets(500)), outcome -> {});
    assertEquals(1, reports.size(), "an hour between reports: only the totals");
    assertEquals(500, reports.get(0).done());
  }

  @Test
  void productsGoThroughTheSameWay() {
    ControlledMatcher matcher =
        new ControlledMatcher(id -> id.equals("sku-2") ? new IllegalStateException("no") : "ok");
    List<BulkOutcome<ProductToAssetResult>> outcomes;
    try (Stream<BulkOutcome<ProductToAssetResult>> run =
        matcher.drive(2).build().matchProducts(Stream.of("sku-1", "sku-2", "sku-3", "sku-4"))) {
      outcomes = run.collect(Collectors.toList());
    }
    assertEquals(
        List.of("sku-1", "sku-2", "sku-3", "sku-4"),
        outcomes.stream().map(BulkOutcome::id).collect(Collectors.toList()));
    assertEquals("a-sku-3", outcomes.get(2).result().orElseThrow().assetMatches().get(0).assetId());
    assertTrue(outcomes.get(1).isFailure());
    assertEquals(2, matcher.maxInFlight());
  }

  @Test
  void memoryDoesNotGrowWithTheInput() {
    // The same run over 10,000 and 100,000 generated assets: the most items read and not yet
    // handed to the consumer, and the most calls in flight, are the same bound.
    long[] maxAhead = new long[2];
    int[] maxInFlight = new int[2];
    long[] sizes = {10_000, 100_000};
    for (int run = 0; run < 2; run++) {
      for (BulkOrder order : BulkOrder.values()) {
        ControlledMatcher matcher = ControlledMatcher.answeringAll();
        GeneratedAssets assets = new GeneratedAssets(sizes[run]);
        BulkProgress totals =
            matcher
                .drive(16)
                .order(order)
                .build()
                .matchAssets(assets, outcome -> assets.consumed++);
        assertEquals(sizes[run], totals.done());
        maxAhead[run] = Math.max(maxAhead[run], assets.maxAhead);
        maxInFlight[run] = Math.max(maxInFlight[run], matcher.maxInFlight());
      }
    }
    assertEquals(16, maxAhead[0]);
    assertEquals(maxAhead[0], maxAhead[1], "read ahead of the consumer at 10x the input");
    assertEquals(16, maxInFlight[0]);
    assertEquals(maxInFlight[0], maxInFlight[1]);
  }

  @Test
  void theInputIsReadLazilyAndClosingTheStreamStopsTheRun() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    GeneratedAssets assets = new GeneratedAssets(1_000_000);
    AtomicBoolean inputClosed = new AtomicBoolean();
    Stream<Asset> input =
        Stream.generate(assets::next).limit(assets.size).onClose(() -> inputClosed.set(true));
    Stream<BulkOutcome<AssetToProductResult>> outcomes =
        matcher.driveOldestFirst(4).build().matchAssets(input);
    assertEquals(0, assets.read, "nothing read before the stream is consumed");
    Iterator<BulkOutcome<AssetToProductResult>> it = outcomes.iterator();
    for (int i = 0; i < 10; i++) {
      it.next();
      assets.consumed++;
    }
    assertTrue(assets.read <= 10 + 4, "read " + assets.read);
    List<ControlledMatcher.Call> pending = matcher.pending();
    int started = matcher.started();
    outcomes.close();
    assertTrue(inputClosed.get());
    assertFalse(pending.isEmpty());
    assertTrue(
        pending.stream().allMatch(c -> c.future().isCancelled()), "calls in flight cancelled");
    assertFalse(it.hasNext());
    assertEquals(started, matcher.started(), "no call started after close");
  }

  @Test
  void aConsumerThatThrowsEndsTheRunAndCancelsTheCallsInFlight() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    IllegalStateException stop = new IllegalStateException("consumer gave up");
    BulkMatcher bulk = matcher.driveOldestFirst(4).build();
    List<ControlledMatcher.Call> inFlight = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                bulk.matchAssets(
                    new GeneratedAssets(100),
                    outcome -> {
                      if (outcome.index() == 2) {
                        inFlight.addAll(matcher.pending());
                        throw stop;
                      }
                    }));
    assertSame(stop, thrown);
    assertFalse(inFlight.isEmpty());
    assertTrue(inFlight.stream().allMatch(c -> c.future().isCancelled()));
    assertEquals(6, matcher.started(), "none started after the consumer threw");
  }

  @Test
  void anInputThatThrowsEndsTheRunAfterTheItemsAlreadyStarted() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    GeneratedAssets assets = new GeneratedAssets(100);
    IllegalStateException bad = new IllegalStateException("assets.jsonl:6: asset is not JSON");
    Iterator<Asset> failing =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return true;
          }

          @Override
          public Asset next() {
            if (assets.read == 5) {
              throw bad;
            }
            return assets.next();
          }
        };
    List<Long> delivered = new ArrayList<>();
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () -> matcher.drive(3).build().matchAssets(failing, o -> delivered.add(o.index())));
    assertSame(bad, thrown);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), delivered);
  }

  @Test
  void aNullItemIsNamedByItsPosition() {
    ControlledMatcher matcher = ControlledMatcher.answeringAll();
    List<String> skus = new ArrayList<>(List.of("a", "b"));
    skus.add(null);
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () -> matcher.drive(2).build().matchProducts(skus.iterator(), o -> {}));
    assertEquals("productSkus[2] is null", e.getMessage());
  }

  @Test
  void badSettingsAreNamed() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                BulkMatcher.builder()
                    .concurrency(0)
                    .progressInterval(java.time.Duration.ofSeconds(-1))
                    .build());
    assertEquals(
        "bulkMatcher.matcher is required; bulkMatcher.concurrency must be from 1 to 10000, got 0;"
            + " bulkMatcher.progressInterval must not be negative",
        e.getMessage());
    assertThrows(
        AresValidationException.class,
        () -> BulkMatcher.builder().matcher(new StaticTestMatcher()).concurrency(10_001).build());
  }

  @Test
  void aProgressIntervalBeyondTheLongestWaitIsRefusedAtBuildNotOverflowingInTheRun() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                BulkMatcher.builder()
                    .matcher(MatchBySku.commerceSkus())
                    .progressInterval(java.time.Duration.ofDays(365L * 300))
                    .build());
    assertEquals(
        "bulkMatcher.progressInterval must be at most 24 hours", e.violations().get(0).toString());
  }

  @Test
  void aBlockingMatcherRunsOnTheExecutorGiven() {
    List<Runnable> ran = new ArrayList<>();
    List<BulkOutcome<AssetToProductResult>> outcomes = new ArrayList<>();
    BulkMatcher.builder()
        .matcher(new StaticTestMatcher())
        .executor(
            task -> {
              ran.add(task);
              task.run();
            })
        .build()
        .matchAssets(new GeneratedAssets(3), outcomes::add);
    assertEquals(3, ran.size());
    assertEquals(
        "fixed", outcomes.get(2).result().orElseThrow().productMatches().get(0).productSku());
  }

  /** Answers each call as soon as the next item is asked for, for runs without a driver. */
  private static Iterator<Asset> autoAnswered(ControlledMatcher matcher, Iterator<Asset> assets) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        matcher.completeAll(false);
        return assets.hasNext();
      }

      @Override
      public Asset next() {
        return assets.next();
      }
    };
  }
}
