package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ares.client.model.ExternalMatcherInput;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.RuleType;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TenantInputJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void readsAndWritesExactlyTheReferenceExample() throws Exception {
    String reference = Fixtures.resource("reference-example.json");
    TenantInput t = TenantInputJson.read(reference);
    assertEquals("8231afb6-90cd-65e8-84ba-d9abac0f94e6", t.projectId());
    assertEquals("11111", t.aem().get().programId());
    assertEquals("***", t.commerce().get().credentials().consumerSecret());
    assertEquals("commerce:skus", ((MatchBySkuRuleInput) t.rule()).metadataField());

    JsonNode expected = MAPPER.readTree(reference);
    JsonNode written = MAPPER.readTree(TenantInputJson.writeVariables(t, RuleWireForm.REFERENCE));
    assertEquals(expected, written);
    assertEquals(fieldOrder(expected), fieldOrder(written));
    assertEquals(expected.get("tenantInput"), MAPPER.readTree(TenantInputJson.write(t)));
  }

  @Test
  void aPlainObjectMapperRoundTripsTheReferenceExample() throws Exception {
    String reference = Fixtures.resource("reference-example.json");
    JsonNode tenantJson = MAPPER.readTree(reference).get("tenantInput");
    TenantInput t = MAPPER.readValue(reference, TenantInput.class);
    assertEquals(TenantInputJson.read(reference), t);
    assertEquals(tenantJson, MAPPER.readTree(MAPPER.writeValueAsString(t)));
    assertThrows(
        AresValidationException.class,
        () -> MAPPER.readValue("{\"projectId\": \"p\"}", TenantInput.class));
  }

  @Test
  void readsTheBareObjectAndFromAReader() {
    TenantInput t = Fixtures.tenant();
    assertEquals(t, TenantInputJson.read(TenantInputJson.write(t)));
    assertEquals(t, TenantInputJson.read(new StringReader(TenantInputJson.write(t))));
  }

  @Test
  void externalMatcherRoundTripsInBothForms() throws Exception {
    TenantInput t = Fixtures.tenantBuilder().rule(Fixtures.externalMatcher()).threshold(80).build();
    String reference = TenantInputJson.write(t, RuleWireForm.REFERENCE);
    String nested = TenantInputJson.write(t, RuleWireForm.NESTED);
    JsonNode r = MAPPER.readTree(reference);
    JsonNode n = MAPPER.readTree(nested);
    assertEquals("externalMatcher", r.get("ruleType").asText());
    assertTrue(r.has("externalMatcher"));
    assertFalse(n.has("ruleType"));
    assertEquals("externalMatcher", n.path("rule").path("type").asText());
    assertEquals(r.get("externalMatcher"), n.path("rule").get("externalMatcher"));
    assertEquals(t, TenantInputJson.read(reference));
    assertEquals(t, TenantInputJson.read(nested));
    assertEquals(RuleType.EXTERNAL_MATCHER, TenantInputJson.read(nested).ruleType());
    assertEquals(
        Fixtures.CLIENT_SECRET,
        ((ExternalMatcherInput) TenantInputJson.read(nested).rule()).credentials().clientSecret());
  }

  @Test
  void ruleTypeNameIsReadIgnoringCaseAndDefaultsTheSkuField() {
    TenantInput t = TenantInputJson.read("{\"projectId\": \"p\", \"ruleType\": \"matchBySku\"}");
    assertEquals("commerce:skus", ((MatchBySkuRuleInput) t.rule()).metadataField());
  }

  @Test
  void unknownFieldsAndWrongTypesAreNamedTogether() {
    String json =
        "{\"tenantInput\": {\"enabled\": \"yes\", \"projectId\": 7, \"colour\": 1,"
            + " \"aem\": {\"programId\": \"1\", \"environmentId\": \"2\", \"tier\": \"x\"},"
            + " \"commerce\": {\"credentials\": {\"consumerKey\": \"k\", \"consumerSecret\": \"SECRETVALUE\","
            + " \"accessToken\": \"t\", \"accessTokenSecret\": \"s\", \"pin\": 1}},"
            + " \"threshold\": 1.5, \"ruleType\": \"matchBySKU\"}}";
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> TenantInputJson.read(json));
    List<String> problems =
        e.violations().stream().map(FieldViolation::toString).collect(Collectors.toList());
    assertEquals(
        List.of(
            "tenantInput.enabled must be true or false",
            "tenantInput.projectId must be a string",
            "tenantInput.aem.tier is not a known field",
            "tenantInput.commerce.credentials.pin is not a known field",
            "tenantInput.threshold must be a whole number",
            "tenantInput.colour is not a known field",
            "tenantInput.projectId is required"),
        problems);
    assertFalse(e.getMessage().contains("SECRETVALUE"));
  }

  @Test
  void bothRulesOrAnUnknownRuleTypeAreErrors() {
    AresValidationException both =
        assertThrows(
            AresValidationException.class,
            () ->
                TenantInputJson.read(
                    "{\"projectId\": \"p\", \"ruleType\": \"matchBySKU\","
                        + " \"matchBySkuRule\": {\"metadataField\": \"f\"}, \"externalMatcher\": {}}"));
    assertEquals(
        "tenantInput.externalMatcher is not allowed when the rule type is matchBySKU",
        both.getMessage());
    AresValidationException unknown =
        assertThrows(
            AresValidationException.class,
            () -> TenantInputJson.read("{\"projectId\": \"p\", \"ruleType\": \"byColour\"}"));
    assertEquals(
        List.of("tenantInput.ruleType must be matchBySKU or externalMatcher"),
        unknown.violations().stream().map(FieldViolation::toString).collect(Collectors.toList()));
    AresValidationException missing =
        assertThrows(
            AresValidationException.class,
            () ->
                TenantInputJson.read("{\"projectId\": \"p\", \"ruleType\": \"externalMatcher\"}"));
    assertTrue(
        missing
            .getMessage()
            .contains("tenantInput.externalMatcher is required when ruleType is externalMatcher"),
        missing.getMessage());
  }

  @Test
  void syntaxErrorsGiveThePositionButNotTheText() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                TenantInputJson.read("{\"projectId\": \"p\",\n \"consumerSecret\": SECRETVALUE}"));
    assertTrue(e.getMessage().startsWith("tenantInput is not valid JSON (line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRETVALUE"));
    assertEquals(
        "tenantInput is required",
        assertThrows(AresValidationException.class, () -> TenantInputJson.read("")).getMessage());
    assertEquals(
        "tenantInput must be a JSON object",
        assertThrows(AresValidationException.class, () -> TenantInputJson.read("[1]"))
            .getMessage());
  }

  private static List<String> fieldOrder(JsonNode node) {
    List<String> names = new ArrayList<>();
    walk(node, "", names);
    return names;
  }

  private static void walk(JsonNode node, String prefix, List<String> out) {
    node.fields()
        .forEachRemaining(
            e -> {
              out.add(prefix + e.getKey());
              walk(e.getValue(), prefix + e.getKey() + ".", out);
            });
  }
}
