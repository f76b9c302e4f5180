package dev.ares.commerce.oauth.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an {@code Authorization: OAuth k="v", ...} header (RFC 5849 section 3.5.1) into decoded
 * parameters.
 *
 * <p>Internal: not part of the public API.
 */
public final class AuthorizationHeader {

  private static final Pattern PARAM =
      Pattern.compile("\\s*([A-Za-z0-9_.~%-]+)\\s*=\\s*\"([^\"]*)\"\\s*(,|$)");

  private AuthorizationHeader() {}

  /** Whether the header uses the {@code OAuth} scheme. */
  public static boolean isOAuth(String header) {
    return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("oauth ");
  }

  /**
   * The decoded parameters of an OAuth header, or empty when it is not well formed (bad syntax, a
   * repeated parameter, a broken escape).
   */
  public static Optional<Map<String, String>> parse(String header) {
    if (!isOAuth(header)) {
      return Optional.empty();
    }
    String params = header.trim().substring("oauth ".length());
    Map<String, String> decoded = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(params);
    int at = 0;
    while (at < params.length()) {
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      try {
        String name = PercentEncoding.decode(m.group(1), false);
        if (decoded.put(name, PercentEncoding.decode(m.group(2), false)) != null) {
          return Optional.empty();
        }
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      at = m.end();
      if (m.group(3).isEmpty()) {
        break;
      }
    }
    return at == params.length() ? Optional.of(decoded) : Optional.empty();
  }
}
