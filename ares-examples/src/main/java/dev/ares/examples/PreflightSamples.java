package dev.ares.examples;

import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.TenantInput;
import dev.ares.commerce.oauth.testing.FakeCommerceServer;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetJson;
import dev.ares.matching.MatchBySku;
import dev.ares.onboarding.AresHeaders;
import dev.ares.onboarding.Preflight;
import dev.ares.onboarding.PreflightReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code preflight} with no file: the bundled samples ({@value #TENANT} and {@value #ASSETS})
 * checked against loopback fakes of Commerce ({@link FakeCommerceServer}, started with the sample's
 * credentials), the AEM author host ({@link LoopbackAemAuthor}), IMS and the two actions ({@link
 * LoopbackMatcherServer}, serving {@code matchBySKU} over the sample assets), with sample ARES
 * headers. The sample's store and matcher hosts are example hosts, so the tenant is pointed at the
 * fakes (the rule takes the loopback IMS's client, the only one it issues tokens to).
 *
 * <p>One failure is planted, an instructive one Adobe documents: asset {@value #PLANTED} names two
 * SKUs but has one {@code commerce:roles} entry, and ARES pairs roles with SKUs by index. Every
 * other check passes, so the run exits 1 (a check failed). The first line of stdout names the fakes
 * that answered; with {@code --json} that line goes to stderr and stdout holds the report alone.
 */
final class PreflightSamples {

  static final String TENANT = "samples/preflight/tenant.json";
  static final String ASSETS = "samples/preflight/assets.jsonl";

  /** The asset whose roles do not line up with its SKUs. */
  static final String PLANTED = "urn:aaid:aem:p004";

  /** Sample ARES headers: a JWT without a signature anyone checks, valid until 2100. */
  static final AresHeaders SAMPLE_HEADERS =
      AresHeaders.builder()
          .apiKey("sample-api-key")
          .environmentId("sample-magento-environment-id")
          .gatewaySignature(
              "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
                  + ".eyJzdWIiOiJzYW1wbGUtbWFnZS1pZCIsImV4cCI6NDEwMjQ0NDgwMH0"
                  + ".c2FtcGxlLXNpZ25hdHVyZQ")
          .build();

  /** The SKU the product-to-asset action is asked about: one the sample assets show. */
  static final String PROBE_SKU = "sku-7";

  private PreflightSamples() {}

  /** Runs the samples; exit 1, as the planted failure fails its check. */
  static int run(boolean json, PrintStream out, PrintStream err) throws IOException {
    TenantInput tenant = TenantMatcher.readTenant(null, TENANT);
    CommerceInput commerce = tenant.commerce().orElseThrow();
    List<Asset> assets;
    try (Stream<Asset> stream = sampleAssets()) {
      assets = stream.toList();
    }
    MatchBySku rule = MatchBySku.commerceSkus();
    rule.index().putAll(assets);
    // The fake store's catalog holds every SKU the samples name, so assets.catalog passes.
    Set<String> catalog = new HashSet<>();
    for (Asset asset : assets) {
      for (Object sku : asset.values("commerce:skus")) {
        catalog.add(String.valueOf(sku));
      }
    }
    try (FakeCommerceServer store =
            FakeCommerceServer.builder(commerce.credentials())
                .catalog(catalog::contains)
                .catalogSize(catalog.size())
                .start();
        LoopbackAemAuthor aem = LoopbackAemAuthor.start();
        LoopbackMatcherServer matcher = LoopbackMatcherServer.start(rule)) {
      TenantInput onFakes =
          tenant
              .withCommerce(commerce.withBaseUrl(store.baseUrl()))
              .withRule(matcher.externalMatcherInput());
      PreflightReport report =
          Preflight.builder()
              .tenant(onFakes)
              .aresHeaders(SAMPLE_HEADERS)
              .aemAuthorUrlTemplate(aem.urlTemplate())
              .probeAsset(assets.get(0))
              .probeSku(PROBE_SKU)
              .assets(
                  () -> {
                    try {
                      return sampleAssets();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  })
              .build()
              .run();
      String answered =
          "bundled samples: loopback fakes answered: Commerce at "
              + store.baseUrl()
              + " ("
              + store.requestCount()
              + " request(s)), AEM author at "
              + aem.baseUrl()
              + " ("
              + aem.requestCount()
              + "), IMS at "
              + matcher.tokenUrl()
              + " ("
              + matcher.ims().tokenRequests()
              + " token request(s)), the actions at "
              + matcher.baseUrl()
              + "; the sample's example hosts were replaced by them";
      String planted =
          "planted failure: "
              + PLANTED
              + " in "
              + ASSETS
              + " names 2 SKUs but has 1 commerce:roles entry; ARES pairs roles with SKUs by"
              + " index, so the second SKU would get no role. Every other check passes.";
      if (json) {
        err.println(TenantFiles.oneLine(answered));
        out.println(PreflightCommand.json(report));
        err.println(TenantFiles.oneLine(planted));
      } else {
        out.println(TenantFiles.oneLine(answered));
        PreflightCommand.print(report, out);
        out.println(TenantFiles.oneLine(planted));
      }
      return report.canRegister() ? Command.OK : Command.REFUSED;
    }
  }

  private static Stream<Asset> sampleAssets() throws IOException {
    return AssetJson.lines(TenantMatcher.reader(null, ASSETS), TenantMatcher.name(null, ASSETS));
  }
}
