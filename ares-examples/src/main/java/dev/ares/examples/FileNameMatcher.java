package dev.ares.examples;

import dev.ares.matching.Asset;
import dev.ares.matching.AssetIndex;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import dev.ares.matching.ProductToAssetResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A complete custom matching rule to copy: an asset whose {@code name} is {@code
 * <sku>_<position>.<extension>}, such as {@code MH01-XS_2.jpg}, belongs to product {@code MH01-XS}
 * at gallery position 2; position 1 is also the small image and the thumbnail. Any other asset is
 * skipped, with the reason as a warning, never an exception.
 *
 * <p>Product → asset answers come from an {@link AssetIndex} of the assets this matcher was shown
 * with {@link #remember(Asset)} (feed it from your AEM events). Thread-safe, as every matcher must
 * be. To have {@code AssetMatchers.discover("file-name")} or {@code serve-matcher --jar your.jar
 * --matcher file-name} find it, list this class in {@code
 * META-INF/services/dev.ares.matching.AssetMatcher} of your jar; the examples jar does not, so it
 * never serves a sample by surprise. Served, product → asset needs no {@link #remember}: the server
 * answers it from the assets it matched ({@link dev.ares.matching.IndexingMatcher}).
 */
public final class FileNameMatcher implements AssetMatcher {

  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]{0,63})_([1-9][0-9]{0,2})\\.[A-Za-z0-9]{1,8}");
  private static final List<String> FIRST_IMAGE_ROLES =
      List.of("image", "small_image", "thumbnail");
  private static final List<String> OTHER_IMAGE_ROLES = List.of("image");

  private final AssetIndex index = AssetIndex.of(this);

  /** A public no-argument constructor, as {@link java.util.ServiceLoader} needs. */
  public FileNameMatcher() {}

  @Override
  public String name() {
    return "file-name";
  }

  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    List<Object> names = asset.values("name");
    if (names.size() != 1 || !(names.get(0) instanceof String name)) {
      return AssetToProductResult.skipped(asset.assetId(), "the asset has no single name");
    }
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return AssetToProductResult.skipped(
          asset.assetId(), "the name is not <sku>_<position>.<extension>");
    }
    int position = Integer.parseInt(m.group(2));
    return AssetToProductResult.builder()
        .assetId(asset.assetId())
        .addProductMatches(
            ProductMatch.builder()
                .productSku(m.group(1))
                .assetRoles(position == 1 ? FIRST_IMAGE_ROLES : OTHER_IMAGE_ROLES)
                .assetPosition(position)
                .build())
        .build();
  }

  /** Indexes the asset (again, when it changed) for {@link #matchProduct}; returns its match. */
  public AssetToProductResult remember(Asset asset) {
    return index.put(asset);
  }

  /** Forgets a deleted asset. */
  public void forget(String assetId) {
    index.remove(assetId);
  }

  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    return index.matchProduct(productSku);
  }
}
