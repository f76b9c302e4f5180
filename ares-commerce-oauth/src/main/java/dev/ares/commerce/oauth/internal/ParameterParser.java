package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.model.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw query or form body into decoded name/value pairs, keeping order and repeats.
 *
 * <p>Fixes ScribeJava's {@code ParameterList.addQuerystring}: it splits each pair on every
 * {@code =} and keeps only the second piece (so {@code a=b=c} signs as {@code a=b}), and turns
 * empty pieces such as the one in {@code a&&b} into a parameter with an empty name. Here a pair
 * splits on its first {@code =} only, a bare key is a key with an empty value (RFC 5849 section
 * 3.4.1.3.1), and empty pieces are skipped.
 *
 * <p>Internal: not part of the public API.
 */
public final class ParameterParser {

  private ParameterParser() {}

  /**
   * The pairs of {@code raw}, decoded.
   *
   * @param raw the raw (still encoded) query or body; may be null
   * @param plusIsSpace true for form bodies, false for URI queries (see {@link PercentEncoding})
   * @throws IllegalArgumentException on a broken percent-escape
   */
  public static List<Parameter> parse(String raw, boolean plusIsSpace) {
    List<Parameter> pairs = new ArrayList<>();
    if (raw == null || raw.isEmpty()) {
      return pairs;
    }
    int start = 0;
    while (start <= raw.length()) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? raw.length() : amp;
      String piece = raw.substring(start, end);
      start = end + 1;
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = eq < 0 ? piece : piece.substring(0, eq);
      String value = eq < 0 ? "" : piece.substring(eq + 1);
      pairs.add(
          new Parameter(
              PercentEncoding.decode(name, plusIsSpace),
              PercentEncoding.decode(value, plusIsSpace)));
    }
    return pairs;
  }
}
