package dev.ares.matcher.server;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.json.Json;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.MatchJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hosted matcher answers: an {@link AssetMatcher} on the external-matcher contract, at
 * {@code …}{@value #ASSET_TO_PRODUCT_PATH} and {@code …}{@value #PRODUCT_TO_ASSET_PATH}, answering
 * in the wire form of {@link dev.ares.matching.MatchJson} (numeric {@code asset_position}, {@code
 * asset_format}, {@code skip}). Every request form Adobe's custom-match page has documented is
 * accepted, read by {@link MatchJson}'s request readers (the one implementation):
 *
 * <ul>
 *   <li>{@code POST} with a JSON body: {@code {"assetId", "eventData"}}, {@code eventData} a JSON
 *       object {@code {"assetMetadata": {…}}} or a string holding one ({@link
 *       MatchJson#readAssetRequest(String)}); {@code {"productSku", "eventData"}}, the SKU also as
 *       {@code productSKU} ({@link MatchJson#readProductRequest(String)});
 *   <li>{@code GET} with the same fields as query parameters, as the earliest pages showed: {@code
 *       ?assetId=…&eventData=…} ({@link MatchJson#readAssetRequestQuery(String)}), {@code
 *       ?productSKU=…} or {@code ?productSku=…} ({@link
 *       MatchJson#readProductRequestQuery(String)}). A GET has no body and needs no {@code
 *       Content-Type}.
 * </ul>
 *
 * <p>Closed by default: {@link Builder#build()} refuses to build until the caller chose either a
 * {@linkplain Builder#tokenValidator token validator} (ARES calls with an IMS access token issued
 * to the client it holds for the matcher: use {@link ImsAccessTokenValidator}) or, for local tests,
 * {@linkplain Builder#allowAnonymous() anonymous access}.
 *
 * <p>Answers: 400 with {@code {"error": …}} naming the field (never its value) and the accepted
 * forms for a bad request (including bytes that are not UTF-8, and a GET with a body); 401 without
 * an accepted {@code Authorization: Bearer} token; 405 for other methods; 414 for a GET query
 * longer than {@link MatchJson#MAX_QUERY_CHARS} characters; 415 for a POST unless {@code
 * Content-Type} is {@code application/json} (UTF-8); 500 when the matcher fails (errors included);
 * 503 when the token's keys cannot be fetched now, the server is busy, or the matcher did not
 * answer within the server's request timeout. Immutable and thread-safe.
 *
 * <pre>{@code
 * AssetMatcherHttpHandler handler = AssetMatcherHttpHandler.builder(matcher)
 *     .tokenValidator(ImsAccessTokenValidator.builder(clientId).build())
 *     .build();
 * }</pre>
 */
public final class AssetMatcherHttpHandler {

  /** The path suffix of the asset → product direction. */
  public static final String ASSET_TO_PRODUCT_PATH = "/asset-to-product";

  /** The path suffix of the product → asset direction. */
  public static final String PRODUCT_TO_ASSET_PATH = "/product-to-asset";

  private static final Logger LOG = LoggerFactory.getLogger(AssetMatcherHttpHandler.class);

  private final AssetMatcher matcher;
  private final AccessTokenValidator validator;
  private final boolean wrapReplies;

  private AssetMatcherHttpHandler(Builder b) {
    this.matcher = b.matcher;
    this.validator = b.validator;
    this.wrapReplies = b.wrapReplies;
  }

  /** A builder for a handler serving {@code matcher}. */
  public static Builder builder(AssetMatcher matcher) {
    return new Builder(matcher);
  }

  /** A builder holding this handler's settings, to change some. */
  public Builder toBuilder() {
    Builder b = new Builder(matcher);
    b.validator = validator;
    b.anonymous = validator == null;
    b.wrapReplies = wrapReplies;
    return b;
  }

  /** Whether callers need no token (chosen with {@link Builder#allowAnonymous()}). */
  public boolean allowsAnonymous() {
    return validator == null;
  }

  /** An answer: status, JSON body and extra headers. */
  record Reply(int status, String json, Map<String, String> headers) {
    static Reply of(int status, String json) {
      return new Reply(status, json, Map.of());
    }

    static Reply error(int status, String message) {
      return of(status, errorJson(message));
    }
  }

  /** {@code {"error": message}}: the body of every refusal. */
  static String errorJson(String message) {
    return Json.object().put("error", message).toString();
  }

  /**
   * The answer due from a request's head alone (before its body is read), or {@code null} when the
   * body is wanted. {@code assetDirection} is {@code null} for a path that serves nothing.
   */
  Reply answerHead(
      Boolean assetDirection, String method, String contentType, String authorization) {
    if (assetDirection == null) {
      return Reply.error(404, "no matcher at this path");
    }
    boolean get = "GET".equals(method);
    if (!get && !"POST".equals(method)) {
      return new Reply(
          405,
          errorJson("use POST with a JSON body, or GET with query parameters"),
          Map.of("Allow", "GET, POST"));
    }
    if (validator != null && bearerToken(authorization) == null) {
      return unauthorized("invalid_request");
    }
    if (!get && !isJson(contentType)) {
      return Reply.error(415, "Content-Type must be application/json (UTF-8)");
    }
    return null;
  }

  /** Whether a token is checked before the body is read ({@code false} with anonymous access). */
  boolean requiresToken() {
    return validator != null;
  }

  /**
   * The refusal due for {@code authorization} (401, or 503 when the keys cannot be had now), or
   * {@code null} when the caller may go on. Called on a worker before the body is read.
   */
  Reply authorize(String authorization) {
    if (validator == null) {
      return null;
    }
    try {
      validator.validate(bearerToken(authorization));
      return null;
    } catch (InvalidAccessTokenException e) {
      LOG.debug("bearer token refused: {}", e.reason());
      if (e.reason() == InvalidAccessTokenException.Reason.KEYS_UNAVAILABLE) {
        return new Reply(
            503, errorJson("the token cannot be checked now"), Map.of("Retry-After", "30"));
      }
      return unauthorized("invalid_token");
    }
  }

  /**
   * The query string of a GET to {@code requestTarget} (still percent-encoded, without the {@code
   * ?}; empty when there is none), or {@code null} for any other method, whose request is its body.
   */
  static String queryOf(String method, String requestTarget) {
    if (!"GET".equals(method)) {
      return null;
    }
    int q = requestTarget == null ? -1 : requestTarget.indexOf('?');
    return q < 0 ? "" : requestTarget.substring(q + 1);
  }

  /**
   * The answer to a request whose head and token {@linkplain #authorize passed}: with its whole
   * body for a POST ({@code query} {@code null}), or from {@code query} for a GET ({@link
   * #queryOf}).
   */
  Reply answer(boolean assetDirection, String query, byte[] body) {
    if (query != null && query.length() > MatchJson.MAX_QUERY_CHARS) {
      return Reply.error(
          414, "the query is longer than " + MatchJson.MAX_QUERY_CHARS + " characters");
    }
    String result;
    try {
      if (query != null && body.length > 0) {
        throw invalid(
            "request", "has a body, but a GET carries its fields in the query: POST a body");
      }
      String request = query != null ? query : utf8(body);
      result =
          assetDirection
              ? MatchJson.write(matcher.matchAsset(readAsset(query != null, request)))
              : MatchJson.write(matcher.matchProduct(readProduct(query != null, request)));
    } catch (AresValidationException e) {
      return Reply.error(400, e.getMessage());
    } catch (RuntimeException
        | LinkageError
        | AssertionError
        | java.util.ServiceConfigurationError e) {
      // Plugin matchers fail in more ways than RuntimeException; every failure is an answer.
      LOG.warn("matcher {} failed: {}", matcher.name(), e.getClass().getName());
      return Reply.error(500, "the matcher failed");
    }
    if (wrapReplies) {
      result = "{\"statusCode\":200,\"body\":" + result + "}";
    }
    return Reply.of(200, result);
  }

  private static Asset readAsset(boolean fromQuery, String request) {
    return fromQuery
        ? MatchJson.readAssetRequestQuery(request)
        : MatchJson.readAssetRequest(request);
  }

  private static String readProduct(boolean fromQuery, String request) {
    return fromQuery
        ? MatchJson.readProductRequestQuery(request)
        : MatchJson.readProductRequest(request);
  }

  private static Reply unauthorized(String error) {
    return new Reply(
        401,
        errorJson("a valid bearer token is required"),
        Map.of("WWW-Authenticate", "Bearer error=\"" + error + "\""));
  }

  /** {@code application/json}, with no charset or UTF-8. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("charset=")) {
        String charset = parameter.substring(8).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  private static String bearerToken(String header) {
    if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? null : token;
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw invalid("request", "is not valid UTF-8");
    }
  }

  private static AresValidationException invalid(String path, String message) {
    return new AresValidationException(List.of(FieldViolation.of(path, message)));
  }

  @Override
  public String toString() {
    return "AssetMatcherHttpHandler{matcher="
        + matcher.name()
        + ", auth="
        + (validator == null ? "anonymous" : validator.getClass().getSimpleName())
        + "}";
  }

  /** Configures an {@link AssetMatcherHttpHandler}; not thread-safe. */
  public static final class Builder {
    private final AssetMatcher matcher;
    private AccessTokenValidator validator;
    private boolean anonymous;
    private boolean wrapReplies;

    private Builder(AssetMatcher matcher) {
      this.matcher = matcher;
    }

    /** Accepts only callers whose bearer token {@code validator} accepts. */
    public Builder tokenValidator(AccessTokenValidator validator) {
      this.validator = validator;
      this.anonymous = false;
      return this;
    }

    /** Accepts every caller, with or without a token: for local tests only. */
    public Builder allowAnonymous() {
      this.anonymous = true;
      this.validator = null;
      return this;
    }

    /** Answers as App Builder does: {@code {"statusCode": 200, "body": {…}}}. */
    public Builder wrappingReplies() {
      this.wrapReplies = true;
      return this;
    }

    /**
     * The handler.
     *
     * @throws AresValidationException when the matcher is missing or neither {@link
     *     #tokenValidator} nor {@link #allowAnonymous()} was chosen
     */
    public AssetMatcherHttpHandler build() {
      List<FieldViolation> problems = new java.util.ArrayList<>();
      if (matcher == null) {
        problems.add(FieldViolation.of("matcher", "is required"));
      }
      if (validator == null && !anonymous) {
        problems.add(
            FieldViolation.of(
                "authentication",
                "choose tokenValidator(...) (such as ImsAccessTokenValidator) or, for local tests, allowAnonymous()"));
      }
      if (!problems.isEmpty()) {
        throw new AresValidationException(problems);
      }
      return new AssetMatcherHttpHandler(this);
    }
  }
}
