package dev.ares.matcher.server.internal;

import com.nimbusds.jose.util.X509CertUtils;
import dev.ares.matcher.server.InvalidAccessTokenException;
import dev.ares.matcher.server.InvalidAccessTokenException.Reason;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys IMS signs access tokens with, fetched by name (the token header's {@code x5u},
 * such as {@code ims_na1-key-at-1.cer}) from one configured base URL and cached.
 *
 * <p>A known key is reused until it is {@code maxAge} old, then fetched again; only a 404 or 410
 * withdraws it, any other failure (timeout, server error, a file that is not a certificate or is
 * too large) keeps it in use and the fetch is retried after {@code retryInterval}. Known keys live
 * apart from failed names, so no number of made-up names can push a good key out. A name that could
 * not be had is not asked for again within {@code retryInterval}. At most {@value
 * #MAX_FETCHES_PER_INTERVAL} fetches of names of any shape happen per interval, plus {@value
 * #RESERVED_FETCHES_PER_INTERVAL} kept for names shaped as IMS names its keys, so made-up names can
 * neither turn a matcher into a load generator against IMS nor starve the fetch of a new real key.
 * Fetches are serialized: many requests waiting on one key cause one fetch. A key file is read only
 * up to {@value #MAX_KEY_FILE_BYTES} bytes; then the connection is dropped.
 *
 * <p>Internal: not part of the public API. Thread-safe.
 */
public final class ImsKeyStore implements AutoCloseable {

  /** A key file name: no path, no scheme, no escapes, no dot-dot. */
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** How IMS names its access-token keys, such as {@code ims_na1-key-at-1.cer}. */
  public static final Pattern IMS_KEY_NAMES =
      Pattern.compile("ims_[a-z0-9]{1,16}(-[a-z0-9]{1,16}){0,2}-key-at-[0-9]{1,6}\\.cer");

  static final int MAX_KEY_FILE_BYTES = 64 * 1024;
  static final int MAX_KNOWN_KEYS = 16;
  static final int MAX_FAILED_NAMES = 256;
  static final int MAX_FETCHES_PER_INTERVAL = 8;
  static final int RESERVED_FETCHES_PER_INTERVAL = 4;
  private static final Logger LOG = LoggerFactory.getLogger(ImsKeyStore.class);

  private final URI baseUrl;
  private final Pattern expectedNames;
  private final Duration maxAge;
  private final Duration retryInterval;
  private final Duration fetchTimeout;
  private final Clock clock;
  private final CloseableHttpClient http;
  private final ScheduledThreadPoolExecutor fetchTimer;
  private final Object fetchLock = new Object();

  /** Keys fetched and verified; only a fetch of the same name changes an entry. */
  private final Map<String, Known> known = lru(MAX_KNOWN_KEYS);

  /** Names that could not be had, resting until their retry time. */
  private final Map<String, Failed> failed = lru(MAX_FAILED_NAMES);

  private Instant windowStart = Instant.EPOCH;
  private int fetchesInWindow;
  private int reservedInWindow;

  private record Known(RSAPublicKey key, Instant refreshAt) {}

  private record Failed(Reason reason, Instant retryAfter) {}

  /** What one fetch found: a key, a withdrawal (404/410), or a passing failure. */
  private record Outcome(RSAPublicKey key, Reason failure) {}

  /** A store reading keys from {@code baseUrl} (absolute, ending in {@code /}). */
  public ImsKeyStore(
      URI baseUrl, Duration fetchTimeout, Duration maxAge, Duration retryInterval, Clock clock) {
    this(baseUrl, IMS_KEY_NAMES, fetchTimeout, maxAge, retryInterval, clock);
  }

  /** A store whose reserved fetches go to names matching {@code expectedNames}. */
  public ImsKeyStore(
      URI baseUrl,
      Pattern expectedNames,
      Duration fetchTimeout,
      Duration maxAge,
      Duration retryInterval,
      Clock clock) {
    this.baseUrl = baseUrl;
    this.expectedNames = expectedNames;
    this.fetchTimeout = fetchTimeout;
    this.maxAge = maxAge;
    this.retryInterval = retryInterval;
    this.clock = clock;
    Timeout timeout = Timeout.of(fetchTimeout);
    this.http =
        HttpClients.custom()
            // The JVM's proxy settings and TLS context, as every client of the SDK by default: a
            // matcher hosted behind an egress proxy still reaches IMS for its keys.
            .setRoutePlanner(new SystemDefaultRoutePlanner(null))
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(timeout)
                            .setSocketTimeout(timeout)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(timeout)
                    .setConnectionRequestTimeout(timeout)
                    .setRedirectsEnabled(false)
                    .build())
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .build();
    this.fetchTimer =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t = new Thread(runnable, "ares-ims-key-fetch-timer");
              t.setDaemon(true);
              return t;
            });
    fetchTimer.setRemoveOnCancelPolicy(true);
  }

  private static <V> Map<String, V> lru(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > max;
      }
    };
  }

  /** Whether {@code name} may be asked for: a bare file name inside the base URL. */
  public static boolean isKeyName(String name) {
    return name != null && KEY_NAME.matcher(name).matches() && !name.contains("..");
  }

  /** The key called {@code name}, from the cache or fetched. */
  public RSAPublicKey key(String name) throws InvalidAccessTokenException {
    if (!isKeyName(name)) {
      throw new InvalidAccessTokenException(
          Reason.KEY_REFERENCE, "the key reference is not a key file name");
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
      Known previous;
      synchronized (this) {
        previous = known.get(name);
      }
      if (!spendFetch(name, now)) {
        if (previous != null) {
          return previous.key();
        }
        throw new InvalidAccessTokenException(
            Reason.KEYS_UNAVAILABLE, "too many key fetches; try again later");
      }
      Outcome outcome = fetch(name);
      Instant retry = now.plus(retryInterval);
      synchronized (this) {
        if (outcome.key() != null) {
          known.put(name, new Known(outcome.key(), now.plus(maxAge)));
          failed.remove(name);
          return outcome.key();
        }
        if (outcome.failure() == Reason.UNKNOWN_KEY) {
          known.remove(name); // withdrawn by IMS
        } else if (previous != null) {
          // A passing failure keeps a key already known, so an IMS hiccup does not refuse every
          // caller.
          known.put(name, new Known(previous.key(), retry));
          return previous.key();
        }
        failed.put(name, new Failed(outcome.failure(), retry));
      }
      throw refusal(outcome.failure());
    }
  }

  /**
   * Takes one fetch from this interval's budget: the shared part first, then (for IMS-shaped names)
   * the reserve.
   */
  private boolean spendFetch(String name, Instant now) {
    if (!now.isBefore(windowStart.plus(retryInterval))) {
      windowStart = now;
      fetchesInWindow = 0;
      reservedInWindow = 0;
    }
    if (fetchesInWindow < MAX_FETCHES_PER_INTERVAL) {
      fetchesInWindow++;
      return true;
    }
    if (reservedInWindow < RESERVED_FETCHES_PER_INTERVAL && expectedNames.matcher(name).matches()) {
      reservedInWindow++;
      return true;
    }
    return false;
  }

  private static InvalidAccessTokenException refusal(Reason reason) {
    return new InvalidAccessTokenException(
        reason,
        reason == Reason.UNKNOWN_KEY
            ? "the key location does not publish this key"
            : "the key could not be fetched; try again later");
  }

  /** A cached key still good to use, or null; throws while a failed name is resting. */
  private RSAPublicKey usable(String name, Instant now) throws InvalidAccessTokenException {
    Known k;
    Failed f;
    synchronized (this) {
      k = known.get(name);
      f = k == null ? failed.get(name) : null;
    }
    if (k != null) {
      return now.isBefore(k.refreshAt()) ? k.key() : null;
    }
    if (f != null && now.isBefore(f.retryAfter())) {
      throw refusal(f.reason());
    }
    return null;
  }

  private Outcome fetch(String name) {
    HttpGet get = new HttpGet(baseUrl.resolve(name));
    // The socket timeout bounds each read; this bounds the whole fetch against a dripping server.
    ScheduledFuture<?> timer =
        fetchTimer.schedule(get::cancel, fetchTimeout.toMillis(), TimeUnit.MILLISECONDS);
    AtomicReference<Outcome> decided = new AtomicReference<>();
    try {
      return http.execute(
          get,
          response -> {
            decided.set(decide(response, get));
            return decided.get();
          });
    } catch (IOException e) {
      Outcome d = decided.get();
      if (d != null) {
        return d; // decided, then the dropped connection made the rest of the exchange fail
      }
      LOG.warn("IMS key fetch failed: {}", e.getClass().getSimpleName());
      return new Outcome(null, Reason.KEYS_UNAVAILABLE);
    } finally {
      timer.cancel(false);
    }
  }

  /**
   * What a key answer means. Whenever the body is not read to its end, the request is cancelled
   * before returning: HttpClient would otherwise read the rest of the body, however long, to reuse
   * the connection.
   */
  private static Outcome decide(ClassicHttpResponse response, HttpGet get) throws IOException {
    int status = response.getCode();
    if (status != 200) {
      get.cancel();
      if (status == 404 || status == 410) {
        return new Outcome(null, Reason.UNKNOWN_KEY);
      }
      LOG.warn("IMS key fetch answered HTTP {}", status);
      return new Outcome(null, Reason.KEYS_UNAVAILABLE);
    }
    HttpEntity entity = response.getEntity();
    byte[] bytes = new byte[0];
    if (entity != null) {
      InputStream in = entity.getContent();
      bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
      if (bytes.length > MAX_KEY_FILE_BYTES) {
        get.cancel();
        LOG.warn("IMS key file is larger than {} bytes", MAX_KEY_FILE_BYTES);
        return new Outcome(null, Reason.KEYS_UNAVAILABLE);
      }
    }
    RSAPublicKey key = parse(bytes);
    if (key == null) {
      LOG.warn("IMS key file is not an X.509 certificate with an RSA key");
      return new Outcome(null, Reason.KEYS_UNAVAILABLE);
    }
    return new Outcome(key, null);
  }

  /** A PEM or DER X.509 certificate's RSA public key, or null. */
  private static RSAPublicKey parse(byte[] file) {
    String text = new String(file, StandardCharsets.US_ASCII);
    X509Certificate certificate =
        text.contains("-----BEGIN CERTIFICATE-----")
            ? X509CertUtils.parse(text)
            : X509CertUtils.parse(file);
    if (certificate != null && certificate.getPublicKey() instanceof RSAPublicKey rsa) {
      return rsa;
    }
    return null;
  }

  /** Releases the HTTP connections. */
  @Override
  public void close() {
    fetchTimer.shutdownNow();
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
