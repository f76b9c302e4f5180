package dev.ares.matching.server;

import dev.ares.matching.internal.WireJson;
import dev.ares.matching.server.AssetMatcherHttpHandler.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a {@link MatcherServer}, on the non-blocking I/O reactor: the head is checked on
 * arrival, the body is gathered as it comes under a size cap and a deadline, and only a complete
 * body is handed to a worker thread. A slow client therefore holds no worker.
 */
final class MatcherExchange implements AsyncServerExchangeHandler {

  private static final Logger LOG = LoggerFactory.getLogger(MatcherExchange.class);
  private static final int READING = 0;
  private static final int DISPATCHED = 1;
  private static final int ANSWERED = 2;

  private final AssetMatcherHttpHandler handler;
  private final MatcherServer.Limits limits;
  private final Executor workers;
  private final ScheduledExecutorService timer;
  private final AtomicInteger state = new AtomicInteger(READING);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private volatile AsyncResponseProducer producer;
  private volatile ResponseChannel channel;
  private volatile HttpContext context;
  private volatile ScheduledFuture<?> deadline;
  private boolean assetDirection;
  private String authorization;

  MatcherExchange(AssetMatcherHttpHandler handler, MatcherServer.Limits limits, Executor workers,
      ScheduledExecutorService timer) {
    this.handler = handler;
    this.limits = limits;
    this.workers = workers;
    this.timer = timer;
  }

  @Override
  public void handleRequest(HttpRequest request, EntityDetails entity, ResponseChannel responseChannel,
      HttpContext httpContext) {
    this.channel = responseChannel;
    this.context = httpContext;
    Boolean direction = limits.direction(request.getPath());
    Header contentType = request.getFirstHeader(HttpHeaders.CONTENT_TYPE);
    Header auth = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
    authorization = auth == null ? null : auth.getValue();
    Reply early = handler.answerHead(direction, request.getMethod(),
        contentType == null ? null : contentType.getValue(), authorization);
    if (early != null) {
      finish(early, entity != null);
      return;
    }
    assetDirection = direction;
    if (entity != null && entity.getContentLength() > limits.maxRequestBytes()) {
      finish(tooLarge(), true);
      return;
    }
    if (entity == null) {
      dispatch(new byte[0]);
      return;
    }
    deadline = timer.schedule(() -> finish(Reply.error(408, "the request body did not arrive within "
        + limits.bodyReadTimeout().toMillis() + " ms"), true), limits.bodyReadTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacityChannel.update(Integer.MAX_VALUE);
  }

  @Override
  public void consume(ByteBuffer src) {
    if (state.get() != READING) {
      src.position(src.limit()); // answered already: the connection closes after the answer
      return;
    }
    int n = src.remaining();
    if (body.size() + (long) n > limits.maxRequestBytes()) {
      src.position(src.limit());
      finish(tooLarge(), true);
      return;
    }
    byte[] chunk = new byte[n];
    src.get(chunk);
    body.write(chunk, 0, n);
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    cancelDeadline();
    if (state.get() == READING) {
      dispatch(body.toByteArray());
    }
  }

  private void dispatch(byte[] bytes) {
    if (!state.compareAndSet(READING, DISPATCHED)) {
      return;
    }
    try {
      workers.execute(() -> send(handler.answer(assetDirection, authorization, bytes), false));
    } catch (RejectedExecutionException e) {
      send(new Reply(503, WireJson.error("the matcher is busy; try again"), Map.of("Retry-After", "1")), false);
    }
  }

  private Reply tooLarge() {
    return Reply.error(413, "the request is larger than " + limits.maxRequestBytes() + " bytes");
  }

  /** Answers while the body is still being read (or before it is), unless answered already. */
  private void finish(Reply reply, boolean closeConnection) {
    if (state.compareAndSet(READING, ANSWERED)) {
      cancelDeadline();
      send(reply, closeConnection);
    }
  }

  /**
   * Sends {@code reply}. With {@code closeConnection} (an answer before the body is complete) the
   * answer says {@code Connection: close}, and {@link ConnectionGuard} closes the connection once
   * it is written rather than wait for a body that may never come.
   */
  private void send(Reply reply, boolean closeConnection) {
    HttpResponse response = new BasicHttpResponse(reply.status());
    reply.headers().forEach(response::addHeader);
    if (closeConnection) {
      response.addHeader(HttpHeaders.CONNECTION, "close");
    }
    AsyncResponseProducer p = new BasicResponseProducer(response,
        AsyncEntityProducers.create(reply.json().toString(), ContentType.APPLICATION_JSON));
    producer = p;
    try {
      p.sendResponse(channel, context);
    } catch (HttpException | IOException | RuntimeException e) {
      LOG.debug("could not answer: {}", e.getClass().getSimpleName());
    }
  }

  private void cancelDeadline() {
    ScheduledFuture<?> d = deadline;
    if (d != null) {
      d.cancel(false);
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
    cancelDeadline();
    state.set(ANSWERED);
    AsyncResponseProducer p = producer;
    if (p != null) {
      p.failed(cause);
    }
  }

  @Override
  public void releaseResources() {
    cancelDeadline();
    AsyncResponseProducer p = producer;
    if (p != null) {
      p.releaseResources();
    }
  }
}
