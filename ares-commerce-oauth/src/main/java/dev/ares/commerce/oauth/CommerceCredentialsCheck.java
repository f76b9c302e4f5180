package dev.ares.commerce.oauth;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.commerce.oauth.internal.StoreMessages;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpClientBuilder;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hc.core5.pool.PoolStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks Commerce integration credentials before a tenant is registered, with one read-only signed
 * call: {@code GET {baseUrl}/rest/V1/products?searchCriteria[pageSize]=1}.
 *
 * <pre>{@code
 * try (CommerceCredentialsCheck check = CommerceCredentialsCheck.builder()
 *     .baseUrl("https://shop.example").credentials(credentials).build()) {
 *   CredentialsCheckResult result = check.run();
 *   System.out.println(result.verdict() + ": " + result.message());
 * }
 * }</pre>
 *
 * <p><b>Errors.</b> {@link #run()} never throws for what the store answers or for a network
 * failure: every outcome is a {@link CredentialsVerdict} with a message naming the host, never a
 * credential. The store's own message is shown with the four credential values masked (also in
 * their percent-encoded and JSON-escaped forms, as an echo of the {@code Authorization} header or
 * the body would carry them), control characters and bidirectional overrides written as visible
 * escapes such as {@code \u005cu001b}, and then cut to 500 characters. A body larger than {@link
 * Builder#maxResponseBytes} (4 MiB by default) is refused without reading the rest of it; redirects
 * are not followed, since the signature is for one URL.
 *
 * <p><b>Timeouts.</b> Connecting may take {@link Builder#connectTimeout} (10 s), one attempt, from
 * sending to the last byte of the answer, {@link Builder#attemptTimeout} (30 s), and the whole
 * call, retries and backoff included, {@link Builder#callTimeout} (60 s): when either runs out the
 * request is cancelled and its connection dropped before {@code run()} returns. All HTTP settings
 * can also be given at once as an {@link HttpOptions} ({@link Builder#httpOptions}); this check's
 * defaults are {@link #defaultHttpOptions()}.
 *
 * <p><b>Retries.</b> The probe is a read-only GET, so it is sent again, within the call timeout and
 * the {@link Builder#retryPolicy} (by default 3 attempts, jittered exponential backoff from 200 ms
 * to 5 s), when the connection could not be made, when it failed before the whole answer came, and
 * on 429 and 503, honouring a {@code Retry-After} in seconds or as an HTTP date up to the policy's
 * {@code maxRetryAfter} (30 s); a longer one ends the check with that answer. Timeouts, unknown
 * hosts, TLS failures and every other status are not retried. Each attempt is signed anew with a
 * fresh nonce; {@link CredentialsCheckResult#attempts()} tells how many were made.
 *
 * <p>Without {@link Builder#httpClient} the check creates its own client, with a pool of {@link
 * Builder#maxConnections} connections, which {@link #close()} closes; a client passed in stays the
 * caller's. The base URL must be {@code https}, or {@code http} to a loopback host, unless {@link
 * Builder#allowInsecureHttp} is set. Thread-safe: one check may serve many threads at once. Its one
 * timer thread is named {@code ares-commerce-check-deadlines}; {@link #close()} stops it, and calls
 * in flight then end with {@link CredentialsVerdict#STORE_NOT_REACHED}.
 */
public final class CommerceCredentialsCheck implements AutoCloseable {

  /** The path and query of the read-only probe, appended to the base URL. */
  static final String PROBE = "/rest/V1/products?searchCriteria%5BpageSize%5D=1";

  /** The name of the check's timer thread. */
  static final String THREAD_NAME = "ares-commerce-check-deadlines";

  private static final Logger LOG = LoggerFactory.getLogger(CommerceCredentialsCheck.class);

  private final URI probe;
  private final String host;
  private final CommerceRequestSigner signer;
  private final ServerText serverText;
  private final HttpEngine engine;
  private final HttpCall call;
  private final HttpOptions options;

  private CommerceCredentialsCheck(
      Builder b, HttpOptions options, URI probe, CommerceRequestSigner signer) {
    this.probe = probe;
    this.host = Urls.hostOf(probe);
    this.signer = signer;
    this.serverText = StoreAnswers.masking(b.credentials);
    this.options = options;
    this.engine = StoreAnswers.engine(options, THREAD_NAME);
    this.call =
        StoreAnswers.signedGet(
            probe, signer, options, serverText, "CommerceCredentialsCheck", "checkCredentials");
  }

  /** A builder; {@code baseUrl} and {@code credentials} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The HTTP settings {@link #builder()} starts from: connect timeout 10 s, attempt timeout 30 s,
   * call timeout 60 s, {@link RetryPolicy#defaults()}, answers up to 4 MiB, 10 pooled connections,
   * the check's own HttpClient, https required.
   */
  public static HttpOptions defaultHttpOptions() {
    return HttpOptions.builder()
        .connectTimeout(Duration.ofSeconds(10))
        .attemptTimeout(Duration.ofSeconds(30))
        .callTimeout(Duration.ofSeconds(60))
        .retryPolicy(RetryPolicy.defaults())
        .maxResponseBytes(4L * 1024 * 1024)
        .maxConnections(10)
        .build();
  }

  /** The HTTP settings this check uses, as checked by its builder. */
  public HttpOptions httpOptions() {
    return options;
  }

  /**
   * Makes the signed call, retrying as the class documentation says, and returns the verdict. Never
   * throws for what the store answers, for a network failure, for a timeout or for a {@link
   * #close()} during the call: those are verdicts. Returns within the call timeout (plus the moment
   * it takes to drop a cancelled connection).
   */
  public CredentialsCheckResult run() {
    CredentialsCheckResult result;
    try {
      result = judge(engine.execute(call));
    } catch (HttpCallException e) {
      result = notReached(e);
    } catch (ResponseTooLargeException e) {
      result = tooLarge(e);
    }
    LOG.debug(
        "Commerce credentials check against {}: {} after {} attempt(s)",
        host,
        describe(result),
        result.attempts());
    return result;
  }

  /**
   * Closes the check: calls in flight are cancelled and end with {@link
   * CredentialsVerdict#STORE_NOT_REACHED}, later calls too; the timer thread stops, and the HTTP
   * client is closed if the check created it (a caller's client is left open). Idempotent.
   */
  @Override
  public void close() {
    engine.close();
  }

  /** The probed host only; no credential. */
  @Override
  public String toString() {
    return "CommerceCredentialsCheck{host=" + host + ", " + signer + "}";
  }

  /** Statistics of the pool the check created, or {@code null} for a caller's client. */
  PoolStats poolStats() {
    return engine.poolStats();
  }

  private CredentialsCheckResult judge(HttpAnswer answer) {
    int status = answer.status();
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    CredentialsCheckResult.Builder result =
        CredentialsCheckResult.builder()
            .httpStatus(status)
            .attempts(answer.attempts())
            .retryAfter(Optional.ofNullable(answer.retryAfter()));
    if (status == 200) {
      boolean productPage =
          StoreMessages.json(body)
              .map(node -> node.isObject() && node.path("items").isArray())
              .orElse(false);
      return productPage
          ? result
              .verdict(CredentialsVerdict.OK)
              .message("the store accepted the signed request")
              .build()
          : result
              .verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
              .message("HTTP 200 but not a Commerce product page; check the base URL")
              .build();
    }
    if (status >= 300 && status < 400) {
      String where =
          answer.location() == null
              ? ""
              : " to " + serverText.printable(Urls.locationHost(answer.location()));
      return result
          .verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
          .message("HTTP " + status + " redirect" + where + "; check the base URL")
          .build();
    }
    // Mask first, then cut: a cut before masking could leave the start of an echoed credential.
    Optional<String> storeMessage = StoreMessages.message(body).map(serverText::printable);
    String message = storeMessage.orElse("HTTP " + status + " without a Commerce message");
    CredentialsVerdict verdict = StoreAnswers.refusal(status, storeMessage.orElse(null));
    return result.verdict(verdict).message(message).build();
  }

  private CredentialsCheckResult notReached(HttpCallException e) {
    int attempts = e.attempts();
    String message = StoreAnswers.notReached(e, host, options, "the credentials check");
    return CredentialsCheckResult.builder()
        .verdict(CredentialsVerdict.STORE_NOT_REACHED)
        .transportFailure(e.failure())
        .message(message)
        .attempts(attempts)
        .build();
  }

  private CredentialsCheckResult tooLarge(ResponseTooLargeException e) {
    return CredentialsCheckResult.builder()
        .verdict(CredentialsVerdict.UNEXPECTED_ANSWER)
        .httpStatus(e.status())
        .attempts(e.attempts())
        .message(StoreAnswers.tooLarge(e.status(), options))
        .build();
  }

  private static String describe(CredentialsCheckResult result) {
    return result.verdict()
        + (result.httpStatus().isPresent() ? " (HTTP " + result.httpStatus().getAsInt() + ")" : "");
  }

  /**
   * Builds a {@link CommerceCredentialsCheck}. Not thread-safe. Every setter accepts anything,
   * {@code null} included; {@link #build()} reports every problem at once, each named {@code
   * commerceCredentialsCheck.<setting>}. HTTP settings: {@link #httpOptions(HttpOptions)} sets all
   * of them at once, the shortcuts of the same names one each; a later call wins.
   */
  public static final class Builder extends HttpClientBuilder<Builder> {

    private static final String ROOT = "commerceCredentialsCheck";

    private String baseUrl;
    private CommerceCredentialsInput credentials;
    private SignatureMethod signatureMethod = SignatureMethod.HMAC_SHA256;

    private Builder() {
      super(defaultHttpOptions());
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
      // A null block leaves both unset, for build() to name them.
      this.baseUrl = commerce == null ? null : commerce.baseUrl().orElse(null);
      this.credentials = commerce == null ? null : commerce.credentials();
      return this;
    }

    /** The signature method; HMAC-SHA256 by default, as Commerce 2.4.4 and later require. */
    public Builder signatureMethod(SignatureMethod signatureMethod) {
      this.signatureMethod = signatureMethod;
      return this;
    }

    /**
     * The check, ready to {@link CommerceCredentialsCheck#run()}; nothing is sent yet.
     *
     * @throws AresValidationException naming every bad field under {@code
     *     commerceCredentialsCheck.} ({@code baseUrl}, {@code credentials.*}, {@code
     *     signatureMethod} and the HTTP settings, such as {@code
     *     commerceCredentialsCheck.connectTimeout}), a {@code null} among them included
     */
    public CommerceCredentialsCheck build() {
      List<FieldViolation> violations = new ArrayList<>();
      String base =
          StoreAnswers.baseUrl(baseUrl, allowsInsecureHttp(), ROOT + ".baseUrl", violations);
      URI probe = base == null ? null : URI.create(base + PROBE);
      if (credentials == null) {
        violations.add(FieldViolation.of(ROOT + ".credentials", "is required"));
      } else {
        violations.addAll(credentials.violations(ROOT + ".credentials"));
      }
      HttpOptions options = buildHttpOptions(ROOT, violations);
      if (signatureMethod == null) {
        violations.add(FieldViolation.of(ROOT + ".signatureMethod", "is required"));
      }
      if (!violations.isEmpty()) {
        throw new AresValidationException(violations);
      }
      CommerceRequestSigner signer =
          CommerceRequestSigner.builder(credentials).signatureMethod(signatureMethod).build();
      return new CommerceCredentialsCheck(this, options, probe, signer);
    }
  }
}
