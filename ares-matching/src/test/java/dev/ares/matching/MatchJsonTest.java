package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.core.AresValidationException;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MatchJsonTest {

  @Test
  void theRequestsAreWhatAnActionReceives() {
    assertEquals(
        "{\"assetId\":\"urn:aaid:aem:1\",\"eventData\":{\"assetMetadata\":"
            + "{\"commerce:skus\":[\"s\\\"1\"]}}}",
        MatchJson.writeAssetRequest(
            Asset.of("urn:aaid:aem:1", java.util.Map.of("commerce:skus", List.of("s\"1")))));
    assertEquals(
        "{\"productSku\":\"sku-\\u0001\",\"eventData\":{}}",
        MatchJson.writeProductRequest("sku-\u0001"));
  }

  @Test
  void assetResultRoundTripsInWireForm() {
    AssetToProductResult r =
        AssetToProductResult.builder()
            .assetId("a")
            .addProductMatches(
                ProductMatch.builder()
                    .productSku("s")
                    .addAssetRoles("image")
                    .assetPosition(1)
                    .build())
            .build();
    String json = MatchJson.write(r);
    assertEquals(
        "{\"asset_id\":\"a\",\"product_matches\":[{\"product_sku\":\"s\",\"asset_roles\":[\"image\"],"
            + "\"asset_position\":1}],\"skip\":false}",
        json);
    assertEquals(r, MatchJson.readAssetToProduct(json));
  }

  @Test
  void productResultRoundTripsInWireForm() {
    ProductToAssetResult r =
        ProductToAssetResult.builder()
            .productSku("s")
            .skip(true)
            .addAssetMatches(
                AssetMatch.builder().assetId("a").assetFormat(AssetFormat.VIDEO).build())
            .build();
    String json = MatchJson.write(r);
    assertEquals(
        "{\"product_sku\":\"s\",\"asset_matches\":[{\"asset_id\":\"a\",\"asset_roles\":[],"
            + "\"asset_format\":\"video\"}],\"skip\":true}",
        json);
    assertEquals(r, MatchJson.readProductToAsset(json));
  }

  @Test
  void badResultsNameEveryField() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                MatchJson.readProductToAsset(
                    "{\"asset_matches\":[{\"asset_id\":1,\"asset_format\":\"gif\",\"asset_position\":-1}],\"skip\":\"no\"}"));
    assertEquals(
        "result.product_sku is required; result.skip must be true or false; "
            + "result.asset_matches[0].asset_id must be a non-blank string; "
            + "result.asset_matches[0].asset_format must be image or video; "
            + "result.asset_matches[0].asset_position must be a whole number, 0 or more",
        e.getMessage());
    assertThrows(AresValidationException.class, () -> MatchJson.readAssetToProduct("{"));
  }

  @Test
  void readsAssetLinesNamingFileAndLine() {
    String text =
        "{\"assetId\":\"a1\",\"metadata\":{\"commerce:skus\":[\"s\"],\"commerce:positions\":[4]}}\n\n"
            + "{\"assetId\":\"a2\"}\n{\"assetId\":\"a3\",\"meta\":{}}\n";
    try (Stream<Asset> assets = AssetJson.lines(new StringReader(text), "assets.jsonl")) {
      var it = assets.iterator();
      Asset a1 = it.next();
      assertEquals(List.of("s"), a1.values("commerce:skus"));
      assertEquals(List.of(4), a1.values("commerce:positions"));
      assertEquals("a2", it.next().assetId());
      AresValidationException e = assertThrows(AresValidationException.class, it::next);
      assertEquals("assets.jsonl:4: asset.meta is not a known field", e.getMessage());
    }
    AresValidationException syntax =
        assertThrows(AresValidationException.class, () -> AssetJson.read("{\"assetId\""));
    assertTrue(syntax.getMessage().startsWith("asset is not valid JSON"), syntax.getMessage());
  }
}
