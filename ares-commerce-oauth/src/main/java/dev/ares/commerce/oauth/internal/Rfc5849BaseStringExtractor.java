package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.extractors.BaseStringExtractorImpl;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RFC 5849 section 3.4.1 signature base string, as Commerce computes it.
 *
 * <p>Replaces two steps of ScribeJava's {@link BaseStringExtractorImpl}:
 *
 * <ul>
 *   <li>the base URL: ScribeJava only cuts the query and removes {@code :80}/{@code :443} by text
 *       replacement; here scheme and host are lower-cased, default ports dropped, and the
 *       fragment cut too (section 3.4.1.2);
 *   <li>the parameters: ScribeJava parses the query with its lossy parser (see {@link
 *       ParameterParser}) and sorts the decoded pairs; here pairs are parsed with {@link
 *       ParameterParser}, encoded first, then sorted by encoded name, then encoded value (section
 *       3.4.1.3.2). The two orders differ for non-ASCII text and characters after {@code z}.
 * </ul>
 *
 * <p>The request's body parameters are signed as they are: callers add them only for {@code
 * application/x-www-form-urlencoded} bodies. Stateless and thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class Rfc5849BaseStringExtractor extends BaseStringExtractorImpl {

  /**
   * The base string of {@code request}: the same text as ScribeJava's {@code extract}, which
   * joins {@code encode(verb)}, {@code encode(getUrl(request))} and {@link
   * #getSortedAndEncodedParams} with {@code &}, computed by {@link #baseString}.
   */
  @Override
  public String extract(OAuthRequest request) {
    checkPreconditions(request);
    return baseString(request.getVerb().name(), URI.create(request.getUrl()), signedPairs(request));
  }

  /**
   * Section 3.4.1.1: {@code enc(method) "&" enc(baseUri(uri)) "&" enc(normalizedParameters(pairs))}.
   *
   * @param method the HTTP method, such as {@code GET}
   * @param uri the request URI
   * @param decodedPairs every signed parameter, decoded: query, form body and OAuth parameters
   *     other than {@code oauth_signature} and {@code realm}
   */
  public static String baseString(String method, URI uri, List<Parameter> decodedPairs) {
    StringBuilder out = new StringBuilder(512);
    PercentEncoding.encodeTo(method, out);
    out.append('&');
    PercentEncoding.encodeTo(baseUri(uri), out);
    out.append('&');
    // enc(normalizedParameters(pairs)) written directly: the pairs are encoded text, so encoding
    // the joined text again only turns "=" into %3D, "&" into %26 and "%" into %25.
    boolean first = true;
    for (String[] pair : sortedEncoded(decodedPairs)) {
      if (!first) {
        out.append("%26");
      }
      first = false;
      PercentEncoding.encodeTo(pair[0], out);
      out.append("%3D");
      PercentEncoding.encodeTo(pair[1], out);
    }
    return out.toString();
  }

  @Override
  protected String getUrl(OAuthRequest request) {
    return baseUri(URI.create(request.getUrl()));
  }

  @Override
  protected String getSortedAndEncodedParams(OAuthRequest request) {
    return PercentEncoding.encode(normalizedParameters(signedPairs(request)));
  }

  private static List<Parameter> signedPairs(OAuthRequest request) {
    List<Parameter> pairs =
        new ArrayList<>(ParameterParser.parse(URI.create(request.getUrl()).getRawQuery(), false));
    pairs.addAll(request.getBodyParams().getParams());
    for (Map.Entry<String, String> oauth : request.getOauthParameters().entrySet()) {
      String name = oauth.getKey();
      if (!name.equals(OAuthConstants.SIGNATURE) && !name.equals(OAuthConstants.REALM)) {
        pairs.add(new Parameter(name, oauth.getValue()));
      }
    }
    return pairs;
  }

  /** Section 3.4.1.2: the base string URI of {@code uri}. */
  public static String baseUri(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
  }

  /** Section 3.4.1.3.2: encoded pairs sorted by encoded name, then value, joined with {@code &}. */
  public static String normalizedParameters(List<Parameter> decodedPairs) {
    StringBuilder out = new StringBuilder(256);
    for (String[] pair : sortedEncoded(decodedPairs)) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** The pairs encoded, sorted by encoded name, then encoded value. */
  private static List<String[]> sortedEncoded(List<Parameter> decodedPairs) {
    List<String[]> encoded = new ArrayList<>(decodedPairs.size());
    for (Parameter p : decodedPairs) {
      encoded.add(
          new String[] {PercentEncoding.encode(p.getKey()), PercentEncoding.encode(p.getValue())});
    }
    // Encoded text is ASCII, so String order is byte order, as the RFC asks.
    encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    return encoded;
  }
}
