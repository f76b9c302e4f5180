package dev.ares.matcher.server;

import dev.ares.matcher.server.AssetMatcherHttpHandler.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseProducer;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.BasicResponseProducer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a {@link MatcherServer}, on the non-blocking I/O reactor. The head is checked on
 * arrival; the token (when one is wanted) is checked on a worker before any capacity to read the
 * body is granted; the body is then gathered as it comes under a size cap, the server-wide budget
 * and a deadline; only a complete body is handed to a worker. Each worker step runs under the
 * request timeout. A slow client therefore holds no worker, and a stuck matcher holds no client.
 *
 * <p>The health path ({@link MatcherServer#HEALTH_PATH}) is answered here, on the I/O thread: no
 * token, no worker, no matcher. Every request is counted in flight from its head to the end of its
 * exchange and then told to the {@link RequestTracker} (the access log and the listener); while the
 * server drains, every answer closes its connection.
 */
final class MatcherExchange implements AsyncServerExchangeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MatcherExchange.class);

  /** The token is being checked on a worker; the body is not read. */
  private static final int CHECKING = 0;

  /** The body is being read. */
  private static final int READING = 1;

  /** The matcher runs on a worker. */
  private static final int RUNNING = 2;

  private static final int ANSWERED = 3;

  /** The health answer's body. */
  static final String HEALTH_JSON = "{\"status\":\"UP\"}";

  private final AssetMatcherHttpHandler handler;
  private final MatcherServer.Limits limits;
  private final Executor workers;
  private final ScheduledExecutorService timer;
  private final AtomicInteger state = new AtomicInteger(CHECKING);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final AtomicLong reserved = new AtomicLong();
  private volatile AsyncResponseProducer producer;
  private volatile ResponseChannel channel;
  private volatile HttpContext context;
  private volatile CapacityChannel capacity;
  private volatile boolean bodyComplete;
  private volatile ScheduledFuture<?> bodyDeadline;
  private volatile ScheduledFuture<?> workDeadline;
  private volatile FutureTask<Void> task;
  private volatile boolean assetDirection;
  private volatile String query;
  private volatile String authorization;

  // What the tracker is told when the exchange ends.
  private final RequestTracker tracker;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean started;
  private volatile long startNanos;
  private volatile String route = ServedRequest.OTHER;
  private volatile String method;
  private volatile String path;
  private volatile String remote;
  private volatile String clientId;
  private volatile int sentStatus;
  private volatile RequestOutcome outcome = RequestOutcome.ABANDONED;

  MatcherExchange(
      AssetMatcherHttpHandler handler,
      MatcherServer.Limits limits,
      Executor workers,
      ScheduledExecutorService timer,
      RequestTracker tracker) {
    this.handler = handler;
    this.limits = limits;
    this.workers = workers;
    this.timer = timer;
    this.tracker = tracker;
  }

  @Override
  public void handleRequest(
      HttpRequest request,
      EntityDetails entity,
      ResponseChannel responseChannel,
      HttpContext httpContext) {
    this.channel = responseChannel;
    this.context = httpContext;
    track(request, httpContext);
    Boolean direction = limits.direction(request.getPath());
    if (direction == null && isHealth(request.getPath())) {
      route = ServedRequest.HEALTH;
      answerHealth(request.getMethod(), entity != null);
      return;
    }
    if (direction != null) {
      route = direction ? ServedRequest.ASSET_TO_PRODUCT : ServedRequest.PRODUCT_TO_ASSET;
    }
    Header contentType = request.getFirstHeader(HttpHeaders.CONTENT_TYPE);
    Header auth = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
    authorization = auth == null ? null : auth.getValue();
    Reply early =
        handler.answerHead(
            direction,
            request.getMethod(),
            contentType == null ? null : contentType.getValue(),
            authorization);
    if (early != null) {
      finish(early, null);
      return;
    }
    assetDirection = direction;
    query = AssetMatcherHttpHandler.queryOf(request.getMethod(), request.getPath());
    if (entity != null && entity.getContentLength() > limits.maxRequestBytes()) {
      finish(tooLarge(), RequestOutcome.TOO_LARGE);
      return;
    }
    bodyComplete = entity == null;
    if (handler.requiresToken()) {
      FutureTask<Void> t = new FutureTask<>(this::checkTokenThenRun, null);
      task = t;
      submit(t, CHECKING);
    } else if (state.compareAndSet(CHECKING, READING)) {
      startReading();
    }
  }

  /** Counts the request in flight and keeps what its access-log line and event will say. */
  private void track(HttpRequest request, HttpContext httpContext) {
    startNanos = System.nanoTime();
    method = request.getMethod();
    path = AccessLog.path(request.getPath());
    SocketAddress address =
        HttpCoreContext.cast(httpContext).getEndpointDetails() == null
            ? null
            : HttpCoreContext.cast(httpContext).getEndpointDetails().getRemoteAddress();
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      remote = inet.getAddress().getHostAddress();
    }
    tracker.started(this);
    started = true;
  }

  private boolean isHealth(String requestTarget) {
    if (requestTarget == null) {
      return false;
    }
    int query = requestTarget.indexOf('?');
    String p = query < 0 ? requestTarget : requestTarget.substring(0, query);
    return p.equals(limits.basePath() + MatcherServer.HEALTH_PATH);
  }

  /**
   * The liveness answer: {@code {"status":"UP"}} to GET and HEAD, at once on the I/O thread. A
   * health request that came with a body is answered without reading it and its connection closed.
   */
  private void answerHealth(String requestMethod, boolean hasBody) {
    Reply reply =
        "GET".equals(requestMethod) || "HEAD".equals(requestMethod)
            ? new Reply(200, HEALTH_JSON, Map.of("Cache-Control", "no-store"))
            : new Reply(
                405, AssetMatcherHttpHandler.errorJson("use GET"), Map.of("Allow", "GET, HEAD"));
    answerFrom(CHECKING, reply, hasBody, null);
  }

  /**
   * Runs {@code t} on a worker under the request timeout of {@code phase}, or answers 503 when all
   * are busy.
   */
  private void submit(FutureTask<Void> t, int phase) {
    try {
      workers.execute(t);
    } catch (RejectedExecutionException e) {
      answerFrom(phase, busy(), true, RequestOutcome.BUSY);
      return;
    }
    armWorkDeadline(phase);
  }

  private void armWorkDeadline(int phase) {
    ScheduledFuture<?> d =
        timer.schedule(
            () -> timedOut(phase), limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    workDeadline = d;
    if (state.get() != phase) {
      d.cancel(false); // the step ended before its deadline was set
    }
  }

  /** The worker step when a token is wanted: check it, then run the matcher if the body is here. */
  private void checkTokenThenRun() {
    Reply refusal =
        guarded(
            () -> handler.authorize(authorization),
            "the token validator",
            Reply.error(500, "the token could not be checked"));
    cancel(workDeadline);
    if (refusal != null) {
      answerFrom(CHECKING, refusal, true, null);
    } else if (state.compareAndSet(CHECKING, READING)) {
      clientId = AccessLog.clientId(authorization);
      // The body may have arrived with the head; then this worker runs the matcher straight away.
      if (bodyComplete && state.compareAndSet(READING, RUNNING)) {
        armWorkDeadline(RUNNING);
        runMatcher();
      } else {
        startReading();
      }
    }
  }

  /** Lets the body in: arms its deadline and grants the capacity withheld until now. */
  private void startReading() {
    if (bodyComplete) {
      dispatch();
      return;
    }
    bodyDeadline =
        timer.schedule(
            () ->
                finish(
                    Reply.error(
                        408,
                        "the request body did not arrive within "
                            + limits.bodyReadTimeout().toMillis()
                            + " ms"),
                    RequestOutcome.BODY_TIMEOUT),
            limits.bodyReadTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    if (state.get() != READING) {
      cancel(bodyDeadline);
    }
    CapacityChannel c = capacity;
    if (c != null) {
      grant(c);
    }
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacity = capacityChannel;
    if (state.get() != CHECKING) {
      grant(capacityChannel);
    }
  }

  private void grant(CapacityChannel c) {
    try {
      c.update(limits.maxRequestBytes() + 1);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not resume reading: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void consume(ByteBuffer src) {
    int s = state.get();
    if (s != CHECKING && s != READING) {
      src.position(src.limit()); // answered already: the connection closes after the answer
      return;
    }
    int n = src.remaining();
    if (body.size() + (long) n > limits.maxRequestBytes()) {
      src.position(src.limit());
      finish(tooLarge(), RequestOutcome.TOO_LARGE);
      return;
    }
    if (!limits.budget().tryReserve(n)) {
      src.position(src.limit());
      finish(busy(), RequestOutcome.BUSY);
      return;
    }
    reserved.addAndGet(n);
    byte[] chunk = new byte[n];
    src.get(chunk);
    body.write(chunk, 0, n);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    bodyComplete = true;
    if (state.get() == READING) {
      dispatch();
    }
  }

  private void dispatch() {
    if (!state.compareAndSet(READING, RUNNING)) {
      return;
    }
    cancel(bodyDeadline);
    FutureTask<Void> t = new FutureTask<>(this::runMatcher, null);
    task = t;
    submit(t, RUNNING);
  }

  private void runMatcher() {
    byte[] bytes = body.toByteArray();
    boolean direction = assetDirection;
    String q = query;
    Reply reply =
        guarded(
            () -> handler.answer(direction, q, bytes),
            "the matcher",
            Reply.error(500, "the matcher failed"));
    cancel(workDeadline);
    answerFrom(RUNNING, reply, false, null);
  }

  /** {@code work}'s answer, or {@code onFailure} when it fails in any way (errors included). */
  private Reply guarded(Callable<Reply> work, String what, Reply onFailure) {
    try {
      return work.call();
    } catch (VirtualMachineError e) {
      // Logged rather than rethrown: the worker runs inside a FutureTask, which would only keep it.
      LOG.error("{} failed: {}", what, e.getClass().getName());
      return onFailure;
    } catch (
        Throwable e) { // a plugin's NoClassDefFoundError or AssertionError still gets an answer
      LOG.warn("{} failed: {}", what, e.getClass().getName());
      return onFailure;
    }
  }

  /** The request timeout of {@code phase} passed: answer 503, close, and interrupt the worker. */
  private void timedOut(int phase) {
    if (!state.compareAndSet(phase, ANSWERED)) {
      return;
    }
    FutureTask<Void> t = task;
    if (t != null) {
      t.cancel(true);
    }
    LOG.warn(
        "{} did not finish within {} ms; answered 503 and interrupted its worker",
        phase == CHECKING ? "the token check" : "the matcher",
        limits.requestTimeout().toMillis());
    releaseBudget();
    send(
        new Reply(
            503,
            AssetMatcherHttpHandler.errorJson("the matcher did not answer in time"),
            Map.of("Retry-After", "1")),
        true,
        RequestOutcome.TIMED_OUT);
  }

  private Reply tooLarge() {
    return Reply.error(413, "the request is larger than " + limits.maxRequestBytes() + " bytes");
  }

  private static Reply busy() {
    return new Reply(
        503,
        AssetMatcherHttpHandler.errorJson("the matcher is busy; try again"),
        Map.of("Retry-After", "1"));
  }

  /**
   * Answers before the request is complete (or its token checked), unless answered already; closes.
   * {@code why} is the outcome when the status alone does not say it ({@code null} otherwise).
   */
  private void finish(Reply reply, RequestOutcome why) {
    if (answerFrom(CHECKING, reply, true, why) || answerFrom(READING, reply, true, why)) {
      cancel(bodyDeadline);
    }
  }

  /** Sends {@code reply} if the exchange is still in {@code phase}; whether it did. */
  private boolean answerFrom(int phase, Reply reply, boolean closeConnection, RequestOutcome why) {
    if (!state.compareAndSet(phase, ANSWERED)) {
      return false;
    }
    releaseBudget(); // before the answer is out, so the client's next request finds the room
    send(reply, closeConnection, why);
    return true;
  }

  /**
   * Sends {@code reply}. With {@code closeConnection} (an answer before the request was complete)
   * the answer says {@code Connection: close}, and {@link ConnectionGuard} closes the connection
   * once it is written rather than wait for a body that may never come. While the server drains,
   * every answer says {@code Connection: close}.
   */
  private void send(Reply reply, boolean closeConnection, RequestOutcome why) {
    sentStatus = reply.status();
    outcome = why != null ? why : outcomeOf(reply.status());
    HttpResponse response = new BasicHttpResponse(reply.status());
    reply.headers().forEach(response::addHeader);
    if (closeConnection || tracker.draining()) {
      response.addHeader(HttpHeaders.CONNECTION, "close");
    }
    AsyncResponseProducer p =
        new BasicResponseProducer(
            response, AsyncEntityProducers.create(reply.json(), ContentType.APPLICATION_JSON));
    producer = p;
    try {
      p.sendResponse(channel, context);
    } catch (HttpException | IOException | RuntimeException e) {
      LOG.debug("could not answer: {}", e.getClass().getSimpleName());
    }
  }

  /** The outcome an answer's status says, for answers whose cause the status tells alone. */
  static RequestOutcome outcomeOf(int status) {
    if (status >= 200 && status < 300) {
      return RequestOutcome.ANSWERED;
    }
    return switch (status) {
      case 400, 414 -> RequestOutcome.BAD_REQUEST;
      case 401 -> RequestOutcome.UNAUTHORIZED;
      case 404 -> RequestOutcome.NOT_FOUND;
      case 405 -> RequestOutcome.METHOD_NOT_ALLOWED;
      case 408 -> RequestOutcome.BODY_TIMEOUT;
      case 413 -> RequestOutcome.TOO_LARGE;
      case 415 -> RequestOutcome.UNSUPPORTED_MEDIA_TYPE;
      case 500 -> RequestOutcome.FAILED;
      case 503 -> RequestOutcome.KEYS_UNAVAILABLE; // the handler's only 503
      default -> RequestOutcome.OTHER;
    };
  }

  private static void cancel(ScheduledFuture<?> d) {
    if (d != null) {
      d.cancel(false);
    }
  }

  private void releaseBudget() {
    long n = reserved.getAndSet(0);
    if (n > 0) {
      limits.budget().release(n);
    }
  }

  @Override
  public int available() {
    AsyncResponseProducer p = producer;
    return p == null ? 0 : p.available();
  }

  @Override
  public void produce(DataStreamChannel channel) throws IOException {
    AsyncResponseProducer p = producer;
    if (p != null) {
      p.produce(channel);
    }
  }

  @Override
  public void failed(Exception cause) {
    cancel(bodyDeadline);
    cancel(workDeadline);
    state.set(ANSWERED);
    AsyncResponseProducer p = producer;
    if (p != null) {
      p.failed(cause);
    }
  }

  @Override
  public void releaseResources() {
    cancel(bodyDeadline);
    cancel(workDeadline);
    releaseBudget();
    AsyncResponseProducer p = producer;
    if (p != null) {
      p.releaseResources();
    }
    end();
  }

  /**
   * The server closed without ending this exchange: it ends now, with no answer (one being written
   * is lost with its connection).
   */
  void abandon() {
    sentStatus = 0;
    outcome = RequestOutcome.ABANDONED;
    end();
  }

  /** Tells the tracker how the request ended, once. */
  private void end() {
    if (started && ended.compareAndSet(false, true)) {
      tracker.ended(
          this,
          ServedRequest.of(
              route,
              sentStatus,
              outcome,
              Duration.ofNanos(Math.max(0, System.nanoTime() - startNanos))),
          remote,
          method,
          path,
          clientId);
    }
  }
}
