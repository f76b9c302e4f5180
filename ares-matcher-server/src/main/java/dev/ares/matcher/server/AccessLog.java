package dev.ares.matcher.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log of a {@link MatcherServer}: one INFO line per request on the logger {@value
 * #LOGGER}, as {@code remote method path status time client}, such as {@code 127.0.0.1 POST
 * /asset-to-product 200 12ms my-client-id}. The path has no query (a request that had one shows
 * {@code ?...}); the client is the {@code client_id} claim of a token the validator accepted, or
 * {@code -}; the status is {@code -} when no answer was sent. Everything but visible ASCII is
 * dropped from what the client sent, and each field is cut to a fixed length: a line can neither be
 * split nor repaint a terminal. Never a token, a header value, a query value or a body.
 */
final class AccessLog {

  /** The logger name, for operators to route or silence. */
  static final String LOGGER = "dev.ares.matcher.access";

  static final Logger ACCESS = LoggerFactory.getLogger(LOGGER);

  static final int MAX_PATH = 256;
  static final int MAX_METHOD = 16;
  static final int MAX_CLIENT_ID = 64;

  private static final int MAX_TOKEN_CHARS = ImsAccessTokenValidator.MAX_TOKEN_CHARS;

  private AccessLog() {}

  /** Writes the line of one request, when INFO is on for {@link #LOGGER}. */
  static void write(
      String remote, String method, String path, int status, long millis, String clientId) {
    if (ACCESS.isInfoEnabled()) {
      ACCESS.info(line(remote, method, path, status, millis, clientId));
    }
  }

  static String line(
      String remote, String method, String path, int status, long millis, String clientId) {
    return orDash(remote)
        + ' '
        + orDash(visible(method, MAX_METHOD))
        + ' '
        + orDash(path)
        + ' '
        + (status == 0 ? "-" : Integer.toString(status))
        + ' '
        + millis
        + "ms "
        + orDash(clientId);
  }

  /**
   * The path of a request target as the log shows it: no query (a {@code ?...} says there was one),
   * visible ASCII only, at most {@value #MAX_PATH} characters before it.
   */
  static String path(String requestTarget) {
    if (requestTarget == null) {
      return null;
    }
    int query = requestTarget.indexOf('?');
    String path = visible(query < 0 ? requestTarget : requestTarget.substring(0, query), MAX_PATH);
    return query < 0 ? path : path + "?...";
  }

  /**
   * The {@code client_id} claim of the bearer token in {@code authorization} (a JWT, as IMS access
   * tokens are), made visible and cut; {@code null} when there is none. Call it only for a token
   * the validator accepted: the claim is read, not verified.
   */
  static String clientId(String authorization) {
    if (authorization == null
        || authorization.length() <= 7
        || authorization.length() > MAX_TOKEN_CHARS + 16
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String token = authorization.substring(7).trim();
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      return null;
    }
    byte[] claims;
    try {
      claims = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
    } catch (IllegalArgumentException e) {
      return null;
    }
    try (JsonParser parser = Claims.JSON.createParser(new String(claims, StandardCharsets.UTF_8))) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = "client_id".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (wanted) {
          String id =
              value == JsonToken.VALUE_STRING ? visible(parser.getText(), MAX_CLIENT_ID) : "";
          return id.isEmpty() ? null : id;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The JSON reader of token claims, made on first use (on a worker, after a token check), never on
   * the I/O thread that writes the first line.
   */
  private static final class Claims {
    static final JsonFactory JSON = new JsonFactory();
  }

  /** {@code text} with everything but visible ASCII dropped, cut to {@code max} characters. */
  static String visible(String text, int max) {
    if (text == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), max));
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (c > ' ' && c < 0x7f) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
