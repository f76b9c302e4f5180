package dev.ares.examples;

import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.HttpOptions;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetJson;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.AssetMatchers;
import dev.ares.matching.CatalogCoverage;
import dev.ares.matching.ExternalMatcher;
import dev.ares.matching.MatchBySku;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The matcher of a tenant file, for the {@code match} and {@code coverage} examples. An external
 * matcher whose action host cannot be reached is refused; with {@code --fake} a loopback server
 * hosting {@code matchBySKU} with a fake IMS stands in for it, so the whole HTTP path still runs.
 */
final class TenantMatcher implements AutoCloseable {

  /** The bundled matchBySKU tenant. */
  static final String SAMPLE_TENANT = "samples/tenant.json";

  /** The bundled assets. */
  static final String SAMPLE_ASSETS = "samples/assets.jsonl";

  /** The bundled catalog SKUs. */
  static final String SAMPLE_CATALOG = "samples/catalog-skus.txt";

  private final TenantInput tenant;
  private final AssetMatcher matcher;
  private final LoopbackMatcherServer loopback;

  private TenantMatcher(TenantInput tenant, AssetMatcher matcher, LoopbackMatcherServer loopback) {
    this.tenant = tenant;
    this.matcher = matcher;
    this.loopback = loopback;
  }

  /**
   * Reads the tenant file (or the bundled sample when {@code null}).
   *
   * @throws BadInputException naming the file, the line and each bad field
   */
  static TenantInput readTenant(String tenantFile) throws IOException {
    return readTenant(tenantFile, SAMPLE_TENANT);
  }

  /** The tenant of the file, or of the bundled {@code sample} when {@code tenantFile} is null. */
  static TenantInput readTenant(String tenantFile, String sample) throws IOException {
    StringWriter text = new StringWriter();
    try (Reader reader = reader(tenantFile, sample)) {
      reader.transferTo(text);
    }
    return TenantFiles.parse(name(tenantFile, sample), text.toString());
  }

  /**
   * Reads every asset of the file (or of the bundled sample when {@code null}) once, so that a bad
   * line is reported before anything is sent to a matcher. Only a regular file is read ahead: a
   * pipe ({@code <(zcat assets.jsonl.gz)}) can be read only once, so its bad lines are reported
   * when the run reaches them.
   *
   * @throws dev.ares.core.AresValidationException naming the file, the line and the field
   */
  static void checkAssets(String file) throws IOException {
    if (file != null && !Files.isRegularFile(Path.of(file))) {
      return;
    }
    try (Stream<Asset> assets = assets(file)) {
      assets.forEach(asset -> {});
    }
  }

  /**
   * Checks the files' kinds, reads the tenant and every asset, and only then builds the matcher:
   * bad input sends nothing. The start of {@code match} and {@code coverage}.
   *
   * @param catalogFile the catalog's SKUs, one a line, or {@code null} when the command has none
   * @param usage the command's usage line, for messages
   */
  static TenantMatcher checkedOpen(
      String tenantFile,
      String assetsFile,
      String catalogFile,
      boolean fake,
      PrintStream out,
      String usage)
      throws IOException {
    return checkedOpen(
        tenantFile,
        assetsFile,
        catalogFile,
        fake,
        out,
        usage,
        ExternalMatcher.defaultHttpOptions());
  }

  /**
   * As {@link #checkedOpen(String, String, String, boolean, PrintStream, String)}, an external
   * matcher (or the {@code --fake} one) built with these HTTP settings, such as a pool sized for
   * {@code match --concurrency N}.
   */
  static TenantMatcher checkedOpen(
      String tenantFile,
      String assetsFile,
      String catalogFile,
      boolean fake,
      PrintStream out,
      String usage,
      HttpOptions http)
      throws IOException {
    FileKind.check(tenantFile, FileKind.TENANT, usage);
    FileKind.check(assetsFile, FileKind.ASSETS, usage);
    FileKind.check(catalogFile, FileKind.TEXT, usage);
    TenantInput input = readTenant(tenantFile);
    checkAssets(assetsFile);
    return open(input, name(tenantFile, SAMPLE_TENANT), fake, out, http);
  }

  /**
   * Builds the matcher of a tenant that was read already. An external matcher is called at its
   * URLs; with {@code fake}, a loopback matcher (matchBySKU on {@code commerce:skus}) with a fake
   * IMS answers instead, and a line on {@code out} says so.
   *
   * @param name the tenant file's name, for messages
   * @throws BadInputException when the external matcher cannot be reached and {@code fake} is off
   */
  static TenantMatcher open(TenantInput tenant, String name, boolean fake, PrintStream out) {
    return open(tenant, name, fake, out, ExternalMatcher.defaultHttpOptions());
  }

