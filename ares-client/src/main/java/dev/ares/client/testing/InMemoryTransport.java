package dev.ares.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;

/**
 * The fake ARES inside HttpClient: the first handler of the exec chain answers every request from
 * {@link FakeAres} and never lets it reach a connection. Everything above it, the SDK's engine
 * (timeouts, retries, body limits) and the client (validation, error mapping), is the real code. A
 * delay waits for the client to cancel the attempt, as a slow server would. {@link
 * InMemoryAsyncTransport} is its counterpart in the async client.
 */
final class InMemoryTransport implements ExecChainHandler {

  private final FakeAres fake;

  private InMemoryTransport(FakeAres fake) {
    this.fake = fake;
  }

  /** An HttpClient that answers from {@code fake}; close it when done. */
  static CloseableHttpClient client(FakeAres fake) {
    return HttpClients.custom()
        .addExecInterceptorFirst("ares-in-memory", new InMemoryTransport(fake))
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .build();
  }

  @Override
  public ClassicHttpResponse execute(
      ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain) throws IOException {
    CountDownLatch cancelled = new CountDownLatch(1);
    if (scope.originalRequest instanceof CancellableDependency cancellable) {
      // The engine ends a late attempt by cancelling its request: we hear it here, no connection
      // being there to abort.
      cancellable.setDependency(
          () -> {
            cancelled.countDown();
            return true;
          });
      if (cancellable.isCancelled()) {
        throw new InterruptedIOException("the request was cancelled");
      }
    }
    FakeAres.Reply reply = reply(fake, request, body(request.getEntity()));
    if (reply.drop()) {
      throw dropped();
    }
    try {
      if (cancelled.await(reply.delay().toNanos(), TimeUnit.NANOSECONDS)) {
        throw new InterruptedIOException("the request was cancelled");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    BasicClassicHttpResponse response = new BasicClassicHttpResponse(reply.status());
    reply.headers().forEach(response::setHeader);
    response.setEntity(new StringEntity(reply.body(), ContentType.APPLICATION_JSON));
    return response;
  }

  /** The fake's reply to {@code request} with this body, for either client. */
  static FakeAres.Reply reply(FakeAres fake, HttpRequest request, byte[] body) {
    return fake.handle(
        request.getMethod(),
        name -> {
          Header header = request.getFirstHeader(name);
          return header == null ? null : header.getValue();
        },
        body);
  }

  /** What a dropped connection fails with, for either client. */
  static NoHttpResponseException dropped() {
    return new NoHttpResponseException("the fake ARES closed the connection without answering");
  }

  private static byte[] body(HttpEntity entity) throws IOException {
    if (entity == null) {
      return new byte[0];
    }
    try (InputStream in = entity.getContent()) {
      return in.readNBytes(FakeAres.MAX_REQUEST_BYTES + 1);
    }
  }
}
