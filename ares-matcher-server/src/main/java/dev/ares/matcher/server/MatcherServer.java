package dev.ares.matcher.server;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.ssl.BasicServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Hosts an {@link AssetMatcherHttpHandler} over HTTP/1.1 so that no client can stall it.
 *
 * <p>Connections are served by a non-blocking I/O reactor (HttpCore 5): a client that sends its
 * head or body slowly holds a socket, never a thread. A request head must arrive within the
 * {@linkplain Builder#headerTimeout header timeout} of connecting (or within the {@linkplain
 * Builder#idleTimeout idle timeout} of the previous exchange for its first byte, then within the
 * header timeout for the rest) and be at most 4 KiB a line and 32 lines. When the handler wants a
 * token, the token is checked on a worker <em>before</em> any of the body is read (a refusal is
 * answered 401 and the connection closed). The body must then arrive within the {@linkplain
 * Builder#bodyReadTimeout body-read timeout} (else 408) and be at most {@linkplain
 * Builder#maxRequestBytes the size cap} (else 413, checked against {@code Content-Length} before
 * reading); all bodies being read at once share {@linkplain Builder#maxBufferedBytes one budget}
 * (else 503). Only a complete request reaches the matcher: a {@linkplain Builder#workerThreads
 * fixed number of threads} with a {@linkplain Builder#queueCapacity bounded queue}; when both are
 * full the answer is 503 with {@code Retry-After}. A token check or matcher run that takes longer
 * than the {@linkplain Builder#requestTimeout request timeout} is answered 503 and its worker
 * interrupted; one that fails in any way, errors included, is answered 500. Every answer given
 * before the request was complete closes the connection. At most {@linkplain Builder#maxConnections
 * a number of connections} are open at once, and {@linkplain Builder#maxConnectionsPerAddress
 * fewer} from one address; at either cap, a connection not being served makes room for the new one,
 * those that have not sent a whole request head first (never one whose request is being read, run
 * or answered), else the new one is closed at once.
 *
 * <p>Operations. With an {@linkplain Builder#tls SSL context} it serves HTTPS (TLS 1.2 and later,
 * strong cipher suites only; the handshake counts against the header timeout and the connection
 * caps); without one, plain HTTP, for a TLS proxy in front or for tests. {@code GET} (or {@code
 * HEAD}) on {@code basePath}{@value #HEALTH_PATH} answers {@code 200 {"status":"UP"}} at once, with
 * no token, worker or matcher. Each request writes one line on the access log (the logger {@code
 * dev.ares.matcher.access}, at INFO: remote address, method, path without its query, status, time
 * in ms and the {@code client_id} of an accepted token, never a token, query value or body) and is
 * told to the {@linkplain Builder#eventListener event listener}, for metrics. {@link #shutdown()}
 * stops taking connections and lets the requests in flight finish before it closes.
 *
 * <pre>{@code
 * AssetMatcherHttpHandler handler = AssetMatcherHttpHandler.builder(matcher)
 *     .tokenValidator(ImsAccessTokenValidator.builder(clientId).build())
 *     .build();
 * try (MatcherServer server = MatcherServer.builder(handler).port(8080).start()) {
 *   System.out.println(server.assetToProductUrl());
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops listening and drops every connection at once, then waits a
 * bounded time for running matchers to end; {@link #shutdown()} does so gracefully.
 */
public final class MatcherServer implements AutoCloseable {

  private static final int MAX_LINE_LENGTH = 4 * 1024;
  private static final int MAX_HEADER_COUNT = 32;

  /** How long {@link #close()} waits for running matchers after interrupting them. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /** The path suffix of the liveness answer, {@code {"status":"UP"}}. */
  public static final String HEALTH_PATH = "/health";

  /**
   * How long {@link #shutdown} lets the connections left, once no request is in flight, close
   * gracefully before it drops them.
   */
  static final Duration GRACEFUL_CLOSE = Duration.ofSeconds(1);

  /** How often the I/O reactor's threads wake with nothing to do (HttpCore's default is 1 s). */
  private static final TimeValue SELECT_INTERVAL = TimeValue.ofMilliseconds(100);

  private final HttpAsyncServer server;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor timer;
  private final ConnectionGuard guard;
  private final String baseUrl;
  private final int port;
  private final ListenerEndpoint endpoint;
  private final RequestTracker tracker;
  private final Duration shutdownTimeout;
  private final Object stopping = new Object();
  private Boolean drained; // guarded by stopping: how shutdown ended, once it has

  /** The limits a request meets, and the paths served. */
  record Limits(
      String basePath,
      int maxRequestBytes,
      Duration bodyReadTimeout,
      Duration requestTimeout,
      BodyBudget budget) {
    /**
     * {@code true} for asset → product, {@code false} for product → asset, {@code null} otherwise.
     */
    Boolean direction(String requestTarget) {
      if (requestTarget == null) {
        return null;
      }
      int query = requestTarget.indexOf('?');
      String path = query < 0 ? requestTarget : requestTarget.substring(0, query);
      if (path.equals(basePath + AssetMatcherHttpHandler.ASSET_TO_PRODUCT_PATH)) {
        return Boolean.TRUE;
      }
      if (path.equals(basePath + AssetMatcherHttpHandler.PRODUCT_TO_ASSET_PATH)) {
        return Boolean.FALSE;
      }
      return null;
    }
  }

  private MatcherServer(
      HttpAsyncServer server,
      ThreadPoolExecutor workers,
      ScheduledThreadPoolExecutor timer,
      ConnectionGuard guard,
      String baseUrl,
      int port,
      ListenerEndpoint endpoint,
      RequestTracker tracker,
      Duration shutdownTimeout) {
    this.server = server;
    this.port = port;
    this.workers = workers;
    this.timer = timer;
    this.guard = guard;
    this.baseUrl = baseUrl;
    this.endpoint = endpoint;
    this.tracker = tracker;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** A builder for a server of {@code handler}. */
  public static Builder builder(AssetMatcherHttpHandler handler) {
    return new Builder(handler);
  }

  /** The port it listens on (the one chosen when {@linkplain Builder#port port} 0 was asked). */
  public int port() {
    return port;
  }

  /** {@code http://host:port} (or {@code https://} with TLS) plus the base path. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The URL of the asset → product direction. */
  public String assetToProductUrl() {
    return baseUrl + AssetMatcherHttpHandler.ASSET_TO_PRODUCT_PATH;
  }

  /** The URL of the product → asset direction. */
  public String productToAssetUrl() {
    return baseUrl + AssetMatcherHttpHandler.PRODUCT_TO_ASSET_PATH;
  }

  /** The URL of the liveness answer ({@value #HEALTH_PATH} under the base path). */
  public String healthUrl() {
    return baseUrl + HEALTH_PATH;
  }

  /** How many connections it has accepted since it started. */
  public long connectionsAccepted() {
    return guard.accepted();
  }

  /**
   * Stops listening and drops every connection at once, interrupts the worker threads, and waits at
   * most 5 seconds for them to end; a matcher that ignores interruption is left to finish on its
   * daemon thread, its answer discarded.
   */
  @Override
  public void close() {
    endpoint.close(CloseMode.IMMEDIATE);
    server.close(CloseMode.IMMEDIATE);
    tracker.abandonAll();
    workers.shutdownNow();
    timer.shutdownNow();
    try {
      workers.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * {@link #shutdown(Duration)} with the {@linkplain Builder#shutdownTimeout shutdown timeout}
   * (default 10 s).
   */
  public boolean shutdown() {
    return shutdown(shutdownTimeout);
  }

  /**
   * Stops gracefully: stops listening at once (new connections are refused), lets every request
   * whose head had arrived finish within {@code timeout} (each answer then says {@code Connection:
   * close}), closes the connections left (gracefully when nothing was in flight any more, waiting
   * at most 1 s), then {@linkplain #close() closes}. Requests still in flight at the deadline are
   * cut off as by {@link #close()}. Safe to call more than once and from several threads (a
   * shutdown hook and the main thread): later calls wait for the first and return what it did.
   *
   * @param timeout how long requests in flight may take to finish (zero: none may; more than 10 min
   *     is taken as 10 min)
   * @return whether every request in flight finished in time
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public boolean shutdown(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
    synchronized (stopping) {
      if (drained != null) {
        return drained;
      }
      Duration wait = timeout.compareTo(Builder.MAX_TIMEOUT) > 0 ? Builder.MAX_TIMEOUT : timeout;
      long deadline = System.nanoTime() + wait.toNanos();
      endpoint.close(CloseMode.IMMEDIATE);
      tracker.drain();
      boolean idle;
      try {
        idle = tracker.awaitIdle(deadline);
        if (idle) {
          server.initiateShutdown();
          server.awaitShutdown(TimeValue.of(GRACEFUL_CLOSE));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        idle = false;
      }
      close();
      drained = idle;
      return idle;
    }
  }

  /** How many requests are in flight now: their heads arrived, their exchanges not yet ended. */
  public int requestsInFlight() {
    return tracker.inFlight();
  }

  @Override
  public String toString() {
    return "MatcherServer{" + baseUrl + "}";
  }

  /** Configures and starts a {@link MatcherServer}; not thread-safe. */
  public static final class Builder {
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private final AssetMatcherHttpHandler handler;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private String basePath = "";
    private int workerThreads = 4;
    private int queueCapacity = 64;
    private int maxRequestBytes = 1 << 20;
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyReadTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private long maxBufferedBytes = 16L << 20;
    private int maxConnections = 256;
    private Integer maxConnectionsPerAddress;
    private SSLContext sslContext;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private MatcherServerListener eventListener = MatcherServerListener.none();

    private Builder(AssetMatcherHttpHandler handler) {
      this.handler = handler;
    }

    /** The address to listen on (default the loopback address; use {@code 0.0.0.0} for all). */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = address;
      return this;
    }

    /** The port (default 0: any free port, see {@link MatcherServer#port()}). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The path both directions are served under, such as {@code /matcher} (default none). */
    public Builder basePath(String basePath) {
      this.basePath = basePath;
      return this;
    }

    /** The threads that run the matcher and the token validator (default 4, at most 256). */
    public Builder workerThreads(int threads) {
      this.workerThreads = threads;
      return this;
    }

    /**
     * Requests that may wait for a worker (default 64, at most 65536); more get 503. With a token
     * validator a request takes a worker twice (the token check, then the matcher): with 0, the
     * second turn is refused unless a worker is idle at that instant, so keep a queue.
     */
    public Builder queueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    /** The largest request body accepted (default 1 MiB, at most 64 MiB); larger ones get 413. */
    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    /** How long a connection may take to send a request head (default 10 s, at most 10 min). */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = timeout;
      return this;
    }

    /** How long a request body may take to arrive once its head has (default 10 s); then 408. */
    public Builder bodyReadTimeout(Duration timeout) {
      this.bodyReadTimeout = timeout;
      return this;
    }

    /**
     * How long a connection may send nothing, and how long a kept-alive connection may wait for its
     * next request (default 60 s, at most 10 min).
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * How long a token check, and then the matcher, may run for one request (each, default 30 s, at
     * most 10 min, waiting for a worker included); then the answer is 503 with {@code Connection:
     * close} and the worker is interrupted.
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * The request-body bytes held at once across all connections (default 16 MiB, at least {@link
     * #maxRequestBytes}, at most 1 GiB); a body that would pass it gets 503.
     */
    public Builder maxBufferedBytes(long bytes) {
      this.maxBufferedBytes = bytes;
      return this;
    }

    /**
     * The most connections open at once (default 256, at most 65536). When all are taken, a new
     * connection closes one not being served, of the address holding the most such: the oldest that
     * has not sent a whole request head, else one already answered and closing, else one kept alive
     * waiting for its next request. When every connection is being served, the new one is closed at
     * once.
     */
    public Builder maxConnections(int connections) {
      this.maxConnections = connections;
      return this;
    }

    /**
     * The most connections open at once from one address, an IPv6 /64 counting as one address
     * (default 64, twice the connections per host the SDK's {@code ExternalMatcher} keeps, or
     * {@link #maxConnections} when that is lower; at least 1, at most {@link #maxConnections}).
     * Past it, a new connection from that address closes one of that address's not being served (in
     * the same order), else it is closed at once. Behind a reverse proxy every caller has the
     * proxy's address: raise it to {@link #maxConnections} and cap callers at the proxy.
     */
    public Builder maxConnectionsPerAddress(int connections) {
      this.maxConnectionsPerAddress = connections;
      return this;
    }

    /**
     * Serves HTTPS with {@code context}'s key and certificate (default none: plain HTTP, for a TLS
     * proxy in front or for tests). Only TLS 1.2 and later with strong cipher suites are accepted;
     * the handshake must end within the {@linkplain #headerTimeout header timeout}. A client that
     * speaks plain HTTP, or sends anything but a TLS handshake, has its connection closed, its
     * bytes unanswered. ARES calls https URLs only.
     */
    public Builder tls(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * How long {@link MatcherServer#shutdown()} lets requests in flight finish (default 10 s, at
     * most 10 min).
     */
    public Builder shutdownTimeout(Duration timeout) {
      this.shutdownTimeout = timeout;
      return this;
    }

    /**
     * Hears how each request ended and which connections were refused, for metrics (default {@link
     * MatcherServerListener#none()}); {@code MicrometerMatcherServerListener} in {@code
     * ares-micrometer} records them.
     */
    public Builder eventListener(MatcherServerListener listener) {
      this.eventListener = listener;
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws AresValidationException listing every bad setting
     * @throws UncheckedIOException when the port cannot be bound
     */
    public MatcherServer start() {
      List<FieldViolation> problems = new ArrayList<>();
      if (handler == null) {
        problems.add(FieldViolation.of("handler", "is required"));
      }
      if (bindAddress == null) {
        problems.add(FieldViolation.of("bindAddress", "is required"));
      }
      if (port < 0 || port > 65_535) {
        problems.add(FieldViolation.of("port", "must be between 0 and 65535"));
      }
      if (basePath == null || !(basePath.isEmpty() || basePath.matches("(/[A-Za-z0-9._~-]+)+"))) {
        problems.add(
            FieldViolation.of("basePath", "must be empty or like /matcher (no trailing slash)"));
      }
      range(problems, "workerThreads", workerThreads, 1, 256);
      range(problems, "queueCapacity", queueCapacity, 0, 65_536);
      range(problems, "maxRequestBytes", maxRequestBytes, 1, 64 << 20);
      range(problems, "maxConnections", maxConnections, 1, 65_536);
      if (maxConnectionsPerAddress != null
          && (maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)) {
        problems.add(
            FieldViolation.of(
                "maxConnectionsPerAddress",
                "must be between 1 and maxConnections (" + maxConnections + ")"));
      }
      duration(problems, "headerTimeout", headerTimeout);
      duration(problems, "bodyReadTimeout", bodyReadTimeout);
      duration(problems, "idleTimeout", idleTimeout);
      duration(problems, "requestTimeout", requestTimeout);
      duration(problems, "shutdownTimeout", shutdownTimeout);
      if (eventListener == null) {
        problems.add(FieldViolation.of("eventListener", "is required"));
      }
      if (maxBufferedBytes < Math.max(1, maxRequestBytes) || maxBufferedBytes > 1L << 30) {
        problems.add(
            FieldViolation.of(
                "maxBufferedBytes", "must be between maxRequestBytes and " + (1L << 30)));
      }
      if (!problems.isEmpty()) {
        throw new AresValidationException(problems);
      }
      return startChecked();
    }

    private MatcherServer startChecked() {
      ThreadPoolExecutor workers =
          new ThreadPoolExecutor(
              workerThreads,
              workerThreads,
              0,
              TimeUnit.MILLISECONDS,
              queueCapacity == 0
                  ? new java.util.concurrent.SynchronousQueue<>()
                  : new ArrayBlockingQueue<>(queueCapacity),
              daemon("ares-matcher-worker"));
      ScheduledThreadPoolExecutor timer =
          new ScheduledThreadPoolExecutor(1, daemon("ares-matcher-timer"));
      timer.setRemoveOnCancelPolicy(true);
      ConnectionGuard guard =
          new ConnectionGuard(
              timer,
              headerTimeout,
              idleTimeout,
              maxConnections,
              maxConnectionsPerAddress != null
                  ? maxConnectionsPerAddress
                  : Math.min(64, maxConnections));
      Limits limits =
          new Limits(
              basePath,
              maxRequestBytes,
              bodyReadTimeout,
              requestTimeout,
              new BodyBudget(maxBufferedBytes));
      RequestTracker tracker = new RequestTracker(eventListener);
      HttpAsyncServer server =
          AsyncServerBootstrap.bootstrap()
              .setIOReactorConfig(
                  IOReactorConfig.custom()
                      .setSoTimeout(Timeout.of(idleTimeout))
                      // A closed listener stops taking connections at the next select.
                      .setSelectInterval(SELECT_INTERVAL)
                      .setIoThreadCount(
                          Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())))
                      .setTcpNoDelay(true)
                      // Connections the kernel completes before they are accepted: with the
                      // default (50) a burst of connections overflows it and callers' connections
                      // wait a second or more for their handshake to be retried.
                      .setBacklogSize(Math.max(1024, maxConnections))
                      .build())
              .setHttp1Config(
                  Http1Config.custom()
                      // No body is read before the exchange grants capacity (after the token
                      // check): beyond
                      // this one byte, only what arrived with the head is taken unasked.
                      .setInitialWindowSize(1)
                      .setMaxLineLength(MAX_LINE_LENGTH)
                      .setMaxHeaderCount(MAX_HEADER_COUNT)
                      .build())
              .setIOSessionListener(sessionEvents(guard, tracker))
              .setStreamListener(guard)
              .setTlsStrategy(sslContext == null ? null : new BasicServerTlsStrategy(sslContext))
              .setTlsHandshakeTimeout(Timeout.of(headerTimeout))
              // Every request goes to the matcher whatever its Host (deployments sit behind
              // proxies); the
              // exchange answers 404 for paths it does not serve.
              .setRequestRouter(
                  (request, context) ->
                      () -> new MatcherExchange(handler, limits, workers, timer, tracker))
              .create();
      try {
        server.start();
        ListenerEndpoint endpoint =
            server
                .listen(
                    new InetSocketAddress(bindAddress, port),
                    sslContext == null ? URIScheme.HTTP : URIScheme.HTTPS)
                .get(10, TimeUnit.SECONDS);
        InetSocketAddress bound = (InetSocketAddress) endpoint.getAddress();
        String host =
            bound.getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress().getHostAddress()
                : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
          host = "[" + host + "]";
        }
        return new MatcherServer(
            server,
            workers,
            timer,
            guard,
            (sslContext == null ? "http://" : "https://") + host + ":" + bound.getPort() + basePath,
            bound.getPort(),
            endpoint,
            tracker,
            shutdownTimeout);
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        server.close(CloseMode.IMMEDIATE);
        workers.shutdownNow();
        timer.shutdownNow();
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        throw new UncheckedIOException(
            "could not listen on " + bindAddress.getHostAddress() + ":" + port,
            cause instanceof IOException io
                ? io
                : new IOException(cause.getClass().getSimpleName()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        server.close(CloseMode.IMMEDIATE);
        workers.shutdownNow();
        timer.shutdownNow();
        throw new UncheckedIOException(new IOException("interrupted while starting"));
      }
    }

    private static ThreadFactory daemon(String name) {
      AtomicInteger n = new AtomicInteger();
      return runnable -> {
        Thread t = new Thread(runnable, name + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }

    private static void range(
        List<FieldViolation> problems, String name, int value, int min, int max) {
      if (value < min || value > max) {
        problems.add(FieldViolation.of(name, "must be between " + min + " and " + max));
      }
    }

    private static void duration(List<FieldViolation> problems, String name, Duration value) {
      if (value == null
          || value.isNegative()
          || value.isZero()
          || value.compareTo(MAX_TIMEOUT) > 0) {
        problems.add(FieldViolation.of(name, "must be positive and at most " + MAX_TIMEOUT));
      }
    }
  }

  /** The session events of {@code guard}, its room-making told to {@code tracker}'s listener. */
  private static SessionEvents sessionEvents(ConnectionGuard guard, RequestTracker tracker) {
    guard.onRoomMade(() -> tracker.refused(ConnectionRefusal.MADE_ROOM));
    return new SessionEvents(guard, tracker);
  }
}
