package dev.ares.core;

import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which HTTP proxy the SDK's clients go through, set with {@code HttpOptions.proxy(...)} or a
 * builder's {@code proxy(...)} shortcut. The default, {@link #jvmDefault()}, follows the JVM's own
 * settings, so a service already configured for its proxy ({@code -Dhttps.proxyHost=...}, {@code
 * -Dhttp.nonProxyHosts=...}, {@code -Djava.net.useSystemProxies=true} or its own {@link
 * ProxySelector#setDefault}) needs no SDK setting.
 *
 * <pre>{@code
 * HttpProxy corporate = HttpProxy.of("http://proxy.corp.example:3128")
 *     .withCredentials("svc-assets", System.getenv("PROXY_PASSWORD"));
 * }</pre>
 *
 * <p>An {@code https} target is reached through a tunnel ({@code CONNECT host:443}): the proxy sees
 * the host name and port, never a header or body of the request. A plain {@code http} target (only
 * ever loopback, unless {@code allowInsecureHttp}) is sent to the proxy as it is. Proxy credentials
 * are sent with Basic authentication, to the proxy only, and only when it asks ({@code 407}); they
 * never appear in {@link #toString()}, a log line or an exception message.
 *
 * <p>A proxy that refuses ({@code 407}, {@code 403}, any answer to {@code CONNECT} other than
 * {@code 200}) fails the call with {@link AresTransportException} of {@link
 * TransportFailure#PROXY_REFUSED} whose {@code host()} is the proxy. A proxy that cannot be reached
 * fails with {@link TransportFailure#CONNECT_REFUSED} or {@link TransportFailure#CONNECT_TIMEOUT},
 * also naming the proxy.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpProxy {

  private enum Form {
    JVM_DEFAULT,
    NONE,
    URI,
    SELECTOR
  }

  private static final HttpProxy JVM_DEFAULT = new HttpProxy(Form.JVM_DEFAULT, null, null, null);
  private static final HttpProxy NONE = new HttpProxy(Form.NONE, null, null, null);

  private final Form form;
  private final URI uri;
  private final ProxySelector selector;
  private final Credentials credentials;

  private record Credentials(String username, String password) {}

  private HttpProxy(Form form, URI uri, ProxySelector selector, Credentials credentials) {
    this.form = form;
    this.uri = uri;
    this.selector = selector;
    this.credentials = credentials;
  }

  /**
   * The JVM's proxy settings, read at each connection: {@link ProxySelector#getDefault()}, which
   * reads {@code http.proxyHost}, {@code https.proxyHost}, their ports, {@code http.nonProxyHosts}
   * and {@code java.net.useSystemProxies}. The default; without any of those, connections are
   * direct.
   */
  public static HttpProxy jvmDefault() {
    return JVM_DEFAULT;
  }

  /** No proxy, whatever the JVM's settings say. */
  public static HttpProxy none() {
    return NONE;
  }

  /**
   * Every call through the HTTP proxy at {@code uri}, such as {@code http://proxy.corp:3128}:
   * scheme {@code http}, a host and a port, no path, query or fragment. Credentials in the URI
   * ({@code http://user:password@proxy.corp:3128}, percent-encoded) are taken as {@link
   * #withCredentials}.
   *
   * @throws AresValidationException naming {@code proxy.uri} (or {@code proxy.username}, {@code
   *     proxy.password}) when the URI is not such a proxy URI; the message never quotes credentials
   */
  public static HttpProxy of(String uri) {
    if (uri == null || uri.isBlank()) {
      throw invalid("proxy.uri", "is required");
    }
    URI parsed;
    try {
      parsed = new URI(uri.strip());
    } catch (URISyntaxException e) {
      throw invalid("proxy.uri", "is not a URI");
    }
    return of(parsed);
  }

  /** As {@link #of(String)}. */
  public static HttpProxy of(URI uri) {
    if (uri == null) {
      throw invalid("proxy.uri", "is required");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("http")) {
      throw invalid(
          "proxy.uri", "must start with http:// (the SDK speaks plain HTTP to its proxy)");
    }
    if (uri.isOpaque() || uri.getHost() == null) {
      throw invalid("proxy.uri", "must name a host, as in http://proxy.corp:3128");
    }
    if (uri.getPort() < 1 || uri.getPort() > 65_535) {
      throw invalid("proxy.uri", "must name a port from 1 to 65535, as in http://proxy.corp:3128");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/"))
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw invalid("proxy.uri", "must have no path, query or fragment");
    }
    URI plain = URI.create("http://" + hostForUri(uri.getHost()) + ":" + uri.getPort());
    HttpProxy proxy = new HttpProxy(Form.URI, plain, null, null);
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null) {
      return proxy;
    }
    int colon = userInfo.indexOf(':');
    if (colon < 0) {
      throw invalid("proxy.password", "is required when the URI names a user");
    }
    return proxy.withCredentials(
        decoded(userInfo.substring(0, colon), "proxy.username"),
        decoded(userInfo.substring(colon + 1), "proxy.password"));
  }

  /**
   * Each call through the HTTP proxy {@code selector} chooses for its target, or directly when it
   * chooses {@link java.net.Proxy#NO_PROXY}. The selector is asked at each new connection, with
   * {@code https://host:port} or {@code http://host:port}. A SOCKS proxy is not supported: a call
   * for which the selector offers only SOCKS proxies fails with {@link
   * TransportFailure#PROXY_REFUSED}, naming the cause.
   */
  public static HttpProxy selector(ProxySelector selector) {
    if (selector == null) {
      throw invalid("proxy.selector", "is required");
    }
    return new HttpProxy(Form.SELECTOR, null, selector, null);
  }

  /**
   * This proxy with a user name and password for it, sent with Basic authentication when the proxy
   * asks for them ({@code 407}), to the proxy only. Both must be printable ASCII (what Basic
   * authentication can carry unambiguously); the user name must not contain {@code :}.
   *
   * @throws AresValidationException naming {@code proxy.username} or {@code proxy.password}, never
   *     quoting them; or naming {@code proxy} for {@link #none()}
   */
  public HttpProxy withCredentials(String username, String password) {
    List<FieldViolation> problems = new ArrayList<>();
    if (form == Form.NONE) {
      problems.add(FieldViolation.of("proxy", "none() takes no credentials"));
    }
    String userProblem = problemWithSecretText(username);
    if (userProblem == null && username.indexOf(':') >= 0) {
      userProblem = "must not contain ':'";
    }
    if (userProblem != null) {
      problems.add(FieldViolation.of("proxy.username", userProblem));
    }
    String passwordProblem = problemWithSecretText(password);
    if (passwordProblem != null) {
      problems.add(FieldViolation.of("proxy.password", passwordProblem));
    }
    if (!problems.isEmpty()) {
      throw new AresValidationException(problems);
    }
    return new HttpProxy(form, uri, selector, new Credentials(username, password));
  }

  /** Whether this is {@link #jvmDefault()}, with or without credentials. */
  public boolean isJvmDefault() {
    return form == Form.JVM_DEFAULT;
  }

  /** Whether this is {@link #none()}. */
  public boolean isNone() {
    return form == Form.NONE;
  }

  /**
   * The proxy's {@code http://host:port} for {@link #of}, without credentials; else {@code null}.
   */
  public URI uri() {
    return uri;
  }

  /** The selector given to {@link #selector}, else {@code null}. */
  public ProxySelector proxySelector() {
    return selector;
  }

  /** The user name given with the credentials, or {@code null}. Not a secret; the password is. */
  public String username() {
    return credentials == null ? null : credentials.username();
  }

  /**
   * The password given with the credentials, or {@code null}. A secret: keep it out of your own
   * logs.
   */
  public String password() {
    return credentials == null ? null : credentials.password();
  }

  /** The form, the proxy URI and whether credentials are set; never the credentials. */
  @Override
  public String toString() {
    String what =
        switch (form) {
          case JVM_DEFAULT -> "jvmDefault";
          case NONE -> "none";
          case URI -> uri.toString();
          case SELECTOR -> "selector " + selector.getClass().getName();
        };
    return "HttpProxy[" + what + (credentials == null ? "" : ", credentials ****") + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HttpProxy that
        && form == that.form
        && Objects.equals(uri, that.uri)
        && selector == that.selector
        && Objects.equals(credentials, that.credentials);
  }

  @Override
  public int hashCode() {
    return Objects.hash(form, uri, System.identityHashCode(selector), credentials);
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String decoded(String encoded, String field) {
    try {
      return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "is not percent-encoded correctly");
    }
  }

  private static String problemWithSecretText(String value) {
    if (value == null || value.isEmpty()) {
      return "is required";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return "must be printable ASCII";
      }
    }
    return null;
  }

  private static AresValidationException invalid(String field, String problem) {
    return new AresValidationException(List.of(FieldViolation.of(field, problem)));
  }
}
