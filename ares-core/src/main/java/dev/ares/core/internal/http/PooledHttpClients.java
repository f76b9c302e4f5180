package dev.ares.core.internal.http;

import dev.ares.core.internal.SameOriginRedirects;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP clients (classic, and async on first use) an engine builds when the caller gave none: a
 * bounded connection pool, no automatic retries (the engine decides), same-origin redirects only,
 * no cookies, no auth cache.
 */
final class PooledHttpClients {

  private PooledHttpClients() {}

  private static final Logger LOG = LoggerFactory.getLogger(PooledHttpClients.class);

  /** The name of the exec chain handler that marks a connection that reached its target. */
  private static final String REACHED_TARGET = "ares-reached-target";

  /** The I/O threads of an async client: few, as they never wait. */
  private static final int IO_THREADS = 2;

  /**
   * A pool of at most {@code maxConnections}, {@code maxConnectionsPerHost} to any one host, its
   * TLS on {@code sslContext} (the JVM's default trust when null), host names always verified.
   */
  static PoolingHttpClientConnectionManager pool(
      int maxConnections,
      int maxConnectionsPerHost,
      Duration connectTimeout,
      Duration socketTimeout,
      SSLContext sslContext) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(tls(sslContext))
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnectionsPerHost)
        .setDefaultConnectionConfig(connectionConfig(connectTimeout, socketTimeout))
        .build();
  }

  /** The async client's pool, with the same limits and connection settings as {@link #pool}. */
  static PoolingAsyncClientConnectionManager asyncPool(
      int maxConnections,
      int maxConnectionsPerHost,
      Duration connectTimeout,
      Duration socketTimeout,
      SSLContext sslContext) {
    return PoolingAsyncClientConnectionManagerBuilder.create()
        .setTlsStrategy(tls(sslContext))
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnectionsPerHost)
        .setDefaultConnectionConfig(connectionConfig(connectTimeout, socketTimeout))
        // HTTP/1.1 only: one exchange per connection, so the pool limits calls in flight as the
        // classic client's does.
        .setDefaultTlsConfig(
            TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
        .build();
  }

  /**
   * The one TLS setting of both pools: {@code sslContext}, or the JVM's default ({@link
   * SSLContext#getDefault()}: {@code javax.net.ssl.trustStore}, {@code javax.net.ssl.keyStore},
   * {@code https.protocols}, ...), with the default host name verification (never turned off).
   */
  private static DefaultClientTlsStrategy tls(SSLContext sslContext) {
    return sslContext == null
        ? DefaultClientTlsStrategy.createSystemDefault()
        : new DefaultClientTlsStrategy(sslContext);
  }

  /**
   * A started async client on {@code pool}: one I/O reactor of {@value #IO_THREADS} threads made by
   * {@code threads}, the same policies and proxy {@code routes} as {@link #on}, and {@code
   * inProcess} (when not null) right after the engine's own handler. Closing it closes the pool.
   */
  static CloseableHttpAsyncClient asyncOn(
      PoolingAsyncClientConnectionManager pool,
      ThreadFactory threads,
      ProxyRoutes routes,
      AsyncExecChainHandler inProcess) {
    HttpAsyncClientBuilder builder =
        HttpAsyncClients.custom()
            .setConnectionManager(pool)
            .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(IO_THREADS).build())
            .setThreadFactory(threads)
            // The default callback logs at ERROR with the exception's message, which may quote what
            // a server sent; a failed exchange is reported to its call, so the class is enough.
            .setIoReactorExceptionCallback(
                e -> LOG.debug("async HTTP I/O ended with {}", e.getClass().getName()))
            .disableAutomaticRetries()
            .setRedirectStrategy(SameOriginRedirects.INSTANCE)
            .disableCookieManagement()
            .disableAuthCaching()
            .setRoutePlanner(routes.planner())
            .setDefaultCredentialsProvider(routes.credentials())
            .addExecInterceptorFirst("ares-abortable-exchanges", new ExchangeAborts())
            .addExecInterceptorAfter(
                ChainElement.CONNECT.name(), REACHED_TARGET, ProxyRoutes.reachedAsync());
    if (inProcess != null) {
      builder.addExecInterceptorAfter("ares-abortable-exchanges", "ares-in-process", inProcess);
    }
    CloseableHttpAsyncClient client = builder.build();
    client.start();
    return client;
  }

  private static ConnectionConfig connectionConfig(
      Duration connectTimeout, Duration socketTimeout) {
    return ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setSocketTimeout(Timeout.of(socketTimeout))
        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
        .build();
  }

  /**
   * A client on {@code pool}, through the proxy {@code routes} choose; closing the client closes
   * the pool.
   */
  static CloseableHttpClient on(PoolingHttpClientConnectionManager pool, ProxyRoutes routes) {
    return HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .setRedirectStrategy(SameOriginRedirects.INSTANCE)
        .disableCookieManagement()
        .disableAuthCaching()
        .setRoutePlanner(routes.planner())
        .setDefaultCredentialsProvider(routes.credentials())
        .addExecInterceptorAfter(
            ChainElement.CONNECT.name(), REACHED_TARGET, ProxyRoutes.reachedClassic())
        .build();
  }
}
