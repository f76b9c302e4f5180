package dev.ares.benchmarks;

import dev.ares.matching.Asset;
import dev.ares.matching.MatchBySku;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link MatchBySku#matchAsset} over 100,000 assets of 1–5 SKUs each (built once), against a plain
 * loop that reads the same metadata arrays and builds the same lists: per asset, the eligibility
 * check, then per row the trimmed SKU, its roles split on {@code ;}, trimmed and lower-cased, and
 * its position.
 */
@State(Scope.Benchmark)
public class MatchBySkuBenchmark {

  static final int ASSETS = 100_000;

  private Asset[] assets;
  private MatchBySku rule;

  /** One product of one asset, as the baseline builds it. */
  record PlainMatch(String sku, List<String> roles, int position) {}

  @Setup(Level.Trial)
  public void setUp() {
    assets = MatchingData.assets(ASSETS, 1_000_000, 0.0, 0.0, 6L);
    rule = MatchBySku.commerceSkus();
  }

  /** The SDK: one {@code matchAsset} per asset. */
  @Benchmark
  public void sdk(Blackhole bh) {
    for (Asset asset : assets) {
      bh.consume(rule.matchAsset(asset));
    }
  }

  /** Baseline: the same arrays read and the same lists built by a plain loop. */
  @Benchmark
  public void baselinePlainLoop(Blackhole bh) {
    for (Asset asset : assets) {
      Map<String, Object> metadata = asset.metadata();
      if (!"yes".equalsIgnoreCase(((String) metadata.get(MatchBySku.IS_COMMERCE)).trim())
          || !"approved".equalsIgnoreCase(((String) metadata.get(MatchBySku.STATUS)).trim())) {
        bh.consume(asset.assetId());
        continue;
      }
      List<?> skus = (List<?>) metadata.get(MatchingData.SKUS);
      List<?> roles = (List<?>) metadata.get(MatchBySku.ROLES);
      List<?> positions = (List<?>) metadata.get(MatchBySku.POSITIONS);
      List<PlainMatch> matches = new ArrayList<>(skus.size());
      for (int i = 0; i < skus.size(); i++) {
        List<String> rowRoles = new ArrayList<>();
        for (String role : ((String) roles.get(i)).split(";")) {
          String trimmed = role.trim();
          if (!trimmed.isEmpty()) {
            rowRoles.add(trimmed.toLowerCase(Locale.ROOT));
          }
        }
        matches.add(
            new PlainMatch(
                ((String) skus.get(i)).trim(), rowRoles, ((Number) positions.get(i)).intValue()));
      }
      bh.consume(matches);
    }
  }
}
