package dev.ares.matching;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BulkMatcher} got for one input item: its position in the input, its id (the asset
 * id, or the product SKU) and either the matcher's result or the failure. A failed item does not
 * stop the run; it is delivered as an outcome like any other. Immutable.
 *
 * @param <T> the result type: {@link AssetToProductResult} or {@link ProductToAssetResult}
 */
public final class BulkOutcome<T> {

  private final long index;
  private final String id;
  private final T result;
  private final BulkFailure failure;

  private BulkOutcome(long index, String id, T result, BulkFailure failure) {
    this.index = index;
    this.id = Objects.requireNonNull(id, "id");
    this.result = result;
    this.failure = failure;
  }

  /** A successful outcome. */
  public static <T> BulkOutcome<T> success(long index, String id, T result) {
    return new BulkOutcome<>(index, id, Objects.requireNonNull(result, "result"), null);
  }

  /** A failed outcome. */
  public static <T> BulkOutcome<T> failure(long index, String id, BulkFailure failure) {
    return new BulkOutcome<>(index, id, null, Objects.requireNonNull(failure, "failure"));
  }

  /** The item's position in the input, from 0. */
  public long index() {
    return index;
  }

  /** The asset id, or the product SKU, as the input gave it. */
  public String id() {
    return id;
  }

  /** The matcher's result; empty when the item failed. */
  public Optional<T> result() {
    return Optional.ofNullable(result);
  }

  /** Why the item failed; empty when it did not. */
  public Optional<BulkFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /** Whether the item failed. */
  public boolean isFailure() {
    return failure != null;
  }

  @Override
  public String toString() {
    return "BulkOutcome{index="
        + index
        + ", id="
        + dev.ares.core.DisplayText.printable(id)
        + (failure != null ? ", failure=" + failure : ", result=" + result)
        + "}";
  }
}
