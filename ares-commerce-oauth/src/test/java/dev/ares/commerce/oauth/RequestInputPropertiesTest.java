package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.commerce.oauth.internal.AuthorizationHeader;
import dev.ares.commerce.oauth.internal.ParameterParser;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any mix of null, empty, blank, very long, non-ASCII and control-character values in a {@link
 * CommerceRequest} or in the credentials gives either a signed request or a validation error naming
 * each bad field: never a {@link NullPointerException} or any other exception.
 */
class RequestInputPropertiesTest {

  private static final CommerceRequestSigner SIGNER =
      CommerceRequestSigner.builder(TestCredentials.DISTINCT).build();
  private static final Set<String> VERBS =
      Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE");

  @Provide
  Arbitrary<String> anyValue() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(""),
        Arbitraries.of(" ", "\t", "\u00a0 "),
        // Built by repetition: jqwik draws (and could shrink) a long string character by character.
        Arbitraries.strings().alpha().ofLength(9).map(s -> s.repeat(911)),
        Arbitraries.strings().withChars("äöü漢字🙂é").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ab\u0000\n\r\u001b").ofMinLength(1).ofMaxLength(8),
        Arbitraries.strings().withChars("a=&%+ 2F").ofMinLength(1).ofMaxLength(10),
        Arbitraries.of("GET", "get", "POST", "ok-value", "a=b&c=%zz", "x=%E2%98%83"));
  }

  @Provide
  Arbitrary<URI> anyUri() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(
            URI.create("https://shop.example/rest/V1/products?searchCriteria%5BpageSize%5D=1"),
            URI.create("https://shop.example/rest/V1/caf\u00e9?q=\u6f22\u5b57"),
            URI.create("https://shop.example/p?x=%E2%98"),
            URI.create("https://shop.example/p?=&&a&b=c=d+e"),
            URI.create("/relative/path"),
            URI.create("mailto:someone@example.com"),
            URI.create("ftp://shop.example/x"),
            URI.create("https:///no-host"),
            URI.create("https://shop.example/" + "x".repeat(10_000))),
        // x: a lone UTF-8 lead byte, which is no text; y: a whole UTF-8 character.
        Arbitraries.strings()
            .withChars("abxy+=&")
            .ofMaxLength(12)
            .map(
                q ->
                    URI.create(
                        "https://shop.example/p?" + q.replace("x", "%E9").replace("y", "%C3%A9"))));
  }

  @Provide
  Arbitrary<String> contentType() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(
            "application/x-www-form-urlencoded",
            " Application/X-WWW-Form-Urlencoded; charset=UTF-8",
            "application/json",
            "",
            "\u0000"));
  }

  @Property(tries = 300, seed = "20261125")
  void requestIsSignedOrEachBadFieldIsNamed(
      @ForAll("anyValue") String method,
      @ForAll("anyUri") URI uri,
      @ForAll("contentType") String contentType,
      @ForAll("anyValue") String body,
      @ForAll("anyValue") String headerName,
      @ForAll("anyValue") String headerValue) {
    CommerceRequest.Builder builder = CommerceRequest.builder().method(method).uri(uri).body(body);
    if (contentType != null) {
      builder.putHeaders("Content-Type", contentType);
    }
    builder.putHeaders(headerName, headerValue);
    Map<String, Boolean> bad = new LinkedHashMap<>();
    bad.put("request.method", method == null || !VERBS.contains(method));
    bad.put(
        "request.uri",
        uri == null
            || !uri.isAbsolute()
            || uri.getHost() == null
            || !Set.of("http", "https").contains(uri.getScheme())
            || !parses(uri.getRawQuery(), false));
    boolean headersBad = headerName == null || headerValue == null;
    bad.put("request.headers", headersBad);
    boolean form = !headersBad && body != null && formType(contentType, headerName, headerValue);
    bad.put("request.body", form && !parses(body, true));
    try {
      CommerceRequest request = builder.build();
      assertFalse(bad.containsValue(true), "built with bad fields " + bad);
      String authorization = SIGNER.authorizationHeader(request);
      assertTrue(AuthorizationHeader.parse(authorization).isPresent(), authorization);
      if (body != null && body.length() > 4) {
        assertFalse(request.toString().contains(body));
      }
    } catch (AresValidationException e) {
      Set<String> named =
          e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
      bad.forEach(
          (path, isBad) ->
              assertEquals(isBad, named.contains(path), path + " in " + e.getMessage()));
      assertFalse(e.violations().isEmpty());
    }
  }

  @Property(tries = 300, seed = "20261125")
  void credentialsSignOrEachBadFieldIsNamed(
      @ForAll("anyValue") String consumerKey,
      @ForAll("anyValue") String consumerSecret,
      @ForAll("anyValue") String accessToken,
      @ForAll("anyValue") String accessTokenSecret) {
    Map<String, String> fields = new LinkedHashMap<>();
    // The credentials refuse bad values when built, naming them under their own root.
    fields.put("commerceCredentialsInput.consumerKey", consumerKey);
    fields.put("commerceCredentialsInput.consumerSecret", consumerSecret);
    fields.put("commerceCredentialsInput.accessToken", accessToken);
    fields.put("commerceCredentialsInput.accessTokenSecret", accessTokenSecret);
    try {
      CommerceCredentialsInput credentials =
          CommerceCredentialsInput.builder()
              .consumerKey(consumerKey)
              .consumerSecret(consumerSecret)
              .accessToken(accessToken)
              .accessTokenSecret(accessTokenSecret)
              .build();
      CommerceRequestSigner signer = CommerceRequestSigner.builder(credentials).build();
      fields.values().forEach(v -> assertFalse(isBad(v), "accepted a bad value"));
      String authorization =
          signer.authorizationHeader(
              CommerceRequest.builder()
                  .method("GET")
                  .uri(URI.create("https://shop.example/rest/V1/products"))
                  .build());
      assertEquals(
          consumerKey,
          AuthorizationHeader.parse(authorization).orElseThrow().get("oauth_consumer_key"));
      CommerceSignatureVerifier.of(credentials);
      CommerceCredentialsCheck.builder()
          .baseUrl("https://shop.example")
          .credentials(credentials)
          .build()
          .close();
    } catch (AresValidationException e) {
      Set<String> named =
          e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
      fields.forEach(
          (path, value) -> assertEquals(isBad(value), named.contains(path), path + ": " + named));
      for (String value : fields.values()) {
        if (value != null && value.length() >= 4) {
          assertFalse(e.getMessage().contains(value), "a value leaked into " + e.getMessage());
        }
      }
    }
  }

  private static boolean isBad(String value) {
    return value == null
        || value.isBlank()
        || value.length() > 8192
        || value.chars().anyMatch(Character::isISOControl)
        || !value.equals(
            new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static boolean formType(String contentType, String name, String value) {
    String type =
        "content-type".equalsIgnoreCase(name) && contentType == null ? value : contentType;
    if ("content-type".equalsIgnoreCase(name) && contentType != null) {
      // Two Content-Type entries differing in case: the request keeps both; the first wins.
      type = contentType;
    }
    return type != null
        && type.trim()
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded");
  }

  private static boolean parses(String raw, boolean plusIsSpace) {
    try {
      ParameterParser.parse(raw, plusIsSpace);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
