package dev.ares.core.internal;

import dev.ares.core.FieldViolation;
import dev.ares.core.HttpEventListener;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import dev.ares.core.RetryPolicy;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The HTTP settings a client's builder is collecting: starts from that client's defaults, is
 * replaced whole by {@code httpOptions(value)} and changed one field at a time by the shortcuts.
 * Accepts anything, {@code null} included; {@link #build} reports every problem under the client's
 * root, so all builders check and name these settings alike.
 *
 * <p>Internal: not part of the public API. Not thread-safe, like the builders holding it.
 */
public final class HttpOptionsDraft {

  private boolean given = true;
  private Duration connectTimeout;
  private Duration attemptTimeout;
  private Duration callTimeout;
  private RetryPolicy retryPolicy;
  private long maxResponseBytes;
  private int maxConnections;
  private CloseableHttpClient httpClient;
  private boolean allowInsecureHttp;
  private HttpEventListener eventListener;
  private HttpProxy proxy;
  private SSLContext sslContext;

  /** A draft holding {@code defaults}. */
  public HttpOptionsDraft(HttpOptions defaults) {
    replaceWith(defaults);
  }

  /** Takes every setting of {@code options}; a {@code null} is reported by {@link #build}. */
  public void replaceWith(HttpOptions options) {
    given = options != null;
    if (options != null) {
      connectTimeout = options.connectTimeout();
      attemptTimeout = options.attemptTimeout();
      callTimeout = options.callTimeout();
      retryPolicy = options.retryPolicy();
      maxResponseBytes = options.maxResponseBytes();
      maxConnections = options.maxConnections();
      httpClient = options.httpClient();
      allowInsecureHttp = options.allowInsecureHttp();
      eventListener = options.eventListener();
      proxy = options.proxy();
      sslContext = options.sslContext();
    }
  }

  public void connectTimeout(Duration timeout) {
    this.connectTimeout = timeout;
  }

  public void attemptTimeout(Duration timeout) {
    this.attemptTimeout = timeout;
  }

  public void callTimeout(Duration timeout) {
    this.callTimeout = timeout;
  }

  public void retryPolicy(RetryPolicy policy) {
    this.retryPolicy = policy;
  }

  public void maxResponseBytes(long bytes) {
    this.maxResponseBytes = bytes;
  }

  public void maxConnections(int connections) {
    this.maxConnections = connections;
  }

  public void httpClient(CloseableHttpClient client) {
    this.httpClient = client;
  }

  public void allowInsecureHttp(boolean allow) {
    this.allowInsecureHttp = allow;
  }

  public void eventListener(HttpEventListener listener) {
    this.eventListener = listener;
  }

  public void proxy(HttpProxy proxy) {
    this.proxy = proxy;
  }

  public void sslContext(SSLContext context) {
    this.sslContext = context;
  }

  /** Whether plain http to any host is allowed; read before {@link #build} to check URLs. */
  public boolean allowsInsecureHttp() {
    return allowInsecureHttp;
  }

  /** Whether the caller gave a client of its own. */
  public boolean hasCallerClient() {
    return httpClient != null;
  }

  /**
   * The checked options, or {@code null} after adding every problem to {@code problems}, each named
   * {@code root.field} ({@code root.httpOptions} when {@code httpOptions(null)} was given).
   */
  public HttpOptions build(String root, List<FieldViolation> problems) {
    if (!given) {
      problems.add(FieldViolation.of(root + ".httpOptions", "is required"));
      return null;
    }
    List<FieldViolation> mine =
        SettingRules.problemsWithHttpOptions(
            root,
            connectTimeout,
            attemptTimeout,
            callTimeout,
            retryPolicy,
            maxResponseBytes,
            maxConnections,
            eventListener,
            httpClient,
            proxy,
            sslContext);
    if (!mine.isEmpty()) {
      problems.addAll(mine);
      return null;
    }
    return HttpOptions.builder()
        .connectTimeout(connectTimeout)
        .attemptTimeout(attemptTimeout)
        .callTimeout(callTimeout)
        .retryPolicy(retryPolicy)
        .maxResponseBytes(maxResponseBytes)
        .maxConnections(maxConnections)
        .httpClient(httpClient)
        .allowInsecureHttp(allowInsecureHttp)
        .eventListener(eventListener)
        .proxy(proxy)
        .sslContext(sslContext)
        .build();
  }

  /** The settings, for a builder's {@code toString()}; no caller client details. */
  @Override
  public String toString() {
    return "connectTimeout="
        + connectTimeout
        + ", attemptTimeout="
        + attemptTimeout
        + ", callTimeout="
        + callTimeout
        + ", retryPolicy="
        + retryPolicy
        + ", maxResponseBytes="
        + maxResponseBytes
        + ", maxConnections="
        + maxConnections
        + ", httpClient="
        + (httpClient == null ? "own" : "caller's")
        + ", allowInsecureHttp="
        + allowInsecureHttp
        + ", proxy="
        + proxy
        + ", sslContext="
        + (sslContext == null ? "JVM default" : "given")
        + ", eventListener="
        + eventListener;
  }
}
