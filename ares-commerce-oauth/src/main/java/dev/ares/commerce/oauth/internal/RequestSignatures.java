package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.model.OAuthConstants;
import com.github.scribejava.core.model.Parameter;
import dev.ares.commerce.oauth.CommerceRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code Authorization} header of a request in one pass: the same header, character
 * for character, that ScribeJava's {@code OAuth10aService.signRequest} builds when wired with
 * {@link CommerceApi} ({@link Rfc5849BaseStringExtractor}, {@link HmacSignatureService}, {@link
 * ClockTimestampService}) and its stock header extractor, without the work that made that path
 * slow: a regular expression compiled per encoded value, the URI parsed three times, {@code
 * String.format}, and a {@link javax.crypto.Mac} looked up and keyed per signature.
 *
 * <p>Thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class RequestSignatures {

  /**
   * The order ScribeJava's header extractor writes the parameters in: the iteration order of the
   * {@link HashMap} its request keeps them in, which depends on the names only.
   */
  private static final String[] HEADER_ORDER;

  static {
    Map<String, String> scribeOrder = new HashMap<>();
    for (String name :
        List.of(
            OAuthConstants.TOKEN,
            OAuthConstants.TIMESTAMP,
            OAuthConstants.NONCE,
            OAuthConstants.CONSUMER_KEY,
            OAuthConstants.SIGN_METHOD,
            OAuthConstants.VERSION,
            OAuthConstants.SIGNATURE)) {
      scribeOrder.put(name, name);
    }
    HEADER_ORDER = scribeOrder.keySet().toArray(new String[0]);
  }

  private static final String VERSION = "1.0";

  private final String consumerKey;
  private final String token;
  private final String signatureMethod;
  private final ClockTimestampService timestamps;
  private final KeyedHmac hmac;

  /**
   * @param consumerKey the consumer key
   * @param token the access token
   * @param signatureMethod the {@code oauth_signature_method} value, such as {@code HMAC-SHA256}
   * @param timestamps the source of timestamps and nonces
   * @param hmac the MAC keyed with the consumer and token secrets
   */
  public RequestSignatures(
      String consumerKey,
      String token,
      String signatureMethod,
      ClockTimestampService timestamps,
      KeyedHmac hmac) {
    this.consumerKey = consumerKey;
    this.token = token;
    this.signatureMethod = signatureMethod;
    this.timestamps = timestamps;
    this.hmac = hmac;
  }

  /** The {@code Authorization} header value for {@code request}. */
  public String authorizationHeader(CommerceRequest request) {
    List<Parameter> pairs = new ArrayList<>(ParameterParser.parse(request.uri().getRawQuery(), false));
    if (request.hasFormBody()) {
      pairs.addAll(ParameterParser.parse(request.body().get(), true));
    }
    String timestamp = timestamps.getTimestampInSeconds();
    String nonce = timestamps.getNonce();
    String[] values = new String[HEADER_ORDER.length];
    for (int i = 0; i < HEADER_ORDER.length; i++) {
      String name = HEADER_ORDER[i];
      String value;
      switch (name) {
        case OAuthConstants.TOKEN: value = token; break;
        case OAuthConstants.TIMESTAMP: value = timestamp; break;
        case OAuthConstants.NONCE: value = nonce; break;
        case OAuthConstants.CONSUMER_KEY: value = consumerKey; break;
        case OAuthConstants.SIGN_METHOD: value = signatureMethod; break;
        case OAuthConstants.VERSION: value = VERSION; break;
        default: continue; // the signature, computed below over all the others
      }
      values[i] = value;
      pairs.add(new Parameter(name, value));
    }
    String signature = hmac.signature(
        Rfc5849BaseStringExtractor.baseString(request.method(), request.uri(), pairs));
    StringBuilder header = new StringBuilder(320).append("OAuth ");
    for (int i = 0; i < HEADER_ORDER.length; i++) {
      if (i > 0) {
        header.append(", ");
      }
      header.append(HEADER_ORDER[i]).append("=\"");
      PercentEncoding.encodeTo(values[i] == null ? signature : values[i], header);
      header.append('"');
    }
    return header.toString();
  }
}
