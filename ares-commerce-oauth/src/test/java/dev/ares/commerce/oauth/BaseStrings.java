package dev.ares.commerce.oauth;

import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import com.github.scribejava.core.model.Verb;
import dev.ares.commerce.oauth.internal.AsciiBuffer;
import dev.ares.commerce.oauth.internal.ParameterParser;
import dev.ares.commerce.oauth.internal.SignatureBaseString;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The production base-string builder as the tests call it, and requests in ScribeJava's model. */
final class BaseStrings {

  private BaseStrings() {}

  /** The base string the verifier builds for {@code request} and these decoded OAuth parameters. */
  static String of(CommerceRequest request, Map<String, String> oauth) {
    AsciiBuffer out = new AsciiBuffer(64);
    SignatureBaseString.write(request, oauth, out);
    return out.toString();
  }

  /** The base string of already decoded pairs (query, form and OAuth parameters together). */
  static String ofDecoded(String method, URI uri, List<Parameter> decodedPairs) {
    AsciiBuffer out = new AsciiBuffer(64);
    decoded(decodedPairs).writeTo(method, uri, out);
    return out.toString();
  }

  /** The normalized parameters of already decoded pairs. */
  static String normalizedOfDecoded(List<Parameter> decodedPairs) {
    return decoded(decodedPairs).normalizedParameters();
  }

  private static SignatureBaseString decoded(List<Parameter> decodedPairs) {
    SignatureBaseString pairs = new SignatureBaseString(64);
    decodedPairs.forEach(p -> pairs.addDecoded(p.getKey(), p.getValue()));
    return pairs;
  }

  /**
   * {@code request} as a ScribeJava user writes it: the URL with its query as it is, a form body's
   * pairs decoded and added with {@code addBodyParameter}; no OAuth parameter yet.
   */
  static OAuthRequest scribeRequest(CommerceRequest request) {
    OAuthRequest scribe =
        new OAuthRequest(Verb.valueOf(request.method()), request.uri().toString());
    if (request.hasFormBody()) {
      for (Parameter p : ParameterParser.parse(request.body().get(), true)) {
        scribe.addBodyParameter(p.getKey(), p.getValue());
      }
    }
    return scribe;
  }
}
