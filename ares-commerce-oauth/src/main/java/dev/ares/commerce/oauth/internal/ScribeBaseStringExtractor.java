package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.exceptions.OAuthParametersMissingException;
import com.github.scribejava.core.extractors.BaseStringExtractor;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import java.net.URI;
import java.util.Map;

/**
 * ScribeJava's base-string step made of {@link SignatureBaseString}, so a ScribeJava request signs
 * as {@code CommerceRequestSigner} signs the same request. Signed: the query of the URL ScribeJava
 * sends ({@link OAuthRequest#getCompleteUrl()}, so parameters added with {@code
 * addQuerystringParameter} too), the body parameters added with {@code addBodyParameter} (a raw
 * payload is not signed, as a JSON body is not), and the OAuth parameters other than {@code
 * oauth_signature} and {@code realm}. Stateless and thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class ScribeBaseStringExtractor implements BaseStringExtractor {

  /**
   * {@inheritDoc}
   *
   * @throws OAuthParametersMissingException when the request carries no OAuth parameter yet
   * @throws IllegalArgumentException when the URL is not an absolute http or https URL, or its
   *     query has a broken percent-escape
   */
  @Override
  public String extract(OAuthRequest request) {
    if (request.getOauthParameters().isEmpty()) {
      throw new OAuthParametersMissingException(request);
    }
    URI uri = URI.create(request.getCompleteUrl());
    String query = uri.getRawQuery();
    String problem = ParameterParser.problemIn(query);
    if (problem != null) {
      throw new IllegalArgumentException("the request URL's query: " + problem);
    }
    SignatureBaseString pairs = new SignatureBaseString(256);
    pairs.addRaw(query, false);
    for (Parameter body : request.getBodyParams().getParams()) {
      pairs.addDecoded(body.getKey(), body.getValue());
    }
    for (Map.Entry<String, String> oauth : request.getOauthParameters().entrySet()) {
      pairs.addOAuth(oauth.getKey(), oauth.getValue());
    }
    AsciiBuffer out = new AsciiBuffer(512);
    pairs.writeTo(request.getVerb().name(), uri, out);
    return out.toString();
  }
}