  /** As {@link #open(TenantInput, String, boolean, PrintStream)}, with these HTTP settings. */
  static TenantMatcher open(
      TenantInput tenant, String name, boolean fake, PrintStream out, HttpOptions given) {
    CliNetwork network = CliNetwork.current();
    HttpOptions http = network.applyTo(given);
    if (!(tenant.rule() instanceof ExternalMatcherInput external)) {
      return new TenantMatcher(tenant, AssetMatchers.forTenant(tenant, http), null);
    }
    String host = URI.create(external.assetToProductUrl()).getHost();
    if (!fake) {
      // Built first: a URL the matcher refuses (plain http to a host not loopback) is named as
      // such before any connection is opened to it.
      AssetMatcher matcher = AssetMatchers.forTenant(tenant, http);
      URI action = URI.create(external.assetToProductUrl());
      if (!network.proxies(action) && !reachable(action)) {
        matcher.close();
        throw new BadInputException(
            TenantFiles.oneLine(
                name
                    + ": the external matcher at "
                    + host
                    + " cannot be reached; check externalMatcher.assetToProductUrl, or pass "
                    + Arguments.FAKE
                    + " to run against a loopback matcher ("
                    + LOOPBACK_RULE
                    + ") with a fake IMS"));
      }
      return new TenantMatcher(tenant, matcher, null);
    }
    LoopbackMatcherServer server = LoopbackMatcherServer.start(MatchBySku.commerceSkus());
    // The loopback server accepts LOOPBACK_CONNECTIONS at once and resets the rest: a pool no
    // larger never meets its limit; the calls above it wait for a connection (answered in ms).
    HttpOptions loopbackHttp =
        http.maxConnections() > LOOPBACK_CONNECTIONS
            ? http.withMaxConnections(LOOPBACK_CONNECTIONS)
            : http;
    try {
      TenantMatcher opened =
          new TenantMatcher(
              tenant,
              ExternalMatcher.builder()
                  .rule(server.externalMatcherInput())
                  .httpOptions(loopbackHttp)
                  .build(),
              server);
      out.println(
          TenantFiles.oneLine(
              name
                  + ": "
                  + Arguments.FAKE
                  + ": a loopback matcher ("
                  + LOOPBACK_RULE
                  + ") at "
                  + server.baseUrl()
                  + " with a fake IMS answers; "
                  + host
                  + " was not called"));
      return opened;
    } catch (RuntimeException e) {
      server.close(); // do not leave the loopback server running when the matcher fails
      throw e;
    }
  }

  private static final String LOOPBACK_RULE = "matchBySKU on commerce:skus";

  /**
   * The connections the {@code --fake} loopback server accepts at once (MatcherServer's default).
   */
  static final int LOOPBACK_CONNECTIONS = 256;

  TenantInput tenant() {
    return tenant;
  }

  AssetMatcher matcher() {
    return matcher;
  }

  /** The assets of a JSON Lines file, or of the bundled sample when {@code null}; close it. */
  static Stream<Asset> assets(String file) throws IOException {
    return AssetJson.lines(reader(file, SAMPLE_ASSETS), name(file, SAMPLE_ASSETS));
  }

  /**
   * The SKUs of a catalog file, one a line, or of the bundled sample when {@code file} is {@code
   * null}; a line past {@link CatalogCoverage#MAX_SKU_LINE_CHARS} is refused by its number.
   */
  static Stream<String> skus(String file) throws IOException {
    return CatalogCoverage.skuLines(reader(file, SAMPLE_CATALOG), name(file, SAMPLE_CATALOG));
  }

  static Reader reader(String file, String sample) throws IOException {
    if (file != null) {
      try {
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IOException(file + ": no such file", e);
      }
    }
    InputStream in = TenantMatcher.class.getClassLoader().getResourceAsStream(sample);
    if (in == null) {
      throw new IOException("the bundled " + sample + " is missing from the jar");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  static String name(String file, String sample) {
    return file != null ? file : sample + " (bundled)";
  }

  private static boolean reachable(URI uri) {
    int port =
        uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), 2000);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void close() {
    matcher.close();
    if (loopback != null) {
      loopback.close();
    }
  }
}
