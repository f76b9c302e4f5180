package dev.ares.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncDataConsumer;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * The fake ARES inside the async HttpClient, as {@link InMemoryTransport} is inside the classic
 * one: the same {@link FakeAres} answers every request before it reaches a connection, and the
 * engine's async path above it (deadlines, retries, body limits, cancellation) is the real code. A
 * delay is a timer, not a waiting thread; cancelling the exchange (a deadline, the caller) ends it
 * at once, as a slow server's would end.
 *
 * <p>Its one timer thread ({@code ares-in-memory-delays}) starts with the first delayed answer and
 * stops on {@link #close()}.
 */
final class InMemoryAsyncTransport implements AsyncExecChainHandler, AutoCloseable {

  private final FakeAres fake;
  private final Object lock = new Object();
  private ScheduledThreadPoolExecutor delays; // guarded by lock
  private boolean closed; // guarded by lock

  InMemoryAsyncTransport(FakeAres fake) {
    this.fake = fake;
  }

  @Override
  public void execute(
      HttpRequest request,
      AsyncEntityProducer entityProducer,
      AsyncExecChain.Scope scope,
      AsyncExecChain chain,
      AsyncExecCallback callback)
      throws HttpException, IOException {
    AtomicBoolean ended = new AtomicBoolean();
    AtomicReference<ScheduledFuture<?>> delayed = new AtomicReference<>();
    // The engine ends a late or cancelled exchange by cancelling it: we hear it here, no
    // connection being there to close.
    scope.cancellableDependency.setDependency(
        () -> {
          ScheduledFuture<?> later = delayed.get();
          if (later != null) {
            later.cancel(false);
          }
          if (ended.compareAndSet(false, true)) {
            callback.failed(new InterruptedIOException("the request was cancelled"));
          }
          return true;
        });
    if (scope.cancellableDependency.isCancelled()) {
      throw new InterruptedIOException("the request was cancelled");
    }
    FakeAres.Reply reply = InMemoryTransport.reply(fake, request, body(entityProducer));
    if (reply.drop()) {
      if (ended.compareAndSet(false, true)) {
        callback.failed(InMemoryTransport.dropped());
      }
      return;
    }
    if (reply.delay().isZero() || reply.delay().isNegative()) {
      answer(reply, ended, callback);
      return;
    }
    delayed.set(
        timer()
            .schedule(
                () -> answer(reply, ended, callback),
                reply.delay().toNanos(),
                TimeUnit.NANOSECONDS));
    if (ended.get()) { // cancelled while the answer was being scheduled
      delayed.get().cancel(false);
    }
  }

  /** Hands the reply to the client as its connection would: head, then body, then the end. */
  private static void answer(
      FakeAres.Reply reply, AtomicBoolean ended, AsyncExecCallback callback) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      BasicHttpResponse response = new BasicHttpResponse(reply.status());
      reply.headers().forEach(response::setHeader);
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      AsyncDataConsumer consumer =
          callback.handleResponse(
              response, new BasicEntityDetails(body.length, ContentType.APPLICATION_JSON));
      if (consumer != null) {
        consumer.updateCapacity(increment -> {});
        consumer.consume(ByteBuffer.wrap(body));
        consumer.streamEnd(null);
      }
      callback.completed();
    } catch (HttpException | IOException | RuntimeException e) {
      callback.failed(e);
    }
  }

  private ScheduledThreadPoolExecutor timer() throws InterruptedIOException {
    synchronized (lock) {
      if (closed) {
        throw new InterruptedIOException("the in-memory ARES was closed");
      }
      if (delays == null) {
        delays =
            new ScheduledThreadPoolExecutor(
                1,
                task -> {
                  Thread t = new Thread(task, "ares-in-memory-delays");
                  t.setDaemon(true);
                  return t;
                });
        delays.setRemoveOnCancelPolicy(true);
      }
      return delays;
    }
  }

  /** At most {@link FakeAres#MAX_REQUEST_BYTES} plus one byte of the request body. */
  private static byte[] body(AsyncEntityProducer producer) throws IOException {
    if (producer == null) {
      return new byte[0];
    }
    BodyChannel channel = new BodyChannel();
    // An in-memory producer writes all it has at once; the bound keeps a strange one from spinning.
    for (int i = 0; i < 1_000 && !channel.ended; i++) {
      producer.produce(channel);
    }
    producer.releaseResources();
    return channel.bytes();
  }

  /** Stops the delay timer; delayed answers still pending are dropped (their calls are closed). */
  @Override
  public void close() {
    ScheduledThreadPoolExecutor timer;
    synchronized (lock) {
      closed = true;
      timer = delays;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Collects what a request producer writes, up to the fake's limit plus one byte. */
  private static final class BodyChannel implements DataStreamChannel {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean ended;

    @Override
    public void requestOutput() {}

    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      int room = FakeAres.MAX_REQUEST_BYTES + 1 - out.size();
      byte[] chunk = new byte[n];
      src.get(chunk);
      out.write(chunk, 0, Math.max(0, Math.min(n, room)));
      return n;
    }

    @Override
    public void endStream() {
      ended = true;
    }

    @Override
    public void endStream(List<? extends Header> trailers) {
      ended = true;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
