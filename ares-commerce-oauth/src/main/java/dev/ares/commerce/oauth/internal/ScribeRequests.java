package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Parameter;
import com.github.scribejava.core.model.Verb;
import dev.ares.commerce.oauth.CommerceRequest;

/**
 * Turns a {@link CommerceRequest} into ScribeJava's request model, with the body parameters that
 * are signed: those of a form body only, decoded with {@code +} as a space. JSON and other bodies
 * are not signed (RFC 5849 section 3.4.1.3.1), as Commerce does.
 *
 * <p>Internal: not part of the public API.
 */
public final class ScribeRequests {

  private ScribeRequests() {}

  /** A ScribeJava request for {@code request}, without OAuth parameters yet. */
  public static OAuthRequest toOAuthRequest(CommerceRequest request) {
    OAuthRequest scribe = new OAuthRequest(Verb.valueOf(request.method()), request.uri().toString());
    if (request.hasFormBody()) {
      for (Parameter p : ParameterParser.parse(request.body().get(), true)) {
        scribe.addBodyParameter(p.getKey(), p.getValue());
      }
    }
    return scribe;
  }
}
