package dev.ares.commerce.oauth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.SignatureMethod;
import dev.ares.commerce.oauth.SignatureVerification;
import dev.ares.commerce.oauth.VerificationOutcome;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback fake of the Adobe Commerce REST API for tests: it verifies every request's OAuth 1.0a
 * signature with its own RFC 5849 reference, which shares no code with the SDK's signer (so a bug
 * in the signer's base string makes this store refuse), rejects a reused nonce and a timestamp more
 * than 600 s in the future, and answers as Commerce 2.4.4+ does (status and JSON {@code message}).
 *
 * <pre>{@code
 * try (FakeCommerceServer store = FakeCommerceServer.builder(credentials).start()) {
 *   ... call store.baseUrl() + "/rest/V1/products?searchCriteria%5BpageSize%5D=1" signed ...
 * }
 * }</pre>
 *
 * <p>Serves {@code GET /rest/V1/products}: an empty product page, or, for a search {@code
 * searchCriteria[filter_groups][0][filters][0]} on {@code sku} with {@code condition_type} {@code
 * in}, the listed SKUs the {@link Builder#catalog} has, paged by {@code searchCriteria[pageSize]}
 * (at most {@link Builder#maxPageSize}) and {@code searchCriteria[currentPage]} (1-based; a page
 * past the last answers the last page again, as Commerce does), with {@code total_count}. A search
 * without that filter answers an empty page with the {@link Builder#catalogSize} as its {@code
 * total_count}. Any other route answers 404 {@code "Request does not match any route."}, an
 * unsigned request before any authentication, as Commerce matches the route first. {@link
 * Builder#site} makes it answer as something that is not Commerce at all, for tests of a wrong base
 * URL. Listens on {@code 127.0.0.1} on a free port and answers on four daemon threads named {@code
 * fake-commerce-N}, which {@link #close()} stops. Unless it is already set, sets the JVM-wide
 * {@code sun.net.httpserver.nodelay} property to {@code true} before the first JDK HTTP server
 * starts; otherwise each small answer waits ~40 ms for a delayed ACK. Thread-safe. Remembered
 * nonces are kept until {@link #close()}, as suits a test.
 */
public final class FakeCommerceServer implements AutoCloseable {

  /** How far in the future a timestamp may be, in seconds, as in Commerce's nonce check. */
  public static final long MAX_FUTURE_SECONDS = 600;

  static final String INVALID_SIGNATURE = "The signature is invalid. Verify and try again.";
  static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
  static final String PRODUCTS_RESOURCE = "Magento_Catalog::products";
  static final String NO_ROUTE = "Request does not match any route.";
  static final String PRODUCTS_PATH = "/rest/V1/products";

  /** What answers at the fake's address: Commerce, or a site a wrong base URL could point at. */
  public enum Site {
    /** Commerce's REST API, as the rest of this class describes. */
    COMMERCE,
    /** A storefront or login page: every request answers 200 with an HTML page. */
    STOREFRONT,
    /** Some other JSON API: every request answers 404 with a JSON error that is not Commerce's. */
    FOREIGN_JSON_API
  }

  private static final List<String> REQUIRED =
      List.of(
          "oauth_consumer_key",
          "oauth_token",
          "oauth_signature_method",
          "oauth_signature",
          "oauth_timestamp",
          "oauth_nonce");

  private final CommerceCredentialsInput credentials;
  private final Set<SignatureMethod> acceptedMethods;
  private final Clock clock;
  private final boolean catalogPermission;
  private final boolean maintenance;
  private final Site site;
  private final Predicate<String> catalog;
  private final int maxPageSize;
  private final long catalogSize;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Set<String> seenNonces = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();

  private FakeCommerceServer(Builder b) throws IOException {
    requireValid(b.credentials);
    this.credentials = b.credentials;
    this.acceptedMethods = Set.copyOf(b.accepted);
    this.clock = b.clock;
    this.catalogPermission = b.catalogPermission;
    this.maintenance = b.maintenance;
    this.site = b.site;
    this.catalog = b.catalog;
    this.maxPageSize = b.maxPageSize;
    this.catalogSize = b.catalogSize;
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK, costing ~40 ms a request. Read once, when the JDK server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "fake-commerce-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A builder for a store that knows these credentials.
   *
   * @throws dev.ares.core.AresValidationException when a credential is missing
   */
  public static Builder builder(CommerceCredentialsInput credentials) {
    return new Builder(credentials);
  }

  /** The base URL of the fake store, {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How many requests reached the store. */
  public int requestCount() {
    return requests.get();
  }

  /** How many requests had a valid, fresh signature and were answered 200. */
  public int acceptedCount() {
    return accepted.get();
  }

  /** Stops the server and its threads at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** The address only. */
  @Override
  public String toString() {
    return "FakeCommerceServer{" + baseUrl() + "}";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = readBody(exchange.getRequestBody());
      if (maintenance) {
        send(exchange, 503, "text/html", "<html><body>Service Unavailable</body></html>");
        return;
      }
      if (site != Site.COMMERCE) {
        answerAsAnotherSite(exchange);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      boolean knownRoute = "GET".equals(exchange.getRequestMethod()) && PRODUCTS_PATH.equals(path);
      if (!knownRoute && !hasOAuthHeader(exchange)) {
        // Commerce matches the route before it looks at who is asking.
        sendError(exchange, 404, NO_ROUTE, null, null);
        return;
      }
      SignatureVerification verification;
      try {
        verification = verify(exchange, body);
      } catch (RuntimeException e) {
        // A URI or form body that cannot be parsed cannot carry a valid signature.
        sendError(exchange, 400, "The OAuth request is malformed.", null, null);
        return;
      }
      if (verification.outcome() != VerificationOutcome.VALID) {
        switch (verification.outcome()) {
          case NOT_SIGNED ->
              sendError(exchange, 401, NOT_AUTHORIZED, "resources", PRODUCTS_RESOURCE);
          case UNSUPPORTED_SIGNATURE_METHOD ->
              sendError(
                  exchange,
                  400,
                  "Signature method %1 is not supported",
                  "1",
                  verification.signatureMethod().orElse(""));
          case UNKNOWN_CONSUMER ->
              sendError(
                  exchange, 401, "A consumer having the specified key does not exist", null, null);
          case UNKNOWN_TOKEN ->
              sendError(exchange, 401, "Specified token does not exist", null, null);
          case MALFORMED -> sendError(exchange, 400, "The OAuth request is malformed.", null, null);
          default -> sendError(exchange, 401, INVALID_SIGNATURE, null, null);
        }
        return;
      }
      long timestamp = verification.timestamp().getAsLong();
      if (timestamp <= 0 || timestamp > clock.instant().getEpochSecond() + MAX_FUTURE_SECONDS) {
        sendError(exchange, 401, "The timestamp is invalid. Verify and try again.", null, null);
        return;
      }
      // Checked after the signature, so a forged request cannot use up a real client's nonce.
      // Commerce keys nonces by consumer alone, whatever the timestamp; this store has one
      // consumer.
      if (!seenNonces.add(verification.nonce().get())) {
        sendError(
            exchange, 401, "The nonce is already being used by the consumer with ID %1.", "1", "1");
        return;
      }
      if (!catalogPermission) {
        sendError(exchange, 401, NOT_AUTHORIZED, "resources", PRODUCTS_RESOURCE);
        return;
      }
      if (!knownRoute) {
        sendError(exchange, 404, NO_ROUTE, null, null);
        return;
      }
      accepted.incrementAndGet();
      Map<String, String> query = queryParameters(exchange.getRequestURI().getRawQuery());
      if ("sku".equals(query.get(FILTER + "[field]"))
          && "in".equals(query.get(FILTER + "[condition_type]"))) {
        send(exchange, 200, "application/json", skuPage(query));
        return;
      }
      send(
          exchange,
          200,
          "application/json",
          "{\"items\":[],\"search_criteria\":{\"filter_groups\":[],\"page_size\":1},"
              + "\"total_count\":"
              + catalogSize
              + "}");
    }
  }

  private void answerAsAnotherSite(HttpExchange exchange) throws IOException {
    if (site == Site.STOREFRONT) {
      send(
          exchange,
          200,
          "text/html",
          "<!DOCTYPE html>\n<html lang=\"en\">\n  <head><title>Luma Store - Home</title></head>\n"
              + "  <body><h1>Welcome to the Luma store</h1></body>\n</html>\n");
    } else {
      send(
          exchange,
          404,
          "application/json",
          "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"status\":404,\"error\":\"Not Found\","
              + "\"path\":"
              + quote(exchange.getRequestURI().getRawPath())
              + "}");
    }
  }

  private static boolean hasOAuthHeader(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null
        && authorization.strip().toLowerCase(Locale.ROOT).startsWith("oauth ");
  }

  private static final String FILTER = "searchCriteria[filter_groups][0][filters][0]";

  /** One page of the listed SKUs the catalog has, in the order they were listed. */
  private String skuPage(Map<String, String> query) {
    List<String> found = new ArrayList<>();
    for (String sku :
        new LinkedHashSet<>(List.of(query.getOrDefault(FILTER + "[value]", "").split(",", -1)))) {
      if (!sku.isEmpty() && catalog.test(sku)) {
        found.add(sku);
      }
    }
    int pageSize =
        Math.min(maxPageSize, positive(query.get("searchCriteria[pageSize]"), maxPageSize));
    int lastPage = Math.max(1, (found.size() + pageSize - 1) / pageSize);
    int page = Math.min(lastPage, positive(query.get("searchCriteria[currentPage]"), 1));
    StringBuilder json = new StringBuilder("{\"items\":[");
    int from = (page - 1) * pageSize;
    for (int i = from; i < Math.min(found.size(), from + pageSize); i++) {
      json.append(i == from ? "" : ",").append("{\"sku\":").append(quote(found.get(i))).append('}');
    }
    return json.append("],\"total_count\":").append(found.size()).append('}').toString();
  }

  private static int positive(String value, int otherwise) {
    try {
      int parsed = value == null ? otherwise : Integer.parseInt(value);
      return parsed > 0 ? parsed : otherwise;
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        parameters.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  private static void requireValid(CommerceCredentialsInput credentials) {
    String root = "commerce.credentials";
    List<FieldViolation> violations =
        credentials == null
            ? List.of(FieldViolation.of(root, "is required"))
            : credentials.violations(root);
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
  }

  /**
   * Checks the request's {@code Authorization} header with {@link Rfc5849Reference}, as Commerce
   * does: the form body is signed only when the {@code Content-Type} header says it is a form.
   *
   * @throws IllegalArgumentException when the query or form body cannot be decoded
   */
  private SignatureVerification verify(HttpExchange exchange, byte[] body) {
    if (!hasOAuthHeader(exchange)) {
      return SignatureVerification.builder().outcome(VerificationOutcome.NOT_SIGNED).build();
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Map<String, String> params = Rfc5849Reference.authorizationParams(authorization);
    if (params == null) {
      return SignatureVerification.builder().outcome(VerificationOutcome.MALFORMED).build();
    }
    SignatureVerification.Builder result =
        SignatureVerification.builder()
            .nonce(Optional.ofNullable(params.get("oauth_nonce")))
            .signatureMethod(Optional.ofNullable(params.get("oauth_signature_method")));
    if (!params.keySet().containsAll(REQUIRED)
        || !params.get("oauth_timestamp").matches("[0-9]{1,18}")
        || !params.getOrDefault("oauth_version", "1.0").equals("1.0")) {
      return result.outcome(VerificationOutcome.MALFORMED).build();
    }
    result.timestamp(Long.parseLong(params.get("oauth_timestamp")));
    String method = params.get("oauth_signature_method");
    if (acceptedMethods.stream().noneMatch(m -> m.oauthName().equals(method))) {
      return result.outcome(VerificationOutcome.UNSUPPORTED_SIGNATURE_METHOD).build();
    }
    if (!same(params.get("oauth_consumer_key"), credentials.consumerKey())) {
      return result.outcome(VerificationOutcome.UNKNOWN_CONSUMER).build();
    }
    if (!same(params.get("oauth_token"), credentials.accessToken())) {
      return result.outcome(VerificationOutcome.UNKNOWN_TOKEN).build();
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null) {
      host = "127.0.0.1:" + exchange.getLocalAddress().getPort();
    }
    URI uri = URI.create("http://" + host + exchange.getRequestURI().toString());
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    boolean form =
        contentType != null
            && contentType
                .strip()
                .toLowerCase(Locale.ROOT)
                .startsWith("application/x-www-form-urlencoded");
    String formBody = form && body.length > 0 ? new String(body, StandardCharsets.UTF_8) : null;
    Map<String, String> signed = new TreeMap<>();
    params.forEach(
        (name, value) -> {
          // realm and any other parameter outside oauth_* are not signed (section 3.4.1.3.1).
          if (name.startsWith("oauth_")) {
            signed.put(name, value);
          }
        });
    String baseString =
        Rfc5849Reference.baseString(exchange.getRequestMethod(), uri, formBody, signed);
    String expected =
        Rfc5849Reference.signature(
            method, credentials.consumerSecret(), credentials.accessTokenSecret(), baseString);
    return result
        .outcome(
            same(params.get("oauth_signature"), expected)
                ? VerificationOutcome.VALID
                : VerificationOutcome.INVALID_SIGNATURE)
        .build();
  }

  /** Compares in constant time, as a store must. */
  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] readBody(InputStream in) throws IOException {
    return in.readNBytes(1024 * 1024);
  }

  private static void sendError(
      HttpExchange exchange, int status, String message, String param, String value)
      throws IOException {
    String json = "{\"message\":" + quote(message);
    if (param != null) {
      // Commerce sends positional parameters (%1) as an array and named ones as an object.
      json +=
          param.equals("1")
              ? ",\"parameters\":[" + quote(value) + "]"
              : ",\"parameters\":{" + quote(param) + ":" + quote(value) + "}";
    }
    send(exchange, status, "application/json", json + "}");
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Builds and starts a {@link FakeCommerceServer}. Not thread-safe. */
  public static final class Builder {

    private final CommerceCredentialsInput credentials;
    private Clock clock = Clock.systemUTC();
    private boolean catalogPermission = true;
    private boolean maintenance;
    private Site site = Site.COMMERCE;
    private Predicate<String> catalog = sku -> false;
    private int maxPageSize = 300;
    private long catalogSize;
    private Set<SignatureMethod> accepted = EnumSet.of(SignatureMethod.HMAC_SHA256);

    private Builder(CommerceCredentialsInput credentials) {
      this.credentials = credentials;
    }

    /** The store's clock, for the 600 s future limit; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether the integration may read products ({@code Magento_Catalog::products}); true by
     * default. False makes valid requests answer 401 "The consumer isn't authorized to access
     * Magento_Catalog::products.".
     */
    public Builder catalogPermission(boolean catalogPermission) {
      this.catalogPermission = catalogPermission;
      return this;
    }

    /** Whether the store is in maintenance mode: every request answers 503 with an HTML page. */
    public Builder maintenance(boolean maintenance) {
      this.maintenance = maintenance;
      return this;
    }

    /**
     * What answers at the fake's address; {@link Site#COMMERCE} by default. Another site answers
     * every request the same way, signed or not, and verifies nothing.
     */
    public Builder site(Site site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * Which SKUs the store's catalog has, asked once per SKU of an {@code in} search; none by
     * default. A predicate rather than a list, so a test of a huge catalog keeps no copy of it.
     */
    public Builder catalog(Predicate<String> catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      return this;
    }

    /**
     * The {@code total_count} of a search without a filter, how many products the whole catalog
     * holds; 0 by default. Its page stays empty.
     */
    public Builder catalogSize(long catalogSize) {
      if (catalogSize < 0) {
        throw new IllegalArgumentException("catalogSize must be 0 or more");
      }
      this.catalogSize = catalogSize;
      return this;
    }

    /**
     * The most products one page of a search holds, whatever {@code searchCriteria[pageSize]} asks
     * for; 300 by default. A small one makes a client page.
     */
    public Builder maxPageSize(int maxPageSize) {
      if (maxPageSize < 1) {
        throw new IllegalArgumentException("maxPageSize must be 1 or more");
      }
      this.maxPageSize = maxPageSize;
      return this;
    }

    /**
     * Also accept HMAC-SHA1, as stores older than 2.4.4 do; by default only HMAC-SHA256 is accepted
     * and HMAC-SHA1 answers 400.
     */
    public Builder acceptHmacSha1(boolean acceptHmacSha1) {
      this.accepted =
          acceptHmacSha1
              ? EnumSet.allOf(SignatureMethod.class)
              : EnumSet.of(SignatureMethod.HMAC_SHA256);
      return this;
    }

    /**
     * Starts the store on a free loopback port.
     *
     * @throws dev.ares.core.AresValidationException when a credential is missing
     * @throws UncheckedIOException when no port can be bound
     */
    public FakeCommerceServer start() {
      try {
        return new FakeCommerceServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the fake Commerce server", e);
      }
    }
  }
}
