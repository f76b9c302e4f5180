package dev.ares.examples;

import dev.ares.matching.Asset;
import dev.ares.matching.CatalogCoverage;
import dev.ares.matching.CoverageReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code coverage [--fake] [tenant.json] assets.jsonl catalog-skus.txt}: how much of the catalog
 * the tenant's rule covers. Streams the assets, so large files fit in memory. Exits 1 when the
 * tenant sets a {@code threshold} that the match rate misses. With no files, the bundled samples.
 * An external matcher that cannot be reached is refused unless {@code --fake} is given; then a
 * loopback matcher answers and the first line of stdout says so.
 */
final class CoverageCommand implements Command {

  @Override
  public String name() {
    return "coverage";
  }

  @Override
  public String usage() {
    return "coverage [--fake] [tenant.json] assets.jsonl catalog-skus.txt";
  }

  @Override
  public String summary() {
    return "report how much of a catalog the tenant's rule covers (--fake: as for match)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args, 3, usage());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    if (arguments.files().size() == 1) {
      err.println("usage: " + usage());
      return BAD_INPUT;
    }
    List<String> files = arguments.files();
    String tenantFile = files.size() == 3 ? files.get(0) : null;
    String assetsFile = files.isEmpty() ? null : files.get(files.size() - 2);
    String catalogFile = files.isEmpty() ? null : files.get(files.size() - 1);
    CoverageReport r;
    Integer threshold;
    try (TenantMatcher tenant =
            TenantMatcher.checkedOpen(
                tenantFile, assetsFile, catalogFile, arguments.fake(), out, usage());
        Stream<Asset> assets = TenantMatcher.assets(assetsFile);
        Stream<String> skus = TenantMatcher.skus(catalogFile)) {
      r = CatalogCoverage.of(tenant.matcher()).measure(assets, skus);
      threshold =
          tenant.tenant().threshold().isPresent() ? tenant.tenant().threshold().getAsInt() : null;
    }
    out.println("catalog products:                " + r.catalogProducts());
    out.println(
        "matched products:                "
            + r.matchedProducts()
            + String.format(Locale.ROOT, " (%.1f%%)", r.matchRatePercent()));
    out.println(
        TenantFiles.oneLine(
            "products without assets:         "
                + r.productsWithoutAssets()
                + sample(r.sampleProductsWithoutAssets())));
    out.println(
        "assets scanned:                  "
            + r.assetsScanned()
            + " ("
            + r.assetsMatched()
            + " matched, "
            + r.assetsSkipped()
            + " skipped)");
    out.println(
        "assets with SKUs not in catalog: "
            + r.assetsWithSkusNotInCatalog()
            + sample(r.sampleAssetsWithSkusNotInCatalog()));
    out.println(
        TenantFiles.oneLine(
            "SKUs not in catalog:             " + String.join(", ", r.sampleSkusNotInCatalog())));
    if (threshold == null) {
      return OK;
    }
    boolean meets = r.matchRatePercent() >= threshold;
    out.println("threshold " + threshold + "%:                  " + (meets ? "met" : "missed"));
    return meets ? OK : REFUSED;
  }

  private static String sample(List<String> ids) {
    return ids.isEmpty() ? "" : "  e.g. " + String.join(", ", ids);
  }
}
