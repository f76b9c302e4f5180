package dev.ares.core.internal;

import java.util.Objects;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The only redirects the SDK follows when asked to: 307 and 308, which keep the method and the
 * body, and only to the same scheme, host and port, so the API key and JWT never travel to another
 * origin. 301, 302 and 303 would turn the POST into a GET and lose the mutation.
 *
 * <p>Internal: not part of the public API.
 */
public final class SameOriginRedirects extends DefaultRedirectStrategy {

  /** The shared instance; stateless. */
  public static final SameOriginRedirects INSTANCE = new SameOriginRedirects();

  private SameOriginRedirects() {}

  @Override
  public boolean isRedirected(HttpRequest request, HttpResponse response, HttpContext context)
      throws ProtocolException {
    int status = response.getCode();
    return (status == 307 || status == 308) && super.isRedirected(request, response, context);
  }

  @Override
  public boolean isRedirectAllowed(
      HttpHost currentTarget, HttpHost newTarget, HttpRequest redirect, HttpContext context) {
    return currentTarget != null
        && newTarget != null
        && currentTarget.getSchemeName().equalsIgnoreCase(newTarget.getSchemeName())
        && currentTarget.getHostName().equalsIgnoreCase(newTarget.getHostName())
        && Objects.equals(currentTarget.getPort(), newTarget.getPort());
  }
}
