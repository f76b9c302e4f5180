package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.utils.OAuthEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as OAuth 1.0a uses it (RFC 5849 section 3.6), strict decoding, and the
 * canonical form of already-encoded text.
 *
 * <p>Encoding gives exactly ScribeJava's {@link OAuthEncoder}, which is right: only unreserved
 * characters stay as they are, a space is {@code %20}. It is written out here because {@link
 * OAuthEncoder} compiles three regular expressions per call. Decoding is ours: ScribeJava decodes
 * with {@link java.net.URLDecoder}, which turns a {@code +} in a query into a space, while Commerce
 * decodes the query with PHP's {@code rawurldecode}, which keeps it a {@code +}.
 *
 * <p>Internal: not part of the public API.
 */
public final class PercentEncoding {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  /** RFC 3986 section 2.3, by ASCII code: ALPHA / DIGIT / "-" / "." / "_" / "~". */
  private static final boolean[] UNRESERVED = new boolean[0x80];

  static {
    for (char c = 0; c < 0x80; c++) {
      UNRESERVED[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
    }
  }

  /** Characters encoded per slice of {@link #write}: bounds what one call reserves. */
  private static final int SLICE = 32;

  static final String INCOMPLETE = "has an incomplete percent-escape";
  static final String INVALID = "has an invalid percent-escape";
  static final String NOT_UTF8 = "has percent-escapes that are not UTF-8";

  private PercentEncoding() {}

  /**
   * The RFC 3986 encoding of {@code plain}'s UTF-8 bytes: exactly what {@link OAuthEncoder#encode}
   * returns (unreserved characters as they are, every other byte as upper-case {@code %XX}, an
   * unpaired surrogate as {@code %3F}), without its per-call regular expressions.
   *
   * @throws IllegalArgumentException when {@code plain} is null, as {@link OAuthEncoder} does
   */
  public static String encode(String plain) {
    if (plain == null) {
      return OAuthEncoder.encode(null);
    }
    int n = plain.length();
    int i = 0;
    while (i < n && isUnreserved(plain.charAt(i))) {
      i++;
    }
    if (i == n) {
      return plain;
    }
    AsciiBuffer out = new AsciiBuffer(n + 16);
    out.append(plain, 0, i);
    write(plain, i, n, false, false, false, out);
    return out.toString();
  }

  /** Appends the RFC 3986 encoding of {@code plain} to {@code out}; see {@link #encode}. */
  public static void encodeTo(String plain, AsciiBuffer out) {
    if (plain == null) {
      OAuthEncoder.encode(null);
    }
    write(plain, 0, plain.length(), false, false, false, out);
  }

  /** Appends the RFC 3986 encoding of {@code ascii}, text of ASCII bytes such as Base64. */
  public static void encodeTo(byte[] ascii, AsciiBuffer out) {
    byte[] dst = out.reserve(3 * ascii.length);
    int at = out.length();
    for (byte b : ascii) {
      if (isUnreserved((char) b)) { // a byte of 0x80 and up is negative, far above as a char
        dst[at++] = b;
      } else {
        at = escape(b & 0xFF, dst, at, false);
      }
    }
    out.setLength(at);
  }

  /**
   * Appends {@code encode(encode(plain))}: the encoding, with each {@code %} it writes encoded
   * again as {@code %25}; how a parameter appears in the base string.
   */
  public static void encodeTwiceTo(String plain, AsciiBuffer out) {
    if (plain == null) {
      OAuthEncoder.encode(null); // throws IllegalArgumentException, as encode does
    }
    write(plain, 0, plain.length(), false, false, true, out);
  }

  /**
   * Appends {@code encode(decode(raw[from, to)))} without building the decoded text: unreserved
   * characters and escapes of unreserved bytes as the characters, every other escape in upper case,
   * every other character encoded. The range must have passed {@link #problemIn}.
   *
   * @param plusIsSpace true for form bodies, false for URI queries (see {@link #decode})
   * @param twice whether to encode the result again, as {@link #encodeTwiceTo} does
   */
  public static void canonicalTo(
      String raw, int from, int to, boolean plusIsSpace, boolean twice, AsciiBuffer out) {
    write(raw, from, to, true, plusIsSpace, twice, out);
  }

  /**
   * The one encoding loop: {@code text[from, to)} encoded into {@code out}, reading {@code %XX} as
   * the byte it stands for when {@code canonical}, and writing each escape as {@code %25XX} when
   * {@code twice}. Writes straight into the buffer's array, reserved a slice at a time for the
   * worst case (a three-byte character as three escapes).
   */
  private static void write(
      String text,
      int from,
      int to,
      boolean canonical,
      boolean plusIsSpace,
      boolean twice,
      AsciiBuffer out) {
    int escapeLength = twice ? 5 : 3;
    int i = from;
    while (i < to) {
      int sliceEnd = Math.min(to, i + SLICE);
      // Room for a surrogate pair or an escape reaching past the slice too.
      byte[] dst = out.reserve(3 * escapeLength * (sliceEnd - i + 2));
      int at = out.length();
      for (; i < sliceEnd; i++) {
        char c = text.charAt(i);
        if (isUnreserved(c)) {
          dst[at++] = (byte) c;
        } else if (c == '%' && canonical) {
          int b = escapedByte(text, i);
          i += 2;
          if (isUnreserved((char) b)) {
            dst[at++] = (byte) b;
          } else {
            at = escape(b, dst, at, twice);
          }
        } else if (c == '+' && plusIsSpace) {
          at = escape(' ', dst, at, twice);
        } else if (c < 0x80) {
          at = escape(c, dst, at, twice);
        } else if (c < 0x800) {
          at = escape(0xC0 | (c >> 6), dst, at, twice);
          at = escape(0x80 | (c & 0x3F), dst, at, twice);
        } else if (Character.isSurrogate(c)) {
          char low = i + 1 < to ? text.charAt(i + 1) : 0;
          if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
            int cp = Character.toCodePoint(c, low);
            at = escape(0xF0 | (cp >> 18), dst, at, twice);
            at = escape(0x80 | ((cp >> 12) & 0x3F), dst, at, twice);
            at = escape(0x80 | ((cp >> 6) & 0x3F), dst, at, twice);
            at = escape(0x80 | (cp & 0x3F), dst, at, twice);
            i++;
          } else {
            // String.getBytes(UTF_8), which URLEncoder uses, replaces an unpaired surrogate by '?'.
            at = escape('?', dst, at, twice);
          }
        } else {
          at = escape(0xE0 | (c >> 12), dst, at, twice);
          at = escape(0x80 | ((c >> 6) & 0x3F), dst, at, twice);
          at = escape(0x80 | (c & 0x3F), dst, at, twice);
        }
      }
      out.setLength(at);
    }
  }

