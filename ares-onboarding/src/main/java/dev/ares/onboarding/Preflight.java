package dev.ares.onboarding;

import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.matching.Asset;
import dev.ares.onboarding.internal.AemChecks;
import dev.ares.onboarding.internal.AresHeaderChecks;
import dev.ares.onboarding.internal.AssetChecks;
import dev.ares.onboarding.internal.CheckRunner;
import dev.ares.onboarding.internal.CheckTask;
import dev.ares.onboarding.internal.CommerceChecks;
import dev.ares.onboarding.internal.CommerceRestVerdict;
import dev.ares.onboarding.internal.MatcherChecks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A preflight of a whole tenant before {@code registerTenant}: it checks what Adobe documents as
 * the causes of ARES's onboarding errors, concurrently, and returns a {@link PreflightReport}.
 *
 * <pre>{@code
 * PreflightReport report = Preflight.builder()
 *     .tenant(tenant)
 *     .aresHeaders(AresHeaders.builder().apiKey(apiKey).environmentId(envId).gatewaySignature(jwt).build())
 *     .build()
 *     .run();
 * if (!report.canRegister()) {
 *   System.out.print(report.toText());
 * }
 * }</pre>
 *
 * <p>The checks, in report order (ids in brackets):
 *
 * <ul>
 *   <li>ARES headers, when {@link Builder#aresHeaders} is given: the API key [{@code ares.apiKey}]
 *       and environment id [{@code ares.environmentId}] are present and visible ASCII; the JWT
 *       [{@code ares.jwt}] is three base64url parts with a JSON header and claims, and not expired
 *       by the {@link Builder#clock} when it has {@code exp}. Offline.
 *   <li>Commerce: the base URL is https, http only to a loopback host [{@code commerce.baseUrl}];
 *       it answers as Commerce REST, an unsigned unknown route under {@code /rest/V1/} getting
 *       Commerce's 404 error, so that a storefront, a login page or another API is "not a Commerce
 *       REST base URL" [{@code commerce.rest}]; the store accepts the credentials signed with
 *       HMAC-SHA256, through {@code CommerceCredentialsCheck} [{@code commerce.credentials}], a
 *       store refusing the signature method named as such (skipped when the base URL is not
 *       Commerce's); {@code version}, when given, is 2.4.5 or later and {@code extensionVersion} a
 *       version number [{@code commerce.version}].
 *   <li>AEM: {@code programId} and {@code environmentId} are digits [{@code aem.ids}]; the author
 *       host made from {@link Builder#aemAuthorUrlTemplate} answers, whatever the status [{@code
 *       aem.author}].
 *   <li>External matcher, when the rule is one: the action and IMS URLs are https and {@code
 *       imsOrgId} ends with {@code @AdobeOrg} [{@code matcher.urls}]; IMS issues a token [{@code
 *       matcher.imsToken}]; each action answers a probe with a body ARES can read [{@code
 *       matcher.assetToProduct}, {@code matcher.productToAsset}]; each action refuses the probe
 *       without a token, a warning "your action is public" when it answers [{@code
 *       matcher.tokenRequired}].
 *   <li>Assets, when {@link Builder#assets} is given, read in one pass: some are approved Commerce
 *       assets [{@code assets.eligible}]; their metadata reads cleanly [{@code assets.metadata}];
 *       the distinct SKUs they name are in the store's catalog, looked up with signed {@code in}
 *       searches of 100 SKUs after one that counts the catalog, the coverage next to the tenant's
 *       {@code threshold} [{@code assets.catalog}]: none found fails, some missing warns. At most
 *       {@link Builder#maxCatalogSkus} SKUs are looked up, so a large export needs a {@link
 *       Builder#checkTimeout} long enough for about one request per 100 SKUs.
 * </ul>
 *
 * <p>Independent checks run at once on at most {@link Builder#concurrency} threads (4 by default),
 * each within {@link Builder#checkTimeout} (30 s by default) from its start: a check still running
 * then is interrupted and fails "timed out", so {@link #run()} always returns. HTTP calls use
 * {@link Builder#httpOptions} ({@link #defaultHttpOptions()} by default). A failure's remediation
 * is Adobe's documented cause of the user error ARES would answer ({@link
 * dev.ares.client.model.UserErrorCode#remediation()}) where there is one. No text of the report
 * holds a secret. Immutable and thread-safe; {@link #run()} may be called again.
 */
public final class Preflight {

  /** Adobe's author host; {@code {programId}} and {@code {environmentId}} are filled in. */
  public static final String DEFAULT_AEM_AUTHOR_URL_TEMPLATE =
      "https://author-p{programId}-e{environmentId}.adobeaemcloud.com/";

  /** How many distinct SKUs of the assets are looked up in the catalog by default. */
  public static final int DEFAULT_MAX_CATALOG_SKUS = 200_000;

  /** The SKU the product-to-asset action is asked about by default. */
  public static final String DEFAULT_PROBE_SKU = "ARES-PREFLIGHT-PROBE";

  private final TenantInput tenant;
  private final AresHeaders aresHeaders;
  private final Clock clock;
  private final Duration checkTimeout;
  private final int concurrency;
  private final String aemAuthorUrlTemplate;
  private final HttpOptions httpOptions;
  private final Asset probeAsset;
  private final String probeSku;
  private final Supplier<Stream<Asset>> assets;
  private final int maxCatalogSkus;

  private Preflight(Builder b) {
    this.tenant = b.tenant;
    this.aresHeaders = b.aresHeaders;
    this.clock = b.clock;
    this.checkTimeout = b.checkTimeout;
    this.concurrency = b.concurrency;
    this.aemAuthorUrlTemplate = b.aemAuthorUrlTemplate;
    this.httpOptions = b.httpOptions;
    this.probeAsset = b.probeAsset;
    this.probeSku = b.probeSku;
    this.assets = b.assets;
    this.maxCatalogSkus = b.maxCatalogSkus;
  }

  /** A builder; {@link Builder#tenant} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The HTTP settings of the checks' calls by default: connect 5 s, attempt 10 s, call 12 s (the
   * matcher's two probes and its token fit in the default check timeout), {@link
   * RetryPolicy#defaults()}, answers up to 1 MiB, https required.
   */
  public static HttpOptions defaultHttpOptions() {
    return HttpOptions.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .attemptTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(12))
        .retryPolicy(RetryPolicy.defaults())
        .maxResponseBytes(1L << 20)
        .maxConnections(4)
        .build();
  }

  /** Runs every check and returns the report; never throws for what a check finds. */
  public PreflightReport run() {
    List<CheckTask> tasks = new ArrayList<>();
    tasks.addAll(AresHeaderChecks.tasks(aresHeaders, clock));
    CommerceRestVerdict restVerdict = new CommerceRestVerdict(tenant.commerce(), httpOptions);
    tasks.addAll(CommerceChecks.tasks(tenant, httpOptions, restVerdict));
    tasks.addAll(AemChecks.tasks(tenant, aemAuthorUrlTemplate, httpOptions));
    tasks.addAll(MatcherChecks.tasks(tenant, httpOptions, probeAsset, probeSku));
    tasks.addAll(
        AssetChecks.tasks(tenant, assets, httpOptions, restVerdict, maxCatalogSkus, checkTimeout));
    List<CheckResult> results = new CheckRunner(concurrency, checkTimeout).run(tasks);
    return PreflightReport.builder().checks(results).build();
  }

  /** The settings, never a secret. */
  @Override
  public String toString() {
    return "Preflight{projectId="
        + tenant.projectId()
        + ", aresHeaders="
        + (aresHeaders != null)
        + ", checkTimeout="
        + checkTimeout
        + ", concurrency="
        + concurrency
        + ", aemAuthorUrlTemplate="
        + aemAuthorUrlTemplate
        + "}";
  }

  /**
   * Configures a {@link Preflight}; not thread-safe. Every setter accepts anything, {@code null}
   * included; {@link #build()} names every problem at once under {@code preflight.}.
   */
  public static final class Builder {

    private static final String ROOT = "preflight";

    private TenantInput tenant;
    private AresHeaders aresHeaders;
    private Clock clock = Clock.systemUTC();
    private Duration checkTimeout = Duration.ofSeconds(30);
    private int concurrency = 4;
    private String aemAuthorUrlTemplate = DEFAULT_AEM_AUTHOR_URL_TEMPLATE;
    private HttpOptions httpOptions = defaultHttpOptions();
    private Asset probeAsset =
        Asset.of(
            "urn:aaid:aem:00000000-0000-0000-0000-preflight000",
            Map.of("commerce:isCommerce", "Yes", "commerce:skus", List.of(DEFAULT_PROBE_SKU)));
    private String probeSku = DEFAULT_PROBE_SKU;
    private Supplier<Stream<Asset>> assets;
    private int maxCatalogSkus = DEFAULT_MAX_CATALOG_SKUS;

    private Builder() {}

    /**
     * The most distinct SKUs of the assets looked up in the store's catalog [{@code
     * assets.catalog}], 1 to 10,000,000; {@link #DEFAULT_MAX_CATALOG_SKUS} by default. It bounds
     * both the memory (the SKUs are kept packed, about their length + 14 bytes each) and the
     * requests (about one per 100 SKUs); SKUs beyond it are counted and the check warns. No search
     * starts once the {@link #checkTimeout} is one call timeout away: the SKUs left are counted and
     * the check warns, so the asset checks keep their results.
     */
    public Builder maxCatalogSkus(int maxCatalogSkus) {
      this.maxCatalogSkus = maxCatalogSkus;
      return this;
    }

    /**
     * The assets to check (an export such as {@code assets.jsonl}), opened anew by each {@link
     * Preflight#run()} and closed after one pass; without it the asset checks are skipped. For
     * example {@code () -> AssetJson.lines(Files.newBufferedReader(path), "assets.jsonl")}, with
     * the {@code IOException} handled.
     */
    public Builder assets(Supplier<Stream<Asset>> assets) {
      this.assets = assets;
      return this;
    }

    /** The tenant to check, as it will be registered; required. */
    public Builder tenant(TenantInput tenant) {
      this.tenant = tenant;
      return this;
    }

    /** The ARES header settings to check; without them the three header checks are skipped. */
    public Builder aresHeaders(AresHeaders aresHeaders) {
      this.aresHeaders = aresHeaders;
      return this;
    }

    /** The clock the JWT's {@code exp} is compared with; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long one check may run, from its start, 1 ms to 10 minutes; 30 s by default. */
    public Builder checkTimeout(Duration checkTimeout) {
      this.checkTimeout = checkTimeout;
      return this;
    }

    /** How many checks run at once, 1 to 64; 4 by default. */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * The AEM author URL, with {@code {programId}} and {@code {environmentId}} to fill in; {@link
     * #DEFAULT_AEM_AUTHOR_URL_TEMPLATE} by default. Tests point it at a loopback server.
     */
    public Builder aemAuthorUrlTemplate(String template) {
      this.aemAuthorUrlTemplate = template;
      return this;
    }

    /** The HTTP settings of every call; {@link Preflight#defaultHttpOptions()} by default. */
    public Builder httpOptions(HttpOptions httpOptions) {
      this.httpOptions = httpOptions;
      return this;
    }

    /** The asset the asset-to-product action is asked about; a made-up one by default. */
    public Builder probeAsset(Asset probeAsset) {
      this.probeAsset = probeAsset;
      return this;
    }

    /**
     * The SKU the product-to-asset action is asked about; {@link #DEFAULT_PROBE_SKU} by default.
     */
    public Builder probeSku(String probeSku) {
      this.probeSku = probeSku;
      return this;
    }

    /**
     * The preflight; nothing is sent yet.
     *
     * @throws AresValidationException naming every bad setting, such as {@code preflight.tenant is
     *     required}
     */
    public Preflight build() {
      List<FieldViolation> violations = new ArrayList<>();
      if (tenant == null) {
        violations.add(FieldViolation.of(ROOT + ".tenant", "is required"));
      }
      if (clock == null) {
        violations.add(FieldViolation.of(ROOT + ".clock", "is required"));
      }
      if (checkTimeout == null
          || checkTimeout.compareTo(Duration.ofMillis(1)) < 0
          || checkTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
        violations.add(FieldViolation.of(ROOT + ".checkTimeout", "must be 1 ms to 10 minutes"));
      }
      if (concurrency < 1 || concurrency > 64) {
        violations.add(FieldViolation.of(ROOT + ".concurrency", "must be 1 to 64"));
      }
      String templateProblem = templateProblem(aemAuthorUrlTemplate);
      if (templateProblem != null) {
        violations.add(FieldViolation.of(ROOT + ".aemAuthorUrlTemplate", templateProblem));
      }
      if (httpOptions == null) {
        violations.add(FieldViolation.of(ROOT + ".httpOptions", "is required"));
      }
      if (maxCatalogSkus < 1 || maxCatalogSkus > 10_000_000) {
        violations.add(FieldViolation.of(ROOT + ".maxCatalogSkus", "must be 1 to 10,000,000"));
      }
      if (probeAsset == null) {
        violations.add(FieldViolation.of(ROOT + ".probeAsset", "is required"));
      }
      if (probeSku == null || probeSku.isBlank()) {
        violations.add(FieldViolation.of(ROOT + ".probeSku", "is required"));
      }
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      return new Preflight(this);
    }

    private static String templateProblem(String template) {
      if (template == null) {
        return "is required";
      }
      if (!template.contains("{programId}") || !template.contains("{environmentId}")) {
        return "must contain {programId} and {environmentId}";
      }
      try {
        URI uri = URI.create(template.replace("{programId}", "1").replace("{environmentId}", "2"));
        if (uri.getHost() == null
            || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
          return "must be an absolute http(s) URL";
        }
      } catch (IllegalArgumentException e) {
        return "must be an absolute http(s) URL";
      }
      return null;
    }
  }
}
