package dev.ares.matching;

import dev.ares.client.model.MatchBySkuRuleInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code matchBySKU} rule: an asset belongs to the products whose SKUs are in one metadata
 * field ({@code commerce:skus} by default).
 *
 * <p>The SKU field, {@code commerce:roles} ({@code ;}-joined roles per row) and {@code
 * commerce:positions} are parallel arrays, paired by index. SKUs are trimmed, blank ones dropped
 * and duplicates merged (roles united, lowest position kept). An asset is skipped unless {@code
 * commerce:isCommerce} is {@code yes} (any case) and, by default, {@code dam:status} is {@code
 * approved}. A misaligned or malformed row is reported in {@link AssetToProductResult#warnings()}
 * and the rest still matches.
 *
 * <p>The product direction answers from this matcher's {@link #index()}, which the caller fills and
 * updates as assets change.
 */
public final class MatchBySku implements AssetMatcher {

  /** The field that marks an asset as a Commerce asset. */
  public static final String IS_COMMERCE = "commerce:isCommerce";

  /** The roles of each row, {@code ;}-joined. */
  public static final String ROLES = "commerce:roles";

  /** The gallery position of each row. */
  public static final String POSITIONS = "commerce:positions";

  /** The review status; {@code approved} marks an asset as publishable. */
  public static final String STATUS = "dam:status";

  /** Up to this many SKUs (or roles of one SKU), lookups scan a list; beyond, a hash table. */
  private static final int SCAN_LIMIT = 8;

  private final String metadataField;
  private final boolean requireApproved;
  private final AssetIndex index;

  private MatchBySku(String metadataField, boolean requireApproved) {
    this.metadataField = metadataField;
    this.requireApproved = requireApproved;
    this.index = AssetIndex.of(this);
  }

  /** The rule on {@code commerce:skus}, skipping assets that are not approved. */
  public static MatchBySku commerceSkus() {
    return onField(MatchBySkuRuleInput.DEFAULT_METADATA_FIELD);
  }

  /** The rule on another metadata field, skipping assets that are not approved. */
  public static MatchBySku onField(String metadataField) {
    Objects.requireNonNull(metadataField, "metadataField");
    if (metadataField.isBlank()) {
      throw new IllegalArgumentException("metadataField must not be blank");
    }
    return new MatchBySku(metadataField, true);
  }

  /** The rule of a tenant's {@code matchBySkuRule}. */
  public static MatchBySku of(MatchBySkuRuleInput rule) {
    return onField(
        rule.metadataField() == null
            ? MatchBySkuRuleInput.DEFAULT_METADATA_FIELD
            : rule.metadataField());
  }

  /**
   * A matcher on the same field that, when {@code required} is false, also matches assets that are
   * not approved yet (to preview a rule). It starts with an empty index of its own.
   */
  public MatchBySku requireApproved(boolean required) {
    return new MatchBySku(metadataField, required);
  }

  /** The metadata field read for SKUs. */
  public String metadataField() {
    return metadataField;
  }

  /** The index the product direction answers from; fill it with {@link AssetIndex#put(Asset)}. */
  public AssetIndex index() {
    return index;
  }

  @Override
  public String name() {
    return "matchBySKU(" + metadataField + ")";
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    Map<String, Object> metadata = asset.metadata();
    String skipReason = skipReason(metadata);
    if (skipReason != null) {
      return AssetToProductResult.skipped(asset.assetId(), skipReason);
    }
    List<String> warnings = new ArrayList<>();
    List<Object> skus = asset.values(metadataField);
    List<Object> roles = asset.values(ROLES);
    List<Object> positions = asset.values(POSITIONS);
    if (metadata.containsKey(ROLES) && roles.size() != skus.size()) {
      warnings.add(ROLES + " has " + roles.size() + " entries for " + skus.size() + " SKUs");
    }
    if (metadata.containsKey(POSITIONS) && positions.size() != skus.size()) {
      warnings.add(
          POSITIONS + " has " + positions.size() + " entries for " + skus.size() + " SKUs");
    }
    // Rows in first-seen order of their SKU. A few SKUs are found by a scan, which allocates
    // nothing; a map takes over for long arrays.
    List<Row> rows = new ArrayList<>(skus.size());
    Map<String, Row> bySku = skus.size() > SCAN_LIMIT ? new HashMap<>() : null;
    for (int i = 0; i < skus.size(); i++) {
      Object rawSku = skus.get(i);
      if (!(rawSku instanceof String text)) {
        warnings.add(metadataField + "[" + i + "] is not a string; row ignored");
        continue;
      }
      String sku = text.trim();
      if (sku.isEmpty()) {
        continue;
      }
      Row row = bySku != null ? bySku.get(sku) : scan(rows, sku);
      if (row == null) {
        row = new Row(sku);
        rows.add(row);
        if (bySku != null) {
          bySku.put(sku, row);
        }
      }
      if (i < roles.size()) {
        row.addRoles(roles.get(i), i, warnings);
      }
      if (i < positions.size()) {
        row.position(positions.get(i), i, warnings);
      }
    }
    AssetToProductResult.Builder result =
        AssetToProductResult.builder().assetId(asset.assetId()).warnings(warnings);
    for (Row row : rows) {
      result.addProductMatches(row.toMatch());
    }
    return result.build();
  }

  /**
   * Why {@link #matchAsset} skips an asset with this metadata, or {@code null} when it matches.
   * {@link CatalogCoverage} uses it to read the SKUs of a matched asset without building results.
   */
  String skipReason(Map<String, Object> metadata) {
    String isCommerce = firstString(metadata.get(IS_COMMERCE));
    if (isCommerce == null || !isCommerce.trim().equalsIgnoreCase("yes")) {
      return IS_COMMERCE + " is not yes";
    }
    String status = firstString(metadata.get(STATUS));
    if (requireApproved && (status == null || !status.trim().equalsIgnoreCase("approved"))) {
      return STATUS + " is not approved";
    }
    return null;
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return index.matchProduct(productSku);
  }

  @Override
  public String toString() {
    return "MatchBySku{metadataField="
        + metadataField
        + ", requireApproved="
        + requireApproved
        + "}";
  }

  /** The first value of a field as {@link Asset#values} reads it, when it is a string. */
  private static String firstString(Object value) {
    Object first = value instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : value;
    return first instanceof String text ? text : null;
  }

  private static Row scan(List<Row> rows, String sku) {
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row.sku.equals(sku)) {
        return row;
      }
    }
    return null;
  }

  /** The roles and position gathered for one SKU across its rows. */
  private static final class Row {
    private final String sku;

    /** Distinct, in first-seen order; a handful per SKU, so a list scan beats a set. */
    private final List<String> roles = new ArrayList<>(4);

    /** The same roles for lookups once there are more than {@link #SCAN_LIMIT}; else null. */
    private Set<String> roleSet;

    private Integer position;

    Row(String sku) {
      this.sku = sku;
    }

    void addRoles(Object raw, int i, List<String> warnings) {
      if (!(raw instanceof String joined)) {
        warnings.add(ROLES + "[" + i + "] is not a string; roles ignored");
        return;
      }
      for (int from = 0; from <= joined.length(); ) {
        int end = joined.indexOf(';', from);
        if (end < 0) {
          end = joined.length();
        }
        String trimmed = joined.substring(from, end).trim();
        if (!trimmed.isEmpty()) {
          addRole(trimmed.toLowerCase(Locale.ROOT));
        }
        from = end + 1;
      }
    }

    private void addRole(String role) {
      if (roleSet == null) {
        if (!roles.contains(role)) {
          roles.add(role);
          if (roles.size() > SCAN_LIMIT) {
            roleSet = new HashSet<>(roles);
          }
        }
      } else if (roleSet.add(role)) {
        roles.add(role);
      }
    }

    void position(Object raw, int i, List<String> warnings) {
      Integer parsed = parsePosition(raw);
      if (parsed == null) {
        warnings.add(POSITIONS + "[" + i + "] is not a whole number; position ignored");
      } else if (position == null || parsed < position) {
        position = parsed;
      }
    }

    ProductMatch toMatch() {
      ProductMatch.Builder match = ProductMatch.builder().productSku(sku).assetRoles(roles);
      if (position != null) {
        match.assetPosition(position);
      }
      return match.build();
    }

    private static Integer parsePosition(Object raw) {
      // Whole numbers as JSON readers give them, and plain digit strings, without BigDecimal.
      if (raw instanceof Integer
          || raw instanceof Long
          || raw instanceof Short
          || raw instanceof Byte) {
        long value = ((Number) raw).longValue();
        return value < 0 || value > Integer.MAX_VALUE ? null : (int) value;
      }
      if (raw instanceof String s) {
        String text = s.trim();
        if (!text.isEmpty() && text.length() <= 9 && isDigits(text)) {
          return Integer.parseInt(text);
        }
      }
      try {
        BigDecimal value;
        if (raw instanceof Number) {
          value = new BigDecimal(raw.toString());
        } else if (raw instanceof String text && !text.isBlank()) {
          value = new BigDecimal(text.trim());
        } else {
          return null;
        }
        return value.signum() < 0 ? null : value.intValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }

    private static boolean isDigits(String text) {
      for (int c = 0; c < text.length(); c++) {
        if (text.charAt(c) < '0' || text.charAt(c) > '9') {
          return false;
        }
      }
      return true;
    }
  }
}
