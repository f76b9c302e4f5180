package dev.ares.core.internal.http;

import java.io.IOException;
import java.net.URISyntaxException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;

/**
 * The async client's form of a call's request: {@link HttpCall} describes every request once, as a
 * classic {@link HttpUriRequestBase}; this copies its method, URI, headers and (in-memory) body.
 */
final class AsyncRequests {

  private AsyncRequests() {}

  static AsyncRequestProducer of(HttpUriRequestBase request)
      throws IOException, URISyntaxException {
    BasicHttpRequest copy = new BasicHttpRequest(request.getMethod(), request.getUri());
    for (Header header : request.getHeaders()) {
      copy.addHeader(header);
    }
    HttpEntity entity = request.getEntity();
    AsyncEntityProducer body = null;
    if (entity != null) {
      String type = entity.getContentType();
      body =
          new BasicAsyncEntityProducer(
              EntityUtils.toByteArray(entity), type == null ? null : ContentType.parse(type));
    }
    return new BasicRequestProducer(copy, body);
  }
}
