package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An asset is a value: equal by id and metadata, hashed on both, shown without its values. */
class AssetValueTest {

  @Test
  void equalOnlyWithTheSameIdAndMetadata() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("commerce:skus", List.of("p1"));
    Asset a = Asset.of("a1", metadata);
    assertEquals(a, Asset.of("a1", Map.of("commerce:skus", List.of("p1"))));
    assertEquals(a.hashCode(), Asset.of("a1", Map.of("commerce:skus", List.of("p1"))).hashCode());
    assertNotEquals(a, Asset.of("a2", metadata));
    assertNotEquals(a, Asset.of("a1", Map.of("commerce:skus", List.of("p2"))));
    assertNotEquals(a, Asset.of("a1", Map.of()));
    assertNotEquals(a, "a1");
    assertNotEquals(a, null);
  }

  @Test
  void differentAssetsSpreadOverHashCodes() {
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      hashes.add(Asset.of("a" + i, Map.of("commerce:skus", "p" + i)).hashCode());
    }
    assertTrue(hashes.size() > 90, "distinct assets share few hash codes: " + hashes.size());
  }

  @Test
  void toStringNamesTheIdAndFieldsButNoValue() {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("commerce:skus", "secret-sku-value");
    metadata.put("dam:status", "approved");
    String shown = Asset.of("urn:aaid:aem:1", metadata).toString();
    assertEquals("Asset{assetId=urn:aaid:aem:1, fields=[commerce:skus, dam:status]}", shown);
  }
}
