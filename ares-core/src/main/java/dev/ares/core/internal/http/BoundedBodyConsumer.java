package dev.ares.core.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * {@link BoundedBodyReader}'s rule for the async client: collects a body within the call's cap and
 * stops reading as soon as it is passed. Stopping fails the exchange, so the client drops the
 * connection instead of draining it; {@link Dropped} carries an error answer whose oversized body
 * was dropped, {@link BoundedBodyReader.TooLarge} a success's.
 */
final class BoundedBodyConsumer implements AsyncResponseConsumer<HttpAnswer> {

  /** Reads at most this much ahead of the cap check: a window, not the whole body. */
  private static final int WINDOW = 64 * 1024;

  private final HttpCall call;
  private final int attempt;
  private final long limit;
  private BoundedBodyReader.Head head;
  private ByteArrayOutputStream body;
  private FutureCallback<HttpAnswer> result;

  BoundedBodyConsumer(HttpCall call, int attempt) {
    this.call = call;
    this.attempt = attempt;
    this.limit = BoundedBodyReader.limit(call);
  }

  @Override
  public void consumeResponse(
      HttpResponse response,
      EntityDetails entity,
      HttpContext context,
      FutureCallback<HttpAnswer> resultCallback)
      throws IOException {
    head = BoundedBodyReader.head(call, response, attempt);
    if (entity == null) {
      resultCallback.completed(head.with(new byte[0]));
      return;
    }
    long declared = entity.getContentLength();
    if (declared > limit) {
      throw dropped();
    }
    body = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 0), WINDOW));
    result = resultCallback;
  }

  @Override
  public void informationResponse(HttpResponse response, HttpContext context) {}

  @Override
  public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
    capacityChannel.update(WINDOW);
  }

  @Override
  public void consume(ByteBuffer src) throws IOException {
    if (body.size() + (long) src.remaining() > limit) {
      throw dropped();
    }
    if (src.hasArray()) {
      body.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
      src.position(src.limit());
    } else {
      byte[] chunk = new byte[src.remaining()];
      src.get(chunk);
      body.write(chunk);
    }
  }

  @Override
  public void streamEnd(List<? extends Header> trailers) {
    result.completed(head.with(body.toByteArray()));
  }

  @Override
  public void failed(Exception cause) {
    // The client reports the failure to the exchange's callback itself.
  }

  @Override
  public void releaseResources() {
    body = null;
  }

  private IOException dropped() {
    try {
      return new Dropped(head.withoutOversizedBody());
    } catch (BoundedBodyReader.TooLarge tooLarge) {
      return tooLarge;
    }
  }

  /** An error answer whose body was over the cap: the answer, without its body. */
  static final class Dropped extends IOException {
    private static final long serialVersionUID = 1L;
    final transient HttpAnswer answer;

    Dropped(HttpAnswer answer) {
      super("error body over the size limit, dropped");
      this.answer = answer;
    }
  }
}
