package dev.ares.commerce.oauth.testing;

import java.net.URI;
import java.util.Map;

/**
 * Opens the package-private {@link Rfc5849Reference} to the tests of other packages: the
 * independent second opinion on base strings and signatures.
 */
public final class OAuthOracle {

  private OAuthOracle() {}

  /** RFC 5849 section 3.4.1.1 base string; {@code formBody} null when the body is not a form. */
  public static String baseString(
      String method, URI uri, String formBody, Map<String, String> oauthParams) {
    return Rfc5849Reference.baseString(method, uri, formBody, oauthParams);
  }

  /** RFC 5849 section 3.4.2 signature, Base64. */
  public static String signature(
      String oauthMethod, String consumerSecret, String tokenSecret, String baseString) {
    return Rfc5849Reference.signature(oauthMethod, consumerSecret, tokenSecret, baseString);
  }

  /** RFC 5849 section 3.5.1 header parameters, decoded; null when malformed. */
  public static Map<String, String> authorizationParams(String header) {
    return Rfc5849Reference.authorizationParams(header);
  }

  /** RFC 5849 section 3.6 encoding. */
  public static String encode(String text) {
    return Rfc5849Reference.encode(text);
  }
}
