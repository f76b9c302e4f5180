package dev.ares.core.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for text a server sent (messages, paths, extensions, headers such as {@code
 * x-request-id}, bodies) before it reaches an exception message, a log line or a result meant for
 * display. In this order:
 *
 * <ol>
 *   <li><b>Mask</b> every known secret of the call with {@link #MASK}: its raw form and the forms a
 *       server echoes it in (JSON-escaped, percent-encoded as in OAuth headers, form-encoded as in
 *       a token request). Overlapping and nested secrets are masked as one stretch, so no part of
 *       any of them is left. Values shorter than {@link #MIN_SECRET_LENGTH} are not masked: they
 *       would mask ordinary words.
 *   <li><b>Make printable</b>: control characters (C0 such as ESC, BEL, CR, LF and TAB, DEL, C1),
 *       the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 *       U+061C), the line and paragraph separators U+2028 and U+2029, and unpaired surrogates are
 *       written as a visible escape such as {@code \u005cu001b}.
 *   <li><b>Cut</b> to a length, ending in {@code …}; never inside an escape or a surrogate pair.
 * </ol>
 *
 * <p>Masking happens before cutting, so a cut never leaves the start of a secret behind. Immutable
 * and thread-safe. Internal: not part of the public API.
 */
public final class ServerText {

  /** The mask printed instead of a secret. */
  public static final String MASK = "****";

  /** Shorter values are not masked: they would mask ordinary words; real secrets are far longer. */
  public static final int MIN_SECRET_LENGTH = 4;

  /** The default longest result, in characters, before the {@code …}. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern PERCENT_ESCAPE = Pattern.compile("%[0-9A-F]{2}");

  private static final ServerText NO_SECRETS = new ServerText(List.of());

  /** Every form of every secret, longest first. */
  private final String[] forms;

  private ServerText(List<String> forms) {
    this.forms = forms.toArray(new String[0]);
  }

  /** The rule with nothing to mask: text is only made printable and cut. */
  public static ServerText withoutSecrets() {
    return NO_SECRETS;
  }

  /**
   * The rule masking these secrets; nulls and values shorter than {@link #MIN_SECRET_LENGTH} are
   * ignored.
   */
  public static ServerText masking(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
        continue;
      }
      forms.add(secret);
      if (isSameInEveryForm(secret)) {
        continue; // the usual case: keys, tokens and JWTs need no escaping in any form
      }
      forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
      String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      forms.add(formEncoded);
      // RFC 3986, as OAuth 1.0a writes header parameters: URLEncoder's form, but %20 not '+'.
      String percentEncoded =
          formEncoded.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
      forms.add(percentEncoded);
      // A server that decodes and encodes again may write the hex digits in lower case.
      forms.add(lowerHex(formEncoded));
      forms.add(lowerHex(percentEncoded));
    }
    if (forms.isEmpty()) {
      return NO_SECRETS;
    }
    List<String> sorted = new ArrayList<>(forms);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new ServerText(sorted);
  }

  /** The text masked, printable and cut to {@link #MAX_LENGTH}; {@code null} stays {@code null}. */
  public String printable(String text) {
    return printable(text, MAX_LENGTH);
  }

  /**
   * The text masked, printable and cut to {@code maxLength} characters plus a final {@code …};
   * {@code null} stays {@code null}.
   */
  public String printable(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength) + 8);
    int n = text.length();
    for (int i = 0; i < n; ) {
      int end = secretEndingAfter(text, i);
      if (end > i) {
        // Masking before cutting: the whole stretch, with every secret that starts inside it
        // (overlapping or nested), is decided before any of it is shown.
        for (int j = i + 1; j < end; j++) {
          end = Math.max(end, secretEndingAfter(text, j));
        }
        if (!append(out, MASK, maxLength)) {
          return out.append('…').toString();
        }
        i = end;
        continue;
      }
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      boolean unpaired = Character.isSurrogate(text.charAt(i)) && width == 1;
      if (unpaired || needsEscape(cp)) {
        if (!append(out, escape(text.charAt(i)), maxLength)) {
          return out.append('…').toString();
        }
      } else if (out.length() + width > maxLength) {
        return out.append('…').toString();
      } else {
        out.append(text, i, i + width);
      }
      i += width;
    }
    return out.toString();
  }

  /** Each text of the list made {@link #printable(String)}. */
  public List<String> printable(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(printable(t));
    }
    return out;
  }

  /** Whether JSON, form and percent encoding all leave the value as it is. */
  private static boolean isSameInEveryForm(String secret) {
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_';
      if (!plain) {
        return false;
      }
    }
    return true;
  }

  private static String lowerHex(String percentEncoded) {
    return percentEncoded.indexOf('%') < 0
        ? percentEncoded
        : PERCENT_ESCAPE
            .matcher(percentEncoded)
            .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
  }

  /** Where the longest secret starting at {@code i} ends, or {@code i} when none starts there. */
  private int secretEndingAfter(String text, int i) {
    for (String form : forms) { // longest first: the first match is the longest
      if (text.startsWith(form, i)) {
        return i + form.length();
      }
    }
    return i;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // A visible escape such as \\u001b, built without String.format: a hostile answer may hold
  // millions of characters to escape.
  private static String escape(char c) {
    return new String(
        new char[] {
          '\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]
        });
  }

  private static boolean append(StringBuilder out, String piece, int maxLength) {
    if (out.length() + piece.length() > maxLength) {
      return false;
    }
    out.append(piece);
    return true;
  }

  /** Characters that would move the cursor, ring, rewrite or reorder what a terminal shows. */
  private static boolean needsEscape(int cp) {
    return Character.isISOControl(cp) // C0 (ESC, BEL, CR, LF, TAB…), DEL and C1 (CSI…)
        || (cp >= 0x202A && cp <= 0x202E) // bidi embeddings and overrides
        || (cp >= 0x2066 && cp <= 0x2069) // bidi isolates
        || cp == 0x200E
        || cp == 0x200F
        || cp == 0x061C // directional marks
        || cp == 0x2028
        || cp == 0x2029; // line and paragraph separators
  }

  @Override
  public String toString() {
    return "ServerText{" + forms.length + " secret forms}";
  }
}
