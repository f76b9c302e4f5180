package dev.ares.onboarding.internal;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.CatalogLookupResult;
import dev.ares.commerce.oauth.CommerceCatalogLookup;
import dev.ares.commerce.oauth.CredentialsCheckResult;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import dev.ares.core.internal.ServerText;
import dev.ares.onboarding.CheckResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The {@code assets.catalog} check: the distinct SKUs the approved Commerce assets name, looked up
 * in the store with signed {@code in} searches ({@link CommerceCatalogLookup}) of up to {@link
 * CommerceCatalogLookup#MAX_SKUS_PER_SEARCH} SKUs and {@link #MAX_BATCH_BYTES} bytes each, after
 * one search that counts the catalog. So the requests are 1 + ceil(distinct SKUs / 100) for short
 * SKUs, plus a page when the store cuts one, and never more than one per SKU looked up.
 *
 * <p>Verdict: FAIL when none of the SKUs is in the catalog (nothing would synchronize) or the store
 * refuses or cannot be read (the credentials check's verdict and message); WARN when some are
 * missing, some could not be looked up (a comma, or beyond the limit), or the coverage (catalog
 * products with an asset, in percent of the catalog, as {@code CoverageReport.matchRatePercent}
 * counts it) is below the tenant's {@code threshold}, or the time ran out before every SKU was
 * looked up (none at all: FAIL); PASS otherwise. SKIPPED without assets, without a SKU, or without
 * Commerce credentials.
 *
 * <p>Internal: not part of the public API.
 */
final class CatalogCheck {

  static final String ID = "assets.catalog";
  static final String CHECKED =
      "the catalog has the SKUs the approved Commerce assets name (signed product searches)";

  /** Commerce's SKU column is 64 characters wide: a longer SKU cannot be in the catalog. */
  static final int MAX_COMMERCE_SKU_LENGTH = 64;

  /** The most UTF-8 bytes of SKUs one search carries, so its URL stays a few kilobytes. */
  static final int MAX_BATCH_BYTES = 2000;

  private static final int EXAMPLES = 3;
  private static final int EXAMPLE_LENGTH = 80;

  private CatalogCheck() {}

  static CheckResult skippedWithoutAssets() {
    return Results.skipped(ID, CHECKED, "no assets given");
  }

  /**
   * Looks the named SKUs up; never throws for what the store answers. No search starts after {@code
   * stopAt} ({@link System#nanoTime()}): the SKUs not looked up by then are counted and the check
   * warns, so a slow store leaves the other asset checks of the task their results.
   */
  static CheckResult check(
      TenantInput tenant,
      HttpOptions http,
      CommerceRestVerdict restVerdict,
      NamedSkus named,
      long stopAt) {
    Optional<CommerceInput> commerce = tenant.commerce();
    CommerceCredentialsInput credentials = commerce.map(CommerceInput::credentials).orElse(null);
    if (commerce.isEmpty() || commerce.get().baseUrl().isEmpty() || credentials == null) {
      return Results.skipped(ID, CHECKED, "no Commerce baseUrl and credentials to search with");
    }
    if (named.size() == 0 && named.notCheckable() == 0) {
      return Results.skipped(ID, CHECKED, "the approved Commerce assets name no SKU");
    }
    CommerceRestProbe.Outcome rest = restVerdict.outcome();
    if (rest != null && rest.kind() != CommerceRestProbe.Kind.COMMERCE) {
      // No signed request to a URL that is not Commerce REST, or that was not reached.
      return Results.skipped(
          ID,
          CHECKED,
          "the base URL did not answer as Commerce REST (see " + CommerceChecks.REST + ")");
    }
    ServerText text = ServerText.masking(CommerceRestProbe.secretsOf(credentials));
    try (CommerceCatalogLookup lookup =
        CommerceCatalogLookup.builder().commerce(commerce.get()).httpOptions(http).build()) {
      return new Run(lookup, text, named, tenant.threshold(), stopAt).run();
    } catch (AresValidationException e) {
      // The commerce checks report a bad base URL or credentials; the messages name fields only.
      return Results.skipped(ID, CHECKED, "cannot search the store: " + e.getMessage());
    }
  }

  /** One lookup of every named SKU. */
  private static final class Run {
    private final CommerceCatalogLookup lookup;
    private final ServerText text;
    private final NamedSkus named;
    private final OptionalInt threshold;
    private final long stopAt;
    private boolean outOfTime;
    private long lookedUp;
    private long found;
    private long missing;
    private int requests;
    private final List<String> examples = new ArrayList<>();

    Run(
        CommerceCatalogLookup lookup,
        ServerText text,
        NamedSkus named,
        OptionalInt threshold,
        long stopAt) {
      this.stopAt = stopAt;
      this.lookup = lookup;
      this.text = text;
      this.named = named;
      this.threshold = threshold;
    }

    CheckResult run() {
      CatalogLookupResult size = lookup.catalogSize();
      requests += size.requests();
      if (!size.isComplete()) {
        return storeFailed(size.failure().get());
      }
      long catalog = size.catalogProducts().orElse(0);
      List<String> batch = new ArrayList<>(CommerceCatalogLookup.MAX_SKUS_PER_SEARCH);
      int batchBytes = 0;
      for (int i = 0; i < named.size(); i++) {
        String sku = named.get(i);
        if (sku.length() > MAX_COMMERCE_SKU_LENGTH) {
          lookedUp++;
          miss(sku);
          continue;
        }
        int bytes = sku.getBytes(StandardCharsets.UTF_8).length + 1;
        if (batch.size() == CommerceCatalogLookup.MAX_SKUS_PER_SEARCH
            || batchBytes + bytes > MAX_BATCH_BYTES) {
          CheckResult failure = search(batch);
          if (failure != null) {
            return failure;
          }
          batch.clear();
          batchBytes = 0;
        }
        batch.add(sku);
        batchBytes += bytes;
      }
      if (!batch.isEmpty()) {
        CheckResult failure = search(batch);
        if (failure != null) {
          return failure;
        }
      }
      if (outOfTime && lookedUp == 0) {
        return Results.fail(
            ID,
            CHECKED,
            "no SKU looked up before the check's time ran out (" + requests + " request(s))",
            "allow a longer checkTimeout: about one request per 100 SKUs");
      }
      return verdict(catalog);
    }

    /** Looks one batch up; a result only when the store failed. */
    private CheckResult search(List<String> batch) {
      if (outOfTime || System.nanoTime() - stopAt >= 0) {
        outOfTime = true;
        return null;
      }
      CatalogLookupResult result = lookup.lookUp(batch);
      requests += result.requests();
      if (!result.isComplete()) {
        return storeFailed(result.failure().get());
      }
      lookedUp += batch.size();
      Set<String> inCatalog = new HashSet<>(result.found());
      found += inCatalog.size();
      for (String sku : batch) {
        if (!inCatalog.contains(sku)) {
          miss(sku);
        }
      }
      return null;
    }

    private void miss(String sku) {
      if (missing++ < EXAMPLES) {
        examples.add("'" + text.printable(sku, EXAMPLE_LENGTH) + "'");
      }
    }

    private CheckResult storeFailed(CredentialsCheckResult failure) {
      String evidence =
          "the store's product search failed after "
              + lookedUp
              + " of "
              + named.size()
              + " SKUs and "
              + requests
              + " request(s): "
              + failure.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + ": "
              + CommerceChecks.withStatus(failure);
      return CommerceChecks.storeRefused(
          ID,
          CHECKED,
          evidence,
          failure.verdict(),
          "the integration may not read products: grant it Catalog > Inventory > Products"
              + " (Magento_Catalog::products), then reauthorize it");
    }

    private CheckResult verdict(long catalog) {
      double coverage = catalog == 0 ? 0.0 : 100.0 * Math.min(found, catalog) / catalog;
      StringBuilder evidence =
          new StringBuilder()
              .append(named.size())
              .append(" distinct SKU(s) named, ")
              .append(found)
              .append(" in the catalog, ")
              .append(missing)
              .append(" missing");
      if (missing > 0) {
        evidence.append(", such as ").append(String.join(", ", examples));
      }
      evidence
          .append("; coverage ")
          .append(String.format(Locale.ROOT, "%.1f%%", coverage))
          .append(" of the catalog's ")
          .append(catalog)
          .append(" products have an asset");
      threshold.ifPresent(t -> evidence.append(" (threshold ").append(t).append("%)"));
      evidence.append("; ").append(requests).append(" request(s)");
      if (named.notCheckable() > 0) {
        evidence
            .append("; ")
            .append(named.notCheckable())
            .append(" SKU mention(s) not checkable (a comma cannot be sent in an 'in' list)");
      }
      if (outOfTime) {
        evidence
            .append("; the time ran out: ")
            .append(named.size() - lookedUp)
            .append(" SKU(s) not looked up");
      }
      if (named.beyondLimit() > 0) {
        evidence
            .append("; ")
            .append(named.beyondLimit())
            .append(" SKU mention(s) beyond the limit of ")
            .append(named.limit())
            .append(" distinct SKUs not looked up");
      }
      String said = evidence.toString();
      if (lookedUp > 0 && found == 0) {
        return Results.fail(
            ID,
            CHECKED,
            said,
            "none of the SKUs the assets name is a product of this store: check the rule's"
                + " metadataField and commerce:skus, and that baseUrl is the store they belong to");
      }
      boolean belowThreshold = threshold.isPresent() && coverage < threshold.getAsInt();
      if (missing > 0
          || belowThreshold
          || outOfTime
          || named.notCheckable() > 0
          || named.beyondLimit() > 0) {
        return Results.warn(
            ID,
            CHECKED,
            said,
            "assets naming missing SKUs do not synchronize to them: fix their commerce:skus or"
                + " create the products"
                + (belowThreshold ? "; give more catalog products an asset to reach threshold" : "")
                + (named.beyondLimit() > 0 ? "; raise maxCatalogSkus to look up every SKU" : "")
                + (outOfTime ? "; allow a longer checkTimeout to look up every SKU" : ""));
      }
      return Results.pass(ID, CHECKED, said);
    }
  }
}
