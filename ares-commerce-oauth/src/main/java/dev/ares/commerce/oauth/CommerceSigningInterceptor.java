package dev.ares.commerce.oauth;

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
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * An Apache HttpClient 5 (classic) interceptor that signs every outgoing request of a client with
 * a {@link CommerceRequestSigner}, replacing any {@code Authorization} header:
 *
 * <pre>{@code
 * CloseableHttpClient commerce = HttpClients.custom()
 *     .addRequestInterceptorLast(CommerceSigningInterceptor.of(signer))
 *     .disableRedirectHandling()
 *     .build();
 * }</pre>
 *
 * <p>Use a client dedicated to one Commerce store: every request it sends carries the consumer
 * key and access token. Form bodies ({@code application/x-www-form-urlencoded}) are signed and
 * must be repeatable (such as {@code UrlEncodedFormEntity} or {@code StringEntity}); JSON bodies
 * are not signed. Immutable and thread-safe.
 */
public final class CommerceSigningInterceptor implements HttpRequestInterceptor {

  private static final String FORM = "application/x-www-form-urlencoded";

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
   * @throws HttpException when the URI is unusable or a form body cannot be read twice
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
    CommerceRequest.Builder description =
        CommerceRequest.builder().method(request.getMethod()).uri(uri);
    String contentType = contentType(request, entity);
    if (contentType != null) {
      description.putHeaders(HttpHeaders.CONTENT_TYPE, contentType);
      boolean form = contentType.trim().toLowerCase(Locale.ROOT).startsWith(FORM);
      if (form
          && request instanceof ClassicHttpRequest
          && ((ClassicHttpRequest) request).getEntity() != null) {
        description.body(formBody(((ClassicHttpRequest) request).getEntity()));
      }
    }
    request.setHeader(HttpHeaders.AUTHORIZATION, signer.authorizationHeader(description.build()));
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
    try {
      return EntityUtils.toString(body, StandardCharsets.UTF_8);
    } catch (ParseException e) {
      throw new HttpException("cannot read the form body to sign it", e);
    }
  }
}
