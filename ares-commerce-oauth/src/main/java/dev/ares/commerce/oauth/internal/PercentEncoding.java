package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.utils.OAuthEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as OAuth 1.0a uses it (RFC 5849 section 3.6), and strict decoding.
 *
 * <p>Encoding gives exactly ScribeJava's {@link OAuthEncoder}, which is right: only unreserved
 * characters stay as they are, a space is {@code %20}. It is written out here because {@link
 * OAuthEncoder} compiles three regular expressions per call, which made it most of the cost of
 * signing. Decoding is ours: ScribeJava decodes with {@link
 * java.net.URLDecoder}, which turns a {@code +} in a query into a space, while Commerce decodes
 * the query with PHP's {@code rawurldecode}, which keeps it a {@code +}.
 *
 * <p>Internal: not part of the public API.
 */
public final class PercentEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
    StringBuilder out = new StringBuilder(n + 16);
    out.append(plain, 0, i);
    appendEncoded(plain, i, out);
    return out.toString();
  }

  /** Appends the RFC 3986 encoding of {@code plain} to {@code out}; see {@link #encode}. */
  public static void encodeTo(String plain, StringBuilder out) {
    if (plain == null) {
      OAuthEncoder.encode(null);
    }
    appendEncoded(plain, 0, out);
  }

  private static void appendEncoded(String plain, int from, StringBuilder out) {
    int n = plain.length();
    for (int i = from; i < n; i++) {
      char c = plain.charAt(i);
      if (isUnreserved(c)) {
        int end = i + 1;
        while (end < n && isUnreserved(plain.charAt(end))) {
          end++;
        }
        out.append(plain, i, end);
        i = end - 1;
      } else if (c < 0x80) {
        escape(c, out);
      } else if (c < 0x800) {
        escape(0xC0 | (c >> 6), out);
        escape(0x80 | (c & 0x3F), out);
      } else if (Character.isSurrogate(c)) {
        char low = i + 1 < n ? plain.charAt(i + 1) : 0;
        if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
          int cp = Character.toCodePoint(c, low);
          escape(0xF0 | (cp >> 18), out);
          escape(0x80 | ((cp >> 12) & 0x3F), out);
          escape(0x80 | ((cp >> 6) & 0x3F), out);
          escape(0x80 | (cp & 0x3F), out);
          i++;
        } else {
          // String.getBytes(UTF_8), which URLEncoder uses, replaces an unpaired surrogate by '?'.
          escape('?', out);
        }
      } else {
        escape(0xE0 | (c >> 12), out);
        escape(0x80 | ((c >> 6) & 0x3F), out);
        escape(0x80 | (c & 0x3F), out);
      }
    }
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static void escape(int b, StringBuilder out) {
    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
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
          throw new IllegalArgumentException("has an incomplete percent-escape");
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("has an invalid percent-escape");
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
      throw new IllegalArgumentException("has percent-escapes that are not UTF-8");
    }
    bytes.reset();
  }
}
