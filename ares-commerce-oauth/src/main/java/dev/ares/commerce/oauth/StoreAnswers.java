package dev.ares.commerce.oauth;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.core.FieldViolation;
import dev.ares.core.HttpOptions;
import dev.ares.core.internal.ServerText;
import dev.ares.core.internal.Urls;
import dev.ares.core.internal.WireTextRules;
import dev.ares.core.internal.http.HttpCall;
import dev.ares.core.internal.http.HttpCallException;
import dev.ares.core.internal.http.HttpEngine;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * What every signed read of the store shares: the base URL's rules, the masking of the credentials,
 * the engine and the signed GET, which failures are worth another try, and the words for a refusal,
 * an oversized answer or no answer. One place, so the credentials check and the catalog lookup
 * judge the store alike.
 */
final class StoreAnswers {

  private StoreAnswers() {}

  /** The rule for what the store sends back: the four credential values masked. */
  static ServerText masking(CommerceCredentialsInput credentials) {
    return ServerText.masking(
        List.of(
            credentials.consumerKey(),
            credentials.consumerSecret(),
            credentials.accessToken(),
            credentials.accessTokenSecret()));
  }

  /** An engine on the options' client, or on a pool of its own, with {@code threadName}. */
  static HttpEngine engine(HttpOptions options, String threadName) {
    return new HttpEngine(
        threadName,
        options,
        options.httpClient(),
        null,
        options.maxConnections(),
        options.maxConnections());
  }

  /**
   * A signed GET of {@code uri} within the options' timeouts, retries and cap, redirects not
   * followed; each attempt is signed anew, with a fresh nonce and timestamp. {@code client} and
   * {@code operation} name it to the event listener.
   */
  static HttpCall signedGet(
      URI uri,
      CommerceRequestSigner signer,
      HttpOptions options,
      ServerText serverText,
      String client,
      String operation) {
    return HttpCall.to(
            "Commerce",
            uri,
            () -> {
              String authorization =
                  signer.authorizationHeader(
                      CommerceRequest.builder().method("GET").uri(uri).build());
              HttpGet get = new HttpGet(uri);
              get.setHeader(HttpHeaders.ACCEPT, "application/json");
              get.setHeader(HttpHeaders.AUTHORIZATION, authorization);
              return get;
            })
        .retryPolicy(options.retryPolicy())
        .retryOn(StoreAnswers::worthRetrying)
        .timeouts(options.connectTimeout(), options.attemptTimeout(), options.callTimeout())
        .serverText(() -> serverText)
        .maxResponseBytes(options.maxResponseBytes())
        .followRedirects(false)
        .events(options.eventListener(), client, operation)
        .build();
  }

  /** The words for a 2xx answer whose body was over the cap. */
  static String tooLarge(int status, HttpOptions options) {
    return "HTTP "
        + status
        + " with a body larger than "
        + options.maxResponseBytes()
        + " bytes; check the base URL";
  }

  /**
   * The base URL without trailing slashes, or {@code null} after adding what is wrong with it to
   * {@code violations} under {@code path}.
   */
  static String baseUrl(
      String baseUrl, boolean allowsInsecureHttp, String path, List<FieldViolation> violations) {
    if (baseUrl == null) {
      violations.add(FieldViolation.of(path, "is required"));
      return null;
    }
    if (!Urls.isAbsoluteHttpUrl(baseUrl.trim())) {
      violations.add(FieldViolation.of(path, "must be an absolute http(s) URL"));
      return null;
    }
    URI base = URI.create(baseUrl.trim());
    String problem = WireTextRules.problemWithUrl(base.toString());
    if (problem != null) {
      violations.add(FieldViolation.of(path, problem));
    } else if (base.getRawQuery() != null || base.getRawFragment() != null) {
      violations.add(FieldViolation.of(path, "must not have a query or fragment"));
    } else if (!allowsInsecureHttp && !Urls.isSecureOrLoopback(base)) {
      violations.add(FieldViolation.of(path, "must use https (http only for a loopback host)"));
    } else {
      return Urls.withoutTrailingSlashes(base.toString());
    }
    return null;
  }

  /**
   * A read is sent again only after a refused connection or one broken mid-answer: an unknown host,
   * a TLS failure or a timeout will not change within the call.
   */
  static boolean worthRetrying(HttpCallException e) {
    return switch (e.failure()) {
      case CONNECT_REFUSED, CONNECTION_RESET -> true;
      default -> false;
    };
  }

  /**
   * The verdict on an answer other than 200 or a redirect, from its status and the store's own
   * message, if it sent one.
   */
  static CredentialsVerdict refusal(int status, String storeMessage) {
    String lower = storeMessage == null ? "" : storeMessage.toLowerCase(Locale.ROOT);
    if (status == 403 || (status == 401 && lower.contains("authorized to access"))) {
      return CredentialsVerdict.MISSING_PERMISSION;
    }
    if (status == 401 || (status == 400 && storeMessage != null && mentionsOAuth(lower))) {
      return CredentialsVerdict.BAD_CREDENTIALS;
    }
    return CredentialsVerdict.UNEXPECTED_ANSWER;
  }

  private static boolean mentionsOAuth(String lowerMessage) {
    return lowerMessage.contains("signature")
        || lowerMessage.contains("oauth")
        || lowerMessage.contains("consumer")
        || lowerMessage.contains("token")
        || lowerMessage.contains("nonce")
        || lowerMessage.contains("timestamp");
  }

  /** What failed when no answer came, naming the host and never a credential. */
  static String notReached(HttpCallException e, String host, HttpOptions options, String what) {
    int attempts = e.attempts();
    if (e.proxy() != null) {
      return e.getMessage(); // the engine's words name the proxy, and never a credential
    }
    return switch (e.failure()) {
      case PROXY_REFUSED -> e.getMessage();
      case INTERRUPTED -> what + " was interrupted while waiting to retry the call to " + host;
      case CLOSED ->
          what
              + " was closed "
              + (e.requestSent()
                  ? "during the call to "
                  : attempts == 0 ? "before the call to " : "while waiting to retry the call to ")
              + host;
      case UNKNOWN_HOST -> "unknown host " + host;
      case POOL_EXHAUSTED -> "no pooled connection to " + host + " became free in time";
      case CONNECT_TIMEOUT ->
          "could not connect to " + host + " within " + options.connectTimeout().toMillis() + " ms";
      case CONNECT_REFUSED -> "could not connect to " + host;
      case TLS -> "TLS failure with " + host;
      case ATTEMPT_TIMEOUT ->
          "no answer from "
              + host
              + " within the attempt timeout of "
              + options.attemptTimeout().toMillis()
              + " ms";
      case CALL_TIMEOUT ->
          "no answer from "
              + host
              + " within the call timeout of "
              + options.callTimeout().toMillis()
              + " ms";
      case CONNECTION_RESET, REQUEST_NOT_BUILT ->
          "I/O failure with "
              + host
              + " ("
              + (e.causeName() == null ? e.failure() : e.causeName())
              + ")";
    };
  }
}
