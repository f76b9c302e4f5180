package dev.ares.matching.server;

import dev.ares.client.internal.http.JsonReplies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ares.client.AresValidationException;
import dev.ares.client.FieldViolation;
import dev.ares.matching.Asset;
import dev.ares.matching.AssetMatcher;
import dev.ares.matching.internal.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link AssetMatcher} the way ARES calls an external matcher: {@code POST …}{@value
 * #ASSET_TO_PRODUCT_PATH} with {@code {"assetId", "eventData": {"assetMetadata": {…}}}} and {@code
 * POST …}{@value #PRODUCT_TO_ASSET_PATH} with {@code {"productSku", "eventData": {…}}}, answering
 * in the wire form of {@link dev.ares.matching.MatchJson}.
 *
 * <p>Bad requests get 400 with {@code {"error": …}} naming the field; other methods 405; bodies
 * over 1 MiB 413; a failing matcher 500. With {@link #requiringBearer(Predicate)} a request
 * without an accepted {@code Authorization: Bearer} token gets 401. Immutable and thread-safe.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * AssetMatcherHttpHandler.forMatcher(matcher).mount(server, "/matcher");
 * server.start();
 * }</pre>
 */
public final class AssetMatcherHttpHandler implements HttpHandler {

  /** The path suffix of the asset → product direction. */
  public static final String ASSET_TO_PRODUCT_PATH = "/asset-to-product";
  /** The path suffix of the product → asset direction. */
  public static final String PRODUCT_TO_ASSET_PATH = "/product-to-asset";

  private static final Logger LOG = LoggerFactory.getLogger(AssetMatcherHttpHandler.class);
  private static final int MAX_REQUEST_BYTES = 1 << 20;

  private final AssetMatcher matcher;
  private final Predicate<String> acceptedTokens;
  private final boolean wrapReplies;

  private AssetMatcherHttpHandler(AssetMatcher matcher, Predicate<String> acceptedTokens, boolean wrapReplies) {
    this.matcher = matcher;
    this.acceptedTokens = acceptedTokens;
    this.wrapReplies = wrapReplies;
  }

  /** A handler that serves {@code matcher} to any caller. */
  public static AssetMatcherHttpHandler forMatcher(AssetMatcher matcher) {
    return new AssetMatcherHttpHandler(Objects.requireNonNull(matcher, "matcher"), null, false);
  }

  /** The same handler, answering 401 unless the bearer token is accepted by {@code accepted}. */
  public AssetMatcherHttpHandler requiringBearer(Predicate<String> accepted) {
    return new AssetMatcherHttpHandler(matcher, Objects.requireNonNull(accepted, "accepted"), wrapReplies);
  }

  /** The same handler, answering as App Builder does: {@code {"statusCode": 200, "body": {…}}}. */
  public AssetMatcherHttpHandler wrappingReplies() {
    return new AssetMatcherHttpHandler(matcher, acceptedTokens, true);
  }

  /** Serves both paths under {@code basePath} (such as {@code ""} or {@code "/matcher"}). */
  public void mount(HttpServer server, String basePath) {
    server.createContext(basePath + ASSET_TO_PRODUCT_PATH, this);
    server.createContext(basePath + PRODUCT_TO_ASSET_PATH, this);
  }

  /** Answers one request; never throws for a bad request. */
  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      boolean assetDirection = path.endsWith(ASSET_TO_PRODUCT_PATH);
      if (!assetDirection && !path.endsWith(PRODUCT_TO_ASSET_PATH)) {
        reply(exchange, 404, WireJson.error("no matcher at this path"));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        reply(exchange, 405, WireJson.error("use POST"));
        return;
      }
      if (acceptedTokens != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply(exchange, 401, WireJson.error("a valid bearer token is required"));
        return;
      }
      byte[] body = readCapped(exchange.getRequestBody());
      if (body == null) {
        reply(exchange, 413, WireJson.error("the request is larger than " + MAX_REQUEST_BYTES + " bytes"));
        return;
      }
      ObjectNode result;
      try {
        JsonNode request = WireJson.parse(new String(body, StandardCharsets.UTF_8), "request");
        result = assetDirection ? matchAsset(request) : matchProduct(request);
      } catch (AresValidationException e) {
        reply(exchange, 400, WireJson.error(e.getMessage()));
        return;
      } catch (RuntimeException e) {
        LOG.warn("matcher {} failed: {}", matcher.name(), e.getClass().getName());
        reply(exchange, 500, WireJson.error("the matcher failed"));
        return;
      }
      if (wrapReplies) {
        ObjectNode wrapped = WireJson.MAPPER.createObjectNode();
        wrapped.put("statusCode", 200);
        wrapped.set("body", result);
        result = wrapped;
      }
      reply(exchange, 200, result);
    }
  }

  private ObjectNode matchAsset(JsonNode request) {
    String assetId = text(request, "assetId");
    JsonNode eventData = request.get("eventData");
    JsonNode metadata = eventData == null ? null : eventData.get("assetMetadata");
    if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
      throw invalid("request.eventData.assetMetadata", "must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = metadata == null || metadata.isNull()
        ? Map.of() : WireJson.MAPPER.convertValue(metadata, Map.class);
    return WireJson.toJson(matcher.matchAsset(Asset.of(assetId, map)));
  }

  private ObjectNode matchProduct(JsonNode request) {
    return WireJson.toJson(matcher.matchProduct(text(request, "productSku")));
  }

  private static String text(JsonNode request, String field) {
    if (!request.isObject()) {
      throw invalid("request", "must be a JSON object");
    }
    JsonNode value = request.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw invalid("request." + field, "must be a non-blank string");
    }
    return value.textValue();
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return acceptedTokens.test(header.substring(7).trim());
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
    return bytes.length > MAX_REQUEST_BYTES ? null : bytes;
  }

  private static AresValidationException invalid(String path, String message) {
    return new AresValidationException(List.of(FieldViolation.of(path, message)));
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode json) throws IOException {
    JsonReplies.send(exchange, status, json.toString());
  }

  @Override
  public String toString() {
    return "AssetMatcherHttpHandler{matcher=" + matcher.name() + "}";
  }
}
