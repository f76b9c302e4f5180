package com.example.productcode;

import java.util.List;
import java.util.Optional;

/** A product code as the DAM holds it in {@code product:code}: letters, digits and dashes. */
record ProductCode(String sku, int position) {

  /** The code of an asset's metadata values, if it has exactly one that is well formed. */
  static Optional<ProductCode> of(List<Object> codes, List<Object> positions) {
    if (codes.size() != 1 || !(codes.get(0) instanceof String code)) {
      return Optional.empty();
    }
    String sku = code.trim();
    if (sku.isEmpty() || !sku.matches("[A-Za-z0-9][A-Za-z0-9-]{0,63}")) {
      return Optional.empty();
    }
    int position = 1;
    if (positions.size() == 1 && positions.get(0) instanceof Number n && n.intValue() > 0) {
      position = n.intValue();
    }
    return Optional.of(new ProductCode(sku, position));
  }
}
