package dev.ares.examples;

import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.ImsAccessTokenValidator;
import dev.ares.matcher.server.InvalidAccessTokenException;
import dev.ares.matcher.server.MatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetMatchers;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.IndexingMatcher;
import dev.ares.matching.MatchBySku;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code serve-matcher [tenant.json] [--jar my-matcher.jar]… [--matcher NAME] [--assets
 * assets.jsonl] …}: serves the tenant's matcher on the external matcher contract, for ARES to call,
 * until the process is killed. The matcher is the {@code AssetMatcher} that the jars given with
 * {@code --jar} list in {@code META-INF/services/dev.ares.matching.AssetMatcher} (see {@link
 * MatcherJars}); without {@code --jar}, the tenant's {@code matchBySKU} rule or (for an {@code
 * externalMatcher} tenant) the {@code AssetMatcher} found through {@code ServiceLoader} on the
 * class path. {@code --matcher NAME} picks one of several; {@code --matcher demo} serves the demo
 * {@code matchBySKU} rule on {@code commerce:skus}, and nothing else does. Only IMS access tokens
 * issued to the tenant's {@code externalMatcher.credentials.clientId} are accepted: a tenant
 * without one gets 401 for every call unless {@code --allow-anonymous} is given (local tests,
 * loopback addresses only).
 *
 * <p>Product → asset: the matcher is served through an {@link IndexingMatcher}, so a product's
 * assets are the matcher's own answer when it lists any, else those the served index knows: every
 * asset-to-product answer served is recorded in it, and {@code --assets assets.jsonl} fills it at
 * start (streamed, lines of at most 1 MiB as for {@code match}; a bad line is bad input and nothing
 * is served). It holds at most {@code --max-indexed-assets N} assets ({@value
 * IndexingMatcher#DEFAULT_MAX_ASSETS} by default); see {@link IndexingMatcher} for what happens at
 * the cap.
 *
 * <p>{@code --tls-keystore FILE.p12} serves HTTPS with the key and certificate in that PKCS12 file,
 * its password taken from {@code ARES_MATCHER_KEYSTORE_PASSWORD} (see {@link ServerKeyStore}). The
 * URLs served are printed once the port is bound ({@code --port 0} picks a free one), with the
 * health URL. On SIGTERM or Ctrl-C the server stops taking connections, lets the requests in flight
 * finish for at most {@link #SHUTDOWN_TIMEOUT}, then exits.
 */
final class ServeMatcherCommand implements Command {

  static final int DEFAULT_PORT = 8080;

  /**
   * The {@code --matcher} name of the demo matcher ({@code matchBySKU} on {@code commerce:skus}).
   */
  static final String DEMO_MATCHER = "demo";

  /** How long the requests in flight may take to finish once the process is told to stop. */
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public String name() {
    return "serve-matcher";
  }

  @Override
  public String usage() {
    return "serve-matcher [tenant.json] [--jar my-matcher.jar]... [--matcher NAME|demo]"
        + " [--assets assets.jsonl] [--max-indexed-assets N] [--load-timeout SECONDS] [--port N]"
        + " [--bind ADDRESS] [--ims-keys URL] [--allow-anonymous] [--tls-keystore FILE.p12]";
  }

  @Override
  public String summary() {
    return "serve the tenant's matcher, or the one in your jar (--jar), for ARES to call (IMS tokens"
        + " of its client only); product-to-asset answers from the assets it matched"
        + " (--assets: an export, at start)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    Serving serving = start(args, out, err);
    if (serving == null) {
      return BAD_INPUT;
    }
    // SIGTERM (and Ctrl-C) runs the hook once, however often it comes: a graceful stop.
    Runtime.getRuntime().addShutdownHook(new Thread(serving::close, "serve-matcher-stop"));
    serving.awaitClose();
    return OK;
  }

  /** A running matcher server and what it owns; {@link #close()} stops it. */
  static final class Serving implements AutoCloseable {
    private final MatcherServer server;
    private final AssetMatcher matcher;
    private final ImsAccessTokenValidator validator;
    private final PrintStream out;
    private final CountDownLatch closed = new CountDownLatch(1);

    Serving(
        MatcherServer server,
        AssetMatcher matcher,
        ImsAccessTokenValidator validator,
        PrintStream out) {
      this.server = server;
      this.matcher = matcher;
      this.validator = validator;
      this.out = out;
    }

    MatcherServer server() {
      return server;
    }

    void awaitClose() throws InterruptedException {
      closed.await();
    }

    /**
     * Stops gracefully (see {@link MatcherServer#shutdown()}), then closes the matcher and the
     * validator; once, however many threads call it.
     */
    @Override
    public synchronized void close() {
      if (closed.getCount() == 0) {
        return;
      }
      out.println(
          "stopping: no new connections; "
              + server.requestsInFlight()
              + " request(s) in flight get up to "
              + SHUTDOWN_TIMEOUT.toSeconds()
              + " s to finish");
      out.flush();
      boolean drained = server.shutdown();
      out.println(drained ? "stopped" : "stopped: requests still in flight were cut off");
      out.flush();
      matcher.close();
      if (validator != null) {
        validator.close();
      }
      closed.countDown();
    }
  }

  /**
   * Starts serving as {@code args} say, prints what it serves; {@code null} after a usage error.
   */
  static Serving start(List<String> args, PrintStream out, PrintStream err) throws Exception {
    return start(args, System.getenv(), out, err);
  }

  /** As {@link #start(List, PrintStream, PrintStream)}, with this environment. */
  static Serving start(List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
      throws Exception {
    Options o = Options.parse(args, err);
    if (o == null) {
      err.println("usage: java -jar ares-examples.jar " + new ServeMatcherCommand().usage());
      return null;
    }
    if (o.allowAnonymous && !o.bind.isLoopbackAddress()) {
      err.println(
          "--allow-anonymous serves every caller without a token: it is refused with a --bind address"
              + " other than a loopback one");
      return null;
    }
    FileKind.check(o.tenantFile, FileKind.TENANT, new ServeMatcherCommand().usage());
    checkAssetsFile(o.assetsFile);
    ServerKeyStore tls = o.tlsKeystore == null ? null : ServerKeyStore.open(o.tlsKeystore, env);
    TenantInput tenant = TenantMatcher.readTenant(o.tenantFile);
    AssetMatcher matcher = matcher(tenant, o, out);
    ImsAccessTokenValidator validator = null;
    try {
      AssetMatcherHttpHandler.Builder handler = AssetMatcherHttpHandler.builder(matcher);
      String access;
      if (o.allowAnonymous) {
        handler.allowAnonymous();
        access =
            "warning: --allow-anonymous: every caller is served without a token; for local tests only";
      } else if (tenant.rule() instanceof ExternalMatcherInput rule) {
        String clientId = rule.credentials().clientId();
        validator = ImsAccessTokenValidator.builder(clientId).keysBaseUrl(o.imsKeys).build();
        handler.tokenValidator(validator);
        access =
            "accepting only IMS access tokens issued to client "
                + clientId
                + " (keys from "
                + o.imsKeys
                + ")";
      } else {
        handler.tokenValidator(
            token -> {
              throw new InvalidAccessTokenException(
                  InvalidAccessTokenException.Reason.NOT_ACCEPTED,
                  "the tenant names no externalMatcher.credentials.clientId");
            });
        access =
            "warning: the tenant has no externalMatcher.credentials.clientId, so every call gets 401;"
                + " pass --allow-anonymous to serve without tokens (local tests only)";
      }
      MatcherServer server =
          MatcherServer.builder(handler.build())
              .bindAddress(o.bind)
              .port(o.port)
              .tls(tls == null ? null : tls.sslContext())
              .shutdownTimeout(SHUTDOWN_TIMEOUT)
              .start();
      // On all interfaces the server's own URLs name the loopback address; print what was bound.
      // These are the bound URLs, so with --port 0 they name the port that was picked.
      boolean everywhere = o.bind.isAnyLocalAddress();
      String scheme = tls == null ? "http://" : "https://";
      String base =
          everywhere ? scheme + hostLiteral(o.bind) + ":" + server.port() : server.baseUrl();
      out.println(
          "serving " + matcher.name() + " on " + base + (everywhere ? " (all interfaces)" : ""));
      out.println("  asset-to-product: " + base + AssetMatcherHttpHandler.ASSET_TO_PRODUCT_PATH);
      out.println("  product-to-asset: " + base + AssetMatcherHttpHandler.PRODUCT_TO_ASSET_PATH);
      out.println("  health: " + base + MatcherServer.HEALTH_PATH);
      if (tls != null) {
        out.println(TenantFiles.oneLine(tls.describe(Instant.now())));
      } else if (!o.bind.isLoopbackAddress()) {
        out.println(
            "warning: plain http on a non-loopback address; ARES calls https URLs only: pass"
                + " --tls-keystore FILE.p12 or put a TLS proxy in front");
      }
      out.println(access);
      out.println("stop with Ctrl-C or SIGTERM (requests in flight finish first)");
      out.flush();
      return new Serving(server, matcher, validator, out);
    } catch (RuntimeException e) {
      matcher.close();
      if (validator != null) {
        validator.close();
      }
      throw e;
    }
  }

  private static String hostLiteral(InetAddress address) {
    String host = address.getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The assets file is of the right kind and there, before any matcher is built. */
  private static void checkAssetsFile(String assetsFile) {
    if (assetsFile == null) {
      return;
    }
    FileKind.check(assetsFile, FileKind.ASSETS, new ServeMatcherCommand().usage());
    boolean exists;
    try {
      exists = Files.exists(Path.of(assetsFile));
    } catch (InvalidPathException e) {
      exists = false;
    }
    if (!exists) {
      throw new BadInputException(TenantFiles.oneLine(assetsFile + ": no such file"));
    }
  }

  /**
   * The served matcher: the user's (or the tenant's) wrapped in an {@link IndexingMatcher}, its
   * index filled from the assets file when one is given. Prints where product answers come from.
   */
  private static AssetMatcher matcher(TenantInput tenant, Options o, PrintStream out)
      throws IOException, InterruptedException {
    AssetMatcher own =
        o.jars.isEmpty()
            ? matcher(tenant, o.matcherName, out)
            : MatcherJars.load(o.jars, o.matcherName, o.loadTimeout, out);
    IndexingMatcher served = IndexingMatcher.of(own, o.maxIndexedAssets);
    try {
      String filledFrom = "every asset-to-product call served";
      if (o.assetsFile != null) {
        index(served, o.assetsFile, out);
        filledFrom = o.assetsFile + " and " + filledFrom;
      }
      out.println(
          TenantFiles.oneLine(
              "product-to-asset answers: "
                  + served.name()
                  + "'s own when it lists assets, else its index ("
                  + count(served.indexedAssets(), "asset")
                  + " of "
                  + count(served.indexedProducts(), "product")
                  + ", at most "
                  + served.maxIndexedAssets()
                  + " assets), filled from "
                  + filledFrom));
      return served;
    } catch (IOException | RuntimeException | Error e) {
      served.close();
      throw e;
    }
  }

  /**
   * Matches every asset of the file, streamed, into the served index; a matcher that fails on an
   * asset is counted and the rest go on, a bad line stops it (bad input, nothing is served).
   */
  private static void index(IndexingMatcher served, String file, PrintStream out)
      throws IOException {
    long read = 0;
    long unmatched = 0;
    long failed = 0;
    String firstFailure = null;
    long refusedBefore = served.refusedAssets();
    try (Stream<Asset> assets = TenantMatcher.assets(file)) {
      for (Iterator<Asset> it = assets.iterator(); it.hasNext(); ) {
        Asset asset = it.next();
        read++;
        try {
          AssetToProductResult result = served.matchAsset(asset);
          if (result == null || result.skip() || result.productMatches().isEmpty()) {
            unmatched++;
          }
        } catch (RuntimeException | LinkageError e) {
          failed++;
          if (firstFailure == null) {
            firstFailure = asset.assetId() + ": " + e.getClass().getSimpleName();
          }
        }
      }
    }
    long refused = served.refusedAssets() - refusedBefore;
    out.println(
        TenantFiles.oneLine(
            "indexed "
                + count(served.indexedAssets(), "asset")
                + " of "
                + count(served.indexedProducts(), "product")
                + " from "
                + count(read, "asset")
                + " of "
                + file
                + " ("
                + unmatched
                + " skipped or matching no product"
                + (failed == 0 ? "" : "; " + failed + " failed to match, the first " + firstFailure)
                + (refused == 0
                    ? ""
                    : "; "
                        + refused
                        + " left out: the index is full, allow more with --max-indexed-assets N")
                + ")"));
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static AssetMatcher matcher(TenantInput tenant, String name, PrintStream out)
      throws BadInputException {
    if (DEMO_MATCHER.equals(name)) {
      out.println(
          "note: serving the demo matcher (matchBySKU on commerce:skus), as --matcher demo asks");
      return MatchBySku.commerceSkus();
    }
    if (name != null) {
      return AssetMatchers.discover(name)
          .orElseThrow(
              () ->
                  new BadInputException(
                      "no AssetMatcher named "
                          + name
                          + " is listed for ServiceLoader on the class path: pass your matcher's"
                          + " jar with --jar my-matcher.jar"));
    }
    if (tenant.rule() instanceof MatchBySkuRuleInput rule) {
      return MatchBySku.of(rule);
    }
    List<AssetMatcher> found = AssetMatchers.discover();
    if (found.size() == 1) {
      return found.get(0);
    }
    if (found.size() > 1) {
      found.forEach(AssetMatcher::close); // none of them will serve
      throw new BadInputException(
          "several AssetMatchers are on the class path ("
              + found.stream().map(AssetMatcher::name).collect(Collectors.joining(", "))
              + "): choose one with --matcher NAME");
    }
    throw new BadInputException(
        "no AssetMatcher is listed for ServiceLoader on the class path: pass your matcher's jar"
            + " with --jar my-matcher.jar, or pass --matcher "
            + DEMO_MATCHER
            + " to serve the demo matcher (matchBySKU on commerce:skus)");
  }

  /** The command line, parsed. */
  private static final class Options {
    String tenantFile;
    int port = DEFAULT_PORT;
    InetAddress bind = InetAddress.getLoopbackAddress();
    String matcherName;
    String imsKeys = ImsAccessTokenValidator.PRODUCTION_KEYS_URL;
    boolean allowAnonymous;
    List<String> jars = new ArrayList<>();
    String assetsFile;
    int maxIndexedAssets = IndexingMatcher.DEFAULT_MAX_ASSETS;
    Duration loadTimeout = MatcherJars.DEFAULT_LOAD_TIMEOUT;
    String tlsKeystore;

    static Options parse(List<String> args, PrintStream err) {
      Options o = new Options();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        boolean hasValue = i + 1 < args.size();
        switch (a) {
          case "--allow-anonymous" -> o.allowAnonymous = true;
          case "--tls-keystore" -> {
            if (!hasValue) {
              err.println(
                  a
                      + " needs a value (the password goes in "
                      + ServerKeyStore.PASSWORD_VARIABLE
                      + ")");
              return null;
            }
            o.tlsKeystore = args.get(++i);
          }
          case "--port",
              "--bind",
              "--matcher",
              "--ims-keys",
              "--jar",
              "--assets",
              "--max-indexed-assets",
              "--load-timeout" -> {
            if (!hasValue) {
              err.println(a + " needs a value");
              return null;
            }
            String v = args.get(++i);
            if (!o.set(a, v, err)) {
              return null;
            }
          }
          default -> {
            if (a.startsWith("--")) {
              err.println("unknown option " + TenantFiles.oneLine(a));
              return null;
            }
            positional.add(a);
          }
        }
      }
      if (positional.size() > 1) {
        err.println("at most one tenant file");
        return null;
      }
      o.tenantFile = positional.isEmpty() ? null : positional.get(0);
      if (!o.jars.isEmpty() && DEMO_MATCHER.equals(o.matcherName)) {
        err.println(
            "--matcher " + DEMO_MATCHER + " serves the built-in demo matcher: it takes no --jar");
        return null;
      }
      try {
        o.jars = MatcherJars.split(o.jars);
      } catch (BadInputException e) {
        err.println(e.getMessage());
        return null;
      }
      return o;
    }

    private boolean set(String option, String value, PrintStream err) {
      switch (option) {
        case "--port" -> {
          try {
            port = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            port = -1;
          }
          if (port < 0 || port > 65_535) {
            err.println("--port must be a number from 0 to 65535");
            return false;
          }
        }
        case "--bind" -> {
          try {
            bind = InetAddress.getByName(value);
          } catch (UnknownHostException e) {
            err.println("--bind: unknown address " + TenantFiles.oneLine(value));
            return false;
          }
        }
        case "--matcher" -> matcherName = value;
        case "--jar" -> jars.add(value);
        case "--assets" -> assetsFile = value;
        case "--max-indexed-assets" -> {
          maxIndexedAssets = positive(value);
          if (maxIndexedAssets < 1) {
            err.println("--max-indexed-assets must be a number from 1 to " + Integer.MAX_VALUE);
            return false;
          }
        }
        case "--load-timeout" -> {
          int seconds = positive(value);
          if (seconds < 1) {
            err.println(
                "--load-timeout must be a number of seconds from 1 to " + Integer.MAX_VALUE);
            return false;
          }
          loadTimeout = Duration.ofSeconds(seconds);
        }
        default -> imsKeys = value;
      }
      return true;
    }

    /** The value as a positive int, or -1. */
    private static int positive(String value) {
      try {
        int n = Integer.parseInt(value);
        return n > 0 ? n : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
