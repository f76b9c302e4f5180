package dev.ares.commerce.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.commerce.oauth.internal.PercentEncoding;
import dev.ares.commerce.oauth.internal.StoreMessages;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpClientBuilder;
import dev.ares.core.HttpOptions;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Looks SKUs up in the store's catalog with signed, read-only product searches, up to {@link
 * #MAX_SKUS_PER_SEARCH} SKUs a search: {@code GET {baseUrl}/rest/V1/products?searchCriteria
 * [filter_groups][0][filters][0][field]=sku&...[value]=a,b,c&...[condition_type]=in
 * &searchCriteria[pageSize]=100&searchCriteria[currentPage]=1&fields=items[sku],total_count}, every
 * part RFC 3986-encoded, signed with HMAC-SHA256 by the {@link CommerceRequestSigner}.
 *
 * <pre>{@code
 * try (CommerceCatalogLookup lookup = CommerceCatalogLookup.builder().commerce(commerce).build()) {
 *   CatalogLookupResult result = lookup.lookUp(List.of("24-MB01", "24-MB02"));
 *   result.found(); // the SKUs the catalog has
 * }
 * }</pre>
 *
 * <p>{@link #catalogSize()} counts the catalog's products with one more search.
 *
 * <p><b>Requests.</b> One search per call, plus a page more only while the store's {@code
 * total_count} says it holds more of the asked SKUs than came and each page brings one not seen
 * before; so a call sends at most as many requests as it asks about SKUs, and usually one. A page
 * past the last is never asked for (Commerce would answer the last one again).
 *
 * <p><b>Errors.</b> As the {@link CommerceCredentialsCheck}, whose timeouts, retries, size limit
 * and rules for the base URL it shares ({@link CommerceCredentialsCheck#defaultHttpOptions()}):
 * {@link #lookUp} never throws for what the store answers or for a network failure; a refusal, an
 * answer that is no product search (HTML, other JSON, a SKU that is not text) or no answer ends the
 * lookup with a {@link CatalogLookupResult#failure()} whose message holds no credential.
 *
 * <p>Thread-safe; {@link #close()} closes the HTTP client it created.
 */
public final class CommerceCatalogLookup implements AutoCloseable {

  /**
   * The most SKUs one search asks about: Commerce lists them in one query string, which proxies cut
   * at a few kilobytes.
   */
  public static final int MAX_SKUS_PER_SEARCH = 100;

  static final String THREAD_NAME = "ares-commerce-catalog-deadlines";

  private static final String FILTER =
      PercentEncoding.encode("searchCriteria[filter_groups][0][filters][0]");
  private static final String FIELDS = "fields=" + PercentEncoding.encode("items[sku],total_count");

  private final String base;
  private final String host;
  private final CommerceRequestSigner signer;
  private final ServerText serverText;
  private final HttpEngine engine;
  private final HttpOptions options;

  private CommerceCatalogLookup(Builder b, HttpOptions options, String base) {
    this.base = base;
    this.host = Urls.hostOf(URI.create(base));
    this.signer = CommerceRequestSigner.builder(b.credentials).build();
    this.serverText = StoreAnswers.masking(b.credentials);
    this.options = options;
    this.engine = StoreAnswers.engine(options, THREAD_NAME);
  }

  /** A builder; {@code baseUrl} and {@code credentials} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The HTTP settings this lookup uses, as checked by its builder. */
  public HttpOptions httpOptions() {
    return options;
  }

  /**
   * How many products the catalog holds, by one search of one product: {@code
   * searchCriteria[pageSize]=1}, read from the answer's {@code total_count}.
   */
  public CatalogLookupResult catalogSize() {
    URI uri =
        URI.create(
            base
                + "/rest/V1/products?"
                + PercentEncoding.encode("searchCriteria[pageSize]")
                + "=1&"
                + FIELDS);
    Page answer = page(uri);
    CatalogLookupResult.Builder result = CatalogLookupResult.builder().requests(1);
    return answer.failure != null
        ? result.failure(answer.failure).build()
        : result.catalogProducts(answer.totalCount).build();
  }

  /**
   * Looks up which of {@code skus} the catalog has; a SKU given twice is asked about once.
   *
   * @throws IllegalArgumentException when there are none, more than {@link #MAX_SKUS_PER_SEARCH}
   *     distinct ones, or one is empty, {@code null} or holds a comma (which an {@code in} list
   *     cannot carry): the caller leaves those out
   */
  public CatalogLookupResult lookUp(Collection<String> skus) {
    Set<String> asked = new LinkedHashSet<>();
    for (String sku : skus) {
      if (sku == null || sku.isEmpty() || sku.indexOf(',') >= 0) {
        throw new IllegalArgumentException("a SKU looked up must be non-empty and without a comma");
      }
      asked.add(sku);
    }
    if (asked.isEmpty() || asked.size() > MAX_SKUS_PER_SEARCH) {
      throw new IllegalArgumentException(
          "look up 1 to " + MAX_SKUS_PER_SEARCH + " SKUs at once, not " + asked.size());
    }
    // The store compares SKUs as its database does, ignoring case.
    Map<String, List<String>> byKey = new HashMap<>();
    for (String sku : asked) {
      byKey.computeIfAbsent(key(sku), k -> new ArrayList<>(1)).add(sku);
    }
    String query = query(asked);
    Set<String> found = new LinkedHashSet<>();
    int requests = 0;
    for (int page = 1; page <= asked.size(); page++) {
      requests++;
      URI uri = URI.create(base + "/rest/V1/products?" + query + page + "&" + FIELDS);
      Page answer = page(uri);
      if (answer.failure != null) {
        return failed(found, requests, answer.failure);
      }
      int before = found.size();
      for (String sku : answer.skus) {
        found.addAll(byKey.getOrDefault(key(sku), List.of()));
      }
      long expected = Math.min(answer.totalCount, byKey.size());
      if (distinctKeys(found) >= expected || found.size() == before) {
        break;
      }
    }
    return CatalogLookupResult.builder().found(found).requests(requests).build();
  }

  /**
   * Closes the lookup: calls in flight are cancelled and end as failures; the HTTP client is closed
   * if the lookup created it. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** The host only; no credential. */
  @Override
  public String toString() {
    return "CommerceCatalogLookup{host=" + host + ", " + signer + "}";
  }

  private static String key(String sku) {
    return sku.toLowerCase(Locale.ROOT);
  }

  private static long distinctKeys(Set<String> found) {
    return found.stream().map(CommerceCatalogLookup::key).distinct().count();
  }

  /** Everything but the page number, which comes last. */
  private static String query(Set<String> asked) {
    return FILTER
        + PercentEncoding.encode("[field]")
        + "=sku&"
        + FILTER
        + PercentEncoding.encode("[value]")
        + "="
        + PercentEncoding.encode(String.join(",", asked))
        + "&"
        + FILTER
        + PercentEncoding.encode("[condition_type]")
        + "=in&"
        + PercentEncoding.encode("searchCriteria[pageSize]")
        + "="
        + asked.size()
        + "&"
        + PercentEncoding.encode("searchCriteria[currentPage]")
        + "=";
  }

  /** The answer to one search, or why there is none. */
  private Page page(URI uri) {
    try {
      return read(
          engine.execute(
              StoreAnswers.signedGet(
                  uri, signer, options, serverText, "CommerceCatalogLookup", "searchProducts")));
    } catch (HttpCallException e) {
      return new Page(List.of(), 0, notReached(e));
    } catch (ResponseTooLargeException e) {
      return new Page(
          List.of(),
          0,
          unexpected(e.status(), e.attempts(), StoreAnswers.tooLarge(e.status(), options)));
    }
  }

  /** One page's SKUs and total, or why it is not one. */
  private record Page(List<String> skus, long totalCount, CredentialsCheckResult failure) {}

  private Page read(HttpAnswer answer) {
    int status = answer.status();
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    if (status == 200) {
      JsonNode tree = StoreMessages.json(body).orElse(null);
      JsonNode items = tree == null ? null : tree.get("items");
      JsonNode total = tree == null ? null : tree.get("total_count");
      if (items != null && items.isArray() && total != null && total.canConvertToLong()) {
        List<String> skus = new ArrayList<>(items.size());
        for (JsonNode item : items) {
          JsonNode sku = item.get("sku");
          if (sku == null || !sku.isTextual()) {
            skus = null;
            break;
          }
          skus.add(sku.asText());
        }
        if (skus != null && total.isIntegralNumber() && total.asLong() >= 0) {
          return new Page(skus, total.asLong(), null);
        }
      }
      return new Page(
          List.of(),
          0,
          unexpected(
              status,
              answer.attempts(),
              "HTTP 200 but not a Commerce product search answer; check the base URL"));
    }
    if (status >= 300 && status < 400) {
      return new Page(
          List.of(),
          0,
          unexpected(
              status, answer.attempts(), "HTTP " + status + " redirect; check the base URL"));
    }
    // Mask first, then cut: a cut before masking could leave the start of an echoed credential.
    String storeMessage = StoreMessages.message(body).map(serverText::printable).orElse(null);
    return new Page(
        List.of(),
        0,
        CredentialsCheckResult.builder()
            .verdict(StoreAnswers.refusal(status, storeMessage))
            .httpStatus(status)
            .attempts(answer.attempts())
            .message(
                storeMessage == null
                    ? "HTTP " + status + " without a Commerce message"
                    : storeMessage)
            .build());
  }

  private static CredentialsCheckResult unexpected(int status, int attempts, String message) {
    return CredentialsCheckResult.builder()
        .verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
        .httpStatus(status)
        .attempts(attempts)
        .message(message)
        .build();
  }

  private CredentialsCheckResult notReached(HttpCallException e) {
    return CredentialsCheckResult.builder()
        .verdict(CredentialsVerdict.STORE_NOT_REACHED)
        .transportFailure(e.failure())
        .message(StoreAnswers.notReached(e, host, options, "the catalog lookup"))
        .attempts(e.attempts())
        .build();
  }

  private static CatalogLookupResult failed(
      Set<String> found, int requests, CredentialsCheckResult failure) {
    return CatalogLookupResult.builder().found(found).requests(requests).failure(failure).build();
  }

  /**
   * Builds a {@link CommerceCatalogLookup}. Not thread-safe. {@link #build()} reports every problem
   * at once, each named {@code commerceCatalogLookup.<setting>}.
   */
  public static final class Builder extends HttpClientBuilder<Builder> {

    private static final String ROOT = "commerceCatalogLookup";

    private String baseUrl;
    private CommerceCredentialsInput credentials;

    private Builder() {
      super(CommerceCredentialsCheck.defaultHttpOptions());
    }

    /** The store's base URL, such as {@code https://shop.example}; required. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
      return this;
    }

    /** The integration's credentials; required. */
    public Builder credentials(CommerceCredentialsInput credentials) {
      this.credentials = credentials;
      return this;
    }

    /** Base URL and credentials from a tenant's {@code commerce} block. */
    public Builder commerce(CommerceInput commerce) {
      this.baseUrl = commerce == null ? null : commerce.baseUrl().orElse(null);
      this.credentials = commerce == null ? null : commerce.credentials();
      return this;
    }

    /**
     * The lookup, ready to {@link CommerceCatalogLookup#lookUp}; nothing is sent yet.
     *
     * @throws AresValidationException naming every bad field under {@code commerceCatalogLookup.}
     */
    public CommerceCatalogLookup build() {
      List<FieldViolation> violations = new ArrayList<>();
      String base =
          StoreAnswers.baseUrl(baseUrl, allowsInsecureHttp(), ROOT + ".baseUrl", violations);
      if (credentials == null) {
        violations.add(FieldViolation.of(ROOT + ".credentials", "is required"));
      } else {
        violations.addAll(credentials.violations(ROOT + ".credentials"));
      }
      HttpOptions options = buildHttpOptions(ROOT, violations);
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      return new CommerceCatalogLookup(this, options, base);
    }
  }
}
