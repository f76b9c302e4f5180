package dev.ares.matching;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AEM asset as matchers see it: its id ({@code urn:aaid:aem:…}) and its metadata map.
 *
 * <p>Metadata values are JSON-like: {@link String}, {@link Number}, {@link Boolean}, {@link List}
 * and {@link Map} of those. The copy is deep and unmodifiable; {@code null} values are dropped.
 * {@link AssetJson} reads assets from JSON.
 *
 * <p>Alt text per store view (AEM Assets Integration extension 1.3.6) has typed accessors: {@link
 * #altTextStoreViews()}, {@link #altTextValues()} and {@link #altTextByStoreView()}. The external
 * matcher contract has no field for alt text in its replies ({@code product_matches} carry {@code
 * product_sku}, {@code asset_roles}, {@code asset_position}; {@code asset_matches} also {@code
 * asset_id} and {@code asset_format}), so matching results do not carry it: ARES reads it from the
 * asset's metadata itself. The asset-to-product request sends the whole metadata, so an action sees
 * both fields, and a hosted matcher reads them with these accessors.
 */
public final class Asset {

  /** Store view codes of the alt texts, index-aligned with {@link #ALT_TEXT_VALUES}. */
  public static final String ALT_TEXT_STORE_VIEWS = "commerce:altTextStoreViews";

  /** Alt texts, one per entry of {@link #ALT_TEXT_STORE_VIEWS}. */
  public static final String ALT_TEXT_VALUES = "commerce:altTextValues";

  private final String assetId;
  private final Map<String, Object> metadata;

  private Asset(String assetId, Map<String, Object> metadata) {
    this.assetId = assetId;
    this.metadata = metadata;
  }

  /**
   * An asset with this id and metadata.
   *
   * @throws AresValidationException naming each bad field: {@code assetId} when it is null or
   *     blank, {@code metadata} when it is null, {@code metadata.field[2]} when a value is not
   *     JSON-like
   */
  public static Asset of(String assetId, Map<String, ?> metadata) {
    List<FieldViolation> violations = new ArrayList<>();
    if (assetId == null) {
      violations.add(FieldViolation.of("assetId", "is required"));
    } else if (assetId.isBlank()) {
      violations.add(FieldViolation.of("assetId", "must not be blank"));
    }
    Object copy = null;
    if (metadata == null) {
      violations.add(FieldViolation.of("metadata", "is required"));
    } else {
      copy = copyValue(metadata, "metadata", violations);
    }
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) copy;
    return new Asset(assetId, map);
  }

  /** The asset id, such as {@code urn:aaid:aem:1234}. */
  public String assetId() {
    return assetId;
  }

  /** The metadata, unmodifiable, in the order given. */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /**
   * The values of a multi-valued field: an array as its elements, a single value as a one-element
   * list, an absent field as an empty list.
   */
  public List<Object> values(String field) {
    Object value = metadata.get(field);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List) {
      @SuppressWarnings("unchecked")
      List<Object> list = (List<Object>) value;
      return list;
    }
    return List.of(value);
  }

  /**
   * The store view codes of {@code commerce:altTextStoreViews}, index by index with {@link
   * #altTextValues()}; empty when absent. See {@link #altTextValues()} for how entries read.
   */
  public List<String> altTextStoreViews() {
    return texts(ALT_TEXT_STORE_VIEWS);
  }

  /**
   * The alt texts of {@code commerce:altTextValues}, one per store view of {@link
   * #altTextStoreViews()}; empty when absent. A single value reads as one entry. Every entry keeps
   * its place, so the two lists can be compared for alignment: a number or boolean reads as its
   * {@code toString()}, a list or map (which Adobe's string arrays never hold) as the empty string.
   * Entries are data, as AEM holds them, never trimmed or cut: pass them through {@link
   * dev.ares.core.DisplayText#printable} before showing them on a terminal.
   */
  public List<String> altTextValues() {
    return texts(ALT_TEXT_VALUES);
  }

  /**
   * Store view code to alt text, for the entries present in both lists, in their order;
   * unmodifiable and empty when either is absent. Codes are trimmed; an entry with a blank code is
   * left out, and a code given twice keeps its last text. Entries past the shorter list are left
   * out: compare the lists' sizes to find a misaligned asset.
   */
  public Map<String, String> altTextByStoreView() {
    List<String> views = altTextStoreViews();
    List<String> texts = altTextValues();
    int pairs = Math.min(views.size(), texts.size());
    Map<String, String> byView = new LinkedHashMap<>();
    for (int i = 0; i < pairs; i++) {
      String view = views.get(i).trim();
      if (!view.isEmpty()) {
        byView.put(view, texts.get(i));
      }
    }
    return Collections.unmodifiableMap(byView);
  }

  private List<String> texts(String field) {
    List<Object> values = values(field);
    List<String> texts = new ArrayList<>(values.size());
    for (Object value : values) {
      texts.add(
          value instanceof String text
              ? text
              : value instanceof Number || value instanceof Boolean ? String.valueOf(value) : "");
    }
    return Collections.unmodifiableList(texts);
  }

  private static Object copyValue(Object value, String path, List<FieldViolation> violations) {
    if (value instanceof Number number) {
      if (!isFinite(number)) {
        // JSON has no NaN or infinity: it would go out as the string "Infinity".
        violations.add(FieldViolation.of(path, "must be a finite number"));
        return null;
      }
      return value;
    }
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() != null) {
          String key = String.valueOf(e.getKey());
          copy.put(key, copyValue(e.getValue(), path + "." + key, violations));
        }
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) != null) {
          copy.add(copyValue(list.get(i), path + "[" + i + "]", violations));
        }
      }
      return Collections.unmodifiableList(copy);
    }
    violations.add(
        FieldViolation.of(
            path,
            "must be a string, number, boolean, list or map, not "
                + value.getClass().getSimpleName()));
    return null;
  }

  /** Whether the number has a JSON form a double can read back: not NaN, infinite or beyond. */
  private static boolean isFinite(Number number) {
    if (number instanceof Double || number instanceof Float) {
      return Double.isFinite(number.doubleValue());
    }
    if (number instanceof java.math.BigDecimal || number instanceof java.math.BigInteger) {
      return Double.isFinite(number.doubleValue());
    }
    return true; // the other JDK numbers (int, long, short, byte, atomics) are always finite
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Asset that
        && assetId.equals(that.assetId)
        && metadata.equals(that.metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(assetId, metadata);
  }

  /** The id and the metadata field names; values are left out, they can be large. */
  @Override
  public String toString() {
    return "Asset{assetId=" + assetId + ", fields=" + metadata.keySet() + "}";
  }
}
