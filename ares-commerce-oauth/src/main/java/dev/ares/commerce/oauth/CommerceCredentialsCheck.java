package dev.ares.commerce.oauth;

import dev.ares.client.AresValidationException;
import dev.ares.client.FieldViolation;
import dev.ares.client.internal.Urls;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.commerce.oauth.internal.StoreMessages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Commerce integration credentials before a tenant is registered, with one read-only
 * signed call: {@code GET {baseUrl}/rest/V1/products?searchCriteria[pageSize]=1}.
 *
 * <pre>{@code
 * try (CommerceCredentialsCheck check = CommerceCredentialsCheck.builder()
 *     .baseUrl("https://shop.example").credentials(credentials).build()) {
 *   CredentialsCheckResult result = check.run();
 *   System.out.println(result.verdict() + ": " + result.message());
 * }
 * }</pre>
 *
 * <p>Every call has a connect and a response timeout. Without {@link Builder#httpClient} the check
 * creates its own client, which {@link #close()} closes; a client passed in stays the caller's.
 * Redirects are not followed: the signature is for one URL. The base URL must be {@code https},
 * or {@code http} to a loopback host, unless {@link Builder#allowInsecureHttp} is set. Thread-safe.
 */
public final class CommerceCredentialsCheck implements AutoCloseable {

  /** The path and query of the read-only probe, appended to the base URL. */
  static final String PROBE = "/rest/V1/products?searchCriteria%5BpageSize%5D=1";

  private static final Logger LOG = LoggerFactory.getLogger(CommerceCredentialsCheck.class);
  private static final int MAX_BODY = 64 * 1024;

  private final URI probe;
  private final CommerceRequestSigner signer;
  private final CloseableHttpClient client;
  private final boolean ownsClient;
  private final RequestConfig requestConfig;

  private CommerceCredentialsCheck(Builder b, URI probe, CommerceRequestSigner signer) {
    this.probe = probe;
    this.signer = signer;
    this.ownsClient = b.httpClient == null;
    this.client = ownsClient ? ownClient(b) : b.httpClient;
    this.requestConfig =
        RequestConfig.custom()
            .setConnectionRequestTimeout(Timeout.of(b.connectTimeout))
            .setResponseTimeout(Timeout.of(b.responseTimeout))
            .setRedirectsEnabled(false)
            .build();
  }

  /** A builder; {@code baseUrl} and {@code credentials} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes the signed call and returns the verdict. Never throws for what the store answers or for
   * a network failure: those are verdicts.
   */
  public CredentialsCheckResult run() {
    String authorization =
        signer.authorizationHeader(CommerceRequest.builder().method("GET").uri(probe).build());
    HttpGet get = new HttpGet(probe);
    get.setConfig(requestConfig);
    get.setHeader(HttpHeaders.ACCEPT, "application/json");
    get.setHeader(HttpHeaders.AUTHORIZATION, authorization);
    CredentialsCheckResult result;
    try {
      result = client.execute(get, CommerceCredentialsCheck::judge);
    } catch (IOException e) {
      result = notReached(e);
    }
    LOG.debug(
        "Commerce credentials check against {}: {} (HTTP status {})",
        Urls.hostOf(probe),
        result.verdict(),
        result.httpStatus().isPresent() ? result.httpStatus().getAsInt() : "none");
    return result;
  }

  /**
   * Closes the HTTP client if the check created it; a caller's client is left open.
   *
   * @throws UncheckedIOException when the client fails to close
   */
  @Override
  public void close() {
    if (ownsClient) {
      try {
        client.close();
      } catch (IOException e) {
        throw new UncheckedIOException("could not close the HTTP client", e);
      }
    }
  }

  /** The probed host only; no credential. */
  @Override
  public String toString() {
    return "CommerceCredentialsCheck{host=" + Urls.hostOf(probe) + ", " + signer + "}";
  }

  private static CredentialsCheckResult judge(ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    String body = read(response.getEntity());
    Optional<String> storeMessage = StoreMessages.message(body);
    CredentialsCheckResult.Builder result = CredentialsCheckResult.builder().httpStatus(status);
    if (status == 200) {
      boolean json = StoreMessages.json(body).map(node -> node.isObject()).orElse(false);
      return json
          ? result.verdict(CredentialsVerdict.OK)
              .message("the store accepted the signed request")
              .build()
          : result.verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
              .message("HTTP 200 but not a Commerce REST answer; check the base URL")
              .build();
    }
    if (status >= 300 && status < 400) {
      Header location = response.getFirstHeader(HttpHeaders.LOCATION);
      String where = location == null ? "" : " to " + hostOf(location.getValue());
      return result.verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
          .message("HTTP " + status + " redirect" + where + "; check the base URL")
          .build();
    }
    String message = storeMessage.orElse("HTTP " + status + " without a Commerce message");
    String lower = message.toLowerCase(Locale.ROOT);
    CredentialsVerdict verdict;
    if (status == 403 || (status == 401 && lower.contains("authorized to access"))) {
      verdict = CredentialsVerdict.MISSING_PERMISSION;
    } else if (status == 401
        || (status == 400 && storeMessage.isPresent() && mentionsOAuth(lower))) {
      verdict = CredentialsVerdict.BAD_CREDENTIALS;
    } else {
      verdict = CredentialsVerdict.UNEXPECTED_ANSWER;
    }
    return result.verdict(verdict).message(message).build();
  }

  private static boolean mentionsOAuth(String lowerMessage) {
    return lowerMessage.contains("signature")
        || lowerMessage.contains("oauth")
        || lowerMessage.contains("consumer")
        || lowerMessage.contains("token")
        || lowerMessage.contains("nonce")
        || lowerMessage.contains("timestamp");
  }

  private CredentialsCheckResult notReached(IOException e) {
    String host = Urls.hostOf(probe);
    String what;
    if (e instanceof UnknownHostException) {
      what = "unknown host " + host;
    } else if (e instanceof ConnectException) {
      what = "could not connect to " + host;
    } else if (e instanceof SSLException) {
      what = "TLS failure with " + host;
    } else if (e instanceof InterruptedIOException) {
      what = "no answer from " + host + " in time";
    } else {
      what = "I/O failure with " + host + " (" + e.getClass().getSimpleName() + ")";
    }
    return CredentialsCheckResult.builder()
        .verdict(CredentialsVerdict.STORE_NOT_REACHED)
        .message(what)
        .build();
  }

  private static String read(HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    try (InputStream in = entity.getContent()) {
      return in == null ? "" : new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    }
  }

  private static String hostOf(String location) {
    try {
      URI uri = URI.create(location);
      return uri.getHost() == null ? "the same host" : Urls.hostOf(uri);
    } catch (IllegalArgumentException e) {
      return "an invalid location";
    }
  }

  private static CloseableHttpClient ownClient(Builder b) {
    return HttpClients.custom()
        .setConnectionManager(
            PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(
                    ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(b.connectTimeout))
                        .setSocketTimeout(Timeout.of(b.responseTimeout))
                        .build())
                .build())
        .disableRedirectHandling()
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  /** Builds a {@link CommerceCredentialsCheck}. Not thread-safe. */
  public static final class Builder {

    private String baseUrl;
    private CommerceCredentialsInput credentials;
    private CloseableHttpClient httpClient;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private SignatureMethod signatureMethod = SignatureMethod.HMAC_SHA256;
    private boolean allowInsecureHttp;

    private Builder() {}

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
      Objects.requireNonNull(commerce, "commerce");
      this.baseUrl = commerce.baseUrl().orElse(null);
      this.credentials = commerce.credentials();
      return this;
    }

    /**
     * The caller's HTTP client; the check does not close it. Its connect timeout applies; the
     * response timeout and no-redirect rule of this builder are set per request.
     */
    public Builder httpClient(CloseableHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** How long to wait for a connection; 10 s by default. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the store's answer; 30 s by default. */
    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = Objects.requireNonNull(responseTimeout, "responseTimeout");
      return this;
    }

    /** The signature method; HMAC-SHA256 by default, as Commerce 2.4.4 and later require. */
    public Builder signatureMethod(SignatureMethod signatureMethod) {
      this.signatureMethod = Objects.requireNonNull(signatureMethod, "signatureMethod");
      return this;
    }

    /**
     * Allows a plain {@code http} base URL on a non-loopback host. Off by default: the consumer
     * key and access token travel in the clear over http.
     */
    public Builder allowInsecureHttp(boolean allowInsecureHttp) {
      this.allowInsecureHttp = allowInsecureHttp;
      return this;
    }

    /**
     * The check, ready to {@link CommerceCredentialsCheck#run()}; nothing is sent yet.
     *
     * @throws AresValidationException naming every bad field ({@code commerce.baseUrl}, {@code
     *     commerce.credentials.*}, {@code connectTimeout}, {@code responseTimeout})
     */
    public CommerceCredentialsCheck build() {
      List<FieldViolation> violations = new ArrayList<>();
      URI probe = null;
      if (baseUrl == null) {
        violations.add(FieldViolation.of("commerce.baseUrl", "is required"));
      } else if (!Urls.isAbsoluteHttpUrl(baseUrl.trim())) {
        violations.add(FieldViolation.of("commerce.baseUrl", "must be an absolute http(s) URL"));
      } else {
        URI base = URI.create(baseUrl.trim());
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
          violations.add(
              FieldViolation.of("commerce.baseUrl", "must not have a query or fragment"));
        } else if (!allowInsecureHttp && !Urls.isSecureOrLoopback(base)) {
          violations.add(
              FieldViolation.of(
                  "commerce.baseUrl", "must use https (http only for a loopback host)"));
        } else {
          probe = URI.create(stripSlashes(base.toString()) + PROBE);
        }
      }
      try {
        CommerceRequestSigner.requireValid(credentials);
      } catch (AresValidationException e) {
        violations.addAll(e.violations());
      }
      positive(connectTimeout, "connectTimeout", violations);
      positive(responseTimeout, "responseTimeout", violations);
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      CommerceRequestSigner signer =
          CommerceRequestSigner.builder(credentials).signatureMethod(signatureMethod).build();
      return new CommerceCredentialsCheck(this, probe, signer);
    }

    private static String stripSlashes(String url) {
      String stripped = url;
      while (stripped.endsWith("/")) {
        stripped = stripped.substring(0, stripped.length() - 1);
      }
      return stripped;
    }

    private static void positive(Duration d, String path, List<FieldViolation> violations) {
      if (d.isZero() || d.isNegative()) {
        violations.add(FieldViolation.of(path, "must be positive"));
      }
    }
  }
}
