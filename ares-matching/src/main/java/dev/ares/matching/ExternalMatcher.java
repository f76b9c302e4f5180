package dev.ares.matching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpClientBuilder;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.BlockingCalls;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.TextRules;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.WireTextRules;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.matching.ExternalMatcherException.Reason;
import dev.ares.matching.internal.Deadline;
import dev.ares.matching.internal.Futures;
import dev.ares.matching.internal.HttpCaller;
import dev.ares.matching.internal.ImsTokenCache;
import dev.ares.matching.internal.MatcherFailures;
import dev.ares.matching.internal.ServerErrors;
import dev.ares.matching.internal.WireJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.pool.PoolStats;

/**
 * The {@code externalMatcher} rule run from Java: calls a tenant's two App Builder actions with an
 * Adobe IMS client-credentials token.
 *
 * <p>Asset → product posts {@code {"assetId", "eventData": {"assetMetadata": {…}}}} to {@code
 * assetToProductUrl}; product → asset posts {@code {"productSku", "eventData": {}}} to {@code
 * productToAssetUrl}. Answers are the wire form of {@link MatchJson}, bare or wrapped by App
 * Builder as {@code {"statusCode": 200, "body": {…}}}. Each call sends {@code Authorization: Bearer
 * …} and {@code x-gw-ims-org-id}. The token is fetched once for all threads, cached until shortly
 * before it expires, and fetched again once when an action answers 401.
 *
 * <p>Every call has connect (5 s), per-attempt (10 s) and whole-call (30 s, token and retries
 * included) timeouts. Connection failures (refused, reset, also in the middle of a body), attempt
 * timeouts, 429 and 503 are retried up to 3 attempts in all, with jittered exponential backoff from
 * 200 ms to 10 s, honouring {@code Retry-After} in seconds or as an HTTP date up to the retry
 * policy's {@code maxRetryAfter} ({@link RetryPolicy#ANY_RETRY_AFTER} by default); a wait that
 * would pass the whole-call deadline ends the call at once. Other statuses are not retried, and
 * redirects are not followed. Answers over 1 MiB are refused without being read to their end. The
 * matcher's own pool keeps at most 64 connections, half of them to any one host. These are {@link
 * #defaultHttpOptions()}; the builder takes others as an {@link HttpOptions} or one by one. An
 * action's 401 makes the matcher fetch a new token once. A host not reached is an {@link
 * dev.ares.core.AresTransportException} with its {@link dev.ares.core.TransportFailure}, an error
 * status an {@link dev.ares.core.AresHttpException}, and an answer it cannot use (IMS refusing the
 * credentials, too large, malformed) an {@link ExternalMatcherException} with a {@link
 * ExternalMatcherException#reason() reason}; each names the host, the status when there was one and
 * the {@link dev.ares.core.AresException#attempts() attempts} of the failing request, never a
 * token, a secret or a body. Thread-safe: share one instance; {@link #close()} it to release the
 * HTTP clients and the threads it created: the deadline thread ({@code
 * ares-external-matcher-deadline}) and, after the first async call, the I/O threads of its async
 * client ({@code ares-external-matcher-io-…}) and at most four callback threads ({@code
 * ares-external-matcher-callbacks-…}).
 *
 * <p>{@link #matchAssetAsync(Asset)} and {@link #matchProductAsync(String)} run on non-blocking I/O
 * with the same token, deadlines, retries, size cap and close semantics, failing with the same
 * exceptions; callbacks chained without an executor run on the callback threads, never on the I/O
 * or deadline threads.
 *
 * <p>Nothing this SDK logs holds a token or secret. Apache HttpClient's own raw-traffic loggers
 * {@code org.apache.hc.client5.http.wire} and {@code org.apache.hc.client5.http.headers} print
 * every byte sent, the {@code Authorization} header and the token form included, when set to DEBUG:
 * never enable them in production.
 *
 * <pre>{@code
 * try (ExternalMatcher matcher = ExternalMatcher.builder().rule(rule).build()) {
 *   AssetToProductResult result = matcher.matchAsset(asset);
 * }
 * }</pre>
 */
