package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.utils.OAuthEncoder;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.commerce.oauth.internal.PercentEncoding;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The percent-encoder and the signature base string against a small reference implementation
 * written here from RFC 3986 section 2 and RFC 5849 sections 3.4.1 and 3.4.2, over generated text:
 * any Unicode (non-ASCII, control characters, reserved characters, surrogate pairs), queries
 * encoded loosely or strictly, form bodies with {@code +} for spaces.
 */
class OAuthPropertiesTest {

  // ---------------------------------------------------------------- the reference implementation

  /** RFC 3986 section 2.3: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
  static boolean unreserved(int b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '-'
        || b == '.'
        || b == '_'
        || b == '~';
  }

  /** RFC 5849 section 3.6: unreserved bytes as they are, every other UTF-8 byte as %XX. */
  static String refEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xFF;
      if (unreserved(v)) {
        out.append((char) v);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", v));
      }
    }
    return out.toString();
  }

  /** RFC 3986 percent-decoding to UTF-8; {@code plusIsSpace} for form bodies only. */
  static String refDecode(String raw, boolean plusIsSpace) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Section 3.4.1.3.1: the pairs of a query or form body, split on '&' and the first '='. */
  static List<String[]> refPairs(String raw, boolean plusIsSpace) {
    List<String[]> pairs = new ArrayList<>();
    if (raw == null) {
      return pairs;
    }
    for (String piece : raw.split("&")) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = eq < 0 ? piece : piece.substring(0, eq);
      String value = eq < 0 ? "" : piece.substring(eq + 1);
      pairs.add(new String[] {refDecode(name, plusIsSpace), refDecode(value, plusIsSpace)});
    }
    return pairs;
  }

  /** Sections 3.4.1.1 to 3.4.1.3.2: the whole signature base string. */
  static String refBaseString(
      String method, URI uri, String formBody, Map<String, String> oauthParams) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String baseUri = scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;

    List<String[]> pairs = refPairs(uri.getRawQuery(), false);
    pairs.addAll(refPairs(formBody, true));
    oauthParams.forEach((k, v) -> pairs.add(new String[] {k, v}));
    List<String> encoded = new ArrayList<>();
    for (String[] p : pairs) {
      encoded.add(refEncode(p[0]) + "=" + refEncode(p[1]));
    }
    // Sort by encoded name, then encoded value: '=' sorts below every unreserved character and
    // '%', so sorting "name=value" strings by their names first is the same as comparing
    // name, then value; but names may be prefixes of others, so compare the parts.
    encoded.sort(
        (a, b) -> {
          String na = a.substring(0, a.indexOf('='));
          String nb = b.substring(0, b.indexOf('='));
          int byName = na.compareTo(nb);
          return byName != 0
              ? byName
              : a.substring(na.length()).compareTo(b.substring(nb.length()));
        });
    String normalized = String.join("&", encoded);
    return method.toUpperCase(Locale.ROOT) + "&" + refEncode(baseUri) + "&" + refEncode(normalized);
  }

  // ---------------------------------------------------------------------------------- generators

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(20),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20),
        Arbitraries.strings()
            .withChars("aZ09-._~ +%&=?/#!*'()[]:;@,$\u0000\n\u007féü漢🙂")
            .ofMaxLength(12),
        Arbitraries.of("", "~", "-._~", "%", "%25", "+", " ", "☃", "\uD83D\uDE00"));
  }

  /** Encodes text for a URI query: strictly, or loosely (safe characters left, lower-case hex). */
  static String rawEncode(String text, boolean loose, boolean lowerHex, boolean isName) {
    String safe = isName ? "!$'()*,;:@/?+" : "!$'()*,;:@/?+=";
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int v = b & 0xFF;
      if (unreserved(v) || (loose && safe.indexOf(v) >= 0)) {
        out.append((char) v);
      } else {
        String hex = String.format(Locale.ROOT, "%02X", v);
        out.append('%').append(lowerHex ? hex.toLowerCase(Locale.ROOT) : hex);
      }
    }
    return out.toString();
  }

  /** A form body: spaces as '+', everything else not unreserved as %XX. */
  static String formEncode(String text) {
    return refEncode(text).replace("%20", "+");
  }

  @Provide
  Arbitrary<List<String[]>> pairs() {
    return Combinators.combine(anyText(), anyText())
        .as((n, v) -> new String[] {n, v})
        .list()
        .ofMaxSize(5);
  }

  // ---------------------------------------------------------------------------------- properties

  @Property(tries = 1000, seed = "20261125")
  void encoderMatchesTheRfc(@ForAll("anyText") String text) {
    assertEquals(refEncode(text), PercentEncoding.encode(text));
  }

  @Property(tries = 500, seed = "20261125")
  void encoderMatchesScribeJavasAndDecodesBack(@ForAll("anyText") String text) {
    String encoded = PercentEncoding.encode(text);
    assertEquals(OAuthEncoder.encode(text), encoded);
    // What UTF-8 cannot carry (a lone surrogate) comes back as '?', as String.getBytes makes it.
    String representable =
        new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertEquals(representable, PercentEncoding.decode(encoded, false));
  }

  @Property(tries = 400, seed = "20261125")
  void baseStringMatchesTheRfc(
      @ForAll("pairs") List<String[]> query,
      @ForAll("pairs") List<String[]> form,
      @ForAll boolean loose,
      @ForAll boolean lowerHex,
      @ForAll("origins") String origin,
      @ForAll("paths") String path,
      @ForAll("methods") String method) {
    StringBuilder rawQuery = new StringBuilder();
    for (String[] p : query) {
      rawQuery.append(rawQuery.length() == 0 ? "" : "&");
      rawQuery.append(rawEncode(p[0], loose, lowerHex, true)).append('=');
      rawQuery.append(rawEncode(p[1], loose, lowerHex, false));
    }
    URI uri = URI.create(origin + path + (query.isEmpty() ? "" : "?" + rawQuery));
    CommerceRequest.Builder request = CommerceRequest.builder().method(method).uri(uri);
    String formBody = null;
    if (!form.isEmpty() && !method.equals("GET")) {
      List<String> pieces = new ArrayList<>();
      for (String[] p : form) {
        pieces.add(formEncode(p[0]) + "=" + formEncode(p[1]));
      }
      formBody = String.join("&", pieces);
      request
          .putHeaders("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
          .body(formBody);
    }
    Map<String, String> oauth =
        Map.of(
            "oauth_consumer_key", "ck",
            "oauth_token", "tk",
            "oauth_signature_method", "HMAC-SHA256",
            "oauth_timestamp", "1700000000",
            "oauth_nonce", "n0nce",
            "oauth_version", "1.0");
    String expected = refBaseString(method, uri, formBody, oauth);
    assertEquals(expected, BaseStrings.of(request.build(), oauth));
    // The same builder behind ScribeJava's CommerceApi.
    OAuthRequest scribe = BaseStrings.scribeRequest(request.build());
    oauth.forEach(scribe::addOAuthParameter);
    assertEquals(expected, CommerceApi.hmacSha256().getBaseStringExtractor().extract(scribe));
  }

  @Property(tries = 200, seed = "20261125")
  void signatureIsTheHmacOfTheReferenceBaseString(
      @ForAll("pairs") List<String[]> query,
      @ForAll("anyText") String consumerSecret,
      @ForAll("anyText") String tokenSecret,
      @ForAll("origins") String origin)
      throws Exception {
    StringBuilder rawQuery = new StringBuilder();
    for (String[] p : query) {
      rawQuery.append(rawQuery.length() == 0 ? "" : "&");
      rawQuery.append(rawEncode(p[0], false, false, true)).append('=');
      rawQuery.append(rawEncode(p[1], true, true, false));
    }
    URI uri = URI.create(origin + "/rest/V1/products" + (query.isEmpty() ? "" : "?" + rawQuery));
    CommerceCredentialsInput creds =
        CommerceCredentialsInput.builder()
            .consumerKey("ck-☃")
            .consumerSecret("s" + usable(consumerSecret))
            .accessToken("tk")
            .accessTokenSecret("t" + usable(tokenSecret))
            .build();
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
    String header =
        CommerceRequestSigner.builder(creds)
            .clock(clock)
            .nonceSource(() -> "fixed-nonce")
            .build()
            .authorizationHeader(CommerceRequest.builder().method("GET").uri(uri).build());
    Map<String, String> params = AuthorizationHeader.parse(header).orElseThrow();
    Map<String, String> oauth = new java.util.HashMap<>(params);
    String signature = oauth.remove("oauth_signature");
    oauth.remove("realm");
    assertEquals("1700000000", oauth.get("oauth_timestamp"));
    assertEquals("fixed-nonce", oauth.get("oauth_nonce"));
    assertEquals(creds.consumerKey(), oauth.get("oauth_consumer_key"));

    Mac mac = Mac.getInstance("HmacSHA256");
    String key = refEncode(creds.consumerSecret()) + "&" + refEncode(creds.accessTokenSecret());
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        Base64.getEncoder()
            .encodeToString(
                mac.doFinal(
                    refBaseString("GET", uri, null, oauth).getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, signature);
  }

  /** The text without what credentials may not hold: control characters and lone surrogates. */
  static String usable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  @Provide
  Arbitrary<String> origins() {
    return Arbitraries.of(
        "https://shop.example",
        "HTTPS://Shop.Example:443",
        "http://127.0.0.1:80",
        "http://127.0.0.1:8080",
        "https://shop.example:8443",
        "https://xn--caf-dma.example");
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of(
        "",
        "/",
        "/rest/V1/products",
        "/rest/default/V1/products/SKU%201",
        "/a%2Fb/c~d",
        "/caf%C3%A9");
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
  }
}
