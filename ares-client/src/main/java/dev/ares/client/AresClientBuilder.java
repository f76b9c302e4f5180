package dev.ares.client;

import dev.ares.client.internal.ClientSettings;
import dev.ares.client.internal.HttpAresClient;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpClientBuilder;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.WireTextRules;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Configures and builds the HTTP {@link AresClient}. Not thread-safe; the client it builds is.
 * {@link #build()} checks every setting and reports all problems at once.
 *
 * <p>Defaults: endpoint {@link AresEndpoints#COMMERCE}, rule written in {@link
 * RuleWireForm#REFERENCE} form, and the HTTP settings of {@link AresClient#defaultHttpOptions()}:
 * connect timeout 5 s, attempt timeout 15 s, call timeout 45 s (all attempts and backoff), {@link
 * RetryPolicy#defaults()}, 20 pooled connections, responses up to 4 MiB.
 *
 * <p>HTTP settings: {@link #httpOptions(HttpOptions)} sets all of them at once, the shortcuts
 * ({@link #connectTimeout}, {@link #attemptTimeout}, ...) one each; a later call wins. Limits as
 * {@link HttpOptions} states: every timeout from 1 ms to 24 hours; 1 to 10,000 connections;
 * responses of 1 byte to {@code Integer.MAX_VALUE - 8} bytes. Problems are named {@code
 * aresClient.<setting>}. The API key, environment id, JWT and extra header values must be visible
 * ASCII (spaces and tabs only between visible characters), since HTTP headers would carry anything
 * else altered.
 */
public final class AresClientBuilder extends HttpClientBuilder<AresClientBuilder> {

  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "x-api-key",
          "magento-environment-id",
          "x-gw-signature",
          "content-type",
          "content-length",
          "host",
          "user-agent",
          "authorization");

  private URI endpoint = AresEndpoints.COMMERCE;
  private String apiKey;
  private String environmentId;
  private Supplier<String> gatewaySignature;
  private String fixedGatewaySignature;
  private final Map<String, String> extraHeaders = new LinkedHashMap<>();
  private RuleWireForm ruleWireForm = RuleWireForm.REFERENCE;
  private boolean followRedirects;

  AresClientBuilder() {
    super(AresClient.defaultHttpOptions());
  }

  /** The GraphQL endpoint; see {@link AresEndpoints}. */
  public AresClientBuilder endpoint(URI endpoint) {
    this.endpoint = endpoint;
    return this;
  }

  /** The GraphQL endpoint as text; see {@link AresEndpoints}. */
  public AresClientBuilder endpoint(String endpoint) {
    this.endpoint = endpoint == null ? null : toUri(endpoint);
    return this;
  }

  /** The API key of the Commerce account, sent as {@code x-api-key}; required. Never printed. */
  public AresClientBuilder apiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** The SaaS data space environment id, sent as {@code magento-environment-id}; required. */
  public AresClientBuilder environmentId(String environmentId) {
    this.environmentId = environmentId;
    return this;
  }

  /** A fixed JWT for {@code x-gw-signature}; required unless a supplier is given. Never printed. */
  public AresClientBuilder gatewaySignature(String jwt) {
    this.gatewaySignature = jwt == null ? null : () -> jwt;
    this.fixedGatewaySignature = jwt;
    return this;
  }

  /**
   * Where to get the JWT for {@code x-gw-signature}; asked once per attempt, so rotated tokens are
   * picked up. It must be thread-safe and fast: an async call asks it on the calling thread for its
   * first attempt and on the client's deadline thread for a retry, so a slow supplier delays other
   * calls' deadlines (cache the JWT and refresh it elsewhere). Never printed. A value that is blank
   * or not visible ASCII ends the call with {@link AresValidationException} before anything is
   * sent.
   */
  public AresClientBuilder gatewaySignature(Supplier<String> jwtSupplier) {
    this.gatewaySignature = jwtSupplier;
    this.fixedGatewaySignature = null;
    return this;
  }

  /** An extra header sent with every request; the SDK's own headers cannot be replaced. */
  public AresClientBuilder header(String name, String value) {
    extraHeaders.put(name, value);
    return this;
  }

  /** How the matching rule is written on the wire. */
  public AresClientBuilder ruleWireForm(RuleWireForm form) {
    this.ruleWireForm = form;
    return this;
  }

  /**
   * Follows 307 and 308 redirects to the same scheme, host and port, re-sending the same POST. Off
   * by default: a redirect then ends the call with {@link dev.ares.core.AresHttpException}. Other
   * redirects are never followed, since they would turn the mutation into a GET or send the
   * credentials to another origin.
   */
  public AresClientBuilder followRedirects(boolean follow) {
    this.followRedirects = follow;
    return this;
  }

  /**
   * Builds the client.
   *
   * @throws AresValidationException listing every missing or invalid setting
   */
  public AresClient build() {
    List<FieldViolation> problems = new ArrayList<>();
    if (endpoint == null) {
      problems.add(FieldViolation.of("aresClient.endpoint", "is required"));
    } else if (!Urls.isAbsoluteHttpUrl(endpoint.toString())) {
      problems.add(FieldViolation.of("aresClient.endpoint", "must be an absolute http(s) URL"));
    } else if (WireTextRules.problemWithUrl(endpoint.toString()) != null) {
      problems.add(
          FieldViolation.of(
              "aresClient.endpoint", WireTextRules.problemWithUrl(endpoint.toString())));
    } else if (!allowsInsecureHttp() && !Urls.isSecureOrLoopback(endpoint)) {
      problems.add(
          FieldViolation.of(
              "aresClient.endpoint",
              "must use https (plain http is allowed for loopback, or with allowInsecureHttp(true))"));
    }
    requireHeaderValue(apiKey, "aresClient.apiKey", problems);
    requireHeaderValue(environmentId, "aresClient.environmentId", problems);
    if (gatewaySignature == null) {
      problems.add(FieldViolation.of("aresClient.gatewaySignature", "is required"));
    } else if (fixedGatewaySignature != null) {
      requireHeaderValue(fixedGatewaySignature, "aresClient.gatewaySignature", problems);
    }
    HttpOptions options = buildHttpOptions("aresClient", problems);
    if (ruleWireForm == null) {
      problems.add(FieldViolation.of("aresClient.ruleWireForm", "is required"));
    }
    if (followRedirects && hasCallerClient()) {
      problems.add(
          FieldViolation.of(
              "aresClient.followRedirects",
              "needs the SDK's own HTTP client: a caller's client would follow redirects by its own"
                  + " rules and could send the API key and JWT to another origin"));
    }
    extraHeaders.forEach(
        (name, value) -> {
          String path = "aresClient.headers." + name;
          if (name == null || name.isBlank() || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            problems.add(
                FieldViolation.of(
                    "aresClient.headers", "has a header name that is not a valid token"));
          } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            problems.add(FieldViolation.of(path, "is set by the SDK and cannot be replaced"));
          } else if (WireTextRules.problemWithHeaderValue(value) != null) {
            problems.add(FieldViolation.of(path, WireTextRules.problemWithHeaderValue(value)));
          }
        });
    if (!problems.isEmpty()) {
      throw new AresValidationException(problems);
    }
    ClientSettings settings =
        new ClientSettings(
            endpoint,
            apiKey,
            environmentId,
            gatewaySignature,
            Map.copyOf(extraHeaders),
            options,
            ruleWireForm,
            followRedirects);
    return new HttpAresClient(settings, options.httpClient());
  }

  private static void requireHeaderValue(String value, String path, List<FieldViolation> problems) {
    String problem = WireTextRules.problemWithRequiredHeaderValue(value);
    if (problem != null) {
      problems.add(FieldViolation.of(path, problem));
    }
  }

  private static URI toUri(String text) {
    try {
      return new URI(text.trim());
    } catch (java.net.URISyntaxException e) {
      throw new AresValidationException(
          List.of(FieldViolation.of("aresClient.endpoint", "must be an absolute http(s) URL")));
    }
  }

  /** Lists the settings, never the API key or JWT. */
  @Override
  public String toString() {
    return "AresClientBuilder{endpoint="
        + endpoint
        + ", apiKey="
        + (apiKey == null ? null : "****")
        + ", environmentId="
        + environmentId
        + ", "
        + httpSettingsText()
        + ", ruleWireForm="
        + ruleWireForm
        + "}";
  }
}
