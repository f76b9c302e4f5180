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
 * <p>Encoding is ScribeJava's {@link OAuthEncoder}, which is right: only unreserved characters stay
 * as they are, a space is {@code %20}. Decoding is ours: ScribeJava decodes with {@link
 * java.net.URLDecoder}, which turns a {@code +} in a query into a space, while Commerce decodes
 * the query with PHP's {@code rawurldecode}, which keeps it a {@code +}.
 *
 * <p>Internal: not part of the public API.
 */
public final class PercentEncoding {

  private PercentEncoding() {}

  /** The RFC 3986 encoding of {@code plain}'s UTF-8 bytes. */
  public static String encode(String plain) {
    return OAuthEncoder.encode(plain);
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
