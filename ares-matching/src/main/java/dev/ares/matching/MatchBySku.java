package dev.ares.matching;

import dev.ares.client.model.MatchBySkuRuleInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code matchBySKU} rule: an asset belongs to the products whose SKUs are in one metadata field
 * ({@code commerce:skus} by default).
 *
 * <p>The SKU field, {@code commerce:roles} ({@code ;}-joined roles per row) and {@code
 * commerce:positions} are parallel arrays, paired by index. SKUs are trimmed, blank ones dropped and
 * duplicates merged (roles united, lowest position kept). An asset is skipped unless {@code
 * commerce:isCommerce} is {@code yes} (any case) and, by default, {@code dam:status} is {@code
 * approved}. A misaligned or malformed row is reported in {@link AssetToProductResult#warnings()}
 * and the rest still matches.
 *
 * <p>The product direction answers from this matcher's {@link #index()}, which the caller fills
 * and updates as assets change.
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
    return onField(rule.metadataField() == null ? MatchBySkuRuleInput.DEFAULT_METADATA_FIELD : rule.metadataField());
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
    String isCommerce = firstString(asset.values(IS_COMMERCE));
    if (isCommerce == null || !isCommerce.trim().equalsIgnoreCase("yes")) {
      return AssetToProductResult.skipped(asset.assetId(), IS_COMMERCE + " is not yes");
    }
    String status = firstString(asset.values(STATUS));
    if (requireApproved && (status == null || !status.trim().equalsIgnoreCase("approved"))) {
      return AssetToProductResult.skipped(asset.assetId(), STATUS + " is not approved");
    }
    List<String> warnings = new ArrayList<>();
    List<Object> skus = asset.values(metadataField);
    List<Object> roles = asset.values(ROLES);
    List<Object> positions = asset.values(POSITIONS);
    if (asset.metadata().containsKey(ROLES) && roles.size() != skus.size()) {
      warnings.add(ROLES + " has " + roles.size() + " entries for " + skus.size() + " SKUs");
    }
    if (asset.metadata().containsKey(POSITIONS) && positions.size() != skus.size()) {
      warnings.add(POSITIONS + " has " + positions.size() + " entries for " + skus.size() + " SKUs");
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (int i = 0; i < skus.size(); i++) {
      Object rawSku = skus.get(i);
      if (!(rawSku instanceof String)) {
        warnings.add(metadataField + "[" + i + "] is not a string; row ignored");
        continue;
      }
      String sku = ((String) rawSku).trim();
      if (sku.isEmpty()) {
        continue;
      }
      Row row = rows.computeIfAbsent(sku, s -> new Row());
      if (i < roles.size()) {
        row.addRoles(roles.get(i), i, warnings);
      }
      if (i < positions.size()) {
        row.position(positions.get(i), i, warnings);
      }
    }
    AssetToProductResult.Builder result =
        AssetToProductResult.builder().assetId(asset.assetId()).warnings(warnings);
    rows.forEach((sku, row) -> result.addProductMatches(row.toMatch(sku)));
    return result.build();
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return index.matchProduct(productSku);
  }

  @Override
  public String toString() {
    return "MatchBySku{metadataField=" + metadataField + ", requireApproved=" + requireApproved + "}";
  }

  private static String firstString(List<Object> values) {
    return values.isEmpty() || !(values.get(0) instanceof String) ? null : (String) values.get(0);
  }

  /** The roles and position gathered for one SKU across its rows. */
  private static final class Row {
    private final Set<String> roles = new LinkedHashSet<>();
    private Integer position;

    void addRoles(Object raw, int i, List<String> warnings) {
      if (!(raw instanceof String)) {
        warnings.add(ROLES + "[" + i + "] is not a string; roles ignored");
        return;
      }
      for (String role : ((String) raw).split(";")) {
        String trimmed = role.trim();
        if (!trimmed.isEmpty()) {
          roles.add(trimmed.toLowerCase(Locale.ROOT));
        }
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

    ProductMatch toMatch(String sku) {
      return ProductMatch.builder()
          .productSku(sku)
          .assetRoles(roles)
          .assetPosition(position == null ? OptionalInt.empty() : OptionalInt.of(position))
          .build();
    }

    private static Integer parsePosition(Object raw) {
      try {
        BigDecimal value;
        if (raw instanceof Number) {
          value = new BigDecimal(raw.toString());
        } else if (raw instanceof String && !((String) raw).isBlank()) {
          value = new BigDecimal(((String) raw).trim());
        } else {
          return null;
        }
        return value.signum() < 0 ? null : value.intValueExact();
      } catch (ArithmeticException | NumberFormatException e) {
        return null;
      }
    }
  }
}
