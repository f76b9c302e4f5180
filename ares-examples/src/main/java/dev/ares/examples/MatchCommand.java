package dev.ares.examples;

import dev.ares.matching.Asset;
import dev.ares.matching.MatchJson;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code match [--fake] [tenant.json] [assets.jsonl]}: runs the tenant's matching rule on each
 * asset and prints one wire-form result per line. Bundled samples stand in for missing files. An
 * external matcher that cannot be reached is refused unless {@code --fake} is given; then a
 * loopback matcher answers and the first line of stdout says so.
 */
final class MatchCommand implements Command {

  @Override
  public String name() {
    return "match";
  }

  @Override
  public String usage() {
    return "match [--fake] [tenant.json] [assets.jsonl]";
  }

  @Override
  public String summary() {
    return "print the tenant rule's match for each asset (--fake: a loopback external matcher)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args, 2, usage());
    } catch (BadInputException e) {
      err.println(e.getMessage());
      return BAD_INPUT;
    }
    List<String> files = arguments.files();
    String tenantFile = files.size() > 0 ? files.get(0) : null;
    String assetsFile = files.size() > 1 ? files.get(1) : null;
    try (TenantMatcher tenant =
            TenantMatcher.checkedOpen(
                tenantFile, assetsFile, null, arguments.fake(), out, usage());
        Stream<Asset> assets = TenantMatcher.assets(assetsFile)) {
      for (Iterator<Asset> it = assets.iterator(); it.hasNext(); ) {
        // The ids, SKUs and roles came from a matcher: escaped like any server text before they
        // reach a terminal (a JSON \\u escape, so each line stays the same JSON value).
        out.println(TenantFiles.oneLine(MatchJson.write(tenant.matcher().matchAsset(it.next()))));
      }
    }
    return OK;
  }
}
