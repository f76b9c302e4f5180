package dev.ares.examples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.BulkFailure;
import dev.ares.matching.BulkMatcher;
import dev.ares.matching.BulkOutcome;
import dev.ares.matching.ExternalMatcherException;
import dev.ares.matching.MatchJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code match [--fake] [--concurrency N] [tenant.json] [assets.jsonl]}: streams the assets through
 * the tenant's matching rule with a {@link BulkMatcher}, N calls in flight, and prints one line per
 * asset in input order: the wire-form result, or {@code {"asset_id", "error": {"kind", "reason",
 * "message"}}} for an asset whose match failed (the others go on). On stderr: a progress bar when
 * stderr is a terminal ({@code --progress} / {@code --no-progress} override the guess), wiped
 * before each stdout line so the two never share a line, and a summary at the end. Bundled samples
 * stand in for missing files. An external matcher that cannot be reached is refused unless {@code
 * --fake} is given; then a loopback matcher answers and the first line of stdout says so.
 *
 * <p>Exit status 0 when every asset was matched (or skipped); 1 when any asset failed (the others
 * were still matched and printed); 2 for bad input (options, files, a bad asset line, reported with
 * its line after the counts so far) or a failure before any answer (IMS refusing the credentials
 * before any asset was matched).
 */
final class MatchCommand implements Command {

  /** The option that sets the calls in flight. */
  static final String CONCURRENCY = "--concurrency";

  /** The switch that shows the progress bar on stderr, terminal or not. */
  static final String PROGRESS = "--progress";

  /** The switch that hides the progress bar, even on a terminal. */
  static final String NO_PROGRESS = "--no-progress";

  /**
   * Calls in flight by default: enough to hide an App Builder action's latency (32 calls of 50 ms
   * keep ~640 matches/s going), yet few enough to leave the namespace's concurrent activations to
   * the storefront's own traffic.
   */
  static final int DEFAULT_CONCURRENCY = 32;

  /**
   * The most calls in flight: as many as an external matcher keeps connections to one host, each
   * call on a connection of its own.
   */
  static final int MAX_CONCURRENCY = BulkMatcher.MAX_EXTERNAL_CONCURRENCY;

  /** How often the progress bar is redrawn at most. */
  private static final Duration REDRAW = Duration.ofMillis(250);

  private static final JsonFactory JSON = new JsonFactory();

  private final BooleanSupplier terminal;
  private final Duration redraw;

  MatchCommand() {
    this(TerminalProgress::stderrIsATerminal);
  }

  /** For tests: {@code terminal} says whether stderr is a terminal. */
  MatchCommand(BooleanSupplier terminal) {
    this(terminal, REDRAW);
  }

  /** For tests: also how often the bar is redrawn at most ({@code ZERO}: after every asset). */
  MatchCommand(BooleanSupplier terminal, Duration redraw) {
    this.terminal = terminal;
    this.redraw = redraw;
  }

  @Override
  public String name() {
    return "match";
  }

  @Override
  public String usage() {
    return "match [--fake] [--concurrency N] [--progress|--no-progress] [tenant.json] [assets.jsonl]";
  }

  @Override
  public String summary() {
    return "print the tenant rule's match for each asset, N calls in flight (--concurrency, default "
        + DEFAULT_CONCURRENCY
        + ": hides an App Builder action's latency yet leaves the namespace's concurrent"
        + " activations to the storefront; --fake: a loopback external matcher); a progress bar on"
        + " stderr when it is a terminal (--progress: always, --no-progress: never); exit 1 when any"
        + " asset failed, 2 for bad input or when IMS refused the credentials before any answer";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Arguments arguments;
    int concurrency;
    List<String> rest = new ArrayList<>();
    List<String> others = new ArrayList<>();
    Boolean progress = null; // null: shown when stderr is a terminal
    for (String arg : args) {
      if (arg.equals(PROGRESS) || arg.equals(NO_PROGRESS)) {
        progress = arg.equals(PROGRESS); // the last one given wins
      } else {
        others.add(arg);
      }
    }
    try {
      concurrency = concurrency(others, rest);
    } catch (BadInputException e) {
      err.println(TenantFiles.oneLine(name() + ": " + e.getMessage() + "; usage: " + usage()));
      return BAD_INPUT;
    }
    try {
      arguments = Arguments.parse(rest, 2, usage());
    } catch (BadInputException e) {
      err.println(TenantFiles.oneLine(e.getMessage()));
      return BAD_INPUT;
    }
    List<String> files = arguments.files();
    String tenantFile = files.size() > 0 ? files.get(0) : null;
    String assetsFile = files.size() > 1 ? files.get(1) : null;
    try (TenantMatcher tenant =
        TenantMatcher.checkedOpen(
            tenantFile,
            assetsFile,
            null,
            arguments.fake(),
            out,
            usage(),
            // A pool that keeps N calls in flight to the action: the default keeps 32.
            BulkMatcher.externalMatcherHttpOptions(concurrency))) {
      TerminalProgress bar =
          (progress != null ? progress : terminal.getAsBoolean())
              ? new TerminalProgress(err, count(assetsFile), redraw)
              : null;
      BulkMatcher bulk =
          BulkMatcher.builder()
              .matcher(tenant.matcher())
              .concurrency(concurrency)
              .onProgress(bar)
              .progressInterval(redraw)
              .build();
      Tally tally = new Tally();
      try (Stream<BulkOutcome<AssetToProductResult>> outcomes =
          bulk.matchAssets(TenantMatcher.assets(assetsFile))) {
        for (Iterator<BulkOutcome<AssetToProductResult>> it = outcomes.iterator(); it.hasNext(); ) {
          BulkOutcome<AssetToProductResult> outcome = it.next();
          // Ids, SKUs, roles and messages came from a matcher: escaped like any server text before
          // they reach a terminal (a JSON \\u escape, so each line stays the same JSON value).
          String line = TenantFiles.oneLine(line(outcome));
          if (bar != null) {
            bar.println(out, line);
          } else {
            out.println(line);
          }
          if (tally.add(outcome)) {
            break; // every further asset would fail the same way
          }
        }
      } finally {
        // Also when the input fails mid-run (a bad line of a pipe): the counts so far, then the
        // failure naming the line (status 2) from the top of the program.
        if (bar != null) {
          bar.clear();
        }
        err.println(TenantFiles.oneLine(name() + ": " + tally));
      }
      return tally.status();
    }
  }

