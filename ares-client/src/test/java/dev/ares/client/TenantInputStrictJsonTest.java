package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ares.client.model.TenantInput;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant file is read as exactly one JSON value: a key given twice, anything after the value and
 * a number out of range are refused by path, never echoing a value.
 */
class TenantInputStrictJsonTest {

  private static final String SECRET = "cs-FIRST-secret-1";
  private static final String OTHER = "cs-SECOND-secret-2";

  private static String tenant(String credentialsExtra, String topExtra) {
    return "{\"projectId\":\"p-1\",\"commerce\":{\"baseUrl\":\"https://c.example\",\"credentials\":"
        + "{\"consumerKey\":\"ck\",\"consumerSecret\":\""
        + SECRET
        + "\",\"accessToken\":\"at\","
        + "\"accessTokenSecret\":\"ats\""
        + credentialsExtra
        + "}},\"ruleType\":\"matchBySKU\""
        + topExtra
        + "}";
  }

  private static String message(String json) {
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> TenantInputJson.read(json));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertFalse(e.getMessage().contains(OTHER), e.getMessage());
    return e.getMessage();
  }

  @Test
  void aSecondConsumerSecretIsRefusedByPath() {
    String json = tenant(",\"consumerSecret\":\"" + OTHER + "\"", "");
    int column = json.indexOf("\"consumerSecret\":\"" + OTHER) + 17;
    assertEquals(
        "tenantInput.commerce.credentials.consumerSecret is given twice (line 1, column "
            + column
            + ")",
        message(json));
    // The same in the GraphQL variables form: the path is not doubled.
    assertEquals(
        "tenantInput.commerce.credentials.consumerSecret is given twice (line 1, column "
            + (column + 15)
            + ")",
        message("{\"tenantInput\":" + json + "}"));
  }

  @Test
  void aKeyGivenTwiceAtTheTopIsRefused() {
    String json = tenant("", ",\"projectId\":\"evil\"");
    assertEquals(
        "tenantInput.projectId is given twice (line 1, column "
            + (json.lastIndexOf("\"projectId\"") + 12)
            + ")",
        message(json));
    assertEquals(
        "tenantInput.tenantInput is given twice (line 1, column 32)",
        message("{\"tenantInput\":{},\"tenantInput\":{}}"));
  }

  @Test
  void contentAfterTheValueIsRefusedWithItsPosition() {
    String json = tenant("", "");
    int after = json.length() + 1;
    for (String trailing :
        List.of("{\"projectId\":\"evil\"}", "}}", "]", "x", "null", "\"s\"", "1", ",")) {
      assertEquals(
          "tenantInput has unexpected content after the JSON value (line 1, column " + after + ")",
          message(json + trailing),
          trailing);
    }
    assertEquals(
        "tenantInput has unexpected content after the JSON value (line 2, column 3)",
        message(json + "\n  {\"projectId\":\"evil\"}"));
    // Whitespace after the value is fine.
    assertEquals("p-1", TenantInputJson.read(json + " \n\t ").projectId());
  }

  @Test
  void anOverflowingNumberIsRefusedByPath() {
    assertEquals(
        "tenantInput.threshold is a number out of range",
        message(tenant("", ",\"threshold\":1e999999")));
    assertEquals(
        "tenantInput.commerce.credentials.x is a number out of range",
        message(tenant(",\"x\":-1E400", "")));
  }

  @Test
  void aPlainObjectMapperRefusesTheSame() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    String json = tenant(",\"consumerSecret\":\"" + OTHER + "\"", "");
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> mapper.readValue(json, TenantInput.class));
    assertEquals(
        List.of("tenantInput.commerce.credentials.consumerSecret"),
        e.violations().stream().map(FieldViolation::path).toList());
    assertFalse(e.getMessage().contains(OTHER), e.getMessage());
    // Inside a caller's structure (where Jackson wraps the failure) the path starts at the tenant.
    Exception inMap =
        assertThrows(
            Exception.class,
            () ->
                mapper.readValue(
                    "{\"t\":" + tenant("", ",\"projectId\":\"evil\"") + "}",
                    new com.fasterxml.jackson.core.type.TypeReference<
                        java.util.Map<String, TenantInput>>() {}));
    AresValidationException cause = (AresValidationException) inMap.getCause();
    assertEquals(
        List.of("tenantInput.projectId"),
        cause.violations().stream().map(FieldViolation::path).toList());
    // Duplicate detection stays the caller's business outside the tenant input.
    assertEquals(2, mapper.readTree("{\"a\":1,\"a\":2}").get("a").intValue());
  }

  @Test
  void theReferenceExampleAndTheBundledSamplesStillRead() throws Exception {
    assertEquals(
        "8231afb6-90cd-65e8-84ba-d9abac0f94e6",
        TenantInputJson.read(Fixtures.resource("reference-example.json")).projectId());
    Path samples = Path.of("..", "ares-examples", "src", "main", "resources", "samples");
    for (String name : List.of("tenant.json", "tenant-external-matcher.json")) {
      String text = Files.readString(samples.resolve(name), StandardCharsets.UTF_8);
      assertFalse(TenantInputJson.read(text).projectId().isBlank(), name);
    }
  }
}
