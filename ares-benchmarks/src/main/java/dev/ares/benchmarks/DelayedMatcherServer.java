package dev.ares.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.matcher.server.AssetMatcherHttpHandler;
import dev.ares.matcher.server.testing.LoopbackMatcherServer;
import dev.ares.matching.AssetToProductResult;
import dev.ares.matching.ProductMatch;
import dev.ares.matching.testing.FakeImsTokenEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseProducer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;
import org.apache.hc.core5.reactor.ListenerEndpoint;

/**
 * A loopback stand-in for a slow App Builder action: answers every asset → product call {@link
 * #delay} after its request arrived, with no thread held while it waits (HttpCore 5's non-blocking
 * server; each answer is a task on one scheduler thread). Requires the tokens of a {@link
 * FakeImsTokenEndpoint} beside it, which counts the token requests.
 *
 * <p>It measures itself, so a run can tell whether the server was the limit: calls answered, the
 * connections it accepted, the most calls waiting at once, the calls waiting on average (the sum of
 * their times in the server over the wall time: Little's law) and how late the scheduler fired.
 */
final class DelayedMatcherServer implements AutoCloseable {

  private static final String ASSET_TO_PRODUCT = AssetMatcherHttpHandler.ASSET_TO_PRODUCT_PATH;

  /** One product match, without {@code asset_id}: the SDK stands in the asked asset's id. */
  private static final String REPLY =
      dev.ares.matching.MatchJson.write(
              AssetToProductResult.builder()
                  .assetId("-")
                  .addProductMatches(
                      ProductMatch.builder()
                          .productSku("SKU-0000001-WHT-S")
                          .addAssetRoles("image", "thumbnail")
                          .assetPosition(1)
                          .build())
                  .build())
          .replace("\"asset_id\":\"-\",", "");

  private final Duration delay;
  private final HttpAsyncServer server;
  private final ScheduledThreadPoolExecutor replies;
  private final HttpServer imsServer;
  private final ExecutorService imsExecutor;
  private final FakeImsTokenEndpoint ims;
  private final String baseUrl;

  private final AtomicLong connections = new AtomicLong();
  private final LongAdder answered = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger peakWaiting = new AtomicInteger();
  private final LongAdder waitedNanos = new LongAdder();
  private final AtomicLong maxLateNanos = new AtomicLong();
  private final AtomicLong firstArrival = new AtomicLong();
  private final AtomicLong lastAnswer = new AtomicLong();

