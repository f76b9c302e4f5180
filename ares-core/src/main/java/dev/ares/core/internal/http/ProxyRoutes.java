package dev.ares.core.internal.http;

import dev.ares.core.HttpProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.Credentials;
import org.apache.hc.client5.http.auth.CredentialsProvider;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * How an engine's own clients reach their targets through an {@link HttpProxy}: one choice of proxy
 * per connection (the route planner, which also notes the proxy in the attempt's context), the
 * proxy's credentials offered to that proxy only, and a mark set once the connection reached the
 * target. An answer that comes back without the mark is the proxy's own (a refused {@code
 * CONNECT}), which {@link #refusingProxy} tells from the target's.
 */
final class ProxyRoutes {

  /** The context attribute naming the proxy chosen for the attempt's connection. */
  private static final String PROXY = "dev.ares.proxy";

  /** The context attribute set once the attempt's connection reached the target. */
  private static final String REACHED = "dev.ares.proxy.target-reached";

  /** The proxy selector offered only proxies HttpClient cannot use. */
  static final class UnsupportedProxyException extends HttpException {
    private static final long serialVersionUID = 1L;

    UnsupportedProxyException(String message) {
      super(message);
    }
  }

  private final HttpProxy proxy;

  ProxyRoutes(HttpProxy proxy) {
    this.proxy = proxy == null ? HttpProxy.jvmDefault() : proxy;
  }

  /** The route planner: the proxy for each target, noted in the context. */
  HttpRoutePlanner planner() {
    return new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE) {
      @Override
      protected HttpHost determineProxy(HttpHost target, HttpContext context) throws HttpException {
        HttpHost chosen = proxyFor(target);
        context.setAttribute(PROXY, chosen);
        return chosen;
      }
    };
  }

  /** Offers the proxy's credentials, when set, to the proxy this attempt goes through only. */
  CredentialsProvider credentials() {
    String username = proxy.username();
    char[] password = proxy.password() == null ? null : proxy.password().toCharArray();
    return new CredentialsProvider() {
      @Override
      public Credentials getCredentials(AuthScope scope, HttpContext context) {
        if (username == null || context == null) {
          return null;
        }
        Object chosen = context.getAttribute(PROXY);
        return chosen instanceof HttpHost host
                && host.getHostName().equalsIgnoreCase(scope.getHost())
                && host.getPort() == scope.getPort()
            ? new UsernamePasswordCredentials(username, password.clone())
            : null;
      }
    };
  }

  /** The classic chain's handler, placed right after HttpClient's connect step. */
  static ExecChainHandler reachedClassic() {
    return new ExecChainHandler() {
      @Override
      public ClassicHttpResponse execute(
          ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
          throws IOException, HttpException {
        scope.clientContext.setAttribute(REACHED, Boolean.TRUE);
        return chain.proceed(request, scope);
      }
    };
  }

  /** The async chain's handler, placed right after HttpClient's connect step. */
  static AsyncExecChainHandler reachedAsync() {
    return new AsyncExecChainHandler() {
      @Override
      public void execute(
          HttpRequest request,
          AsyncEntityProducer entityProducer,
          AsyncExecChain.Scope scope,
          AsyncExecChain chain,
          AsyncExecCallback callback)
          throws HttpException, IOException {
        scope.clientContext.setAttribute(REACHED, Boolean.TRUE);
        chain.proceed(request, entityProducer, scope, callback);
      }
    };
  }

  /**
   * The proxy ({@code host:port}) whose own answer {@code status} is, or {@code null} when the
   * answer is the target's: any answer before the connection reached the target (a refused tunnel),
   * and a 407 relayed through a plain-http proxy.
   */
  static String refusingProxy(HttpContext context, int status) {
    return status == 407 ? chosenProxy(context) : proxyNotPassed(context);
  }

  /**
   * The proxy ({@code host:port}) an attempt was connecting through when it failed before reaching
   * the target, or {@code null}: the failure is then the proxy's (refused, timed out, closed).
   */
  static String proxyNotPassed(HttpContext context) {
    return context != null && Boolean.TRUE.equals(context.getAttribute(REACHED))
        ? null
        : chosenProxy(context);
  }

  /** The proxy ({@code host:port}) chosen for the attempt's connection, or {@code null}. */
  private static String chosenProxy(HttpContext context) {
    return context != null && context.getAttribute(PROXY) instanceof HttpHost proxy
        ? proxy.toHostString()
        : null;
  }

  private HttpHost proxyFor(HttpHost target) throws HttpException {
    if (proxy.isNone()) {
      return null;
    }
    if (proxy.uri() != null) {
      return new HttpHost("http", proxy.uri().getHost(), proxy.uri().getPort());
    }
    ProxySelector selector =
        proxy.proxySelector() != null ? proxy.proxySelector() : ProxySelector.getDefault();
    if (selector == null) {
      return null;
    }
    List<Proxy> offered;
    try {
      offered = selector.select(URI.create(target.toURI()));
    } catch (RuntimeException e) {
      throw new UnsupportedProxyException(
          "the proxy selector failed (" + e.getClass().getSimpleName() + ")");
    }
    if (offered == null || offered.isEmpty()) {
      return null;
    }
    for (Proxy offer : offered) {
      if (offer.type() == Proxy.Type.DIRECT) {
        return null;
      }
      if (offer.type() == Proxy.Type.HTTP && offer.address() instanceof InetSocketAddress at) {
        return new HttpHost("http", at.getHostString(), at.getPort());
      }
    }
    throw new UnsupportedProxyException(
        "the proxy selector offered only SOCKS proxies, which the SDK does not support");
  }
}
