package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ares.client.model.CommerceInput;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every field of a tenant file means what it says: a false is false, versions survive a round trip,
 * a misspelt field is refused wherever it stands, and each field's own check holds.
 */
class TenantInputFieldsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<String> problems(AresValidationException e) {
    return e.violations().stream().map(FieldViolation::toString).toList();
  }

  private static List<String> readProblems(String json) {
    return problems(assertThrows(AresValidationException.class, () -> TenantInputJson.read(json)));
  }

  private static TenantInput withMatcher() {
    return Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).build();
  }

  @Test
  void enabledFalseIsReadAsFalseAndWrittenBack() throws Exception {
    TenantInput off =
        TenantInputJson.read(
            "{\"enabled\": false, \"projectId\": \"p\", \"ruleType\": \"matchBySKU\"}");
    assertEquals(Optional.of(false), off.enabled());
    assertEquals(false, MAPPER.readTree(TenantInputJson.write(off)).get("enabled").booleanValue());
    TenantInput on =
        TenantInputJson.read(
            "{\"enabled\": true, \"projectId\": \"p\", \"ruleType\": \"matchBySKU\"}");
    assertEquals(Optional.of(true), on.enabled());
    assertEquals(
        Optional.empty(),
        TenantInputJson.read("{\"projectId\": \"p\", \"ruleType\": \"matchBySKU\"}").enabled());
  }

  @Test
  void commerceVersionsAreWrittenAndReadBack() throws Exception {
    TenantInput t =
        Fixtures.tenantBuilder()
            .commerce(
                CommerceInput.builder()
                    .baseUrl("https://store.example")
                    .credentials(Fixtures.commerceCredentials())
                    .extensionVersion("1.2.0")
                    .version("2.4.7-p3")
                    .build())
            .build();
    for (RuleWireForm form : RuleWireForm.values()) {
      JsonNode commerce = MAPPER.readTree(TenantInputJson.write(t, form)).get("commerce");
      assertEquals("1.2.0", commerce.get("extensionVersion").asText(), form.name());
      assertEquals("2.4.7-p3", commerce.get("version").asText(), form.name());
      assertEquals(t, TenantInputJson.read(TenantInputJson.write(t, form)));
    }
  }

  @ParameterizedTest(name = "{0} in the {1} form")
  @CsvSource({
    "/commerce, REFERENCE, tenantInput.commerce.colour",
    "/commerce/credentials, REFERENCE, tenantInput.commerce.credentials.colour",
    "/aem, REFERENCE, tenantInput.aem.colour",
    "/externalMatcher, REFERENCE, tenantInput.externalMatcher.colour",
    "/externalMatcher/credentials, REFERENCE, tenantInput.externalMatcher.credentials.colour",
    "/rule, NESTED, tenantInput.rule.colour",
    "/rule/externalMatcher, NESTED, tenantInput.rule.externalMatcher.colour",
    "/rule/externalMatcher/credentials, NESTED, tenantInput.rule.externalMatcher.credentials.colour"
  })
  void anUnknownFieldIsRefusedWhereverItStands(String at, RuleWireForm form, String path)
      throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(TenantInputJson.write(withMatcher(), form));
    ((ObjectNode) json.at(at)).put("colour", "blue");
    assertEquals(List.of(path + " is not a known field"), readProblems(json.toString()));
  }

  @ParameterizedTest(name = "{0} in the {1} form")
  @CsvSource({
    "/matchBySkuRule, REFERENCE, tenantInput.matchBySkuRule.colour",
    "/rule/matchBySkuRule, NESTED, tenantInput.rule.matchBySkuRule.colour"
  })
  void anUnknownFieldIsRefusedInTheSkuRule(String at, RuleWireForm form, String path)
      throws Exception {
    ObjectNode json = (ObjectNode) MAPPER.readTree(TenantInputJson.write(Fixtures.tenant(), form));
    ((ObjectNode) json.at(at)).put("colour", "blue");
    assertEquals(List.of(path + " is not a known field"), readProblems(json.toString()));
  }

  @Test
  void anExternalMatcherRuleWithASkuRuleBesideItIsRefused() throws Exception {
    ObjectNode reference =
        (ObjectNode) MAPPER.readTree(TenantInputJson.write(withMatcher(), RuleWireForm.REFERENCE));
    reference.putObject("matchBySkuRule").put("metadataField", "commerce:skus");
    assertEquals(
        List.of("tenantInput.matchBySkuRule is not allowed when the rule type is externalMatcher"),
        readProblems(reference.toString()));
    ObjectNode nested =
        (ObjectNode) MAPPER.readTree(TenantInputJson.write(withMatcher(), RuleWireForm.NESTED));
    ((ObjectNode) nested.get("rule"))
        .putObject("matchBySkuRule")
        .put("metadataField", "commerce:skus");
    assertEquals(
        List.of(
            "tenantInput.rule.matchBySkuRule is not allowed when the rule type is externalMatcher"),
        readProblems(nested.toString()));
  }

  @Test
  void theProductToAssetUrlIsChecked() {
    ExternalMatcherInput good = Fixtures.externalMatcher();
    assertEquals(
        List.of("tenantInput.externalMatcher.productToAssetUrl must be an absolute http(s) URL"),
        problems(
            assertThrows(
                AresValidationException.class,
                () ->
                    Fixtures.tenantBuilder()
                        .rule(
                            ExternalMatcherInput.builder()
                                .from(good)
                                .productToAssetUrl("/relative")
                                .build())
                        .build())));
    assertEquals(
        List.of("tenantInput.externalMatcher.productToAssetUrl must not be blank"),
        problems(
            assertThrows(
                AresValidationException.class,
                () ->
                    Fixtures.tenantBuilder()
                        .rule(
                            ExternalMatcherInput.builder()
                                .from(good)
                                .productToAssetUrl(" ")
                                .build())
                        .build())));
  }

  @Test
  void commerceVersionsAreCheckedAsText() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                Fixtures.tenantBuilder()
                    .commerce(
                        CommerceInput.builder()
                            .credentials(Fixtures.commerceCredentials())
                            .extensionVersion(" ")
                            .version("2.4\n7")
                            .build())
                    .build());
    assertEquals(
        List.of(
            "tenantInput.commerce.extensionVersion must not be blank",
            "tenantInput.commerce.version must not contain control characters"),
        problems(e));
  }
}
