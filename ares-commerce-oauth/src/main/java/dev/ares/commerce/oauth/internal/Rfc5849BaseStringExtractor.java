package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.extractors.BaseStringExtractorImpl;
import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import java.net.URI;
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
 *       ParameterParser}) and sorts the decoded pairs; here pairs are split as {@link
 *       ParameterParser} splits them, brought to their encoded form without being decoded
 *       ({@link SignatureBaseString}), then sorted by encoded name, then encoded value (section
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
   * #getSortedAndEncodedParams} with {@code &}, written by {@link SignatureBaseString}.
   */
  @Override
  public String extract(OAuthRequest request) {
    checkPreconditions(request);
    AsciiBuffer out = new AsciiBuffer(512);
    signedPairs(request).writeTo(request.getVerb().name(), URI.create(request.getUrl()), out);
    return out.toString();
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
    AsciiBuffer out = new AsciiBuffer(512);
    decoded(decodedPairs).writeTo(method, uri, out);
    return out.toString();
  }

  @Override
  protected String getUrl(OAuthRequest request) {
    return baseUri(URI.create(request.getUrl()));
  }

  @Override
  protected String getSortedAndEncodedParams(OAuthRequest request) {
    return PercentEncoding.encode(signedPairs(request).normalizedParameters());
  }

  /**
   * The query (parsed with {@link ParameterParser}), the body parameters and the OAuth
   * parameters of {@code request}.
   *
   * @throws IllegalArgumentException when the query has a broken percent-escape
   */
  private static SignatureBaseString signedPairs(OAuthRequest request) {
    String query = URI.create(request.getUrl()).getRawQuery();
    String problem = ParameterParser.problemIn(query);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    SignatureBaseString pairs = new SignatureBaseString(256);
    pairs.addRaw(query, false);
    for (Parameter body : request.getBodyParams().getParams()) {
      pairs.addDecoded(body.getKey(), body.getValue());
    }
    for (Map.Entry<String, String> oauth : request.getOauthParameters().entrySet()) {
      String name = oauth.getKey();
      if (!name.equals(OAuthConstants.SIGNATURE) && !name.equals(OAuthConstants.REALM)) {
        pairs.addDecoded(name, oauth.getValue());
      }
    }
    return pairs;
  }

  private static SignatureBaseString decoded(List<Parameter> decodedPairs) {
    SignatureBaseString pairs = new SignatureBaseString(256);
    for (Parameter p : decodedPairs) {
      pairs.addDecoded(p.getKey(), p.getValue());
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
    return decoded(decodedPairs).normalizedParameters();
  }
}
