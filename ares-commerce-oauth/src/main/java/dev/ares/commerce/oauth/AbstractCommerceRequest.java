package dev.ares.commerce.oauth;

import com.github.scribejava.core.model.Verb;
import dev.ares.commerce.oauth.internal.AllowNulls;
import dev.ares.commerce.oauth.internal.ParameterParser;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.internal.Nullable;
import dev.ares.core.internal.Urls;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A plain description of one HTTP request to Commerce: what the signer needs and nothing more.
 * Build it with {@code CommerceRequest.builder()}; building checks it and throws {@link
 * dev.ares.core.AresValidationException} naming each bad field ({@code request.method}, {@code
 * request.uri}, {@code request.headers}, {@code request.body}); a {@code null} value is such a bad
 * field, never a {@link NullPointerException}. The URI's query, the headers and the body print as a
 * mask.
 */
@Value.Immutable
abstract class AbstractCommerceRequest {

  /** The form content type: only such bodies are signed (RFC 5849 section 3.4.1.3.1). */
  static final String FORM = "application/x-www-form-urlencoded";

  /** The HTTP method in upper case, such as {@code GET}; required. */
  @Nullable
  public abstract String method();

  /**
   * The absolute {@code http(s)} request URI, with the query as it is sent (still percent-encoded);
   * required.
   */
  @Nullable
  public abstract URI uri();

  /**
   * Request headers by name. Only {@code Content-Type} matters for signing; the verifier reads
   * {@code Authorization}. Names are matched ignoring case. A {@code null} name or value is refused
   * when the request is built.
   */
  @Value.Redacted
  @AllowNulls
  public abstract Map<String, String> headers();

  /**
   * The body as sent; signed only when {@code Content-Type} is {@code
   * application/x-www-form-urlencoded}.
   */
  @Value.Redacted
  public abstract Optional<String> body();

  /** The value of the header named {@code name}, ignoring case. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, String> header : headers().entrySet()) {
      if (name != null && name.equalsIgnoreCase(header.getKey())) {
        return Optional.ofNullable(header.getValue());
      }
    }
    return Optional.empty();
  }

  /** Whether the body is a form whose parameters are signed. */
  public boolean hasFormBody() {
    return body().isPresent()
        && header("Content-Type")
            .map(type -> type.trim().toLowerCase(Locale.ROOT).startsWith(FORM))
            .orElse(false);
  }

  /**
   * The method and the URI without its query, which may carry anything the caller put there; query,
   * headers and body print as a mask.
   */
  @Override
  public String toString() {
    URI uri = uri();
    String shown = uri == null ? "null" : uri.toString();
    if (uri != null && uri.getRawQuery() != null) {
      shown = shown.substring(0, shown.indexOf('?')) + "?****";
    }
    return "CommerceRequest{method="
        + method()
        + ", uri="
        + shown
        + ", headers=****, body="
        + (body().isPresent() ? "****" : "none")
        + "}";
  }

  @Value.Check
  void check() {
    List<FieldViolation> violations = new ArrayList<>();
    String method = method();
    if (method == null) {
      violations.add(FieldViolation.of("request.method", "is required"));
    } else if (!isKnownVerb(method)) {
      violations.add(
          FieldViolation.of("request.method", "must be an upper-case HTTP method such as GET"));
    }
    URI uri = uri();
    if (uri == null) {
      violations.add(FieldViolation.of("request.uri", "is required"));
    } else if (!isAbsoluteHttpUrl(uri)) {
      violations.add(FieldViolation.of("request.uri", "must be an absolute http(s) URL"));
    } else {
      parses(uri.getRawQuery(), "request.uri", violations);
    }
    boolean headersOk = true;
    for (Map.Entry<String, String> header : headers().entrySet()) {
      if (header.getKey() == null) {
        violations.add(FieldViolation.of("request.headers", "must not have a null name"));
        headersOk = false;
      } else if (header.getValue() == null) {
        violations.add(FieldViolation.of("request.headers", "must not have a null value"));
        headersOk = false;
      }
    }
    if (headersOk && hasFormBody()) {
      parses(body().get(), "request.body", violations);
    }
    if (!violations.isEmpty()) {
      throw new AresValidationException(violations);
    }
  }

  /**
   * {@link Urls#isAbsoluteHttpUrl} of {@code uri.toString()}, without parsing the text again: a
   * {@link URI} is always parsed from its {@code toString()}, so parsing it again gives the same
   * parts and cannot fail.
   */
  private static boolean isAbsoluteHttpUrl(URI uri) {
    String scheme = uri.getScheme();
    return uri.isAbsolute()
        && uri.getHost() != null
        && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
  }

  private static boolean isKnownVerb(String method) {
    for (Verb verb : Verb.values()) {
      if (verb.name().equals(method)) {
        return true;
      }
    }
    return false;
  }

  private static void parses(String raw, String path, List<FieldViolation> violations) {
    // Checked without decoding: what parsing would refuse, with the same messages. Whether '+'
    // is a space changes what the text decodes to, never whether it decodes.
    String problem = ParameterParser.problemIn(raw);
    if (problem != null) {
      violations.add(FieldViolation.of(path, problem));
    }
  }
}
