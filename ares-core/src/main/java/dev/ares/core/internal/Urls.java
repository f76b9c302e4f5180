package dev.ares.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * URL checks shared by validation and the HTTP clients.
 *
 * <p>Internal: not part of the public API.
 */
public final class Urls {

  private Urls() {}

  /** Whether the text is an absolute {@code http} or {@code https} URL with a host. */
  public static boolean isAbsoluteHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return uri.isAbsolute()
          && uri.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Whether sending credentials to this URI is safe without an explicit opt-in: {@code https}, or
   * {@code http} to a loopback address (tests and local fakes).
   */
  public static boolean isSecureOrLoopback(URI uri) {
    if ("https".equalsIgnoreCase(uri.getScheme())) {
      return true;
    }
    String host = uri.getHost();
    if (host == null) {
      return false;
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")) {
      return true;
    }
    // Literal addresses only: never resolve a name here, a DNS answer must not decide security.
    // getByName parses a valid literal without a lookup, but sends anything else (say
    // "99999999999") to DNS, so only strict dotted-quad and IPv6 literals reach it.
    String literal =
        lower.startsWith("[") && lower.endsWith("]")
            ? lower.substring(1, lower.length() - 1)
            : lower;
    if (InetAddressUtils.isIPv4Address(literal) || InetAddressUtils.isIPv6Address(literal)) {
      try {
        return InetAddress.getByName(literal).isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }

  /** The host of a URI for messages: host name and port only, never user info, path or query. */
  public static String hostOf(URI uri) {
    return uri.getPort() < 0 ? String.valueOf(uri.getHost()) : uri.getHost() + ":" + uri.getPort();
  }

  /** {@code url} without the slashes it ends with, so that a path can be appended. */
  public static String withoutTrailingSlashes(String url) {
    String stripped = url;
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  /**
   * The host a redirect's {@code Location} points at, for a message: "the same host" for a relative
   * one, "an invalid location" for one that is not a URI. Server text: make it printable.
   */
  public static String locationHost(String location) {
    try {
      URI uri = URI.create(location.strip());
      return uri.getHost() == null ? "the same host" : hostOf(uri);
    } catch (IllegalArgumentException e) {
      return "an invalid location";
    }
  }
}
