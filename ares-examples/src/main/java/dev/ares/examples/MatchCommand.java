package dev.ares.examples;

import dev.ares.client.model.TenantInput;
import dev.ares.matching.Asset;
import dev.ares.matching.MatchJson;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code match [tenant.json] [assets.jsonl]}: runs the tenant's matching rule on each asset and
 * prints one wire-form result per line. Bundled samples stand in for missing files.
 */
final class MatchCommand implements Command {

  @Override
  public String name() {
    return "match";
  }

  @Override
  public String usage() {
    return "match [tenant.json] [assets.jsonl]";
  }

  @Override
  public String summary() {
    return "print the tenant rule's match for each asset (bundled samples when no files)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.size() > 2) {
      err.println("usage: " + usage());
      return BAD_INPUT;
    }
    String tenantFile = args.size() > 0 ? args.get(0) : null;
    String assetsFile = args.size() > 1 ? args.get(1) : null;
    // Everything is read and checked before the matcher starts: bad input sends nothing.
    TenantInput input = TenantMatcher.readTenant(tenantFile);
    TenantMatcher.checkAssets(assetsFile);
    try (TenantMatcher tenant = TenantMatcher.open(input, err);
        Stream<Asset> assets = TenantMatcher.assets(assetsFile)) {
      for (Iterator<Asset> it = assets.iterator(); it.hasNext(); ) {
        out.println(MatchJson.write(tenant.matcher().matchAsset(it.next())));
      }
    }
    return OK;
  }
}
