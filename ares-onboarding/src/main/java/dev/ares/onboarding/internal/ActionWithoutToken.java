package dev.ares.onboarding.internal;

import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.TransportFailure;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * Calls external matcher actions once each without the {@code Authorization} header, with the probe
 * request ARES would send and its {@code x-gw-ims-org-id}, through the SDK's shared {@link
 * HttpEngine}: an App Builder web action with {@code require-adobe-auth: true} answers 401 (or
 * 403); one that answers 2xx with a body serves anyone. Only the status and whether there was a
 * body are read; the body is capped small and never shown.
 *
 * <p>Internal: not part of the public API.
 */
final class ActionWithoutToken {

  /** Enough to tell a body from none; an action's answer is never shown. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  /** The org id is sent only when it is a valid header value; it is not a secret. */
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,256}");

  /** An action to call: its name in the evidence, its URL, and the probe request (JSON). */
  record Action(String name, URI uri, String body) {}

  /**
   * What one call showed.
   *
   * @param open the action answered 2xx with a body, without a token
   * @param answered the action answered at all (any status)
   * @param refused the action answered 401 or 403, as a protected action does
   * @param evidence the action's name, host and status, never its body
   */
  record Answer(boolean open, boolean answered, boolean refused, String evidence) {}

  private ActionWithoutToken() {}

  /** Calls each action once, in order, with {@code http}'s timeouts and size cap, no retries. */
  static List<Answer> call(HttpOptions http, String imsOrgId, List<Action> actions) {
    List<Answer> answers = new ArrayList<>();
    try (HttpEngine engine =
        new HttpEngine(
            "ares-preflight-matcher-without-token-deadlines",
            http,
            http.httpClient(),
            null,
            1,
            1)) {
      for (Action action : actions) {
        answers.add(call(engine, http, imsOrgId, action));
      }
    }
    return answers;
  }

  private static Answer call(HttpEngine engine, HttpOptions http, String imsOrgId, Action action) {
    String where = action.name() + " (" + Urls.hostOf(action.uri()) + ")";
    long cap = Math.min(http.maxResponseBytes(), MAX_BODY_BYTES);
    HttpCall call =
        HttpCall.to(
                "matcher",
                action.uri(),
                () -> {
                  HttpPost post = new HttpPost(action.uri());
                  post.setHeader(HttpHeaders.ACCEPT, "application/json");
                  if (imsOrgId != null && VISIBLE_ASCII.matcher(imsOrgId).matches()) {
                    post.setHeader("x-gw-ims-org-id", imsOrgId);
                  }
                  post.setEntity(new StringEntity(action.body(), ContentType.APPLICATION_JSON));
                  return post;
                })
            .retryPolicy(RetryPolicy.none())
            .timeouts(http.connectTimeout(), http.attemptTimeout(), http.callTimeout())
            .maxResponseBytes(cap)
            .followRedirects(false)
            .events(http.eventListener(), "Preflight", action.name() + "WithoutToken")
            .build();
    try {
      HttpAnswer answer = engine.execute(call);
      return judge(where, answer.status(), answer.body().length > 0);
    } catch (ResponseTooLargeException e) {
      return judge(where, e.status(), true);
    } catch (HttpCallException e) {
      boolean proxy = e.proxy() != null || e.failure() == TransportFailure.PROXY_REFUSED;
      // A proxy's failure in the engine's words, which name the proxy and never a credential.
      return new Answer(
          false,
          false,
          false,
          where + " not reached without a token (" + (proxy ? e.getMessage() : e.failure()) + ")");
    }
  }

  private static Answer judge(String where, int status, boolean hasBody) {
    if (status >= 200 && status < 300 && hasBody) {
      return new Answer(true, true, false, where + " answered HTTP " + status + " with a body");
    }
    if (status == 401 || status == 403) {
      return new Answer(false, true, true, where + " refused it (HTTP " + status + ")");
    }
    return new Answer(
        false,
        true,
        false,
        where
            + " answered HTTP "
            + status
            + (hasBody ? "" : " without a body")
            + ", not the 401 or 403 of a protected action");
  }
}