public final class ExternalMatcher implements AssetMatcher {

  /** The IMS scopes asked for when none are given. */
  public static final List<String> DEFAULT_SCOPES =
      List.of("AdobeID", "openid", "read_organizations");

  private final URI assetToProductUri;
  private final URI productToAssetUri;
  private final String imsOrgId;
  private final HttpOptions options;
  private final HttpEngine engine;
  private final HttpCaller caller;
  private final ImsTokenCache tokens;

  /** The client id and secret, masked with the token in whatever the actions send back. */
  private final List<String> credentialValues;

  private final AtomicReference<MaskedToken> lastMasked = new AtomicReference<>();

  private ExternalMatcher(Builder b, HttpOptions options) {
    ExternalMatcherCredentialsInput credentials = b.rule.credentials();
    this.assetToProductUri = URI.create(b.rule.assetToProductUrl());
    this.productToAssetUri = URI.create(b.rule.productToAssetUrl());
    this.imsOrgId = credentials.imsOrgId();
    this.credentialValues = List.of(credentials.clientId(), credentials.clientSecret());
    this.options = options;
    this.engine =
        new HttpEngine(
            "ares-external-matcher-deadline",
            options,
            options.httpClient(),
            null,
            options.maxConnections(),
            maxConnectionsPerHost(options.maxConnections()));
    this.caller = new HttpCaller(engine, options);
    this.tokens =
        new ImsTokenCache(
            URI.create(credentials.oauthServerUrl()),
            credentials.clientId(),
            credentials.clientSecret(),
            b.scopes,
            caller);
  }