  /**
   * Takes {@code --concurrency N} (or {@code --concurrency=N}) out of {@code args}, putting the
   * rest in {@code rest}.
   *
   * @throws BadInputException naming the option, for a missing or bad value
   */
  static int concurrency(List<String> args, List<String> rest) {
    String value = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(CONCURRENCY)) {
        if (i + 1 == args.size()) {
          throw new BadInputException(
              CONCURRENCY + " needs a number, such as " + CONCURRENCY + " 32");
        }
        value = args.get(++i);
      } else if (arg.startsWith(CONCURRENCY + "=")) {
        value = arg.substring(CONCURRENCY.length() + 1);
      } else {
        rest.add(arg);
      }
    }
    if (value == null) {
      return DEFAULT_CONCURRENCY;
    }
    String range = "from 1 to " + MAX_CONCURRENCY;
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new BadInputException(
          CONCURRENCY + " must be a whole number " + range + ", got \"" + value + "\"");
    }
    if (n < 1 || n > MAX_CONCURRENCY) {
      throw new BadInputException(CONCURRENCY + " must be " + range + ", got " + n);
    }
    return n;
  }

  /**
   * The number of assets, for the bar's percentage and ETA, or -1 (unknown: the bar shows done and
   * rate only) when the input is not a regular file: a pipe such as {@code <(zcat assets.jsonl.gz)}
   * can be read only once, and that read is the run's. Counts the lines that are not blank (those
   * the run reads) without parsing them, through a fixed buffer.
   */
  static long count(String assetsFile) throws IOException {
    if (assetsFile != null && !Files.isRegularFile(Path.of(assetsFile))) {
      return -1;
    }
    try (InputStream in =
        assetsFile != null
            ? Files.newInputStream(Path.of(assetsFile))
            : MatchCommand.class
                .getClassLoader()
                .getResourceAsStream(TenantMatcher.SAMPLE_ASSETS)) {
      if (in == null) {
        return -1;
      }
      long lines = 0;
      boolean content = false; // the current line has more than white space
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          if (b == '\n' || b == '\r') { // the line ends AssetJson.lines knows
            lines += content ? 1 : 0;
            content = false;
          } else if (b != ' ' && b != '\t') {
            content = true;
          }
        }
      }
      return lines + (content ? 1 : 0);
    }
  }

  /** The stdout line of one outcome. */
  static String line(BulkOutcome<AssetToProductResult> outcome) {
    if (outcome.result().isPresent()) {
      return MatchJson.write(outcome.result().get());
    }
    BulkFailure failure = outcome.failure().orElseThrow();
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("asset_id", outcome.id());
      g.writeObjectFieldStart("error");
      g.writeStringField("kind", failure.kind().name());
      g.writeStringField("reason", failure.reason());
      g.writeStringField("message", failure.message());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** The counts for the summary. */
  private static final class Tally {
    long matched;
    long noProduct;
    long skipped;
    long failed;
    boolean stopped;
    final Map<String, Long> failedByReason = new TreeMap<>();

    /**
     * 0 when every asset was matched or skipped; 2 when the run stopped on refused credentials
     * before any asset was answered (a failure before any answer); otherwise 1 when any failed.
     */
    int status() {
      if (failed == 0) {
        return OK;
      }
      return stopped && matched + noProduct + skipped == 0 ? BAD_INPUT : REFUSED;
    }

    /** Counts one outcome; true when the run should stop because every asset would fail so. */
    boolean add(BulkOutcome<AssetToProductResult> outcome) {
      if (outcome.isFailure()) {
        failed++;
        String reason = outcome.failure().get().reason();
        failedByReason.merge(reason, 1L, Long::sum);
        stopped = reason.equals(ExternalMatcherException.Reason.TOKEN_REFUSED.name());
        return stopped;
      }
      AssetToProductResult result = outcome.result().get();
      if (result.skip()) {
        skipped++;
      } else if (result.productMatches().isEmpty()) {
        noProduct++;
      } else {
        matched++;
      }
      return false;
    }

    @Override
    public String toString() {
      long total = matched + noProduct + skipped + failed;
      return total
          + (total == 1 ? " asset: " : " assets: ")
          + matched
          + " matched, "
          + noProduct
          + " without a product, "
          + skipped
          + " skipped, "
          + failed
          + " failed"
          + (failedByReason.isEmpty()
              ? ""
              : " ("
                  + failedByReason.entrySet().stream()
                      .map(e -> e.getKey() + " " + e.getValue())
                      .collect(Collectors.joining(", "))
                  + ")")
          + (stopped ? "; stopped: IMS refused the client credentials, check them" : "");
    }
  }
}
