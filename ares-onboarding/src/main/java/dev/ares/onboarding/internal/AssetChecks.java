package dev.ares.onboarding.internal;

import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserErrorCode;
import dev.ares.core.HttpOptions;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.MatchBySku;
import dev.ares.matching.ProductMatch;
import dev.ares.onboarding.CheckResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The checks of an asset export, read by the SDK's one {@link MatchBySku} reader: which assets ARES
 * would synchronize (Commerce assets, {@code commerce:isCommerce} {@code Yes}, that are approved,
 * {@code dam:status} {@code approved}, as the reader skips the others; none is Adobe's "Unable to
 * connect with AEM Assets"), and whether their metadata reads cleanly: the reader's warnings
 * (misaligned or malformed SKUs, roles and positions), roles from Adobe's four, and no role of a
 * product claimed by two assets; and then which of the SKUs they name the store's catalog has
 * ({@link CatalogCheck}). One pass over the stream; memory grows with the (product, role) pairs and
 * the distinct SKUs (packed, up to a limit), not the assets.
 *
 * <p>Internal: not part of the public API.
 */
public final class AssetChecks {

  /** The ids, in report order. */
  public static final String ELIGIBLE = "assets.eligible";

  public static final String METADATA = "assets.metadata";

  public static final String CATALOG = CatalogCheck.ID;

  private static final String ELIGIBLE_CHECKED =
      "some assets are Commerce assets (commerce:isCommerce Yes) and approved (dam:status)";
  private static final String METADATA_CHECKED =
      "SKUs, roles and positions of the Commerce assets read cleanly, one asset per product role";
  private static final int EXAMPLES = 3;
  // Alt text per store view (extension 1.3.6): the two lists line up index by index.
  static final String ALT_TEXT_VIEWS = Asset.ALT_TEXT_STORE_VIEWS;
  static final String ALT_TEXT_VALUES = Asset.ALT_TEXT_VALUES;

  private AssetChecks() {}

  /**
   * The task settling the three checks, or three skips when no assets were given; at most {@code
   * maxCatalogSkus} distinct SKUs are looked up in the catalog, with {@code http}'s settings, and
   * no search starts once the {@code checkTimeout} is too close ({@link #lookupTime}).
   */
  public static List<CheckTask> tasks(
      TenantInput tenant,
      Supplier<Stream<Asset>> assets,
      HttpOptions http,
      CommerceRestVerdict restVerdict,
      int maxCatalogSkus,
      Duration checkTimeout) {
    if (assets == null) {
      return List.of(
          CheckTask.of(
              ELIGIBLE,
              ELIGIBLE_CHECKED,
              () -> Results.skipped(ELIGIBLE, ELIGIBLE_CHECKED, "no assets given")),
          CheckTask.of(
              METADATA,
              METADATA_CHECKED,
              () -> Results.skipped(METADATA, METADATA_CHECKED, "no assets given")),
          CheckTask.of(CATALOG, CatalogCheck.CHECKED, CatalogCheck::skippedWithoutAssets));
    }
    return List.of(
        new CheckTask(
            List.of(ELIGIBLE, METADATA, CATALOG),
            List.of(ELIGIBLE_CHECKED, METADATA_CHECKED, CatalogCheck.CHECKED),
            () -> {
              long stopAt = System.nanoTime() + lookupTime(checkTimeout, http).toNanos();
              NamedSkus named = new NamedSkus(maxCatalogSkus);
              List<CheckResult> results =
                  new ArrayList<>(check(reader(tenant), assets, named::add));
              results.add(CatalogCheck.check(tenant, http, restVerdict, named, stopAt));
              return results;
            }));
  }

  /**
   * How long after the task starts a catalog search may still begin: the check's timeout less one
   * call (at most half of it), so the task ends in time with all three results.
   */
  static Duration lookupTime(Duration checkTimeout, HttpOptions http) {
    Duration reserve = http.callTimeout();
    Duration half = checkTimeout.dividedBy(2);
    return checkTimeout.minus(reserve.compareTo(half) < 0 ? reserve : half);
  }

  /** The tenant's own SKU field when its rule is matchBySKU, else Adobe's {@code commerce:skus}. */
  private static MatchBySku reader(TenantInput tenant) {
    return tenant.rule() instanceof MatchBySkuRuleInput rule
        ? MatchBySku.of(rule)
        : MatchBySku.commerceSkus();
  }

  static List<CheckResult> check(MatchBySku reader, Supplier<Stream<Asset>> assets) {
    return check(reader, assets, sku -> {});
  }

  /** The eligible and metadata checks; {@code namedSku} hears each SKU an eligible asset names. */
  static List<CheckResult> check(
      MatchBySku reader, Supplier<Stream<Asset>> assets, Consumer<String> namedSku) {
    int all = 0;
    int eligible = 0;
    List<String> problems = new ArrayList<>();
    int problemCount = 0;
    Map<String, String> roleOwners = new HashMap<>();
    List<String> conflicts = new ArrayList<>();
    int conflictCount = 0;
    try (Stream<Asset> stream = assets.get()) {
      for (Asset asset : (Iterable<Asset>) stream::iterator) {
        all++;
        AssetToProductResult read = reader.matchAsset(asset); // skips what ARES would not send
        if (read.skip()) {
          continue;
        }
        eligible++;
        List<String> found = new ArrayList<>(read.warnings());
        int views = asset.altTextStoreViews().size();
        int texts = asset.altTextValues().size();
        if (views != texts) {
          found.add(
              ALT_TEXT_VIEWS + " has " + views + " entries but " + ALT_TEXT_VALUES + " " + texts);
        }
        for (ProductMatch match : read.productMatches()) {
          namedSku.accept(match.productSku());
          for (String role : match.assetRoles()) {
            if (!MatcherChecks.KNOWN_ROLES.contains(role)) {
              found.add(
                  "role '"
                      + role
                      + "' of "
                      + match.productSku()
                      + " is not one of "
                      + MatcherChecks.KNOWN_ROLES);
              continue;
            }
            String key = match.productSku() + "\u0000" + role;
            String owner = roleOwners.putIfAbsent(key, asset.assetId());
            if (owner != null && !owner.equals(asset.assetId())) {
              if (conflictCount++ < EXAMPLES) {
                conflicts.add(
                    role + " of " + match.productSku() + ": " + owner + " and " + asset.assetId());
              }
            }
          }
        }
        if (!found.isEmpty() && problemCount++ < EXAMPLES) {
          problems.add(asset.assetId() + ": " + String.join("; ", found));
        }
      }
    }
    String counts = eligible + " of " + all + " assets are approved Commerce assets";
    CheckResult eligibleResult =
        eligible == 0
            ? Results.fail(ELIGIBLE, ELIGIBLE_CHECKED, counts, UserErrorCode.AEM_ASSETS_UNREACHABLE)
            : Results.pass(ELIGIBLE, ELIGIBLE_CHECKED, counts);
    CheckResult metadata;
    if (problemCount > 0) {
      metadata =
          Results.fail(
              METADATA,
              METADATA_CHECKED,
              problemCount
                  + " asset(s) with metadata problems, such as "
                  + String.join(" | ", problems),
              "fix commerce:skus, commerce:roles (';'-joined, from "
                  + MatcherChecks.KNOWN_ROLES
                  + ") and commerce:positions (whole numbers) so that they line up, index by index");
    } else if (conflictCount > 0) {
      metadata =
          Results.warn(
              METADATA,
              METADATA_CHECKED,
              conflictCount
                  + " product role(s) claimed by two assets, such as "
                  + String.join(" | ", conflicts),
              "give each role of a product to one asset: the one updated last takes it");
    } else if (eligible == 0) {
      metadata = Results.skipped(METADATA, METADATA_CHECKED, "no approved Commerce asset to read");
    } else {
      metadata = Results.pass(METADATA, METADATA_CHECKED, eligible + " asset(s) read cleanly");
    }
    return List.of(eligibleResult, metadata);
  }
}
