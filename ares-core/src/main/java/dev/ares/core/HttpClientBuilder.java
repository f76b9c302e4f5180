package dev.ares.core;

import dev.ares.core.internal.HttpOptionsDraft;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

/**
 * The HTTP settings every client builder of the SDK takes, defined once: {@link
 * #httpOptions(HttpOptions)} sets all of them, each shortcut one field of them, and a later call
 * wins. The builder starts from its client's {@code defaultHttpOptions()}. Every setter accepts
 * anything, {@code null} included; the client's {@code build()} names every problem at once under
 * its own root, such as {@code aresClient.connectTimeout} or {@code externalMatcher.proxy}, with
 * the limits {@link HttpOptions} states.
 *
 * <p>Not thread-safe, like every builder.
 *
 * @param <B> the client's builder, which each setter returns
 */
public abstract class HttpClientBuilder<B extends HttpClientBuilder<B>> {

  private final HttpOptionsDraft http;

  /** A builder starting from {@code defaults}, its client's default HTTP settings. */
  protected HttpClientBuilder(HttpOptions defaults) {
    this.http = new HttpOptionsDraft(defaults);
  }

  /**
   * Every HTTP setting at once, replacing each one given before, those left at {@link
   * HttpOptions}'s own defaults included; start from the client's {@code defaultHttpOptions()} to
   * keep its defaults.
   */
  public final B httpOptions(HttpOptions options) {
    http.replaceWith(options);
    return self();
  }

  /** How long opening a TCP/TLS connection may take; 1 ms to 24 hours. */
  public final B connectTimeout(Duration timeout) {
    http.connectTimeout(timeout);
    return self();
  }

  /**
   * How long one attempt may take, from sending to the last byte of the answer (also the longest
   * wait for the next bytes); 1 ms to 24 hours.
   */
  public final B attemptTimeout(Duration timeout) {
    http.attemptTimeout(timeout);
    return self();
  }

  /** How long the whole call may take, every attempt and backoff included; 1 ms to 24 hours. */
  public final B callTimeout(Duration timeout) {
    http.callTimeout(timeout);
    return self();
  }

  /** When to try again; {@link RetryPolicy#none()} sends each request once. */
  public final B retryPolicy(RetryPolicy retryPolicy) {
    http.retryPolicy(retryPolicy);
    return self();
  }

  /** The largest answer read; a larger one fails without being read into memory. */
  public final B maxResponseBytes(long bytes) {
    http.maxResponseBytes(bytes);
    return self();
  }

  /** The size of the connection pool the client creates; ignored with {@link #httpClient}. */
  public final B maxConnections(int connections) {
    http.maxConnections(connections);
    return self();
  }

  /**
   * Your own HttpClient instead of one the client creates; closing the client leaves it open. Build
   * it with {@code disableAutomaticRetries()}, and set its proxy and TLS on it.
   */
  public final B httpClient(CloseableHttpClient client) {
    http.httpClient(client);
    return self();
  }

  /**
   * The HTTP proxy: {@link HttpProxy#jvmDefault()} (the default: the JVM's proxy settings), {@link
   * HttpProxy#none()}, {@link HttpProxy#of(String)} or {@link HttpProxy#selector}.
   */
  public final B proxy(HttpProxy proxy) {
    http.proxy(proxy);
    return self();
  }

  /**
   * The TLS context (trusted CAs, a client certificate) of the client's own connections, or {@code
   * null} (the default) for the JVM's default context. Host names are always verified.
   */
  public final B sslContext(SSLContext sslContext) {
    http.sslContext(sslContext);
    return self();
  }

  /**
   * Allows plain {@code http://} to a host that is not loopback. Off by default: credentials and
   * tokens would travel in clear text.
   */
  public final B allowInsecureHttp(boolean allow) {
    http.allowInsecureHttp(allow);
    return self();
  }

  /**
   * Who hears every call's events: {@link HttpEventListener#logging()} by default, {@link
   * HttpEventListener#none()}, or your own (the {@code ares-micrometer} module has one for
   * metrics).
   */
  public final B eventListener(HttpEventListener listener) {
    http.eventListener(listener);
    return self();
  }

  /** Whether plain http to any host is allowed, for the client's own URL checks. */
  protected final boolean allowsInsecureHttp() {
    return http.allowsInsecureHttp();
  }

  /** Whether a caller's HttpClient was given. */
  protected final boolean hasCallerClient() {
    return http.hasCallerClient();
  }

  /**
   * The checked HTTP settings, or {@code null} after adding every problem to {@code problems}, each
   * named {@code root.field}.
   */
  protected final HttpOptions buildHttpOptions(String root, List<FieldViolation> problems) {
    return http.build(root, problems);
  }

  /** The HTTP settings as text for the client builder's {@code toString()}: no secret. */
  protected final String httpSettingsText() {
    return http.toString();
  }

  @SuppressWarnings("unchecked") // B is this builder's own class, as its declaration says
  private B self() {
    return (B) this;
  }
}
