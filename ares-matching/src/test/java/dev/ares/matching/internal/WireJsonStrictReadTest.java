package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Request bodies and results are read as exactly one JSON value, without repeated keys. */
class WireJsonStrictReadTest {

  private static String failure(String json) {
    return assertThrows(AresValidationException.class, () -> WireJson.parse(json, "request"))
        .getMessage();
  }

  @Test
  void aKeyGivenTwiceInARequestIsRefusedByPath() {
    assertEquals(
        "request.assetId is given twice (line 1, column 29)",
        failure("{\"assetId\":\"urn:a\",\"assetId\":\"urn:b\",\"eventData\":{}}"));
    assertEquals(
        "request.eventData.assetMetadata.commerce:skus is given twice (line 1, column 87)",
        failure(
            "{\"assetId\":\"urn:a\",\"eventData\":{\"assetMetadata\":{\"commerce:skus\":[\"a\"],"
                + "\"commerce:skus\":[\"b\"]}}}"));
    assertEquals(
        "request.productSku is given twice (line 2, column 13)",
        failure("{\"productSku\":\"a\",\n\"productSku\":\"b\"}"));
  }

  @Test
  void contentAfterTheRequestIsRefused() {
    for (String trailing : List.of("{\"productSku\":\"evil\"}", "}}", "]", "x")) {
      assertEquals(
          "request has unexpected content after the JSON value (line 1, column 19)",
          failure("{\"productSku\":\"a\"}" + trailing),
          trailing);
    }
  }

  @Test
  void aNumberOutOfRangeInARequestIsRefusedByPath() {
    assertEquals(
        "request.eventData.assetMetadata.size is a number out of range",
        failure("{\"assetId\":\"urn:a\",\"eventData\":{\"assetMetadata\":{\"size\":1e999999}}}"));
  }

  @Test
  void syntaxErrorsAreDescribedOnce() {
    assertEquals("request is not valid JSON (line 1, column 2)", failure("{x"));
    assertEquals("request is empty", failure(" "));
  }

  @Test
  void resultsAreReadTheSameWay() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                dev.ares.matching.MatchJson.readAssetToProduct(
                    "{\"asset_id\":\"a\",\"skip\":false,\"skip\":true}"));
    assertEquals("result.skip is given twice (line 1, column 36)", e.getMessage());
    assertThrows(
        AresValidationException.class,
        () ->
            dev.ares.matching.MatchJson.readProductToAsset(
                "{\"product_sku\":\"a\"}{\"product_sku\":\"b\"}"));
  }
}
