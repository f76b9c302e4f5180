package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.scribejava.core.model.Parameter;
import dev.ares.commerce.oauth.internal.AsciiBuffer;
import dev.ares.commerce.oauth.internal.ParameterParser;
import dev.ares.commerce.oauth.internal.PercentEncoding;
import dev.ares.commerce.oauth.internal.SignatureBaseString;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The signer's decode-free paths give exactly what decoding first would: {@link
 * ParameterParser#problemIn} and {@link PercentEncoding#problemIn} refuse exactly the text {@link
 * ParameterParser#parse} and {@link PercentEncoding#decode} refuse, with the same message; {@link
 * PercentEncoding#canonicalTo} writes exactly {@code encode(decode(raw))} (and that encoded again);
 * and {@link SignatureBaseString}, fed raw queries and form bodies, gives the normalized parameters
 * and the whole base string of the RFC 5849 reference in {@link OAuthPropertiesTest}, on both of
 * its sort paths (insertion sort up to 32 pairs, {@code Arrays.sort} above) and after being reused
 * with {@link SignatureBaseString#clear}.
 *
 * <p>The text is made of pieces chosen to break a decoder: lone and doubled {@code %}, hex digits
 * in both cases, letters that are not hex, {@code &}, {@code =}, {@code +}, non-ASCII characters,
 * surrogate pairs and lone surrogates, escapes of every kind of ill-formed UTF-8 (cut-off,
 * overlong, surrogate, above U+10FFFF, stray continuation bytes, bytes that never occur), escapes
 * of the edges of well-formed UTF-8, and escapes written with the non-ASCII digits {@link
 * Character#digit} accepts (Arabic-Indic, Devanagari, fullwidth).
 */
class CanonicalEncodingPropertiesTest {

  // ------------------------------------------------------------------------------------- pieces

  /**
   * Raw characters other than '%', all of the BMP; the lone surrogates can still meet as a pair,
   * which generators for the reference decoder filter out.
   */
  private static final String[] PLAIN_BMP = {
    "a", "Z", "g", "G", "x", "z", "0", "9", "A", "F", "c", "f", "-", ".", "_", "~", " ", "/", "?",
    "*", "!", "'", ":", "&", "&", "=", "=", "+", "+", "\u00e9", "\u6f22", "\u0000", "\u007f",
    "\uD83D", "\uDE00", "\u0664", "\uFF21"
  };

  /** Raw characters that {@link OAuthPropertiesTest#refDecode} cannot take: a surrogate pair. */
  private static final String[] PLAIN_SUPPLEMENTARY = {"\uD83D\uDE00", "\uD83D\uDE00\uD83D"};

  /** Escapes of well-formed UTF-8, including the edges of each sequence length. */
  private static final String[] VALID_ESCAPES = {
    "%C3%A9",
    "%c3%a9",
    "%C3%a9",
    "%E2%82%AC",
    "%e2%82%ac",
    "%F0%9F%98%80",
    "%f0%9F%98%80",
    "%41",
    "%7e",
    "%7E",
    "%2D",
    "%5F",
    "%20",
    "%25",
    "%2B",
    "%2b",
    "%26",
    "%3D",
    "%3d",
    "%00",
    "%7F",
    "%C2%80",
    "%DF%BF",
    "%E0%A0%80",
    "%ED%9F%BF",
    "%EE%80%80",
    "%EF%BB%BF",
    "%EF%BF%BF",
    "%F0%90%80%80",
    "%F4%8F%BF%BF"
  };

  /** Escapes written with digits {@link Character#digit} accepts beyond ASCII, well-formed. */
  private static final String[] UNICODE_DIGIT_ESCAPES = {
    "%\u0664\u0661", // Arabic-Indic 4 1: 'A'
    "%\u06F4\u06F1", // extended Arabic-Indic 4 1: 'A'
    "%\u0662\u0660", // Arabic-Indic 2 0: ' '
    "%C\u0663%A\u0669", // C3 A9: 'é'
    "%\uFF23\uFF13%\uFF41\uFF19", // fullwidth C 3, a 9: 'é'
    "%\u0966\u0967", // Devanagari 0 1: U+0001
    "%\u0662\u0665" // Arabic-Indic 2 5: '%'
  };

  /** Complete escapes whose bytes are not UTF-8 on their own. */
  private static final String[] NOT_UTF8_ESCAPES = {
    "%C3",
    "%ED%A0%80",
    "%ED%BF%BF",
    "%F4%90%80%80",
    "%C0%AF",
    "%C1%BF",
    "%E0%80%AF",
    "%E0%9F%BF",
    "%F0%8F%BF%BF",
    "%F5%80%80%80",
    "%F8%88%80%80%80",
    "%FF",
    "%fe",
    "%80",
    "%bf",
    "%E2%82",
    "%F0%9F%98",
    "%C3%C3",
    "%C3%A9%A9",
    "%\u0668\u0660",
    "%\uFF26\uFF26"
  };

  /** Broken escapes: cut off, or with a character that is no hex digit. */
  private static final String[] BROKEN_ESCAPES = {
    "%",
    "%",
    "%4",
    "%G1",
    "%1g",
    "%zz",
    "%-1",
    "%+1",
    "% 1",
    "%\u00e91",
    "%4\u6f22",
    "%%41",
    "%\uD83D\uDE00",
    "%\u0664",
    "%\u0664\uFF27",
    "%&1",
    "%=1"
  };

  private static String[] concat(String[]... parts) {
    return Stream.of(parts).flatMap(Arrays::stream).toArray(String[]::new);
  }

  private static final String[] PARSEABLE_FOR_REFERENCE = concat(PLAIN_BMP, VALID_ESCAPES);
  private static final String[] PARSEABLE =
      concat(PLAIN_BMP, PLAIN_SUPPLEMENTARY, VALID_ESCAPES, UNICODE_DIGIT_ESCAPES);
  private static final String[] ANY_PIECE = concat(PARSEABLE, NOT_UTF8_ESCAPES, BROKEN_ESCAPES);

  /** Single characters, '%' and hex digits most of all, for escapes cut anywhere. */
  private static final String RICH_CHARS =
      "%%%%%%0123456789abcdefABCDEFgGxzZ&&==++ ~-\u00e9\u6f22\uD83D\uDE00"
          + "\u0660\u0661\u0664\u0669\u06F4\u0966\uFF21\uFF13";

  private static Arbitrary<String> joined(String[] pieces, int maxPieces) {
    return Arbitraries.of(pieces).list().ofMaxSize(maxPieces).map(l -> String.join("", l));
  }

  private static boolean hasSurrogatePair(String text) {
    return text.codePoints().anyMatch(Character::isSupplementaryCodePoint);
  }

  /**
   * Whether a '%' is followed, within two characters, by a non-ASCII character: kept from the
   * reference decoder, which reads escapes with {@link Integer#parseInt}.
   */
  private static boolean hasNonAsciiEscapeDigit(String text) {
    for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
      for (int k = i + 1; k <= i + 2 && k < text.length(); k++) {
        if (text.charAt(k) >= 0x80) {
          return true;
        }
      }
    }
    return false;
  }

  // --------------------------------------------------------------------------------- generators

  /** Any text: parses or not, for both readings of '+'. */
  @Provide
  Arbitrary<String> anyRaw() {
    return Arbitraries.oneOf(
        joined(ANY_PIECE, 16),
        Arbitraries.strings().withChars(RICH_CHARS).ofMaxLength(24),
        joined(concat(NOT_UTF8_ESCAPES, VALID_ESCAPES, UNICODE_DIGIT_ESCAPES), 6),
        Arbitraries.of("", "&", "=", "&&=&", "a=%", "%=a", "a=b&c=%C3", "a=%C3&%ZZ=b"));
  }

  /** Text that parses, over what {@link OAuthPropertiesTest#refDecode} decodes right. */
  @Provide
  Arbitrary<String> parseableForReference() {
    return Arbitraries.oneOf(
            joined(PARSEABLE_FOR_REFERENCE, 24),
            joined(ANY_PIECE, 6).filter(s -> ParameterParser.problemIn(s) == null),
            Arbitraries.strings().withChars(RICH_CHARS.replace("%", "")).ofMaxLength(24))
        .filter(s -> !hasSurrogatePair(s) && !hasNonAsciiEscapeDigit(s));
  }

  /** Text that parses, with everything: surrogate pairs and non-ASCII escape digits too. */
  @Provide
  Arbitrary<String> parseable() {
    return Arbitraries.oneOf(
        joined(PARSEABLE, 24),
        joined(ANY_PIECE, 6).filter(s -> ParameterParser.problemIn(s) == null));
  }

  // --------------------------------------------------- 1. problemIn is parse without decoding

  @Property(tries = 1500, seed = "20261125")
  @StatisticsReport(onFailureOnly = true) // the coverage checks below hold it; printed if they fail
  void parserProblemIsWhatParseThrows(@ForAll("anyRaw") String raw) {
    String problem = ParameterParser.problemIn(raw);
    Statistics.label("problem").collect(problem == null ? "none" : problem);
    Statistics.label("problem")
        .coverage(
            coverage -> {
              coverage.check("none").percentage(p -> p > 20);
              coverage.check("has an incomplete percent-escape").percentage(p -> p > 5);
              coverage.check("has an invalid percent-escape").percentage(p -> p > 5);
              coverage.check("has percent-escapes that are not UTF-8").percentage(p -> p > 5);
            });
    for (boolean plusIsSpace : new boolean[] {false, true}) {
      try {
        ParameterParser.parse(raw, plusIsSpace);
        assertNull(
            problem,
            () ->
                "problemIn refuses what parse(plusIsSpace="
                    + plusIsSpace
                    + ") takes: "
                    + escaped(raw));
      } catch (IllegalArgumentException e) {
        assertEquals(
            e.getMessage(),
            problem,
            () ->
                "parse(plusIsSpace="
                    + plusIsSpace
                    + ") throws, problemIn says otherwise: "
                    + escaped(raw));
      }
    }
  }

  @Property(tries = 1000, seed = "20261125")
  void rangeProblemIsWhatDecodeThrows(
      @ForAll("anyRaw") String raw,
      @ForAll @IntRange(max = 1000) int a,
      @ForAll @IntRange(max = 1000) int b) {
    int from = a % (raw.length() + 1);
    int to = from + b % (raw.length() - from + 1);
    String problem = PercentEncoding.problemIn(raw, from, to);
    for (boolean plusIsSpace : new boolean[] {false, true}) {
      try {
        PercentEncoding.decode(raw.substring(from, to), plusIsSpace);
        assertNull(
            problem,
            () ->
                "problemIn refuses what decode takes: "
                    + escaped(raw)
                    + " ["
                    + from
                    + ", "
                    + to
                    + ")");
      } catch (IllegalArgumentException e) {
        assertEquals(
            e.getMessage(),
            problem,
            () ->
                "decode throws, problemIn says otherwise: "
                    + escaped(raw)
                    + " ["
                    + from
                    + ", "
                    + to
                    + ")");
      }
    }
  }

  // --------------------------------------- 2. raw pairs give the reference normalized parameters

  @Property(tries = 600, seed = "20261125")
  void rawPairsNormalizeAsTheReference(@ForAll("parseableForReference") String raw) {
    assertNull(ParameterParser.problemIn(raw), () -> escaped(raw));
    for (boolean plusIsSpace : new boolean[] {false, true}) {
      List<String[]> reference = OAuthPropertiesTest.refPairs(raw, plusIsSpace);
      SignatureBaseString pairs = new SignatureBaseString(16);
      pairs.addRaw(raw, plusIsSpace);
      assertEquals(
          refNormalized(reference),
          pairs.normalizedParameters(),
          () -> "plusIsSpace=" + plusIsSpace + ": " + escaped(raw));
    }
  }

  @Property(tries = 600, seed = "20261125")
  void rawPairsNormalizeAsTheirDecodedPairs(@ForAll("parseable") String raw) {
    assertNull(ParameterParser.problemIn(raw), () -> escaped(raw));
    for (boolean plusIsSpace : new boolean[] {false, true}) {
      List<Parameter> decoded = ParameterParser.parse(raw, plusIsSpace);
      List<String[]> asArrays = new ArrayList<>();
      SignatureBaseString encodedTwice = new SignatureBaseString(16);
      for (Parameter p : decoded) {
        asArrays.add(new String[] {p.getKey(), p.getValue()});
        encodedTwice.addEncodedTwice(twice(p.getKey()), twice(p.getValue()));
      }
      SignatureBaseString pairs = new SignatureBaseString(16);
      pairs.addRaw(raw, plusIsSpace);
      String normalized = pairs.normalizedParameters();
      String context = "plusIsSpace=" + plusIsSpace + ": " + escaped(raw);
      assertEquals(refNormalized(asArrays), normalized, context);
      assertEquals(BaseStrings.normalizedOfDecoded(decoded), normalized, context);
      assertEquals(encodedTwice.normalizedParameters(), normalized, context);
    }
  }

  // ------------------------------------------------ 3. canonicalTo is encode(decode(range))

  @Provide
  Arbitrary<String> longParseable() {
    return Arbitraries.oneOf(
        joined(PARSEABLE, 12),
        Arbitraries.of(PARSEABLE).list().ofMinSize(80).ofMaxSize(200).map(l -> String.join("", l)));
  }

  /** A valid range, often cut inside a surrogate pair at either end. */
  @Provide
  Arbitrary<String> rangeInside() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, longParseable()),
        Tuple.of(1, longParseable().map(s -> s + "\uD83D")),
        Tuple.of(1, longParseable().map(s -> "\uDE00" + s)));
  }

  /** Text around the range: anything, often what would join with the range's ends. */
  @Provide
  Arbitrary<String> aroundRange() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, anyRaw()),
        Tuple.of(
            1, Arbitraries.of("\uDE00", "\uDE00a", "\uD83D", "a\uD83D", "%", "%4", "41", "1")));
  }

  @Property(tries = 500, seed = "20261125")
  void canonicalFormIsTheEncodingOfTheDecodedRange(
      @ForAll("aroundRange") String before,
      @ForAll("rangeInside") String range,
      @ForAll("aroundRange") String after,
      @ForAll boolean plusIsSpace) {
    String raw = before + range + after;
    int from = before.length();
    int to = from + range.length();
    assertNull(PercentEncoding.problemIn(raw, from, to), () -> escaped(range));
    String once = PercentEncoding.encode(PercentEncoding.decode(range, plusIsSpace));
    assertEquals(OAuthPropertiesTest.refEncode(PercentEncoding.decode(range, plusIsSpace)), once);

    AsciiBuffer out = new AsciiBuffer(1);
    out.append("pre");
    PercentEncoding.canonicalTo(raw, from, to, plusIsSpace, false, out);
    assertEquals(
        "pre" + once,
        out.toString(),
        () ->
            "twice=false, plusIsSpace="
                + plusIsSpace
                + ": "
                + escaped(raw)
                + " ["
                + from
                + ", "
                + to
                + ")");
    assertEquals(3 + once.length(), out.length());

    AsciiBuffer outTwice = new AsciiBuffer(1);
    outTwice.append("pre");
    PercentEncoding.canonicalTo(raw, from, to, plusIsSpace, true, outTwice);
    assertEquals(
        "pre" + once.replace("%", "%25"),
        outTwice.toString(),
        () ->
            "twice=true, plusIsSpace="
                + plusIsSpace
                + ": "
                + escaped(raw)
                + " ["
                + from
                + ", "
                + to
                + ")");
  }

  @Property(tries = 200, seed = "20261125")
  void encodedTwiceIsTheEncodingWithPercentEncodedAgain(@ForAll("longParseable") String plain) {
    AsciiBuffer out = new AsciiBuffer(1);
    out.append("pre");
    PercentEncoding.encodeTwiceTo(plain, out);
    assertEquals(
        "pre" + OAuthPropertiesTest.refEncode(plain).replace("%", "%25"),
        out.toString(),
        () -> escaped(plain));
  }

  // ----------------------------------------------- 4. many pairs: the Arrays.sort path and 32

  private static final Map<String, String> OAUTH = oauthParams();

  private static Map<String, String> oauthParams() {
    Map<String, String> oauth = new LinkedHashMap<>();
    oauth.put("oauth_consumer_key", "ck-\u2603");
    oauth.put("oauth_token", "tk");
    oauth.put("oauth_signature_method", "HMAC-SHA256");
    oauth.put("oauth_timestamp", "1700000000");
    oauth.put("oauth_nonce", "n0nce+/=");
    oauth.put("oauth_version", "1.0");
    return oauth;
  }

  /** Names that tie on their first 8 bytes, are prefixes of each other, or are short. */
  @Provide
  Arbitrary<String> names() {
    Arbitrary<String> tails = Arbitraries.strings().withChars("01ab][_ \u00e9~%+").ofMaxLength(4);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().withChars("abc").ofMaxLength(7)),
        Tuple.of(
            3,
            Arbitraries.of(
                "",
                "a",
                "ab",
                "abc",
                "abcdefg",
                "abcdefgh",
                "abcdefghi",
                "abcdefgh ",
                "abcdefg ",
                "abcdefg%",
                "abcdefg~",
                "oauth_token",
                "oauth_",
                "oauth",
                "z",
                "~",
                "-",
                "\u00e9",
                "a b",
                "a+b",
                "a=b",
                "a&b")),
        Tuple.of(
            4,
            Arbitraries.of(
                    "searchCriteria[filter_groups][0][filters][",
                    "product_attribute_",
                    "oauth_",
                    "aaaaaaaa",
                    "aaaaaaa",
                    "aaaaaaa ",
                    "aaaaaa\u00e9")
                .flatMap(prefix -> tails.map(tail -> prefix + tail))),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("aZ09-._~ +%&=?/#\u00e9\u6f22\uD83D\uDE00")
                .ofMaxLength(10)));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "1", "2", "10", "a b", "\u00e9", "%", "+", "="),
        Arbitraries.strings().withChars("019aZ ~%+&=\u00e9\uD83D\uDE00").ofMaxLength(8));
  }

  private Arbitrary<List<String[]>> pairs(int min, int max) {
    return Combinators.combine(names(), values())
        .as((n, v) -> new String[] {n, v})
        .list()
        .ofMinSize(min)
        .ofMaxSize(max);
  }

  @Provide
  Arbitrary<List<String[]>> manyPairs() {
    return pairs(40, 200);
  }

  @Provide
  Arbitrary<List<String[]>> aboutThirtyTwoPairs() {
    return pairs(28, 36);
  }

  @Provide
  Arbitrary<List<String[]>> fewPairs() {
    return pairs(0, 12);
  }

  @Property(tries = 60, seed = "20261125")
  void manyPairsGiveTheReferenceBaseString(
      @ForAll("manyPairs") List<String[]> query,
      @ForAll("fewPairs") List<String[]> form,
      @ForAll boolean withForm) {
    checkBaseString(query, withForm ? form : null);
  }

  @Property(tries = 30, seed = "20261125")
  void aroundThirtyTwoPairsGiveTheReferenceBaseString(
      @ForAll("aboutThirtyTwoPairs") List<String[]> query,
      @ForAll("fewPairs") List<String[]> form,
      @ForAll boolean withForm) {
    checkBaseString(query, withForm ? form : null);
  }

  private static void checkBaseString(List<String[]> query, List<String[]> form) {
    String rawQuery =
        query.stream()
            .map(
                p ->
                    OAuthPropertiesTest.refEncode(p[0]) + "=" + OAuthPropertiesTest.refEncode(p[1]))
            .collect(Collectors.joining("&"));
    URI uri = URI.create("https://Shop.Example:8443/rest/V1/products?" + rawQuery);
    String formBody =
        form == null
            ? null
            : form.stream()
                .map(p -> formEncode(p[0]) + "=" + formEncode(p[1]))
                .collect(Collectors.joining("&"));
    assertNull(ParameterParser.problemIn(uri.getRawQuery()));
    assertNull(ParameterParser.problemIn(formBody));

    String expected = OAuthPropertiesTest.refBaseString("POST", uri, formBody, OAUTH);

    SignatureBaseString pairs = new SignatureBaseString(16);
    pairs.addRaw(uri.getRawQuery(), false);
    pairs.addRaw(formBody, true);
    OAUTH.forEach(pairs::addDecoded);
    AsciiBuffer out = new AsciiBuffer(16);
    pairs.writeTo("POST", uri, out);
    assertEquals(expected, out.toString(), () -> "query: " + rawQuery + "\nform: " + formBody);

    List<Parameter> decoded = new ArrayList<>(ParameterParser.parse(uri.getRawQuery(), false));
    decoded.addAll(ParameterParser.parse(formBody, true));
    OAUTH.forEach((k, v) -> decoded.add(new Parameter(k, v)));
    assertEquals(
        expected,
        BaseStrings.ofDecoded("POST", uri, decoded),
        () -> "decoded pairs; query: " + rawQuery + "\nform: " + formBody);
  }

  private static String formEncode(String text) {
    return OAuthPropertiesTest.refEncode(text).replace("%20", "+");
  }

  // --------------------------------------------------------------------------- 5. reuse, clear

  @Provide
  Arbitrary<String> largeBody() {
    Arbitrary<String> manySmallPairs =
        Arbitraries.integers()
            .between(5_500, 7_000)
            .map(
                n -> {
                  StringBuilder body = new StringBuilder();
                  for (int i = 0; i < n; i++) {
                    body.append(i == 0 ? "" : "&")
                        .append("k")
                        .append(i % 97)
                        .append("=v+")
                        .append(i);
                  }
                  return body.toString();
                });
    Arbitrary<String> fewHugePairs =
        joined(PARSEABLE_FOR_REFERENCE, 40)
            .filter(s -> !hasSurrogatePair(s))
            .map(s -> s.replace("&", "%26").replace("=", "%3D"))
            .map(s -> "big=" + (s + "%C3%A9+x").repeat(20_001 / (s.length() + 8) + 1) + "&a=b");
    Arbitrary<String> mixed =
        joined(PARSEABLE_FOR_REFERENCE, 20)
            .filter(s -> !hasSurrogatePair(s))
            .map(s -> ("x=" + s + "&").repeat(20_001 / (s.length() + 3) + 1));
    return Arbitraries.oneOf(manySmallPairs, fewHugePairs, mixed);
  }

  @Property(tries = 6, seed = "20261125")
  void clearedInstanceGivesWhatAFreshOneGives(
      @ForAll("largeBody") String body, @ForAll("parseable") String smallQuery) {
    URI uri = URI.create("https://shop.example/rest/V1/products");
    SignatureBaseString reused = new SignatureBaseString(256);

    reused.addRaw(body, true);
    OAUTH.forEach(reused::addDecoded);
    AsciiBuffer first = new AsciiBuffer(64);
    reused.writeTo("POST", uri, first);
    String bigExpected = OAuthPropertiesTest.refBaseString("POST", uri, body, OAUTH);
    assertEquals(bigExpected, first.toString());

    reused.clear(16 * 1024);
    reused.addRaw(smallQuery, false);
    OAUTH.forEach(reused::addDecoded);
    AsciiBuffer second = new AsciiBuffer(64);
    reused.writeTo("GET", uri, second);

    SignatureBaseString fresh = new SignatureBaseString(256);
    fresh.addRaw(smallQuery, false);
    OAUTH.forEach(fresh::addDecoded);
    AsciiBuffer expected = new AsciiBuffer(64);
    fresh.writeTo("GET", uri, expected);
    assertEquals(expected.toString(), second.toString(), () -> escaped(smallQuery));
    assertEquals(fresh.normalizedParameters(), reused.normalizedParameters());
    List<Parameter> decoded = new ArrayList<>(ParameterParser.parse(smallQuery, false));
    OAUTH.forEach((k, v) -> decoded.add(new Parameter(k, v)));
    assertEquals(BaseStrings.ofDecoded("GET", uri, decoded), second.toString());

    // Nothing at all after a clear, then the large body again: it grows back the same.
    reused.clear(16 * 1024);
    AsciiBuffer empty = new AsciiBuffer(64);
    reused.writeTo("GET", uri, empty);
    AsciiBuffer freshEmpty = new AsciiBuffer(64);
    new SignatureBaseString(256).writeTo("GET", uri, freshEmpty);
    assertEquals(freshEmpty.toString(), empty.toString());
    assertEquals("", reused.normalizedParameters());

    reused.clear(16 * 1024);
    reused.addRaw(body, true);
    OAUTH.forEach(reused::addDecoded);
    AsciiBuffer again = new AsciiBuffer(64);
    reused.writeTo("POST", uri, again);
    assertEquals(bigExpected, again.toString());
  }

  // ------------------------------------------------------------------------------------ helpers

  /** Section 3.4.1.3.2 by the reference: encode each part, sort by name then value, join. */
  private static String refNormalized(List<String[]> decodedPairs) {
    List<String[]> encoded = new ArrayList<>();
    for (String[] p : decodedPairs) {
      encoded.add(
          new String[] {OAuthPropertiesTest.refEncode(p[0]), OAuthPropertiesTest.refEncode(p[1])});
    }
    encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return encoded.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  private static String twice(String plain) {
    AsciiBuffer out = new AsciiBuffer(16);
    PercentEncoding.encodeTwiceTo(plain, out);
    return out.toString();
  }

  /** The text with every non-printable-ASCII character as a Java escape, for failure messages. */
  static String escaped(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      }
    }
    return out.append('"').toString();
  }
}
