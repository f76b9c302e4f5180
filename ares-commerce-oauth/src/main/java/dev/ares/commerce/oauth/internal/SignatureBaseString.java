package dev.ares.commerce.oauth.internal;

import dev.ares.commerce.oauth.CommerceRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The signed parameters of one request and the RFC 5849 section 3.4.1 base string made of them,
 * written as ASCII bytes: the one base-string builder of the SDK. The signer ({@link
 * RequestSignatures}), the verifier ({@link #write}) and ScribeJava's {@code CommerceApi} ({@link
 * ScribeBaseStringExtractor}) all feed it; only how they add the OAuth parameters differs.
 *
 * <p>Each parameter is kept only as it appears in the base string: encoded (section 3.4.1.3.2),
 * then encoded again (section 3.4.1.1), which changes only each {@code %} to {@code %25}. A raw
 * query or form body goes straight from its own encoding to that form ({@link
 * PercentEncoding#canonicalTo}) without building the decoded text. Sorting that form gives the
 * order the RFC asks for, by the once-encoded text: where two texts first differ, {@code %} sorts
 * below every unreserved character either way. So the base string is the sorted pairs copied as
 * they are. Not thread-safe: one per signature, or one per thread reused.
 *
 * <p>Internal: not part of the public API.
 */
public final class SignatureBaseString implements ParameterParser.PairVisitor {

  /** The OAuth parameters that are never signed (sections 3.4.1.3.1 and 3.4.1.3.2). */
  private static final String SIGNATURE = "oauth_signature";

  private static final String REALM = "realm";

  /** "&" and "=" between the pairs of the base string, there encoded (once). */
  private static final String AMPERSAND = "%26";

  private static final String EQUALS = "%3D";

  /** How many pairs' index arrays {@link #clear} keeps: about 6 KiB of them. */
  static final int MAX_KEPT_PAIRS = 256;

  /**
   * The pairs as the base string shows them, back to back: each {@code "%26" name "%3D" value},
   * name and value encoded twice, so that writing the base string copies one range per pair.
   */
  private final AsciiBuffer text;

  /**
   * Per pair: where it starts (its {@code %26}; the name starts 3 later), where its name ends (the
   * value starts 3 later, after {@code %3D}), where it ends.
   */
  private int[] bounds = new int[3 * 16];

  /**
   * Per pair: its name's first 8 bytes, big-endian, zero-padded; encoded text holds no zero byte,
   * so comparing these orders most pairs without reading their text.
   */
  private long[] prefixes = new long[16];

  /** The pairs' indices in sorted order, its first {@code count} entries; reused. */
  private int[] order = new int[16];

  private int count;
  private boolean plusIsSpace;

  /** Empty, with room for about {@code expectedChars} characters of encoded parameters. */
  public SignatureBaseString(int expectedChars) {
    text = new AsciiBuffer(expectedChars);
  }

  /**
   * Writes the base string of a built request signed with these decoded OAuth parameters to {@code
   * out}; {@code oauth_signature} and {@code realm} among them are left out, as the RFC asks.
   */
  public static void write(
      CommerceRequest request, Map<String, String> oauthParameters, AsciiBuffer out) {
    SignatureBaseString pairs = new SignatureBaseString(256);
    pairs.addRequest(request);
    oauthParameters.forEach(pairs::addOAuth);
    pairs.writeTo(request.method(), request.uri(), out);
  }

  /**
   * Adds the signed pairs of a built request: its raw query, and its body when that is a form
   * (section 3.4.1.3.1: JSON and other bodies are not signed).
   */
  public void addRequest(CommerceRequest request) {
    addRaw(request.uri().getRawQuery(), false);
    if (request.hasFormBody()) {
      addRaw(request.body().get(), true);
    }
  }

  /** Adds a decoded OAuth parameter unless it is one that is never signed. */
  public void addOAuth(String name, String value) {
    if (!name.equals(SIGNATURE) && !name.equals(REALM)) {
      addDecoded(name, value);
    }
  }

  /**
   * Adds every pair of a raw query or form body, as {@link ParameterParser#parse} splits it. The
   * text must have passed {@link ParameterParser#problemIn}, as a built {@code CommerceRequest}
   * has.
   *
   * @param raw the raw query or body; may be null
   * @param plusIsSpace true for a form body, false for a query
   */
  public void addRaw(String raw, boolean plusIsSpace) {
    this.plusIsSpace = plusIsSpace;
    ParameterParser.forEachPair(raw, this);
  }

  /** One pair of the raw text {@link #addRaw} is reading; not for other callers. */
  @Override
  public void pair(String raw, int nameFrom, int nameTo, int valueTo) {
    int start = text.length();
    text.append(AMPERSAND);
    PercentEncoding.canonicalTo(raw, nameFrom, nameTo, plusIsSpace, true, text);
    int nameEnd = text.length();
    text.append(EQUALS);
    if (nameTo < valueTo) {
      PercentEncoding.canonicalTo(raw, nameTo + 1, valueTo, plusIsSpace, true, text);
    }
    record(start, nameEnd);
  }

  /** Adds a decoded pair, such as an OAuth parameter, encoding both parts. */
  public void addDecoded(String name, String value) {
    int start = text.length();
    text.append(AMPERSAND);
    PercentEncoding.encodeTwiceTo(name, text);
    int nameEnd = text.length();
    text.append(EQUALS);
    PercentEncoding.encodeTwiceTo(value, text);
    record(start, nameEnd);
  }

  /**
   * Adds a pair whose parts are already encoded twice ({@link PercentEncoding#encodeTwiceTo}), such
   * as a signer's constant OAuth values.
   */
  public void addEncodedTwice(String encodedName, String encodedValue) {
    int start = text.length();
    text.append(AMPERSAND).append(encodedName);
    int nameEnd = text.length();
    text.append(EQUALS).append(encodedValue);
    record(start, nameEnd);
  }

  /**
   * A pair encoded twice in the form {@link #addJoined} takes: what a signer prepares once for a
   * parameter that is the same in every signature.
   */
  public static String joined(String encodedName, String encodedValue) {
    return AMPERSAND + encodedName + EQUALS + encodedValue;
  }

  /** Adds a pair made by {@link #joined}; {@code nameLength} is its encoded name's length. */
  public void addJoined(String joined, int nameLength) {
    int start = text.length();
    text.append(joined);
    record(start, start + AMPERSAND.length() + nameLength);
  }

  /**
   * Forgets every pair. A text buffer that grew past {@code maxKeptChars}, and index arrays that
   * grew past {@link #MAX_KEPT_PAIRS} pairs, are dropped for new ones of their first size.
   */
  public void clear(int maxKeptChars) {
    text.clear(maxKeptChars);
    count = 0;
    if (prefixes.length > MAX_KEPT_PAIRS) {
      bounds = new int[3 * 16];
      prefixes = new long[16];
      order = new int[16];
    }
  }

  private void record(int start, int nameEnd) {
    if (prefixes.length == count) {
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
      prefixes = Arrays.copyOf(prefixes, prefixes.length * 2);
    }
    byte[] bytes = text.array();
    int name = start + AMPERSAND.length();
    long prefix = 0;
    for (int i = 0; i < 8; i++) {
      prefix = (prefix << 8) | (name + i < nameEnd ? bytes[name + i] & 0xFF : 0);
    }
    prefixes[count] = prefix;
    bounds[3 * count] = start;
    bounds[3 * count + 1] = nameEnd;
    bounds[3 * count + 2] = text.length();
    count++;
  }

  /**
   * Writes the base string (section 3.4.1.1): {@code enc(method) "&" enc(baseUri(uri)) "&"
   * enc(normalized parameters)}.
   */
  public void writeTo(String method, URI uri, AsciiBuffer out) {
    PercentEncoding.encodeTo(method, out);
    out.append('&');
    PercentEncoding.encodeTo(baseUri(uri), out);
    out.append('&');
    int[] order = sortedOrder();
    byte[] bytes = text.array();
    for (int k = 0; k < count; k++) {
      int i = order[k];
      // Each pair carries its "%26"; the first one's is left out.
      int from = bounds[3 * i] + (k == 0 ? AMPERSAND.length() : 0);
      out.append(bytes, from, bounds[3 * i + 2] - from);
    }
  }

  /**
   * Section 3.4.1.2: the base string URI of {@code uri}: scheme and host lower-cased, a default
   * port dropped, the path as sent ({@code /} when empty), no query or fragment.
   *
   * @throws IllegalArgumentException when {@code uri} is not an absolute http or https URI with a
   *     host
   */
  public static String baseUri(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "the request URL must be an absolute http or https URL with a host");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port < 0
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /**
   * The normalized parameters (section 3.4.1.3.2): sorted {@code name=value} joined with {@code &}.
   */
  public String normalizedParameters() {
    AsciiBuffer twice = new AsciiBuffer(text.length());
    int[] order = sortedOrder();
    for (int k = 0; k < count; k++) {
      if (k > 0) {
        twice.append('&');
      }
      int i = order[k];
      int name = bounds[3 * i] + AMPERSAND.length();
      int nameEnd = bounds[3 * i + 1];
      int value = nameEnd + EQUALS.length();
      twice.append(text.array(), name, nameEnd - name);
      twice.append('=');
      twice.append(text.array(), value, bounds[3 * i + 2] - value);
    }
    // Back to encoded once: the pairs hold "%25" for each '%' and no other '%'.
    return twice.toString().replace("%25", "%");
  }

  /** Pair indices sorted by encoded name, then encoded value (byte order: the text is ASCII). */
  private int[] sortedOrder() {
    if (order.length < count) {
      order = new int[Math.max(count, 2 * order.length)];
    }
    int[] order = this.order;
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    if (count <= 32) {
      // Insertion sort: a request signs a handful of parameters.
      for (int i = 1; i < count; i++) {
        int pair = order[i];
        int j = i - 1;
        while (j >= 0 && compare(order[j], pair) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = pair;
      }
      return order;
    }
    Integer[] boxed = new Integer[count];
    for (int i = 0; i < count; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, this::compare);
    for (int i = 0; i < count; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  private int compare(int a, int b) {
    if (prefixes[a] != prefixes[b]) {
      return Long.compareUnsigned(prefixes[a], prefixes[b]);
    }
    byte[] bytes = text.array();
    int nameEndA = bounds[3 * a + 1];
    int nameEndB = bounds[3 * b + 1];
    int byName =
        Arrays.compareUnsigned(
            bytes,
            bounds[3 * a] + AMPERSAND.length(),
            nameEndA,
            bytes,
            bounds[3 * b] + AMPERSAND.length(),
            nameEndB);
    return byName != 0
        ? byName
        : Arrays.compareUnsigned(
            bytes,
            nameEndA + EQUALS.length(),
            bounds[3 * a + 2],
            bytes,
            nameEndB + EQUALS.length(),
            bounds[3 * b + 2]);
  }
}
