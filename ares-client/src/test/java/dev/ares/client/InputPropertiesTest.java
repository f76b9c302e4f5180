package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.AemInput;
import dev.ares.client.model.CommerceCredentialsInput;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherCredentialsInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any mix of null, empty, blank, very long, non-ASCII and control-character values gives either a
 * valid object or a validation error naming each bad field, never another exception.
 */
class InputPropertiesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Provide
  Arbitrary<String> anyValue() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.just(""),
        Arbitraries.of(" ", "\t", "\u00a0 "),
        // Long values by repetition: generating 8k characters one at a time is slow.
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3).map(v -> v.repeat(3000)),
        Arbitraries.of("\ud83d", "a\udc00b", "ok\ud83d\ude42"),
        Arbitraries.strings().withChars("äöü漢字🙂é").ofMinLength(1).ofMaxLength(12),
        Arbitraries.strings().withChars("ab\u0000\n\r\u001b").ofMinLength(1).ofMaxLength(8),
        Arbitraries.of(
            "https://ok.example.com/x",
            "http://127.0.0.1:8080/a",
            "ftp://x",
            "/rel",
            "https://",
            "not a url",
            "ok-value"));
  }

  @Property(tries = 400, seed = "20261125")
  void builderGivesAValidTenantOrNamesEachBadField(
      @ForAll("anyValue") String projectId,
      @ForAll("anyValue") String programId,
      @ForAll("anyValue") String consumerKey,
      @ForAll("anyValue") String baseUrl,
      @ForAll("anyValue") String assetUrl,
      @ForAll("anyValue") String clientSecret) {
    // Credentials check themselves when built, under their own root; the tenant checks the rest.
    CommerceCredentialsInput commerceCredentials =
        builtOrEachBadFieldNamed(
            Map.of("commerceCredentialsInput.consumerKey", nullable(consumerKey)),
            () ->
                CommerceCredentialsInput.builder()
                    .consumerKey(consumerKey)
                    .consumerSecret("s")
                    .accessToken("t")
                    .accessTokenSecret("u")
                    .build());
    ExternalMatcherCredentialsInput matcherCredentials =
        builtOrEachBadFieldNamed(
            Map.of("externalMatcherCredentialsInput.clientSecret", nullable(clientSecret)),
            () ->
                ExternalMatcherCredentialsInput.builder()
                    .oauthServerUrl("https://ims.example.com/token")
                    .clientId("c")
                    .clientSecret(clientSecret)
                    .imsOrgId("o")
                    .build());
    if (commerceCredentials == null || matcherCredentials == null) {
      return;
    }
    Map<String, Optional<String>> fields = new LinkedHashMap<>();
    fields.put("tenantInput.projectId", nullable(projectId));
    fields.put("tenantInput.aem.programId", nullable(programId));
    fields.put("tenantInput.commerce.baseUrl", nullable(baseUrl));
    fields.put("tenantInput.externalMatcher.assetToProductUrl", nullable(assetUrl));
    TenantInput t =
        builtOrEachBadFieldNamed(
            fields,
            () ->
                TenantInput.builder()
                    .projectId(projectId)
                    .aem(AemInput.builder().programId(programId).environmentId("2").build())
                    .commerce(
                        CommerceInput.builder()
                            .baseUrl(baseUrl)
                            .credentials(commerceCredentials)
                            .build())
                    .rule(
                        ExternalMatcherInput.builder()
                            .assetToProductUrl(assetUrl)
                            .productToAssetUrl("https://ok.example.com/p")
                            .credentials(matcherCredentials)
                            .build())
                    .build());
    if (t != null) {
      assertEquals(t, TenantInputJson.read(TenantInputJson.write(t)));
      assertFalse(
          t.toString().contains(clientSecret == null ? "\u0000never" : clientSecret)
              && clientSecret.length() > 4);
    }
  }

  private static Optional<String> nullable(String value) {
    return Optional.ofNullable(value);
  }

  /** What {@code build} made, or {@code null} after checking its refusal names each bad field. */
  private static <T> T builtOrEachBadFieldNamed(
      Map<String, Optional<String>> fields, Supplier<T> build) {
    try {
      return build.get();
    } catch (AresValidationException e) {
      Set<String> named =
          e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
      assertTrue(fields.keySet().containsAll(named), named.toString());
      fields.forEach(
          (path, present) -> {
            String value = present.orElse(null);
            boolean bad =
                value == null
                    || value.isBlank()
                    || value.length() > 8192
                    || value.chars().anyMatch(Character::isISOControl)
                    || value.contains("\ud83d") && !value.contains("\ud83d\ude42")
                    || value.contains("\udc00")
                    || ((path.endsWith("Url")) && !value.startsWith("http"));
            boolean optionalAndNull = path.endsWith("baseUrl") && value == null;
            if (bad && !optionalAndNull) {
              assertTrue(named.contains(path), path + " not named in " + e.getMessage());
            }
          });
      return null;
    }
  }

  @Property(tries = 400, seed = "20261125")
  void jsonReaderGivesAValidTenantOrAValidationError(
      @ForAll("anyValue") String projectId,
      @ForAll("anyValue") String ruleType,
      @ForAll("anyValue") String metadataField,
      @ForAll("anyValue") String extra) {
    ObjectNode tenant = MAPPER.createObjectNode();
    tenant.put("projectId", projectId);
    tenant.put("ruleType", ruleType);
    tenant.putObject("matchBySkuRule").put("metadataField", metadataField);
    if (extra != null && !extra.isEmpty()) {
      tenant.put(extra, 1);
    }
    String json = MAPPER.createObjectNode().set("tenantInput", tenant).toString();
    try {
      TenantInput t = TenantInputJson.read(json);
      assertEquals(projectId, t.projectId());
    } catch (AresValidationException e) {
      assertFalse(e.violations().isEmpty());
      e.violations().forEach(v -> assertTrue(v.path().startsWith("tenantInput"), v.toString()));
    }
  }

  @Property(tries = 300, seed = "20261125")
  void jsonReaderSurvivesArbitraryText(@ForAll("jsonish") String text) {
    try {
      TenantInputJson.read(text);
    } catch (AresValidationException e) {
      assertFalse(e.violations().isEmpty());
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings()
        .withChars("{}[]\":,0123456789 abtruefalsenull\\tenantInput")
        .ofMaxLength(60);
  }
}
