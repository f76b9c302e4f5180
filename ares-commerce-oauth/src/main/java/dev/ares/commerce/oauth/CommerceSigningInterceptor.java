package dev.ares.commerce.oauth;

import dev.ares.core.AresValidationException;
import dev.ares.core.internal.WireTextRules;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * An Apache HttpClient 5 (classic) interceptor that signs every outgoing request of a client with a
 * {@link CommerceRequestSigner}, replacing any {@code Authorization} header:
 *
 * <pre>{@code
 * CloseableHttpClient commerce = HttpClients.custom()
 *     .addRequestInterceptorLast(CommerceSigningInterceptor.of(signer))
 *     .disableRedirectHandling()
 *     .build();
 * }</pre>
 *
 * <p>Use a client dedicated to one Commerce store: every request it sends carries the consumer key
 * and access token. Form bodies ({@code application/x-www-form-urlencoded}) are signed and must be
 * repeatable (such as {@code UrlEncodedFormEntity} or {@code StringEntity}); JSON bodies are not
 * signed. Immutable and thread-safe.
 *
 * <p>What is signed is exactly what goes on the wire. HttpClient writes the request line as single
 * bytes (ISO-8859-1, {@code ?} beyond it) while OAuth signs text as UTF-8, so a URI with characters
 * outside ASCII, a query or form with percent-escapes that are not UTF-8 (such as {@code Caf%E9},
 * which {@code new UrlEncodedFormEntity(pairs)} writes by default) and a form body with bytes
 * outside ASCII are refused with {@link HttpException} before anything is sent: percent-encode text
 * as UTF-8, with {@code URIBuilder} and {@code new UrlEncodedFormEntity(pairs,
 * StandardCharsets.UTF_8)}.
 */
public final class CommerceSigningInterceptor implements HttpRequestInterceptor {

  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String HOW_TO_ENCODE =
      "percent-encode text as UTF-8 (URIBuilder does;"
          + " for forms use new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8)), such as"
          + " caf%C3%A9 for café";

  private final CommerceRequestSigner signer;

  private CommerceSigningInterceptor(CommerceRequestSigner signer) {
    this.signer = signer;
  }

  /** An interceptor signing with {@code signer}. */
  public static CommerceSigningInterceptor of(CommerceRequestSigner signer) {
    return new CommerceSigningInterceptor(Objects.requireNonNull(signer, "signer"));
  }

  /**
   * Signs {@code request} and sets its {@code Authorization} header.
   *
   * @throws HttpException when the URI is unusable, a form body cannot be read twice, or the URI or
   *     form holds text that is not ASCII or escapes that are not UTF-8 (see the class
   *     documentation)
   */
  @Override
  public void process(HttpRequest request, EntityDetails entity, HttpContext context)
      throws HttpException, IOException {
    URI uri;
    try {
      uri = request.getUri();
    } catch (URISyntaxException e) {
      throw new HttpException("cannot sign a request whose URI is not valid", e);
    }
    if (!WireTextRules.isVisibleAscii(uri.toString())) {
      throw new HttpException(
          "cannot sign a request whose URI has characters outside ASCII:"
              + " HttpClient would send them as other bytes than the signature covers; "
              + HOW_TO_ENCODE);
    }
    CommerceRequest.Builder description =
        CommerceRequest.builder().method(request.getMethod()).uri(uri);
    String contentType = contentType(request, entity);
    if (contentType != null) {
      description.putHeaders(HttpHeaders.CONTENT_TYPE, contentType);
      boolean form = contentType.trim().toLowerCase(Locale.ROOT).startsWith(FORM);
      if (form && request instanceof ClassicHttpRequest classic && classic.getEntity() != null) {
        description.body(formBody(classic.getEntity()));
      }
    }
    String authorization;
    try {
      authorization = signer.authorizationHeader(description.build());
    } catch (AresValidationException e) { // names the part only, never its value
      boolean encoding = e.getMessage().contains("percent-escape");
      throw new HttpException(
          "cannot sign this request: " + e.getMessage() + (encoding ? "; " + HOW_TO_ENCODE : ""),
          e);
    }
    request.setHeader(HttpHeaders.AUTHORIZATION, authorization);
  }

  /** The signer only; it prints no credential. */
  @Override
  public String toString() {
    return "CommerceSigningInterceptor{" + signer + "}";
  }

  private static String contentType(HttpRequest request, EntityDetails entity) {
    if (entity != null && entity.getContentType() != null) {
      return entity.getContentType();
    }
    Header header = request.getFirstHeader(HttpHeaders.CONTENT_TYPE);
    return header == null ? null : header.getValue();
  }

  private static String formBody(HttpEntity body) throws HttpException, IOException {
    // HttpClient wraps the entity in a proxy that reports "repeatable" until first read, so a
    // streaming entity is refused too: reading it here would send an empty body.
    if (!body.isRepeatable() || body.isStreaming()) {
      throw new HttpException(
          "cannot sign a form body that cannot be read twice; use a repeatable entity");
    }
    byte[] bytes = EntityUtils.toByteArray(body);
    for (byte b : bytes) {
      if (b < 0) { // a form is percent-encoded ASCII; other bytes would be signed as other text
        throw new HttpException(
            "cannot sign a form body with bytes outside ASCII; " + HOW_TO_ENCODE);
      }
    }
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
