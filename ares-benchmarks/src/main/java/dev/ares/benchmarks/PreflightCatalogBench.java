package dev.ares.benchmarks;

import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.core.HttpEventListener;
import dev.ares.matching.Asset;
import dev.ares.onboarding.CheckResult;
import dev.ares.onboarding.CheckStatus;
import dev.ares.onboarding.Preflight;
import dev.ares.onboarding.PreflightReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The claim of issue 15: the preflight of a tenant with 100,000 assets and a 100,000-SKU catalog
 * finishes with bounded memory and a bounded number of Commerce requests. Not a JMH comparison (it
 * has no baseline): one run, against the loopback {@link FakeCommerceServer}, which checks every
 * signature.
 *
 * <p>Asset {@code i} names {@code SKU-i}, and every thousandth one also {@code MISSING-i}, which
 * the catalog lacks; the assets are made as the stream is read, so only the preflight holds
 * anything. Expected: {@code assets.catalog} warns with 100,100 distinct SKUs, 100 missing, after
 * exactly 1 + ceil(100,100 / 100) = 1,002 product searches.
 *
 * <p>Usage: {@code java -Xmx128m -cp ares-benchmarks.jar dev.ares.benchmarks.PreflightCatalogBench
 * [assets]}. Prints the wall time, the peak heap, the request count and the check; exit status 0
 * when the counts are as expected.
 */
public final class PreflightCatalogBench {

  private static final CommerceCredentialsInput CREDENTIALS =
      CommerceCredentialsInput.builder()
          .consumerKey("bench-consumer-key")
          .consumerSecret("bench-consumer-secret")
          .accessToken("bench-access-token")
          .accessTokenSecret("bench-access-token-secret")
          .build();

  private PreflightCatalogBench() {}

  /** What one run measured. */
  record Outcome(
      CheckResult catalog,
      long catalogRequests,
      long expectedRequests,
      long storeRequests,
      Duration wall,
      long peakHeapBytes,
      long peakOldBytes) {

    boolean asExpected(int assets) {
      int missing = (assets + 999) / 1000;
      return catalog.status() == CheckStatus.WARN
          && catalogRequests == expectedRequests
          && catalog
              .evidence()
              .startsWith(
                  (assets + missing)
                      + " distinct SKU(s) named, "
                      + assets
                      + " in the catalog, "
                      + missing
                      + " missing");
    }
  }

  /** Runs the preflight of {@code assets} assets against a catalog of as many SKUs. */
  static Outcome run(int assets) {
    try (FakeCommerceServer store =
        FakeCommerceServer.builder(CREDENTIALS)
            .catalog(sku -> sku.startsWith("SKU-"))
            .catalogSize(assets)
            .start()) {
      TenantInput tenant =
          TenantInput.builder()
              .enabled(true)
              .projectId("8231afb6-90cd-65e8-84ba-d9abac0f94e6")
              .aem(AemInput.builder().programId("11111").environmentId("222222").build())
              .commerce(
                  CommerceInput.builder().baseUrl(store.baseUrl()).credentials(CREDENTIALS).build())
              .rule(MatchBySkuRuleInput.commerceSkus())
              .build();
      Preflight preflight =
          Preflight.builder()
              .tenant(tenant)
              // Any answer proves the author host: the store's 404 stays on this machine.
              .aemAuthorUrlTemplate(store.baseUrl() + "/author-p{programId}-e{environmentId}")
              .httpOptions(
                  Preflight.defaultHttpOptions().withEventListener(HttpEventListener.none()))
              .checkTimeout(Duration.ofMinutes(10))
              .assets(() -> assets(assets))
              .build();
      resetPeaks();
      long start = System.nanoTime();
      PreflightReport report = preflight.run();
      Duration wall = Duration.ofNanos(System.nanoTime() - start);
      long peak = peakHeap(false);
      long old = peakHeap(true);
      CheckResult catalog = report.check("assets.catalog").orElseThrow();
      long expected = 1 + (assets + (assets + 999) / 1000 + 99) / 100;
      return new Outcome(
          catalog, requests(catalog), expected, store.requestCount(), wall, peak, old);
    }
  }

  private static Stream<Asset> assets(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                Asset.of(
                    "urn:aaid:aem:" + i,
                    Map.of(
                        "commerce:isCommerce",
                        "Yes",
                        "dam:status",
                        "approved",
                        "commerce:skus",
                        i % 1000 == 0 ? List.of("SKU-" + i, "MISSING-" + i) : List.of("SKU-" + i),
                        "commerce:roles",
                        i % 1000 == 0 ? List.of("image", "thumbnail") : List.of("image"))));
  }

  /** The request count the check's evidence states ("; N request(s)"). */
  private static long requests(CheckResult catalog) {
    String evidence = catalog.evidence();
    int end = evidence.indexOf(" request(s)");
    int start = evidence.lastIndexOf("; ", end) + 2;
    return end < 0 ? -1 : Long.parseLong(evidence.substring(start, end));
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /**
   * The sum of the heap pools' peaks since {@link #resetPeaks()}, an over-estimate of the peak (the
   * pools peak at different times), or of the old generation's only, closer to what stays live.
   */
  private static long peakHeap(boolean oldOnly) {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && (!oldOnly || pool.getName().contains("Old"))) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Runs it once; the first argument is the number of assets, 100,000 by default. */
  public static void main(String[] args) {
    int assets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Outcome outcome = run(assets);
    System.out.printf(
        "preflight of %,d assets / %,d-SKU catalog: wall %d ms, heap pools' peaks %.1f MiB (old"
            + " generation %.1f MiB; max heap %.0f MiB), assets.catalog %s after %,d requests (expected %,d; %,d reached the"
            + " store in all)%n  %s%n",
        assets,
        assets,
        outcome.wall().toMillis(),
        outcome.peakHeapBytes() / 1048576.0,
        outcome.peakOldBytes() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        outcome.catalog().status(),
        outcome.catalogRequests(),
        outcome.expectedRequests(),
        outcome.storeRequests(),
        outcome.catalog().evidence());
    System.exit(outcome.asExpected(assets) ? 0 : 1);
  }
}
