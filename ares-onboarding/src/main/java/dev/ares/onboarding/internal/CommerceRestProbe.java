package dev.ares.onboarding.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.http.HttpAnswer;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import dev.ares.core.internal.http.ResponseTooLargeException;
import dev.ares.core.internal.json.StrictJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Whether a base URL answers as Commerce REST, asked without credentials: an unknown route under
 * {@code /rest/V1/} is answered by Commerce, before any authentication, with its error shape
 * ({@code {"message": "Request does not match any route."}}, 404); a storefront, a login page or
 * another API answers something else. Commerce's error shape: one strict JSON object with a text
 * {@code message} and nothing but the fields Commerce's web API error processor writes ({@code
 * parameters}, {@code code}, {@code errors}, {@code trace}), with status 404. The message is not
 * compared, since stores translate it, and is shown as sent (placeholders such as {@code %1}
 * unfilled).
 *
 * <p>Nothing secret is sent. What the answer shows in the evidence (content type, the first
 * characters of the body) is server text: whitespace folded, the credentials masked should a page
 * hold them, made printable and cut to {@link #SHOWN_CHARACTERS}.
 *
 * <p>Internal: not part of the public API.
 */
final class CommerceRestProbe {

  /** The route asked for; no Commerce module serves it. */
  static final String ROUTE = "/rest/V1/ares-preflight-no-such-route";

  /** A Commerce error is small; a larger body is no Commerce error. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  /** How much of a body, or of a Commerce message, the evidence shows. */
  static final int SHOWN_CHARACTERS = 80;

  private static final Set<String> COMMERCE_ERROR_FIELDS =
      Set.of("message", "parameters", "code", "errors", "trace");

  /** What the probe found. */
  enum Kind {
    /** The base URL answered as Commerce REST. */
    COMMERCE,
    /** It answered, but not as Commerce REST. */
    NOT_COMMERCE,
    /** No answer: the host does not resolve, refused, timed out. */
    NOT_REACHED,
    /** No answer: the HTTP proxy refused the call, or could not be reached or passed. */
    PROXY_FAILED,
    /** Not asked: the base URL is not one the probe may call (see {@code commerce.baseUrl}). */
    NOT_CALLED
  }

  /** What the probe found, with evidence safe to show. */
  record Outcome(Kind kind, String evidence) {}

  private CommerceRestProbe() {}

  static Outcome probe(String baseUrl, CommerceCredentialsInput credentials, HttpOptions http) {
    URI base;
    try {
      base = URI.create(baseUrl.trim());
    } catch (IllegalArgumentException e) {
      return new Outcome(Kind.NOT_CALLED, "baseUrl is not a URL (see commerce.baseUrl)");
    }
    if (!Urls.isAbsoluteHttpUrl(base.toString())
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      return new Outcome(
          Kind.NOT_CALLED, "baseUrl is not an absolute http(s) URL without a query or fragment");
    }
    if (!http.allowInsecureHttp() && !Urls.isSecureOrLoopback(base)) {
      return new Outcome(Kind.NOT_CALLED, "not called over plain http (see commerce.baseUrl)");
    }
    URI uri = URI.create(Urls.withoutTrailingSlashes(base.toString()) + ROUTE);
    String host = Urls.hostOf(uri);
    ServerText serverText = ServerText.masking(secretsOf(credentials));
    try (HttpEngine engine =
        new HttpEngine(
            "ares-preflight-commerce-rest-deadlines", http, http.httpClient(), null, 1, 1)) {
      HttpCall call =
          HttpCall.to(
                  "Commerce",
                  uri,
                  () -> {
                    HttpGet get = new HttpGet(uri);
                    get.setHeader(HttpHeaders.ACCEPT, "application/json");
                    return get;
                  })
              // One probe: the credentials check that follows retries on its own.
              .retryPolicy(RetryPolicy.none())
              .timeouts(http.connectTimeout(), http.attemptTimeout(), http.callTimeout())
              .maxResponseBytes(Math.min(http.maxResponseBytes(), MAX_BODY_BYTES))
              .followRedirects(false)
              .serverText(() -> serverText)
              .events(http.eventListener(), "Preflight", "commerceRest")
              .build();
      return judge(engine.execute(call), host, serverText);
    } catch (ResponseTooLargeException e) {
      return new Outcome(
          Kind.NOT_COMMERCE,
          host
              + " answered HTTP "
              + e.status()
              + " with a body over "
              + Math.min(http.maxResponseBytes(), MAX_BODY_BYTES)
              + " bytes");
    } catch (HttpCallException e) {
      return new Outcome(
          e.proxy() != null ? Kind.PROXY_FAILED : Kind.NOT_REACHED, Results.notReached(host, e));
    }
  }

  private static Outcome judge(HttpAnswer answer, String host, ServerText serverText) {
    int status = answer.status();
    String body = new String(answer.body(), StandardCharsets.UTF_8);
    Optional<String> message = commerceMessage(status, body);
    if (message.isPresent()) {
      return new Outcome(
          Kind.COMMERCE,
          host
              + " answered as Commerce REST: HTTP "
              + status
              + " \""
              + serverText.printable(message.get(), SHOWN_CHARACTERS)
              + "\"");
    }
    StringBuilder evidence =
        new StringBuilder().append(host).append(" answered HTTP ").append(status);
    if (status >= 300 && status < 400 && answer.location() != null) {
      evidence
          .append(" redirecting to ")
          .append(serverText.printable(Urls.locationHost(answer.location())));
    }
    evidence
        .append(' ')
        .append(
            answer.contentType() == null
                ? "without a content type"
                : serverText.printable(answer.contentType(), SHOWN_CHARACTERS));
    String start = body.replaceAll("\\s+", " ").strip();
    if (start.isEmpty()) {
      evidence.append(", empty");
    } else {
      evidence
          .append(", starting \"")
          .append(serverText.printable(start, SHOWN_CHARACTERS))
          .append('"');
    }
    return new Outcome(Kind.NOT_COMMERCE, evidence.toString());
  }

  /** The filled-in message of a Commerce web API error, if the answer is one; raw server text. */
  static Optional<String> commerceMessage(int status, String body) {
    if (status != 404) {
      // Commerce answers an unknown route 404 before anything else; a gateway's 403 with a
      // message of its own is not Commerce.
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = StrictJson.read(body, "answer");
    } catch (AresValidationException e) {
      return Optional.empty();
    }
    if (tree == null || !tree.isObject() || !tree.path("message").isTextual()) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    tree.fieldNames().forEachRemaining(fields::add);
    if (!COMMERCE_ERROR_FIELDS.containsAll(fields)) {
      return Optional.empty();
    }
    return Optional.of(tree.get("message").asText());
  }

  /** The credentials' four values, to mask wherever the store's text is shown. */
  static List<String> secretsOf(CommerceCredentialsInput credentials) {
    if (credentials == null) {
      return List.of();
    }
    return Arrays.asList(
        credentials.consumerKey(),
        credentials.consumerSecret(),
        credentials.accessToken(),
        credentials.accessTokenSecret());
  }
}