  /**
   * A builder with the default timeouts, retries and scopes; {@link Builder#rule} is required, and
   * a missing one is reported by {@link Builder#build()} as {@code externalMatcher is required}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The HTTP settings {@link #builder()} starts from: connect timeout 5 s, attempt timeout 10 s,
   * call timeout 30 s (token and retries included), 3 attempts with backoff from 200 ms to 10 s and
   * any {@code Retry-After} the call timeout leaves room for, answers up to 1 MiB, a pool of 64
   * connections, the matcher's own HttpClient, https required.
   */
  public static HttpOptions defaultHttpOptions() {
    return HttpOptions.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .attemptTimeout(Duration.ofSeconds(10))
        .callTimeout(Duration.ofSeconds(30))
        .retryPolicy(
            RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(10))
                .maxRetryAfter(RetryPolicy.ANY_RETRY_AFTER)
                .build())
        .maxResponseBytes(1L << 20)
        .maxConnections(64)
        .build();
  }

  /** The HTTP settings this matcher uses, as checked by its builder. */
  public HttpOptions httpOptions() {
    return options;
  }

  /** Half the pool per host, so a slow host (IMS or an action) never holds every connection. */
  static int maxConnectionsPerHost(int maxConnections) {
    return Math.max(1, (maxConnections + 1) / 2);
  }

  @Override
  public String name() {
    return "externalMatcher(" + Urls.hostOf(assetToProductUri) + ")";
  }

  /**
   * Asks the asset → product action.
   *
   * @throws dev.ares.core.AresTransportException when a host was not reached or the call timed out
   * @throws dev.ares.core.AresHttpException when IMS or the action answered with an error status
   * @throws ExternalMatcherException when IMS refused the credentials or the answer is unusable
   */
  @Override
  public AssetToProductResult matchAsset(Asset asset) {
    return Futures.join(matchAsset(asset, true));
  }

  /** The one asset → product call, {@code blocking} (done when returned) or on non-blocking I/O. */
  private CompletableFuture<AssetToProductResult> matchAsset(Asset asset, boolean blocking) {
    return call(
        blocking,
        "assetToProduct",
        assetToProductUri,
        () -> WireJson.assetRequestBytes(asset),
        bytes -> WireJson.readAssetToProduct(bytes, asset.assetId(), "response", true),
        (node, path) -> WireJson.readAssetToProduct(node, asset.assetId(), path),
        ExternalMatcher::printableWarnings);
  }

  /**
   * Asks the product → asset action.
   *
   * @throws dev.ares.core.AresTransportException when a host was not reached or the call timed out
   * @throws dev.ares.core.AresHttpException when IMS or the action answered with an error status
   * @throws ExternalMatcherException when IMS refused the credentials or the answer is unusable
   */
  @Override
  public ProductToAssetResult matchProduct(String productSku) {
    Objects.requireNonNull(productSku, "productSku");
    return Futures.join(matchProduct(productSku, true));
  }

  /** The one product → asset call, {@code blocking} (done when returned) or on non-blocking I/O. */
  private CompletableFuture<ProductToAssetResult> matchProduct(
      String productSku, boolean blocking) {
    return call(
        blocking,
        "productToAsset",
        productToAssetUri,
        () -> WireJson.productRequest(productSku).toString().getBytes(StandardCharsets.UTF_8),
        bytes -> null,
        (node, path) -> WireJson.readProductToAsset(node, productSku, path),
        (result, serverText) -> result);
  }

  /**
   * {@link #matchAsset} on non-blocking I/O: no thread waits for the call. The same token
   * single-flight, deadlines, retries, size cap and {@link #close()} as the blocking call; the
   * future fails with exactly the exception {@link #matchAsset} throws, and cancelling it aborts
   * the action's exchange and frees its connection. With a caller's {@link Builder#httpClient} (a
   * blocking client) the blocking call runs on the SDK's shared pool instead.
   */
  @Override
  public CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset) {
    return matchAssetAsync(asset, BlockingCalls.shared());
  }

  /**
   * As {@link #matchAssetAsync(Asset)}; {@code executor} is used only with a caller's {@link
   * Builder#httpClient}, to run the blocking call.
   */
  @Override
  public CompletableFuture<AssetToProductResult> matchAssetAsync(Asset asset, Executor executor) {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(executor, "executor");
    if (!caller.supportsAsync()) {
      return AssetMatcher.super.matchAssetAsync(asset, executor);
    }
    return matchAsset(asset, false);
  }

  /** {@link #matchProduct} on non-blocking I/O, as {@link #matchAssetAsync(Asset)}. */
  @Override
  public CompletableFuture<ProductToAssetResult> matchProductAsync(String productSku) {
    return matchProductAsync(productSku, BlockingCalls.shared());
  }

  /** As {@link #matchProductAsync(String)}; the executor as for assets. */
  @Override
  public CompletableFuture<ProductToAssetResult> matchProductAsync(
      String productSku, Executor executor) {
    Objects.requireNonNull(productSku, "productSku");
    Objects.requireNonNull(executor, "executor");
    if (!caller.supportsAsync()) {
      return AssetMatcher.super.matchProductAsync(productSku, executor);
    }
    return matchProduct(productSku, false);
  }

  /**
   * Stops new calls, aborts the calls in flight (they end with an {@link
   * dev.ares.core.AresTransportException} of {@link dev.ares.core.TransportFailure#CLOSED}) and
   * closes the HTTP client if this matcher created it. Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Statistics of the connection pool this matcher created, or {@code null} for a caller's client.
   */
  PoolStats poolStats() {
    return engine.poolStats();
  }

  @Override
  public String toString() {
    return "ExternalMatcher{assetToProduct="
        + Urls.hostOf(assetToProductUri)
        + ", productToAsset="
        + Urls.hostOf(productToAssetUri)
        + ", ims="
        + tokens
        + "}";
  }

  /**
   * The one flow of an action call: token, post, one refresh on 401, then reading a 2xx answer with
   * {@code fast} (from the bytes; {@code null} when the answer may be App Builder's envelope, or
   * for a shape only read from a tree) or else with {@code parse} (from the tree, after unwrapping
   * the envelope), and finally {@code printable} making the result's display texts safe. {@code
   * blocking}: every step runs on the calling thread and the future is done when returned;
   * otherwise each step starts when the one before ends, on non-blocking I/O. The future fails with
   * exactly the matcher's exception; cancelling it aborts the action's exchange under way (a shared
   * token fetch goes on).
   */
  private <T> CompletableFuture<T> call(
      boolean blocking,
      String operation,
      URI uri,
      Supplier<byte[]> bodyOf,
      Function<byte[], T> fast,
      BiFunction<JsonNode, String, T> parse,
      BiFunction<T, ServerText, T> printable) {
    CompletableFuture<T> result = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> exchange = new AtomicReference<>();
    result.whenComplete(
        (value, failure) -> {
          CompletableFuture<?> running = exchange.get();
          if (result.isCancelled() && running != null) {
            running.cancel(true);
          }
        });
    byte[] body;
    try {
      body = bodyOf.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    String host = Urls.hostOf(uri);
    Deadline deadline = Deadline.in(options.callTimeout());
    Futures.then(
        tokens.token(deadline, blocking),
        result,
        token -> {
          ServerText serverText = serverText(token);
          Futures.then(
              post(blocking, operation, uri, token, body, deadline, serverText, exchange, result),
              result,
              response -> {
                if (response.status() != 401) {
                  result.complete(
                      read(
                          host, response, response.attempts(), serverText, fast, parse, printable));
                  return;
                }
                // One refresh: the token may have been revoked or expired early; a second 401 is
                // final.
                tokens.invalidate(token);
                Futures.then(
                    tokens.token(deadline, blocking),
                    result,
                    fresh -> {
                      ServerText both = serverText(token, fresh);
                      Futures.then(
                          post(
                              blocking, operation, uri, fresh, body, deadline, both, exchange,
                              result),
                          result,
                          again ->
                              result.complete(
                                  read(
                                      host,
                                      again,
                                      response.attempts() + again.attempts(),
                                      both,
                                      fast,
                                      parse,
                                      printable)));
                    });
              });
        });
    return result;
  }

  /** Reads a final answer of the action: an error status, or the result of a 2xx. */
  private static <T> T read(
      String host,
      HttpCaller.Response response,
      int attempts,
      ServerText serverText,
      Function<byte[], T> fast,
      BiFunction<JsonNode, String, T> parse,
      BiFunction<T, ServerText, T> printable) {
    if (!response.ok()) {
      throw MatcherFailures.status(
          host,
          response.status(),
          "the matcher action answered with an error"
              + ServerErrors.detail(response.body(), serverText),
          attempts,
          response.requestId(),
          response.retryAfter());
    }
    T quick;
    try {
      quick = fast.apply(response.body());
    } catch (WireJson.NotJson e) {
      throw malformed(
          host,
          response.status(),
          attempts,
          "invalid JSON",
          serverText.printable(e.refusal().getMessage()));
    } catch (AresValidationException e) {
      throw malformed(
          host,
          response.status(),
          attempts,
          "a malformed result",
          serverText.printable(e.getMessage()));
    }
    if (quick != null) {
      return printable.apply(quick, serverText);
    }
    JsonNode node;
    try {
      node = WireJson.parse(response.body(), "response");
    } catch (AresValidationException e) {
      throw malformed(
          host, response.status(), attempts, "invalid JSON", serverText.printable(e.getMessage()));
    }
    node = unwrap(node, host, response.status(), attempts, serverText);
    try {
      return printable.apply(parse.apply(node, "response"), serverText);
    } catch (AresValidationException e) {
      throw malformed(
          host,
          response.status(),
          attempts,
          "a malformed result",
          serverText.printable(e.getMessage()));
    }
  }

  private static ExternalMatcherException malformed(
      String host, int status, int attempts, String what, String detail) {
    return new ExternalMatcherException(
        Reason.MALFORMED_RESPONSE,
        host,
        status,
        "the matcher action answered with " + what + ": " + detail,
        attempts,
        null);
  }

  /**
   * What an action could echo of this call: the client id and secret, and the tokens sent. The rule
   * for the current token is kept, as the token changes only when it is fetched again.
   */
  private ServerText serverText(String... tokensSent) {
    MaskedToken last = lastMasked.get();
    if (tokensSent.length == 1 && last != null && last.token.equals(tokensSent[0])) {
      return last.serverText;
    }
    List<String> secrets = new ArrayList<>(credentialValues);
    secrets.addAll(List.of(tokensSent));
    ServerText serverText = ServerText.masking(secrets);
    if (tokensSent.length == 1) {
      lastMasked.set(new MaskedToken(tokensSent[0], serverText));
    }
    return serverText;
  }

  /** Starts a post, remembered as the exchange to abort if {@code result} is cancelled. */
  private CompletableFuture<HttpCaller.Response> post(
      boolean blocking,
      String operation,
      URI uri,
      String token,
      byte[] body,
      Deadline deadline,
      ServerText serverText,
      AtomicReference<CompletableFuture<?>> exchange,
      CompletableFuture<?> result) {
    CompletableFuture<HttpCaller.Response> post =
        caller.post(
            blocking,
            operation,
            uri,
            headers(token),
            body,
            ContentType.APPLICATION_JSON,
            deadline,
            serverText);
    exchange.set(post);
    if (result.isCancelled()) {
      post.cancel(true);
    }
    return post;
  }

  /** A token and the rule masking it; prints nothing of the token. */
  private static final class MaskedToken {
    private final String token;
    private final ServerText serverText;

    MaskedToken(String token, ServerText serverText) {
      this.token = token;
      this.serverText = serverText;
    }
  }

  /** Warnings are server text meant for display: masked and made printable like messages. */
  private static AssetToProductResult printableWarnings(
      AssetToProductResult result, ServerText serverText) {
    return result.warnings().isEmpty()
        ? result
        : AssetToProductResult.copyOf(result).withWarnings(serverText.printable(result.warnings()));
  }

  /** Accepts App Builder's {@code {"statusCode": …, "body": …}} around the result. */
  private static JsonNode unwrap(
      JsonNode node, String host, int httpStatus, int attempts, ServerText serverText) {
    if (node == null || !node.isObject() || !node.has("statusCode") || !node.has("body")) {
      if (node == null || !node.isObject()) {
        throw new ExternalMatcherException(
            Reason.MALFORMED_RESPONSE,
            host,
            httpStatus,
            "the matcher action did not answer with a JSON object",
            attempts,
            null);
      }
      return node;
    }
    int status = node.get("statusCode").asInt();
    if (status < 200 || status >= 300) {
      throw MatcherFailures.status(
          host,
          status,
          "the matcher action answered with an error in its body"
              + ServerErrors.detail(node, serverText),
          attempts,
          null,
          null);
    }
    JsonNode body = node.get("body");
    if (body.isTextual()) {
      try {
        body = WireJson.parse(body.textValue(), "response.body");
      } catch (AresValidationException e) {
        throw new ExternalMatcherException(
            Reason.MALFORMED_RESPONSE,
            host,
            status,
            "the matcher action's body is not JSON: " + serverText.printable(e.getMessage()),
            attempts,
            null);
      }
    }
    if (body == null || !body.isObject()) {
      throw new ExternalMatcherException(
          Reason.MALFORMED_RESPONSE,
          host,
          status,
          "the matcher action's body is not a JSON object",
          attempts,
          null);
    }
    return body;
  }

  private Map<String, String> headers(String token) {
    return Map.of(
        "Authorization",
        "Bearer " + token,
        "x-gw-ims-org-id",
        imsOrgId,
        "Accept",
        "application/json");
  }

  /**
   * Configures an {@link ExternalMatcher}; not thread-safe, use one per build. Every setter accepts
   * anything, {@code null} included; {@link #build()} reports every problem at once: the rule's
   * fields as {@code externalMatcher.<field>} (as in a tenant input), the settings as {@code
   * externalMatcher.<setting>}. Limits: as {@link HttpOptions} states for the HTTP settings; the
   * rule's {@code imsOrgId}, sent as a header, must be visible ASCII. HTTP settings: {@link
   * #httpOptions(HttpOptions)} sets all of them at once, the shortcuts of the same names one each;
   * a later call wins.
   */
  public static final class Builder extends HttpClientBuilder<Builder> {

    private static final String ROOT = "externalMatcher";

    private ExternalMatcherInput rule;
    private List<String> scopes = DEFAULT_SCOPES;

    private Builder() {
      super(defaultHttpOptions());
    }

    /** The {@code externalMatcher} rule to run; required. */
    public Builder rule(ExternalMatcherInput rule) {
      this.rule = rule;
      return this;
    }

    /** The IMS scopes to ask for; {@link #DEFAULT_SCOPES} by default. */
    public Builder scopes(List<String> scopes) {
      // Checked by build(), which names a null, empty or blank scope instead of failing here.
      this.scopes = scopes == null ? null : Collections.unmodifiableList(new ArrayList<>(scopes));
      return this;
    }

    /**
     * Checks everything and builds the matcher; nothing is sent yet.
     *
     * @throws AresValidationException naming every bad field of the rule or setting
     */
    public ExternalMatcher build() {
      String root = ROOT;
      List<FieldViolation> violations = new ArrayList<>();
      if (rule == null) {
        violations.add(FieldViolation.of(root, "is required"));
      } else {
        violations.addAll(rule.violations(root));
      }
      if (violations.isEmpty()) {
        ascii(rule.assetToProductUrl(), root + ".assetToProductUrl", violations);
        ascii(rule.productToAssetUrl(), root + ".productToAssetUrl", violations);
        ascii(
            rule.credentials().oauthServerUrl(), root + ".credentials.oauthServerUrl", violations);
      }
      if (violations.isEmpty() && !allowsInsecureHttp()) {
        secure(rule.assetToProductUrl(), root + ".assetToProductUrl", violations);
        secure(rule.productToAssetUrl(), root + ".productToAssetUrl", violations);
        secure(
            rule.credentials().oauthServerUrl(), root + ".credentials.oauthServerUrl", violations);
      }
      if (violations.isEmpty()) { // sent as x-gw-ims-org-id: HTTP would alter anything but ASCII
        add(
            WireTextRules.problemWithRequiredHeaderValue(rule.credentials().imsOrgId()),
            root + ".credentials.imsOrgId",
            violations);
      }
      HttpOptions options = buildHttpOptions(ROOT, violations);
      if (scopes == null || scopes.isEmpty()) {
        violations.add(FieldViolation.of(ROOT + ".scopes", "must not be empty"));
      } else {
        for (int i = 0; i < scopes.size(); i++) {
          String problem = TextRules.problemWithRequired(scopes.get(i));
          if (problem == null && scopes.get(i).contains(",")) {
            problem = "must not contain a comma";
          }
          if (problem != null) {
            violations.add(FieldViolation.of(ROOT + ".scopes[" + i + "]", problem));
          }
        }
      }
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      return new ExternalMatcher(this, options);
    }

    private static void secure(String url, String path, List<FieldViolation> violations) {
      if (!Urls.isSecureOrLoopback(URI.create(url))) {
        violations.add(
            FieldViolation.of(
                path,
                "must use https (plain http to a non-loopback host needs allowInsecureHttp(true))"));
      }
    }

    private static void ascii(String url, String path, List<FieldViolation> violations) {
      add(WireTextRules.problemWithUrl(URI.create(url).toString()), path, violations);
    }

    private static void add(String problem, String path, List<FieldViolation> violations) {
      if (problem != null) {
        violations.add(FieldViolation.of(path, problem));
      }
    }
  }
}
