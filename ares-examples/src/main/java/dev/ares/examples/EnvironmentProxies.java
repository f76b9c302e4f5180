package dev.ares.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The proxies of the usual environment variables, as curl and most tools read them: {@code
 * HTTPS_PROXY} for https targets, {@code HTTP_PROXY} for http ones (each also in lower case, which
 * wins when both are set, as in curl), and {@code NO_PROXY}: a comma-separated list of host names
 * (a name also covers its subdomains; a leading {@code .} or {@code *.} is allowed), IP addresses,
 * or {@code *} for every host. Loopback is always reached directly: a proxy could not reach this
 * machine's loopback anyway.
 */
final class EnvironmentProxies extends ProxySelector {

  private final Proxy https;
  private final Proxy http;
  private final List<String> noProxy;

  EnvironmentProxies(InetSocketAddress https, InetSocketAddress http, List<String> noProxy) {
    this.https = https == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, https);
    this.http = http == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, http);
    this.noProxy =
        noProxy.stream()
            .map(String::strip)
            .filter(entry -> !entry.isEmpty())
            .map(EnvironmentProxies::normalized)
            .toList();
  }

  @Override
  public List<Proxy> select(URI uri) {
    String host = uri.getHost();
    if (host == null || isLoopback(host) || bypassed(host.toLowerCase(Locale.ROOT))) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of("https".equalsIgnoreCase(uri.getScheme()) ? https : http);
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException e) {
    // The SDK reports the failure itself, naming the proxy.
  }

  private boolean bypassed(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    for (String entry : noProxy) {
      if (entry.equals("*") || bare.equals(entry) || bare.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }

  /** An entry without its port, brackets, leading {@code *.} or {@code .}, in lower case. */
  private static String normalized(String entry) {
    String e = entry.toLowerCase(Locale.ROOT);
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      return close > 0 ? e.substring(1, close) : e;
    }
    int colon = e.lastIndexOf(':');
    if (colon > 0 && e.indexOf(':') == colon) {
      e = e.substring(0, colon); // host:port; an IPv6 address has several colons
    }
    if (e.startsWith("*.")) {
      e = e.substring(2);
    }
    return e.startsWith(".") ? e.substring(1) : e;
  }

  private static boolean isLoopback(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
      return false; // a name: never resolved here, only literal addresses are looked at
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
