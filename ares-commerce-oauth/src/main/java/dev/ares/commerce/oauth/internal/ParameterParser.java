package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.model.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a raw query or form body into name/value pairs, keeping order and repeats.
 *
 * <p>Fixes ScribeJava's {@code ParameterList.addQuerystring}: it splits each pair on every {@code
 * =} and keeps only the second piece (so {@code a=b=c} signs as {@code a=b}), and turns empty
 * pieces such as the one in {@code a&&b} into a parameter with an empty name. Here a pair splits on
 * its first {@code =} only, a bare key is a key with an empty value (RFC 5849 section 3.4.1.3.1),
 * and empty pieces are skipped.
 *
 * <p>Internal: not part of the public API.
 */
public final class ParameterParser {

  /** Receives each pair of a raw text as ranges of it, still encoded. */
  public interface PairVisitor {
    /**
     * One pair: the name is {@code raw[nameFrom, nameTo)}, the value {@code raw[nameTo + 1,
     * valueTo)}, empty when {@code nameTo >= valueTo} (a bare key).
     */
    void pair(String raw, int nameFrom, int nameTo, int valueTo);
  }

  private ParameterParser() {}

  /** Calls {@code visitor} for each pair of {@code raw} (may be null), in order. */
  public static void forEachPair(String raw, PairVisitor visitor) {
    if (raw == null) {
      return;
    }
    int start = 0;
    int n = raw.length();
    while (start < n) {
      int amp = raw.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (end > start) {
        int nameTo = start;
        while (nameTo < end && raw.charAt(nameTo) != '=') {
          nameTo++;
        }
        visitor.pair(raw, start, nameTo, end);
      }
      start = end + 1;
    }
  }

  /**
   * The pairs of {@code raw}, decoded.
   *
   * @param raw the raw (still encoded) query or body; may be null
   * @param plusIsSpace true for form bodies, false for URI queries (see {@link PercentEncoding})
   * @throws IllegalArgumentException on a broken percent-escape
   */
  public static List<Parameter> parse(String raw, boolean plusIsSpace) {
    List<Parameter> pairs = new ArrayList<>();
    forEachPair(
        raw,
        (text, nameFrom, nameTo, valueTo) ->
            pairs.add(
                new Parameter(
                    PercentEncoding.decode(text.substring(nameFrom, nameTo), plusIsSpace),
                    PercentEncoding.decode(
                        text.substring(Math.min(nameTo + 1, valueTo), valueTo), plusIsSpace))));
    return pairs;
  }

  /**
   * What {@link #parse} would refuse in {@code raw}, or null when it parses; found without
   * decoding.
   */
  public static String problemIn(String raw) {
    if (raw == null || raw.indexOf('%') < 0) {
      return null; // only escapes can be broken
    }
    String[] first = new String[1];
    forEachPair(
        raw,
        (text, nameFrom, nameTo, valueTo) -> {
          if (first[0] == null) {
            String problem = PercentEncoding.problemIn(text, nameFrom, nameTo);
            first[0] =
                problem != null || nameTo >= valueTo
                    ? problem
                    : PercentEncoding.problemIn(text, nameTo + 1, valueTo);
          }
        });
    return first[0];
  }
}
