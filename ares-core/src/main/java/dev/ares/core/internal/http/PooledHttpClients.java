package dev.ares.core.internal.http;

import dev.ares.core.internal.SameOriginRedirects;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client an engine builds when the caller gave none: a bounded connection pool, no
 * automatic retries (the engine decides), same-origin redirects only, no cookies, no auth cache.
 */
final class PooledHttpClients {

  private PooledHttpClients() {}

  /** A pool of at most {@code maxConnections}, {@code maxConnectionsPerHost} to any one host. */
  static PoolingHttpClientConnectionManager pool(
      int maxConnections,
      int maxConnectionsPerHost,
      Duration connectTimeout,
      Duration socketTimeout) {
    return PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections)
        .setMaxConnPerRoute(maxConnectionsPerHost)
        .setDefaultConnectionConfig(
            ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout))
                .setSocketTimeout(Timeout.of(socketTimeout))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build())
        .build();
  }

  /** A client on {@code pool}; closing the client closes the pool. */
  static CloseableHttpClient on(PoolingHttpClientConnectionManager pool) {
    return HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .setRedirectStrategy(SameOriginRedirects.INSTANCE)
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }
}
