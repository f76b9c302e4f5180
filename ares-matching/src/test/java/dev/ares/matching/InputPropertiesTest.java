package dev.ares.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import dev.ares.core.RetryPolicy;
import java.io.StringReader;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any mix of null, empty, blank, very long, non-ASCII and control-character values given to {@link
 * AssetJson}, {@link Asset} and the {@link ExternalMatcher} builder gives either a valid object or
 * an {@link AresValidationException} naming each bad field, never another exception (no
 * NullPointerException) and never a hang.
 */
class InputPropertiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Provide
  Arbitrary<String> anyValue() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(""),
        Arbitraries.of(" ", "\t", "\u00a0 "),
        // Built by repetition: jqwik generating 9,000 characters one by one is slow.
        Arbitraries.integers().between(8193, 9000).map(n -> "long-".repeat(n / 5 + 1)),
        Arbitraries.strings().withChars("äöü漢字🙂é").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ab\u0000\n\r\u001b").ofMinLength(1).ofMaxLength(8),
        Arbitraries.of(
            "https://ok.example.com/x",
            "http://127.0.0.1:8080/a",
            "http://matcher.example.com/a",
            "ftp://x",
            "/rel",
            "https://",
            "not a url",
            "ok-value",
            "urn:aaid:aem:1"));
  }

  @Provide
  Arbitrary<Duration> anyDuration() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofMillis(-1),
            Duration.ofMillis(1),
            Duration.ofSeconds(30),
            Duration.ofDays(3650)));
  }

  @Provide
  Arbitrary<List<String>> anyScopes() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        anyValue().list().ofMaxSize(3).map(l -> l),
        Arbitraries.just(List.of("openid", "AdobeID")));
  }

  private static boolean badText(String value) {
    return value == null
        || value.isBlank()
        || value.length() > 8192
        || value.chars().anyMatch(Character::isISOControl)
        || !value.equals(
            new String(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets
                    .UTF_8)); // an unpaired surrogate has no UTF-8 form
  }

  private static Set<String> named(AresValidationException e) {
    assertFalse(e.violations().isEmpty());
    return e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
  }

  // ---- Asset and AssetJson ----

  @Property(tries = 200, seed = "20261125")
  void assetOfGivesAnAssetOrNamesEachBadField(
      @ForAll("anyValue") String assetId,
      @ForAll("anyValue") String key,
      @ForAll("anyValue") String value,
      @ForAll boolean nullMetadata,
      @ForAll boolean oddValue) {
    Map<String, Object> metadata = null;
    if (!nullMetadata) {
      metadata = new HashMap<>();
      metadata.put(key, value); // a null key or value is allowed in a HashMap
      metadata.put("list", Arrays.asList(value, null, oddValue ? new Object() : 1));
    }
    try {
      Asset a = Asset.of(assetId, metadata);
      assertEquals(assetId, a.assetId());
      assertEquals(a, Asset.of(a.assetId(), a.metadata()));
    } catch (AresValidationException e) {
      Set<String> named = named(e);
      Set<String> known = Set.of("assetId", "metadata", "metadata.list[2]");
      assertTrue(known.containsAll(named), named.toString());
      assertEquals(assetId == null || assetId.isBlank(), named.contains("assetId"), e.getMessage());
      assertEquals(nullMetadata, named.contains("metadata"), e.getMessage());
      assertEquals(!nullMetadata && oddValue, named.contains("metadata.list[2]"), e.getMessage());
    }
  }

  @Property(tries = 100, seed = "20261125")
  void assetJsonGivesAnAssetOrNamesEachBadField(
      @ForAll("anyValue") String assetId,
      @ForAll("anyValue") String key,
      @ForAll("anyValue") String value,
      @ForAll("anyValue") String extraField,
      @ForAll boolean metadataAsText) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("assetId", assetId);
    if (metadataAsText) {
      json.put("metadata", value);
    } else {
      ObjectNode metadata = json.putObject("metadata");
      metadata.put(key == null ? "null-key" : key, value);
    }
    if (extraField != null && !extraField.equals("assetId") && !extraField.equals("metadata")) {
      json.put(extraField, 1);
    }
    try {
      Asset a = AssetJson.read(json.toString());
      assertEquals(assetId.trim(), a.assetId());
    } catch (AresValidationException e) {
      Set<String> named = named(e);
      named.forEach(p -> assertTrue(p.startsWith("asset"), p));
      if (assetId == null || assetId.isBlank()) {
        assertTrue(named.contains("asset.assetId"), e.getMessage());
      }
      if (metadataAsText && value != null) {
        assertTrue(named.contains("asset.metadata"), e.getMessage());
      }
      if (extraField != null && !extraField.equals("assetId") && !extraField.equals("metadata")) {
        assertTrue(named.contains("asset." + extraField), e.getMessage());
      }
    }
  }

  @Property(tries = 300, seed = "20261125")
  void assetJsonSurvivesArbitraryText(@ForAll("jsonish") String text) {
    try {
      AssetJson.read(text);
    } catch (AresValidationException e) {
      named(e).forEach(p -> assertTrue(p.startsWith("asset"), p));
    }
  }

  @Property(tries = 200, seed = "20261125")
  void assetLinesNameTheSourceAndLine(
      @ForAll("jsonish") String first, @ForAll("jsonish") String second) {
    String text =
        "{\"assetId\":\"a1\"}\n"
            + first.replace('\n', ' ')
            + "\n"
            + second.replace('\n', ' ')
            + "\n";
    try (Stream<Asset> assets = AssetJson.lines(new StringReader(text), "in.jsonl")) {
      assets.forEach(a -> assertFalse(a.assetId().isBlank()));
    } catch (AresValidationException e) {
      named(e).forEach(p -> assertTrue(p.matches("in\\.jsonl:[23]: asset.*"), p));
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings()
        .withChars("{}[]\":,0123456789 abtruefalsenull\\assetIdmetadata\u0000\n")
        .ofMaxLength(60);
  }

  // ---- the ExternalMatcher builder ----

  @Property(tries = 200, seed = "20261125")
  void builderGivesAMatcherOrNamesEachBadField(
      @ForAll("anyValue") String assetUrl,
      @ForAll("anyValue") String productUrl,
      @ForAll("anyValue") String imsUrl,
      @ForAll("anyValue") String clientId,
      @ForAll("anyValue") String clientSecret,
      @ForAll("anyValue") String orgId,
      @ForAll("anyScopes") List<String> scopes,
      @ForAll("anyDuration") Duration attemptTimeout,
      @ForAll("anyDuration") Duration callTimeout,
      @ForAll("anyDuration") Duration backoff,
      @ForAll boolean nullRule,
      @ForAll boolean insecureOk) {
    // The IMS credentials refuse bad values themselves, when built, under their own root.
    Map<String, String> credentialTexts = new LinkedHashMap<>();
    credentialTexts.put("externalMatcherCredentialsInput.oauthServerUrl", imsUrl);
    credentialTexts.put("externalMatcherCredentialsInput.clientId", clientId);
    credentialTexts.put("externalMatcherCredentialsInput.clientSecret", clientSecret);
    credentialTexts.put("externalMatcherCredentialsInput.imsOrgId", orgId);
    ExternalMatcherCredentialsInput credentials;
    try {
      credentials =
          ExternalMatcherCredentialsInput.builder()
              .oauthServerUrl(imsUrl)
              .clientId(clientId)
              .clientSecret(clientSecret)
              .imsOrgId(orgId)
              .build();
    } catch (AresValidationException e) {
      Set<String> named = named(e);
      assertTrue(credentialTexts.keySet().containsAll(named), e.getMessage());
      credentialTexts.forEach(
          (path, value) -> {
            boolean bad = badText(value) || (path.endsWith("Url") && !value.startsWith("http"));
            if (bad) {
              assertTrue(named.contains(path), path + " not named in " + e.getMessage());
            }
          });
      if (clientSecret != null && clientSecret.length() >= 6) {
        assertFalse(e.getMessage().contains(clientSecret), e.getMessage());
      }
      return;
    }
    ExternalMatcherInput rule =
        nullRule
            ? null
            : ExternalMatcherInput.builder()
                .assetToProductUrl(assetUrl)
                .productToAssetUrl(productUrl)
                .credentials(credentials)
                .build();
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("externalMatcher.assetToProductUrl", assetUrl);
    texts.put("externalMatcher.productToAssetUrl", productUrl);
    // The backoff is RetryPolicy's to refuse, when the policy is built; the rest goes on with 1 ms.
    RetryPolicy policy;
    try {
      policy = TestPolicies.backoff(backoff);
      checkDuration(backoff, "retryPolicy.initialBackoff", Set.of(), true);
    } catch (AresValidationException e) {
      checkDuration(backoff, "retryPolicy.initialBackoff", named(e), true);
      policy = TestPolicies.backoff(Duration.ofMillis(1));
    }
    try (ExternalMatcher m =
        ExternalMatcher.builder()
            .rule(rule)
            .scopes(scopes)
            .attemptTimeout(attemptTimeout)
            .callTimeout(callTimeout)
            .retryPolicy(policy)
            .allowInsecureHttp(insecureOk)
            .build()) {
      assertFalse(nullRule);
      texts.forEach((path, value) -> assertFalse(badText(value), path + " accepted: " + value));
      if (clientSecret.length() >= 6) {
        assertFalse(m.toString().contains(clientSecret), m.toString());
      }
    } catch (AresValidationException e) {
      Set<String> named = named(e);
      Set<String> known = new java.util.HashSet<>(texts.keySet());
      known.addAll(
          Set.of(
              "externalMatcher",
              "externalMatcher.credentials",
              "externalMatcher.attemptTimeout",
              "externalMatcher.callTimeout",
              "externalMatcher.scopes"));
      for (String p : named) {
        assertTrue(
            known.contains(p) || p.matches("externalMatcher\\.scopes\\[\\d]"),
            p + " in " + e.getMessage());
      }
      if (nullRule) {
        assertTrue(named.contains("externalMatcher"), e.getMessage());
      } else {
        texts.forEach(
            (path, value) -> {
              boolean bad = badText(value) || (path.endsWith("Url") && !value.startsWith("http"));
              if (bad) {
                assertTrue(named.contains(path), path + " not named in " + e.getMessage());
              }
            });
      }
      checkDuration(attemptTimeout, "externalMatcher.attemptTimeout", named, false);
      checkDuration(callTimeout, "externalMatcher.callTimeout", named, false);
      if (scopes == null || scopes.isEmpty()) {
        assertTrue(named.contains("externalMatcher.scopes"), e.getMessage());
      } else {
        for (int i = 0; i < scopes.size(); i++) {
          assertEquals(
              badText(scopes.get(i)) || scopes.get(i).contains(","),
              named.contains("externalMatcher.scopes[" + i + "]"),
              e.getMessage());
        }
      }
      if (clientSecret != null && clientSecret.length() >= 6) {
        assertFalse(e.getMessage().contains(clientSecret), e.getMessage());
      }
    }
  }

  private static void checkDuration(Duration d, String path, Set<String> named, boolean zeroOk) {
    // The documented limits: timeouts 1 ms to 24 h, the backoff 0 to 24 h.
    boolean bad =
        d == null
            || d.isNegative()
            || (!zeroOk && d.compareTo(Duration.ofMillis(1)) < 0)
            || d.compareTo(Duration.ofHours(24)) > 0;
    assertEquals(bad, named.contains(path), path + "=" + d + " in " + named);
  }
}