  private static int escape(int b, byte[] dst, int at, boolean twice) {
    dst[at++] = '%';
    if (twice) {
      dst[at++] = '2';
      dst[at++] = '5';
    }
    dst[at] = HEX[(b >> 4) & 0xF];
    dst[at + 1] = HEX[b & 0xF];
    return at + 2;
  }

  /**
   * What {@link #decode} would refuse in {@code raw[from, to)}, or null when it decodes: the same
   * message, found without decoding. Escapes are checked as they come; a run of escapes is checked
   * for UTF-8 where it ends, as the decoder does.
   */
  public static String problemIn(String raw, int from, int to) {
    int i = from;
    while (i < to) {
      if (raw.charAt(i) != '%') {
        i++;
        continue;
      }
      int runStart = i;
      while (i < to && raw.charAt(i) == '%') {
        if (i + 2 >= to) {
          return INCOMPLETE;
        }
        if (Character.digit(raw.charAt(i + 1), 16) < 0
            || Character.digit(raw.charAt(i + 2), 16) < 0) {
          return INVALID;
        }
        i += 3;
      }
      if (!isUtf8(raw, runStart, i)) {
        return NOT_UTF8;
      }
    }
    return null;
  }

  /**
   * Whether the escapes in {@code raw[from, to)} (each {@code %XX}, already checked) are
   * well-formed UTF-8 as the JDK's strict decoder takes it (Unicode table 3-7: no overlong forms,
   * no surrogates, nothing above U+10FFFF, no cut-off sequence).
   */
  private static boolean isUtf8(String raw, int from, int to) {
    int i = from;
    while (i < to) {
      int b = escapedByte(raw, i);
      i += 3;
      int continuations;
      int min = 0x80;
      int max = 0xBF;
      if (b < 0x80) {
        continue;
      } else if (b >= 0xC2 && b <= 0xDF) {
        continuations = 1;
      } else if (b >= 0xE0 && b <= 0xEF) {
        continuations = 2;
        if (b == 0xE0) {
          min = 0xA0;
        } else if (b == 0xED) {
          max = 0x9F;
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        continuations = 3;
        if (b == 0xF0) {
          min = 0x90;
        } else if (b == 0xF4) {
          max = 0x8F;
        }
      } else {
        return false;
      }
      for (int k = 0; k < continuations; k++, i += 3) {
        if (i >= to) {
          return false;
        }
        int next = escapedByte(raw, i);
        if (next < min || next > max) {
          return false;
        }
        min = 0x80;
        max = 0xBF;
      }
    }
    return true;
  }

  private static int escapedByte(String raw, int percentAt) {
    return Character.digit(raw.charAt(percentAt + 1), 16) * 16
        + Character.digit(raw.charAt(percentAt + 2), 16);
  }

  /** The one test of RFC 3986 section 2.3, for chars and for bytes read as chars. */
  static boolean isUnreserved(char c) {
    return c < 0x80 && UNRESERVED[c];
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8.
   *
   * @param plusIsSpace true for form bodies ({@code application/x-www-form-urlencoded}), false for
   *     URI query components
   * @throws IllegalArgumentException on a broken escape or bytes that are not UTF-8; the message
   *     never quotes the text
   */
  public static String decode(String encoded, boolean plusIsSpace) {
    if (encoded.indexOf('%') < 0 && (!plusIsSpace || encoded.indexOf('+') < 0)) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    StringBuilder out = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException(INCOMPLETE);
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException(INVALID);
        }
        bytes.write(high * 16 + low);
        i += 2;
        continue;
      }
      flush(bytes, out);
      out.append(plusIsSpace && c == '+' ? ' ' : c);
    }
    flush(bytes, out);
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() == 0) {
      return;
    }
    try {
      out.append(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray())));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(NOT_UTF8);
    }
    bytes.reset();
  }
}
