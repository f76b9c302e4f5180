package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ares.client.model.MatchBySkuRuleInput;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a rule given in a tenant file is read, and what a user is told when part of it is missing.
 */
class RuleInputReadingTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static List<String> problems(AresValidationException e) {
    return e.violations().stream().map(FieldViolation::toString).toList();
  }

  @Test
  void anExternalMatcherRuleWithoutItsSettingsNamesWhatIsMissingNotTheRuleType() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                TenantInputJson.read("{\"projectId\": \"p\", \"ruleType\": \"externalMatcher\"}"));
    assertEquals(
        List.of(
            "tenantInput.externalMatcher is required when ruleType is externalMatcher",
            "tenantInput.externalMatcher.assetToProductUrl is required",
            "tenantInput.externalMatcher.productToAssetUrl is required",
            "tenantInput.externalMatcher.credentials is required"),
        problems(e));
  }

  @Test
  void aCallersObjectMapperRefusesANumberOutOfRangeByName() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class,
            () ->
                MAPPER.readValue(
                    "{\"projectId\": \"p\", \"ruleType\": \"matchBySKU\", \"threshold\": 1e999}",
                    TenantInput.class));
    assertEquals(List.of("tenantInput.threshold is a number out of range"), problems(e));
  }

  @Test
  void aMatchBySkuRuleBuiltWithoutAFieldReadsTheCommerceSkus() {
    assertEquals("commerce:skus", MatchBySkuRuleInput.builder().build().metadataField());
  }
}
