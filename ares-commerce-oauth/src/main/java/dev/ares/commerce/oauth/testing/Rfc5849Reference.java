package dev.ares.commerce.oauth.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 5849 signing written straight from the RFC, for clarity and not for speed: the second opinion
 * that {@link FakeCommerceServer} and the tests check the production signer against. It shares no
 * code with the production base-string builder (only the JDK is used), so a bug there cannot hide
 * by being on both sides.
 *
 * <p>Commerce's decoding, which the RFC leaves to the application: a query is decoded as PHP's
 * {@code rawurldecode} does ({@code +} stays a plus), a form body as a form ({@code +} is a space);
 * a piece without {@code =} is a name with an empty value and empty pieces are skipped.
 */
final class Rfc5849Reference {

  private static final String HEX = "0123456789ABCDEF";

  private Rfc5849Reference() {}

  /** One decoded parameter. */
  record Param(String name, String value) {}

  /**
   * Section 3.6: the UTF-8 bytes of {@code text}, unreserved characters (ALPHA, DIGIT, "-", ".",
   * "_", "~") as they are and every other byte as "%" and two upper-case hex digits.
   */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (unreserved) {
        out.append(c);
      } else {
        out.append('%').append(HEX.charAt((b >> 4) & 0xF)).append(HEX.charAt(b & 0xF));
      }
    }
    return out.toString();
  }

  /**
   * Percent-decodes {@code text} to UTF-8 text, turning {@code +} into a space when {@code
   * plusIsSpace}.
   *
   * @throws IllegalArgumentException on a broken escape or bytes that are not UTF-8
   */
  static String decode(String text, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("incomplete percent-escape");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("invalid percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
          utf8 = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(utf8);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("percent-escapes that are not UTF-8");
    }
  }

  /**
   * The decoded pairs of a raw query or form body, in order: split on "&amp;", each piece on its
   * first "=".
   */
  static List<Param> pairs(String raw, boolean plusIsSpace) {
    List<Param> pairs = new ArrayList<>();
    if (raw == null) {
      return pairs;
    }
    for (String piece : raw.split("&", -1)) {
      if (piece.isEmpty()) {
        continue;
      }
      int equals = piece.indexOf('=');
      String name = equals < 0 ? piece : piece.substring(0, equals);
      String value = equals < 0 ? "" : piece.substring(equals + 1);
      pairs.add(new Param(decode(name, plusIsSpace), decode(value, plusIsSpace)));
    }
    return pairs;
  }

  /**
   * Section 3.4.1.2: lower-case scheme and host, the port only when it is not the scheme's default,
   * the path as sent ("/" when empty); no query, no fragment.
   */
  static String baseStringUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /**
   * Section 3.4.1.3.2: every pair encoded, sorted by encoded name and then encoded value (byte
   * order; encoded text is ASCII), each written name=value, joined with "&amp;".
   */
  static String normalizedParameters(List<Param> decoded) {
    List<String[]> encoded = new ArrayList<>();
    for (Param p : decoded) {
      encoded.add(new String[] {encode(p.name()), encode(p.value())});
    }
    encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] p : encoded) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(p[0]).append('=').append(p[1]);
    }
    return out.toString();
  }

  /**
   * Section 3.4.1.1: {@code encode(METHOD) & encode(base string URI) & encode(normalized
   * parameters)}.
   *
   * @param method the HTTP method as sent
   * @param uri the request URI as sent
   * @param formBody the body when its content type is {@code application/x-www-form-urlencoded},
   *     else null
   * @param oauthParams the {@code oauth_*} parameters of the header, decoded; {@code
   *     oauth_signature} and {@code realm} are left out here
   */
  static String baseString(
      String method, URI uri, String formBody, Map<String, String> oauthParams) {
    List<Param> all = new ArrayList<>(pairs(uri.getRawQuery(), false));
    all.addAll(pairs(formBody, true));
    for (Map.Entry<String, String> p : oauthParams.entrySet()) {
      if (!p.getKey().equals("oauth_signature") && !p.getKey().equals("realm")) {
        all.add(new Param(p.getKey(), p.getValue()));
      }
    }
    return encode(method.toUpperCase(Locale.ROOT))
        + "&"
        + encode(baseStringUri(uri))
        + "&"
        + encode(normalizedParameters(all));
  }

  /**
   * Section 3.4.2: Base64 of the HMAC of the base string, keyed with {@code encode(consumerSecret)
   * & encode(tokenSecret)}.
   *
   * @param oauthMethod {@code HMAC-SHA1} or {@code HMAC-SHA256}
   * @throws IllegalArgumentException for any other method
   */
  static String signature(
      String oauthMethod, String consumerSecret, String tokenSecret, String baseString) {
    String jca =
        switch (oauthMethod) {
          case "HMAC-SHA1" -> "HmacSHA1";
          case "HMAC-SHA256" -> "HmacSHA256";
          default -> throw new IllegalArgumentException("not an HMAC method: " + oauthMethod);
        };
    byte[] key =
        (encode(consumerSecret) + "&" + encode(tokenSecret)).getBytes(StandardCharsets.US_ASCII);
    try {
      Mac mac = Mac.getInstance(jca);
      mac.init(new SecretKeySpec(key, jca));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(jca + " is missing from this JVM", e);
    }
  }

  /**
   * Section 3.5.1: the decoded parameters of {@code OAuth name="value", ...}, or null when the
   * header is not in that form or repeats a parameter.
   */
  static Map<String, String> authorizationParams(String header) {
    String text = header.strip();
    if (!text.regionMatches(true, 0, "OAuth ", 0, 6)) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String item : text.substring(6).split(",", -1)) {
      String part = item.strip();
      int equals = part.indexOf('=');
      if (equals <= 0) {
        return null;
      }
      String name = part.substring(0, equals).strip();
      String quoted = part.substring(equals + 1).strip();
      if (quoted.length() < 2
          || !quoted.startsWith("\"")
          || !quoted.endsWith("\"")
          || quoted.substring(1, quoted.length() - 1).indexOf('"') >= 0) {
        return null;
      }
      try {
        if (params.put(decode(name, false), decode(quoted.substring(1, quoted.length() - 1), false))
            != null) {
          return null;
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return params;
  }
}
