package dev.ares.core;

import dev.ares.core.internal.Nullable;
import dev.ares.core.internal.SettingRules;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.immutables.value.Value;

/**
 * The HTTP settings every client of the SDK takes, the same names and types in each: give one value
 * to a builder's {@code httpOptions(...)}, or set single fields with the builder's shortcuts of the
 * same names.
 *
 * <pre>{@code
 * HttpOptions http = HttpOptions.builder()
 *     .callTimeout(Duration.ofSeconds(20))
 *     .retryPolicy(RetryPolicy.none())
 *     .build();
 * AresClient.builder().httpOptions(http)...;
 * }</pre>
 *
 * <p>A value is complete: {@code httpOptions(value)} sets every HTTP setting of the builder, those
 * left at this type's defaults included. To change a few settings of one client and keep its own
 * defaults for the rest, use the builder's shortcuts, or start from that client's {@code
 * defaultHttpOptions()} (for example {@code
 * ExternalMatcher.defaultHttpOptions().withCallTimeout(...)}).
 *
 * <p>Defaults of this type (those of {@code AresClient}): connect timeout 5 s, attempt timeout 15
 * s, call timeout 45 s, {@link RetryPolicy#defaults()}, responses up to 4 MiB, 20 pooled
 * connections, no caller's client, https required, the JVM's proxy settings ({@link
 * HttpProxy#jvmDefault()}), the JVM's default TLS trust, {@link HttpEventListener#logging()}.
 *
 * <p>Limits, checked when the value is built: every timeout from 1 ms to 24 hours; responses of 1
 * to {@code Integer.MAX_VALUE - 8} bytes; 1 to 10,000 connections; a retry policy, a proxy and an
 * event listener are required; a caller's {@code httpClient} takes neither a proxy other than the
 * JVM default nor an {@code sslContext} (set those on that client). Anything else, {@code null}
 * included, is refused with {@link AresValidationException} naming every bad field under {@code
 * httpOptions.}; a client's builder names the same problems under its own root, such as {@code
 * externalMatcher.connectTimeout}.
 */
@Value.Immutable
abstract class AbstractHttpOptions {

  /** How long opening a TCP/TLS connection may take; 1 ms to 24 hours. */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration connectTimeout() {
    return Duration.ofSeconds(5);
  }

  /**
   * How long one attempt may take, from sending to the last byte of the answer (also the longest
   * wait for the next bytes); 1 ms to 24 hours.
   */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration attemptTimeout() {
    return Duration.ofSeconds(15);
  }

  /** How long a whole call may take, every attempt and backoff included; 1 ms to 24 hours. */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public Duration callTimeout() {
    return Duration.ofSeconds(45);
  }

  /** When to try again; {@link RetryPolicy#none()} to send each request once. */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public RetryPolicy retryPolicy() {
    return RetryPolicy.defaults();
  }

  /** The largest response body read; a larger one fails without being read into memory. */
  @Value.Default
  public long maxResponseBytes() {
    return 4L * 1024 * 1024;
  }

  /** The size of the connection pool the client creates; ignored with {@link #httpClient()}. */
  @Value.Default
  public int maxConnections() {
    return 20;
  }

  /**
   * The caller's HttpClient, used instead of one the client creates, or {@code null} (the default)
   * for the client's own. The caller keeps ownership: closing the SDK client leaves it open.
   * Timeouts still apply per request; build it with {@code disableAutomaticRetries()}, or its
   * retries stack on the SDK's.
   */
  @Nullable
  public abstract CloseableHttpClient httpClient();

  /**
   * Allows plain {@code http://} to a host that is not loopback. Off by default: credentials and
   * tokens would travel in clear text.
   */
  @Value.Default
  public boolean allowInsecureHttp() {
    return false;
  }

  /**
   * The HTTP proxy the client's own HttpClient goes through: {@link HttpProxy#jvmDefault()} (the
   * default: the JVM's {@code https.proxyHost}, {@code http.nonProxyHosts}, ... or its default
   * {@link java.net.ProxySelector}), {@link HttpProxy#none()}, a proxy URI or a selector. Set it on
   * your own client instead when you give {@link #httpClient()}.
   */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public HttpProxy proxy() {
    return HttpProxy.jvmDefault();
  }

  /**
   * The TLS settings of the client's own HttpClient: the trusted CAs (a company CA, a
   * TLS-inspecting proxy's) and any client certificate, or {@code null} (the default) for the JVM's
   * default trust ({@code cacerts}, or {@code javax.net.ssl.trustStore}). Host names are always
   * verified against the certificate. Set it on your own client instead when you give {@link
   * #httpClient()}.
   */
  @Nullable
  public abstract SSLContext sslContext();

  /**
   * Who hears every call's events (starts, attempts, answers, failures, retries, ends): {@link
   * HttpEventListener#logging()} by default, {@link HttpEventListener#none()} for silence, or your
   * own for metrics (the optional {@code ares-micrometer} module has one).
   */
  @Value.Default
  @Nullable // so that build() names a null instead of the builder throwing NullPointerException
  public HttpEventListener eventListener() {
    return HttpEventListener.logging();
  }

  /** The defaults of this type, as listed in the class documentation. */
  public static HttpOptions defaults() {
    return HttpOptions.builder().build();
  }

  @Value.Check
  final void check() {
    List<FieldViolation> problems =
        SettingRules.problemsWithHttpOptions(
            "httpOptions",
            connectTimeout(),
            attemptTimeout(),
            callTimeout(),
            retryPolicy(),
            maxResponseBytes(),
            maxConnections(),
            eventListener(),
            httpClient(),
            proxy(),
            sslContext());
    if (!problems.isEmpty()) {
      throw new AresValidationException(problems);
    }
  }
}
