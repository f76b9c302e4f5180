package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alt text per store view (extension 1.3.6): {@code commerce:altTextStoreViews} and {@code
 * commerce:altTextValues} read on {@link Asset} from the JSON form, present, absent, misaligned and
 * hostile; and carried to an external matcher in the request's asset metadata, the one place the
 * contract has for it.
 */
class AssetAltTextTest {

  private static Asset read(String metadata) {
    return AssetJson.read("{\"assetId\": \"urn:aaid:aem:1\", \"metadata\": " + metadata + "}");
  }

  @Test
  void bothListsAreReadFromTheJsonForm() {
    Asset asset =
        read(
            "{\"commerce:altTextStoreViews\": [\"default\", \"fr\"],"
                + " \"commerce:altTextValues\": [\"Red shoe\", \"Chaussure rouge\"]}");
    assertEquals(List.of("default", "fr"), asset.altTextStoreViews());
    assertEquals(List.of("Red shoe", "Chaussure rouge"), asset.altTextValues());
    assertEquals(
        Map.of("default", "Red shoe", "fr", "Chaussure rouge"), asset.altTextByStoreView());
    assertEquals(
        List.of("default", "fr"), List.copyOf(asset.altTextByStoreView().keySet()), "in order");
  }

  @Test
  void absentFieldsAreEmpty() {
    Asset asset = read("{\"commerce:skus\": [\"p1\"]}");
    assertEquals(List.of(), asset.altTextStoreViews());
    assertEquals(List.of(), asset.altTextValues());
    assertEquals(Map.of(), asset.altTextByStoreView());
  }

  @Test
  void aSingleValueIsAOneEntryList() {
    Asset asset =
        read("{\"commerce:altTextStoreViews\": \"default\", \"commerce:altTextValues\": \"Shoe\"}");
    assertEquals(List.of("default"), asset.altTextStoreViews());
    assertEquals(Map.of("default", "Shoe"), asset.altTextByStoreView());
  }

  @Test
  void misalignedListsKeepEveryEntryAndPairOnlyWhatLinesUp() {
    Asset asset =
        read(
            "{\"commerce:altTextStoreViews\": [\"default\", \"fr\", \"de\"],"
                + " \"commerce:altTextValues\": [\"Red shoe\"]}");
    assertEquals(3, asset.altTextStoreViews().size());
    assertEquals(1, asset.altTextValues().size());
    assertEquals(Map.of("default", "Red shoe"), asset.altTextByStoreView());
  }

  @Test
  void entriesThatAreNotStringsKeepTheirPlace() {
    Asset asset =
        read(
            "{\"commerce:altTextStoreViews\": [1, \" fr \", \"\", \"fr\", [\"x\"]],"
                + " \"commerce:altTextValues\": [\"one\", \"first\", \"blank\", \"second\","
                + " \"nested\"]}");
    assertEquals(List.of("1", " fr ", "", "fr", ""), asset.altTextStoreViews());
    // A blank store view pairs with nothing; a view given twice keeps its last text.
    assertEquals(Map.of("1", "one", "fr", "second"), asset.altTextByStoreView());
  }

  @Test
  void controlCharactersAreDataKeptAsSentAndNeverShownByToString() {
    String hostile = "Red\u001b[2J\u0007 shoe\r\n\u202e";
    Asset asset =
        Asset.of(
            "urn:aaid:aem:1",
            Map.of(
                Asset.ALT_TEXT_STORE_VIEWS, List.of("default"),
                Asset.ALT_TEXT_VALUES, List.of(hostile)));
    assertEquals(List.of(hostile), asset.altTextValues());
    assertFalse(asset.toString().contains("\u001b"), asset.toString());
    assertFalse(asset.toString().contains("shoe"), asset.toString());
  }

  @Test
  void aHugeValueOnAJsonLineIsReadWhole() {
    String huge = "x".repeat(900_000);
    String line =
        "{\"assetId\": \"a\", \"metadata\": {\"commerce:altTextStoreViews\": [\"default\"],"
            + " \"commerce:altTextValues\": [\""
            + huge
            + "\"]}}";
    try (Stream<Asset> assets = AssetJson.lines(new StringReader(line), "assets.jsonl")) {
      Asset asset = assets.findFirst().orElseThrow();
      assertEquals(huge, asset.altTextValues().get(0));
      assertEquals(huge, asset.altTextByStoreView().get("default"));
    }
  }

  @Test
  void manyStoreViewsPairInLinearTime() {
    int n = 200_000;
    List<String> views = new java.util.ArrayList<>(n);
    List<String> texts = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      views.add("view-" + i);
      texts.add("text " + i);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put(Asset.ALT_TEXT_STORE_VIEWS, views);
    metadata.put(Asset.ALT_TEXT_VALUES, texts);
    Map<String, String> pairs = Asset.of("a", metadata).altTextByStoreView();
    assertEquals(n, pairs.size());
    assertEquals("text 199999", pairs.get("view-199999"));
  }

  @Test
  void theMatchersRequestCarriesTheAltTextToTheAction() {
    AtomicReference<Asset> seen = new AtomicReference<>();
    AssetMatcher recording =
        new AssetMatcher() {
          @Override
          public AssetToProductResult matchAsset(Asset asset) {
            seen.set(asset);
            return MatchBySku.commerceSkus().matchAsset(asset);
          }

          @Override
          public ProductToAssetResult matchProduct(String productSku) {
            return ProductToAssetResult.builder().productSku(productSku).build();
          }
        };
    Asset asset =
        Asset.of(
            "urn:aaid:aem:1",
            Map.of(
                "commerce:isCommerce",
                "Yes",
                "dam:status",
                "approved",
                "commerce:skus",
                List.of("p1"),
                Asset.ALT_TEXT_STORE_VIEWS,
                List.of("default", "fr"),
                Asset.ALT_TEXT_VALUES,
                List.of("Red shoe", "Chaussure \u001b rouge")));
    try (LoopbackMatcherServer server = LoopbackMatcherServer.start(recording);
        ExternalMatcher remote =
            ExternalMatcher.builder().rule(server.externalMatcherInput()).build()) {
      AssetToProductResult result = remote.matchAsset(asset);
      assertEquals(
          List.of("p1"), result.productMatches().stream().map(m -> m.productSku()).toList());
      assertTrue(seen.get() != null, "the action was called");
      assertEquals(asset.altTextByStoreView(), seen.get().altTextByStoreView());
      assertEquals(asset.altTextValues(), seen.get().altTextValues());
    }
  }
}