  private DelayedMatcherServer(Duration delay) {
    this.delay = delay;
    this.ims =
        new FakeImsTokenEndpoint(
            LoopbackMatcherServer.CLIENT_ID, LoopbackMatcherServer.CLIENT_SECRET);
    DelayedReply delayedReply = new DelayedReply();
    this.replies = new ScheduledThreadPoolExecutor(1, daemon("bench-delayed-reply"));
    try {
      imsServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the loopback IMS", e);
    }
    imsExecutor = Executors.newFixedThreadPool(4, daemon("bench-ims"));
    imsServer.setExecutor(imsExecutor);
    imsServer.createContext(LoopbackMatcherServer.TOKEN_PATH, ims);
    imsServer.start();
    server =
        AsyncServerBootstrap.bootstrap()
            .setIOReactorConfig(
                IOReactorConfig.custom().setIoThreadCount(2).setTcpNoDelay(true).build())
            .setIOSessionListener(new CountingSessions())
            // Every request, whatever its Host or path: only the SDK under test calls.
            .setRequestRouter(
                (request, context) -> () -> new BasicServerExchangeHandler<>(delayedReply))
            .create();
    server.start();
    try {
      ListenerEndpoint endpoint =
          server
              .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), URIScheme.HTTP)
              .get(10, TimeUnit.SECONDS);
      InetSocketAddress bound = (InetSocketAddress) endpoint.getAddress();
      baseUrl = "http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort();
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IllegalStateException("could not listen", e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  /** Starts a server answering each call {@code delay} after it arrived. */
  static DelayedMatcherServer start(Duration delay) {
    return new DelayedMatcherServer(delay);
  }

  /** The rule pointing at this server and its fake IMS. */
  ExternalMatcherInput rule() {
    InetSocketAddress ims = imsServer.getAddress();
    return ExternalMatcherInput.builder()
        .assetToProductUrl(baseUrl + ASSET_TO_PRODUCT)
        .productToAssetUrl(baseUrl + AssetMatcherHttpHandler.PRODUCT_TO_ASSET_PATH)
        .credentials(
            ExternalMatcherCredentialsInput.builder()
                .oauthServerUrl(
                    "http://"
                        + ims.getAddress().getHostAddress()
                        + ":"
                        + ims.getPort()
                        + LoopbackMatcherServer.TOKEN_PATH)
                .clientId(LoopbackMatcherServer.CLIENT_ID)
                .clientSecret(LoopbackMatcherServer.CLIENT_SECRET)
                .imsOrgId(LoopbackMatcherServer.IMS_ORG_ID)
                .build())
        .build();
  }

  /** What the server counted since it started (peaks: since the last {@link #resetPeaks()}). */
  Counts counts() {
    return new Counts(
        connections.get(),
        ims.tokenRequests(),
        answered.sum(),
        refused.sum(),
        peakWaiting.get(),
        waitedNanos.sum(),
        maxLateNanos.get(),
        lastAnswer.get() - firstArrival.get());
  }

  /**
   * Starts the peaks (most calls waiting, latest firing) and the busy window again, between two
   * phases.
   */
  void resetPeaks() {
    peakWaiting.set(waiting.get());
    maxLateNanos.set(0);
    firstArrival.set(0);
    lastAnswer.set(0);
  }

  @Override
  public void close() {
    if (server != null) {
      server.close(CloseMode.IMMEDIATE);
    }
    replies.shutdownNow();
    imsServer.stop(0);
    imsExecutor.shutdownNow();
  }

  /**
   * The server's counters at one moment.
   *
   * @param connections connections accepted
   * @param tokenRequests token requests the fake IMS served
   * @param answered calls answered 200
   * @param refused calls answered 401 (no or an unknown token)
   * @param peakWaiting the most calls waiting for their answer at once
   * @param waitedNanos the sum of the answered calls' times in the server
   * @param maxLateNanos the latest an answer was sent after its due time
   * @param busyNanos from the first call's arrival to the last answer since {@link #resetPeaks()}
   */
  record Counts(
      long connections,
      long tokenRequests,
      long answered,
      long refused,
      int peakWaiting,
      long waitedNanos,
      long maxLateNanos,
      long busyNanos) {

    /** What happened between {@code before} and this (peaks are this one's). */
    Counts since(Counts before) {
      return new Counts(
          connections - before.connections,
          tokenRequests - before.tokenRequests,
          answered - before.answered,
          refused - before.refused,
          peakWaiting,
          waitedNanos - before.waitedNanos,
          maxLateNanos,
          busyNanos);
    }
  }

  /** Reads the whole request, checks its token, then schedules the answer. */
  private final class DelayedReply
      implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {

    @Override
    public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(
        HttpRequest request, EntityDetails entityDetails, HttpContext context) {
      return new BasicRequestConsumer<>(new BasicAsyncEntityConsumer());
    }

    @Override
    public void handle(
        Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context)
        throws org.apache.hc.core5.http.HttpException, IOException {
      Header authorization = message.getHead().getFirstHeader("Authorization");
      String value = authorization == null ? "" : authorization.getValue();
      if (!value.startsWith("Bearer ") || !ims.accepts(value.substring(7))) {
        refused.increment();
        trigger.submitResponse(
            new BasicResponseProducer(401, "{\"error\":\"token\"}", ContentType.APPLICATION_JSON),
            context);
        return;
      }
      long arrived = System.nanoTime();
      firstArrival.compareAndSet(0, arrived);
      long due = arrived + delay.toNanos();
      peakWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
      replies.schedule(
          () -> {
            long now = System.nanoTime();
            maxLateNanos.accumulateAndGet(now - due, Math::max);
            waiting.decrementAndGet();
            waitedNanos.add(now - arrived);
            lastAnswer.accumulateAndGet(now, Math::max);
            answered.increment();
            try {
              trigger.submitResponse(
                  new BasicResponseProducer(200, REPLY, ContentType.APPLICATION_JSON), context);
            } catch (org.apache.hc.core5.http.HttpException | IOException e) {
              // The client went away: nothing to answer.
            }
          },
          delay.toNanos(),
          TimeUnit.NANOSECONDS);
    }
  }

  /** Counts the connections accepted. */
  private final class CountingSessions implements IOSessionListener {
    @Override
    public void connected(IOSession session) {
      connections.incrementAndGet();
    }

    @Override
    public void startTls(IOSession session) {}

    @Override
    public void inputReady(IOSession session) {}

    @Override
    public void outputReady(IOSession session) {}

    @Override
    public void timeout(IOSession session) {}

    @Override
    public void exception(IOSession session, Exception ex) {}

    @Override
    public void disconnected(IOSession session) {}
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
