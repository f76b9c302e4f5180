package dev.ares.matching.server.internal;

import com.nimbusds.jose.util.X509CertUtils;
import dev.ares.matching.server.InvalidAccessTokenException;
import dev.ares.matching.server.InvalidAccessTokenException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys IMS signs access tokens with, fetched by name (the token header's {@code x5u},
 * such as {@code ims_na1-key-at-1.cer}) from one configured base URL and cached.
 *
 * <p>A known key is reused until it is {@code maxAge} old, then fetched again (if that fails for a
 * passing reason the old key stays in use and the fetch is retried after {@code retryInterval}). A
 * key that could not be had is not asked for again within {@code retryInterval}, and at most
 * {@value #MAX_FETCHES_PER_INTERVAL} fetches of any names happen per interval, so tokens naming
 * made-up keys cannot turn a matcher into a load generator against IMS. Fetches are serialized:
 * many requests waiting on one key cause one fetch.
 *
 * <p>Internal: not part of the public API. Thread-safe.
 */
public final class ImsKeyStore implements AutoCloseable {

  /** A key file name: no path, no scheme, no escapes, no dot-dot. */
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final int MAX_KEY_FILE_BYTES = 64 * 1024;
  private static final int MAX_CACHED_KEYS = 32;
  static final int MAX_FETCHES_PER_INTERVAL = 8;
  private static final Logger LOG = LoggerFactory.getLogger(ImsKeyStore.class);

  private final URI baseUrl;
  private final Duration maxAge;
  private final Duration retryInterval;
  private final Duration fetchTimeout;
  private final Clock clock;
  private final CloseableHttpClient http;
  private final Object fetchLock = new Object();
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_CACHED_KEYS;
    }
  };
  private Instant windowStart = Instant.EPOCH;
  private int fetchesInWindow;

  private record Entry(RSAPublicKey key, Instant fetchedAt, Instant retryAfter, Reason failure) {}

  /** A store reading keys from {@code baseUrl} (absolute, ending in {@code /}). */
  public ImsKeyStore(URI baseUrl, Duration fetchTimeout, Duration maxAge, Duration retryInterval, Clock clock) {
    this.baseUrl = baseUrl;
    this.fetchTimeout = fetchTimeout;
    this.maxAge = maxAge;
    this.retryInterval = retryInterval;
    this.clock = clock;
    Timeout timeout = Timeout.of(fetchTimeout);
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(timeout).setConnectionRequestTimeout(timeout)
            .setRedirectsEnabled(false).build())
        .disableAutomaticRetries()
        .disableCookieManagement()
        .disableAuthCaching()
        .build();
  }

  /** Whether {@code name} may be asked for: a bare file name inside the base URL. */
  public static boolean isKeyName(String name) {
    return name != null && KEY_NAME.matcher(name).matches() && !name.contains("..");
  }

  /** The key called {@code name}, from the cache or fetched. */
  public RSAPublicKey key(String name) throws InvalidAccessTokenException {
    if (!isKeyName(name)) {
      throw new InvalidAccessTokenException(Reason.KEY_REFERENCE, "the key reference is not a key file name");
    }
    RSAPublicKey cached = usable(name, clock.instant());
    if (cached != null) {
      return cached;
    }
    synchronized (fetchLock) {
      Instant now = clock.instant();
      cached = usable(name, now); // another thread may have fetched it meanwhile
      if (cached != null) {
        return cached;
      }
      Entry previous;
      synchronized (entries) {
        previous = entries.get(name);
      }
      if (!now.isBefore(windowStart.plus(retryInterval))) {
        windowStart = now;
        fetchesInWindow = 0;
      }
      if (fetchesInWindow >= MAX_FETCHES_PER_INTERVAL) {
        if (previous != null && previous.key() != null) {
          return previous.key();
        }
        throw new InvalidAccessTokenException(Reason.KEYS_UNAVAILABLE, "too many key fetches; try again later");
      }
      fetchesInWindow++;
      Entry fetched = fetch(name, now, previous);
      synchronized (entries) {
        entries.put(name, fetched);
      }
      if (fetched.key() == null) {
        throw new InvalidAccessTokenException(fetched.failure(), fetched.failure() == Reason.UNKNOWN_KEY
            ? "the key location does not publish this key" : "the key could not be fetched");
      }
      return fetched.key();
    }
  }

  /** A cached key still good to use, or null; throws while a failed name is resting. */
  private RSAPublicKey usable(String name, Instant now) throws InvalidAccessTokenException {
    Entry entry;
    synchronized (entries) {
      entry = entries.get(name);
    }
    if (entry == null || !now.isBefore(entry.retryAfter())) {
      return null;
    }
    if (entry.key() != null) {
      return entry.key();
    }
    throw new InvalidAccessTokenException(entry.failure(), entry.failure() == Reason.UNKNOWN_KEY
        ? "the key location does not publish this key" : "the key could not be fetched; try again later");
  }

  private Entry fetch(String name, Instant now, Entry previous) {
    Instant retry = now.plus(retryInterval);
    HttpGet get = new HttpGet(baseUrl.resolve(name));
    // The socket timeout bounds each read; this bounds the whole fetch against a dripping server.
    CompletableFuture.delayedExecutor(fetchTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(get::cancel);
    try {
      return http.execute(get, response -> {
        int status = response.getCode();
        if (status == 404 || status == 410) {
          return new Entry(null, now, retry, Reason.UNKNOWN_KEY);
        }
        if (status != 200) {
          LOG.warn("IMS key fetch answered HTTP {}", status);
          return keepOrFail(previous, now, retry);
        }
        RSAPublicKey key = parse(readCapped(response.getEntity()));
        if (key == null) {
          LOG.warn("IMS key file is not an X.509 certificate with an RSA key");
          return new Entry(null, now, retry, Reason.UNKNOWN_KEY);
        }
        return new Entry(key, now, now.plus(maxAge), null);
      });
    } catch (IOException e) {
      LOG.warn("IMS key fetch failed: {}", e.getClass().getSimpleName());
      return keepOrFail(previous, now, retry);
    }
  }

  /** A passing failure keeps a key already known, so an IMS hiccup does not refuse every caller. */
  private static Entry keepOrFail(Entry previous, Instant now, Instant retry) {
    if (previous != null && previous.key() != null) {
      return new Entry(previous.key(), previous.fetchedAt(), retry, null);
    }
    return new Entry(null, now, retry, Reason.KEYS_UNAVAILABLE);
  }

  private static byte[] readCapped(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = entity.getContent()) {
      byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
      return bytes.length > MAX_KEY_FILE_BYTES ? new byte[0] : bytes;
    }
  }

  /** A PEM or DER X.509 certificate's RSA public key, or null. */
  private static RSAPublicKey parse(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII);
    X509Certificate certificate = text.contains("-----BEGIN CERTIFICATE-----")
        ? X509CertUtils.parse(text) : X509CertUtils.parse(file);
    if (certificate != null && certificate.getPublicKey() instanceof RSAPublicKey rsa) {
      return rsa;
    }
    return null;
  }

  /** Releases the HTTP connections. */
  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      LOG.debug("closing the IMS key client failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "ImsKeyStore{baseUrl=" + baseUrl + "}";
  }
}
