package dev.ares.examples;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.HttpProxy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The proxy and TLS settings of every command's HTTP calls, read once from the JVM and the
 * environment:
 *
 * <ul>
 *   <li><b>Proxy.</b> The JVM's own settings win ({@code -Dhttps.proxyHost=...
 *       -Dhttps.proxyPort=... -Dhttp.nonProxyHosts=...}, or {@code
 *       -Djava.net.useSystemProxies=true}): they are set on this command line on purpose. Without
 *       any of them, {@code HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (see {@link
 *       EnvironmentProxies}) are used; a user and password in the proxy URL ({@code
 *       http://user:pass@proxy:3128}) are sent to the proxy when it asks.
 *   <li><b>TLS.</b> {@code ARES_TRUST_STORE} names a PKCS12 file of CA certificates (a company CA,
 *       a TLS-inspecting proxy's), trusted <em>in addition to</em> the JVM's own CAs; {@code
 *       ARES_TRUST_STORE_PASSWORD} its password, if it has one.
 * </ul>
 *
 * <p>Copy this into a service that reads its settings from its environment; a service that sets the
 * JVM's proxy properties needs none of it, the SDK follows them by default.
 */
final class CliNetwork {

  static final String TRUST_STORE = "ARES_TRUST_STORE";
  static final String TRUST_STORE_PASSWORD = "ARES_TRUST_STORE_PASSWORD";

  private static final List<String> JVM_PROXY_PROPERTIES =
      List.of("https.proxyHost", "http.proxyHost");

  private final HttpProxy proxy;
  private final SSLContext sslContext;

  private CliNetwork(HttpProxy proxy, SSLContext sslContext) {
    this.proxy = proxy;
    this.sslContext = sslContext;
  }

  /** The settings of this process: its environment and the JVM's properties. */
  static CliNetwork current() {
    return from(System.getenv(), System.getProperties());
  }

  /**
   * The settings of {@code env} and {@code jvm}.
   *
   * @throws BadInputException naming the variable that cannot be used, never quoting a credential
   */
  static CliNetwork from(Map<String, String> env, Properties jvm) {
    return new CliNetwork(proxy(env, jvm), sslContext(env));
  }

  /** The proxy every command's clients go through. */
  HttpProxy proxy() {
    return proxy;
  }

  /** The TLS context of every command's clients, or {@code null} for the JVM's default. */
  SSLContext sslContext() {
    return sslContext;
  }

  /**
   * Whether calls to {@code uri} go through a proxy: a direct connection to it says nothing about
   * whether it can be reached.
   */
  boolean proxies(URI uri) {
    ProxySelector selector =
        proxy.proxySelector() != null ? proxy.proxySelector() : ProxySelector.getDefault();
    if (proxy.isNone() || selector == null) {
      return false;
    }
    try {
      return selector.select(uri).stream().anyMatch(p -> p.type() != Proxy.Type.DIRECT);
    } catch (RuntimeException e) {
      return true; // the call itself will say what is wrong with the proxy
    }
  }

  /** {@code options} with these proxy and TLS settings. */
  HttpOptions applyTo(HttpOptions options) {
    return options.withProxy(proxy).withSslContext(sslContext);
  }

  private static HttpProxy proxy(Map<String, String> env, Properties jvm) {
    boolean jvmConfigured =
        JVM_PROXY_PROPERTIES.stream().anyMatch(p -> !jvm.getProperty(p, "").isBlank())
            || Boolean.parseBoolean(jvm.getProperty("java.net.useSystemProxies"));
    String https = variable(env, "https_proxy", "HTTPS_PROXY");
    String http = variable(env, "http_proxy", "HTTP_PROXY");
    if (jvmConfigured || (https == null && http == null)) {
      return HttpProxy.jvmDefault();
    }
    HttpProxy httpsProxy = parsed(https, "HTTPS_PROXY");
    HttpProxy httpProxy = parsed(http, "HTTP_PROXY");
    String noProxy = variable(env, "no_proxy", "NO_PROXY");
    HttpProxy selected =
        HttpProxy.selector(
            new EnvironmentProxies(
                address(httpsProxy),
                address(httpProxy),
                noProxy == null ? List.of() : Arrays.asList(noProxy.split(","))));
    HttpProxy withUser =
        httpsProxy != null && httpsProxy.username() != null ? httpsProxy : httpProxy;
    return withUser != null && withUser.username() != null
        ? selected.withCredentials(withUser.username(), withUser.password())
        : selected;
  }

  /** The lower-case variable when set, as curl reads them, else the upper-case one. */
  private static String variable(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    if (value == null || value.isBlank()) {
      value = env.get(upper);
    }
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static HttpProxy parsed(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return HttpProxy.of(value.contains("://") ? value : "http://" + value);
    } catch (AresValidationException e) {
      throw new BadInputException(
          name
              + ": "
              + e.violations().stream()
                  .map(FieldViolation::message)
                  .collect(Collectors.joining("; "))
              + " (as in http://proxy.corp:3128)");
    }
  }

  private static InetSocketAddress address(HttpProxy proxy) {
    if (proxy == null) {
      return null;
    }
    URI uri = proxy.uri();
    String host =
        uri.getHost().startsWith("[")
            ? uri.getHost().substring(1, uri.getHost().length() - 1)
            : uri.getHost();
    return InetSocketAddress.createUnresolved(host, uri.getPort());
  }

  private static SSLContext sslContext(Map<String, String> env) {
    String file = env.get(TRUST_STORE);
    if (file == null || file.isBlank()) {
      return null;
    }
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new BadInputException(
          TenantFiles.oneLine(TRUST_STORE + ": " + file + " is not a file"));
    }
    String password = env.get(TRUST_STORE_PASSWORD);
    try {
      KeyStore given = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(path)) {
        given.load(in, password == null ? null : password.toCharArray());
      }
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      int n = 0;
      for (X509Certificate ca : jvmCas().getAcceptedIssuers()) {
        trusted.setCertificateEntry("jvm-" + n++, ca);
      }
      int added = 0;
      for (String alias : Collections.list(given.aliases())) {
        Certificate certificate = given.getCertificate(alias);
        if (certificate != null) {
          trusted.setCertificateEntry("store-" + added++, certificate);
        }
      }
      if (added == 0) {
        throw new BadInputException(
            TenantFiles.oneLine(TRUST_STORE + ": " + file + " holds no certificate"));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new BadInputException(
          TenantFiles.oneLine(
              TRUST_STORE
                  + ": "
                  + file
                  + " cannot be read as a PKCS12 trust store (or "
                  + TRUST_STORE_PASSWORD
                  + " is wrong): "
                  + e.getClass().getSimpleName()));
    }
  }

  private static X509TrustManager jvmCas() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JVM has no X.509 trust manager");
  }
}
