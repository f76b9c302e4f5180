package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MatchBySkuTest {

  private final MatchBySku rule = MatchBySku.commerceSkus();

  static Asset asset(String id, Map<String, ?> fields) {
    Map<String, Object> metadata = new java.util.LinkedHashMap<>();
    metadata.put("commerce:isCommerce", "yes");
    metadata.put("dam:status", "approved");
    metadata.putAll(fields);
    return Asset.of(id, metadata);
  }

  @Test
  void pairsSkusRolesAndPositionsByIndex() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "urn:aaid:aem:1",
                Map.of(
                    "commerce:skus", List.of("sku-7", "sku-8"),
                    "commerce:roles", List.of("thumbnail;image", "swatch_image"),
                    "commerce:positions", List.of(4, 1))));
    assertFalse(r.skip());
    assertEquals(
        List.of(
            ProductMatch.builder()
                .productSku("sku-7")
                .addAssetRoles("thumbnail", "image")
                .assetPosition(4)
                .build(),
            ProductMatch.builder()
                .productSku("sku-8")
                .addAssetRoles("swatch_image")
                .assetPosition(1)
                .build()),
        r.productMatches());
    assertEquals(List.of(), r.warnings());
  }

  @Test
  void singleStringsAreOneElementArrays() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "a",
                Map.of(
                    "commerce:skus",
                    " sku-7 ",
                    "commerce:roles",
                    "image",
                    "commerce:positions",
                    "2")));
    assertEquals(
        List.of(
            ProductMatch.builder()
                .productSku("sku-7")
                .addAssetRoles("image")
                .assetPosition(2)
                .build()),
        r.productMatches());
  }

  @Test
  void trimsDropsBlanksAndMergesDuplicates() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "a",
                Map.of(
                    "commerce:skus", List.of("sku-1", "  ", "sku-1 ", "sku-2"),
                    "commerce:roles", List.of("image", "thumbnail", "thumbnail; small_image", ""),
                    "commerce:positions", List.of(5, 0, 3, 1))));
    assertEquals(
        List.of(
            ProductMatch.builder()
                .productSku("sku-1")
                .addAssetRoles("image", "thumbnail", "small_image")
                .assetPosition(3)
                .build(),
            ProductMatch.builder().productSku("sku-2").assetPosition(1).build()),
        r.productMatches());
  }

  @Test
  void misalignedAndMalformedRowsBecomeWarnings() {
    AssetToProductResult r =
        rule.matchAsset(
            asset(
                "a",
                Map.of(
                    "commerce:skus", List.of("sku-1", 42, "sku-3"),
                    "commerce:roles", List.of("image"),
                    "commerce:positions", List.of("x", 2, 2.5, 9))));
    assertEquals(
        List.of(
            ProductMatch.builder().productSku("sku-1").addAssetRoles("image").build(),
            ProductMatch.builder().productSku("sku-3").build()),
        r.productMatches());
    assertEquals(
        List.of(
            "commerce:roles has 1 entries for 3 SKUs",
            "commerce:positions has 4 entries for 3 SKUs",
            "commerce:positions[0] is not a whole number; position ignored",
            "commerce:skus[1] is not a string; row ignored",
            "commerce:positions[2] is not a whole number; position ignored"),
        r.warnings());
  }

  @Test
  void skipsAssetsThatAreNotEligibleOrNotApproved() {
    assertTrue(rule.matchAsset(Asset.of("a", Map.of("commerce:skus", "s"))).skip());
    assertTrue(
        rule.matchAsset(Asset.of("a", Map.of("commerce:isCommerce", "no", "commerce:skus", "s")))
            .skip());
    Asset draft =
        Asset.of(
            "a", Map.of("commerce:isCommerce", "YES", "dam:status", "draft", "commerce:skus", "s"));
    AssetToProductResult skipped = rule.matchAsset(draft);
    assertTrue(skipped.skip());
    assertEquals(List.of(), skipped.productMatches());
    assertEquals(1, rule.requireApproved(false).matchAsset(draft).productMatches().size());
    assertFalse(rule.matchAsset(asset("a", Map.of("commerce:isCommerce", List.of("Yes")))).skip());
  }

  @Test
  void readsTheConfiguredField() {
    MatchBySku custom = MatchBySku.onField("my:skus");
    AssetToProductResult r =
        custom.matchAsset(asset("a", Map.of("my:skus", "x", "commerce:skus", "y")));
    assertEquals("x", r.productMatches().get(0).productSku());
    assertEquals(OptionalInt.empty(), r.productMatches().get(0).assetPosition());
  }

  @Test
  void productDirectionAnswersFromTheIndexAndUpdatesIncrementally() {
    MatchBySku matcher = MatchBySku.commerceSkus();
    AssetIndex index = matcher.index();
    index.put(
        asset(
            "a1",
            Map.of("commerce:skus", List.of("p1", "p2"), "commerce:positions", List.of(2, 0))));
    index.put(
        asset(
            "a2",
            Map.of(
                "commerce:skus",
                "p1",
                "commerce:positions",
                1,
                "commerce:roles",
                "image",
                "dc:format",
                "video/mp4")));
    ProductToAssetResult p1 = matcher.matchProduct("p1");
    assertEquals(List.of("a2", "a1"), p1.assetMatches().stream().map(AssetMatch::assetId).toList());
    assertEquals(AssetFormat.VIDEO, p1.assetMatches().get(0).assetFormat());
    assertEquals(List.of("image"), p1.assetMatches().get(0).assetRoles());

    index.put(asset("a1", Map.of("commerce:skus", "p3")));
    assertEquals(List.of("a2"), ids(matcher.matchProduct("p1")));
    assertEquals(List.of(), ids(matcher.matchProduct("p2")));
    assertEquals(List.of("a1"), ids(matcher.matchProduct(" p3 ")));

    index.put(Asset.of("a2", Map.of("commerce:isCommerce", "no")));
    assertEquals(List.of(), ids(matcher.matchProduct("p1")));
    index.remove("a1");
    index.remove("unknown");
    assertEquals(0, index.productCount());
    assertEquals(0, index.assetCount());
    assertFalse(matcher.matchProduct("p3").skip());
  }

  @Test
  void theIndexStaysConsistentUnderConcurrentUpdates() throws Exception {
    MatchBySku matcher = MatchBySku.commerceSkus();
    int writers = 4;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 500; i++) {
                    String id = "w" + writer + "-" + (i % 50);
                    matcher
                        .index()
                        .put(asset(id, Map.of("commerce:skus", List.of("shared", "p" + (i % 7)))));
                    if (i % 3 == 0) {
                      matcher.index().remove(id);
                    }
                    matcher.matchProduct("shared");
                  }
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    // Each writer's last touch of asset k (k = i % 50, i in 450..499) decides whether it stays.
    int expected = 0;
    for (int k = 0; k < 50; k++) {
      int last = 450 + k;
      expected += last % 3 == 0 ? 0 : 1;
    }
    assertEquals(expected * writers, matcher.matchProduct("shared").assetMatches().size());
    assertEquals(expected * writers, matcher.index().assetCount());
  }

  @Test
  void manySkusAndRolesKeepFirstSeenOrderAndMerge() {
    List<String> skus = new java.util.ArrayList<>();
    List<String> roles = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      skus.add("sku-" + (i % 12));
      roles.add("r" + (i % 20) + ";R" + (i % 7));
    }
    AssetToProductResult r =
        rule.matchAsset(asset("a", Map.of("commerce:skus", skus, "commerce:roles", roles)));
    assertEquals(12, r.productMatches().size());
    assertEquals("sku-0", r.productMatches().get(0).productSku());
    assertEquals("sku-11", r.productMatches().get(11).productSku());
    // sku-0 appears at rows 0, 12 and 24: roles r0;r0, r12;r5, r4;r3, united in first-seen order.
    assertEquals(List.of("r0", "r12", "r5", "r4", "r3"), r.productMatches().get(0).assetRoles());
    List<String> many = new java.util.ArrayList<>();
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      joined.append("Role").append(i % 25).append(';');
      if (i < 25) {
        many.add("role" + i);
      }
    }
    AssetToProductResult one =
        rule.matchAsset(
            asset("b", Map.of("commerce:skus", "s", "commerce:roles", joined.toString())));
    assertEquals(many, one.productMatches().get(0).assetRoles());
  }

  private static List<String> ids(ProductToAssetResult r) {
    return r.assetMatches().stream().map(AssetMatch::assetId).toList();
  }
}
