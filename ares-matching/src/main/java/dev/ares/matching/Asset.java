package dev.ares.matching;

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
 */
public final class Asset {

  private final String assetId;
  private final Map<String, Object> metadata;

  private Asset(String assetId, Map<String, Object> metadata) {
    this.assetId = assetId;
    this.metadata = metadata;
  }

  /**
   * An asset with this id and metadata.
   *
   * @throws IllegalArgumentException when the id is blank or a value is not JSON-like
   */
  public static Asset of(String assetId, Map<String, ?> metadata) {
    Objects.requireNonNull(assetId, "assetId");
    if (assetId.isBlank()) {
      throw new IllegalArgumentException("assetId must not be blank");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) copyValue(Objects.requireNonNull(metadata, "metadata"));
    return new Asset(assetId, copy);
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

  private static Object copyValue(Object value) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (e.getValue() != null) {
          copy.put(String.valueOf(e.getKey()), copyValue(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object element : (List<?>) value) {
        if (element != null) {
          copy.add(copyValue(element));
        }
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(
        "metadata values must be strings, numbers, booleans, lists or maps, not "
            + value.getClass().getSimpleName());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Asset
        && assetId.equals(((Asset) other).assetId)
        && metadata.equals(((Asset) other).metadata);
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
