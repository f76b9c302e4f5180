package dev.ares.commerce.oauth.internal;

import com.github.scribejava.core.model.OAuthConstants;
import dev.ares.commerce.oauth.CommerceRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@code Authorization} header of a request in one pass: the same header, character for
 * character, that ScribeJava's {@code OAuth10aService.signRequest} builds with {@link
 * dev.ares.commerce.oauth.CommerceApi} and its stock header extractor. The base string comes from
 * {@link SignatureBaseString} and the signature from {@link KeyedHmac}, as in every other path;
 * what is particular here is that the OAuth values that never change are encoded once per signer,
 * the query and form body go from their raw text to the base string without being decoded, and each
 * thread reuses its buffers.
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

  /** The values the header computes per signature, by their index in a header slot. */
  private static final int TIMESTAMP = 0;

  private static final int NONCE = 1;
  private static final int SIGNATURE = 2;

  private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

  /**
   * The signed OAuth parameters sorted by name, and as {@link SignatureBaseString#joined} pairs
   * where they are the same in every signature (null for the timestamp and the nonce). Added in
   * this order ahead of the request's own parameters, they leave the base string's sort little to
   * do.
   */
  private final String[] oauthNames;

  private final String[] oauthJoined;

  /**
   * The header as literal text around the values computed per signature: {@code headerText[0]
   * value(headerSlots[0]) headerText[1] ... headerText[n]}.
   */
  private final String[] headerText;

  private final int[] headerSlots;
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
    this.timestamps = timestamps;
    this.hmac = hmac;
    // Everything but the timestamp, the nonce and the signature is the same for every signature:
    // encoded once here, for both the base string and the header.
    Map<String, String> constants =
        Map.of(
            OAuthConstants.TOKEN, PercentEncoding.encode(token),
            OAuthConstants.CONSUMER_KEY, PercentEncoding.encode(consumerKey),
            OAuthConstants.SIGN_METHOD, PercentEncoding.encode(signatureMethod),
            OAuthConstants.VERSION, VERSION);
    // The names are unreserved ASCII: String order is the base string's byte order.
    Set<String> sorted = new TreeSet<>(constants.keySet());
    sorted.add(OAuthConstants.TIMESTAMP);
    sorted.add(OAuthConstants.NONCE);
    oauthNames = sorted.toArray(new String[0]);
    oauthJoined = new String[oauthNames.length];
    for (int i = 0; i < oauthNames.length; i++) {
      String value = constants.get(oauthNames[i]);
      oauthJoined[i] =
          value == null ? null : SignatureBaseString.joined(oauthNames[i], encodedAgain(value));
    }
    List<String> text = new ArrayList<>();
    List<Integer> slots = new ArrayList<>();
    StringBuilder literal = new StringBuilder("OAuth ");
    for (int i = 0; i < HEADER_ORDER.length; i++) {
      String name = HEADER_ORDER[i];
      literal.append(i > 0 ? ", " : "").append(name).append("=\"");
      if (constants.containsKey(name)) {
        literal.append(constants.get(name)).append('"');
        continue;
      }
      text.add(literal.toString());
      slots.add(
          name.equals(OAuthConstants.TIMESTAMP)
              ? TIMESTAMP
              : name.equals(OAuthConstants.NONCE) ? NONCE : SIGNATURE);
      literal.setLength(0);
      literal.append('"');
    }
    text.add(literal.toString());
    headerText = text.toArray(new String[0]);
    headerSlots = slots.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The {@code Authorization} header value for {@code request}, which must be built (so its query
   * and form body have been checked).
   */
  public String authorizationHeader(CommerceRequest request) {
    // The clock and the nonce source may be a caller's code: called before this thread's
    // workspace is taken, so even one that signs on this thread cannot disturb it.
    String timestamp = PercentEncoding.encode(timestamps.getTimestampInSeconds());
    String nonce = PercentEncoding.encode(timestamps.getNonce());
    Workspace work = WORKSPACES.get();
    try {
      AsciiBuffer baseString = work.baseString;
      writeBaseString(request, timestamp, nonce, work.pairs, baseString);
      byte[] signature = hmac.signature(baseString.array(), baseString.length());
      return header(timestamp, nonce, signature, work.header);
    } finally {
      work.clear();
    }
  }

  private void writeBaseString(
      CommerceRequest request,
      String timestamp,
      String nonce,
      SignatureBaseString signed,
      AsciiBuffer out) {
    for (int i = 0; i < oauthNames.length; i++) {
      String name = oauthNames[i];
      if (oauthJoined[i] != null) {
        signed.addJoined(oauthJoined[i], name.length());
      } else {
        signed.addEncodedTwice(
            name, encodedAgain(name.equals(OAuthConstants.TIMESTAMP) ? timestamp : nonce));
      }
    }
    signed.addRequest(request);
    signed.writeTo(request.method(), request.uri(), out);
  }

  private String header(String timestamp, String nonce, byte[] signature, AsciiBuffer out) {
    out.append(headerText[0]);
    for (int i = 0; i < headerSlots.length; i++) {
      switch (headerSlots[i]) {
        case TIMESTAMP -> out.append(timestamp);
        case NONCE -> out.append(nonce);
        default -> PercentEncoding.encodeTo(signature, out); // Base64: '+', '/' and '='
      }
      out.append(headerText[i + 1]);
    }
    return out.toString();
  }

  /** Encoded text encoded again: only its {@code %} change. */
  private static String encodedAgain(String encoded) {
    return encoded.indexOf('%') < 0 ? encoded : encoded.replace("%", "%25");
  }

  /**
   * One thread's buffers, reused from one signature to the next rather than allocated and zeroed
   * for each. Nothing in between can call back into a signer, so a thread never needs two at once.
   */
  private static final class Workspace {
    /**
     * The largest text buffer kept between signatures; one that grew past it for a big body is
     * replaced by a new one of its first size.
     */
    private static final int MAX_KEPT = 16 * 1024;

    final SignatureBaseString pairs = new SignatureBaseString(512);
    final AsciiBuffer baseString = new AsciiBuffer(1024);
    final AsciiBuffer header = new AsciiBuffer(384);

    void clear() {
      pairs.clear(MAX_KEPT);
      baseString.clear(MAX_KEPT);
      header.clear(MAX_KEPT);
    }
  }
}
