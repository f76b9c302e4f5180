package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.model.TenantInput;
import dev.ares.client.model.UserError;
import dev.ares.client.model.UserErrorCode;
import dev.ares.client.testing.FakeAresServer;
import dev.ares.client.testing.InMemoryAresClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link UserError#code()} knows each of Adobe's documented messages however a server decorates it,
 * and never takes one code for another.
 */
class UserErrorCodeTest {

  /** Adobe's table, word for word. */
  private static final Map<String, UserErrorCode> DOCUMENTED =
      Map.ofEntries(
          Map.entry("Tenant already exists", UserErrorCode.TENANT_ALREADY_EXISTS),
          Map.entry(
              "IMS Org ID not associated to this Commerce", UserErrorCode.IMS_ORG_NOT_ASSOCIATED),
          Map.entry("Client ID is missing", UserErrorCode.CLIENT_ID_MISSING),
          Map.entry("Client ID is invalid", UserErrorCode.CLIENT_ID_INVALID),
          Map.entry("JWT is required", UserErrorCode.JWT_REQUIRED),
          Map.entry("JWT is invalid", UserErrorCode.JWT_INVALID),
          Map.entry(
              "Unexpected error when connecting with AEM Assets",
              UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR),
          Map.entry("Unable to connect with AEM Assets", UserErrorCode.AEM_ASSETS_UNREACHABLE),
          Map.entry(
              "Unexpected error when connecting with Commerce",
              UserErrorCode.COMMERCE_UNEXPECTED_ERROR),
          Map.entry(
              "Unable to connect with Commerce, unauthorized", UserErrorCode.COMMERCE_UNAUTHORIZED),
          Map.entry(
              "Invalid rule. The value must be matchBySKU or externalMatcher",
              UserErrorCode.INVALID_RULE));

  private static UserErrorCode codeOf(String message) {
    return UserError.of(message, List.of()).code();
  }

  @Test
  void eachDocumentedMessageHasItsOwnCodeAndRemediation() {
    DOCUMENTED.forEach(
        (message, code) -> {
          assertEquals(code, codeOf(message), message);
          assertEquals(message, code.documentedMessage());
          assertFalse(code.remediation().isBlank(), message);
          assertFalse(code.remediation().contains("\n"), message);
        });
    assertEquals(UserErrorCode.values().length - 1, DOCUMENTED.size(), "every code but UNKNOWN");
    assertEquals(null, UserErrorCode.UNKNOWN.documentedMessage());
    assertFalse(UserErrorCode.UNKNOWN.remediation().isBlank());
  }

  @Test
  void remediationsSayWhatAdobeSaysCausesThem() {
    assertTrue(
        UserErrorCode.IMS_ORG_NOT_ASSOCIATED.remediation().contains("not assigned to the IMS org"));
    assertTrue(UserErrorCode.TENANT_ALREADY_EXISTS.remediation().contains("mageID"));
    assertTrue(UserErrorCode.TENANT_ALREADY_EXISTS.remediation().contains("already registered"));
    assertTrue(UserErrorCode.AEM_ASSETS_UNEXPECTED_ERROR.remediation().contains("programId"));
    assertTrue(UserErrorCode.AEM_ASSETS_UNREACHABLE.remediation().contains("another IMS org"));
    assertTrue(UserErrorCode.AEM_ASSETS_UNREACHABLE.remediation().contains("commerce:isCommerce"));
    assertTrue(UserErrorCode.COMMERCE_UNEXPECTED_ERROR.remediation().contains("baseUrl"));
    assertTrue(UserErrorCode.CLIENT_ID_MISSING.remediation().contains("x-api-key"));
    assertTrue(UserErrorCode.JWT_INVALID.remediation().contains("x-gw-signature"));
  }

  @Test
  void caseSurroundingTextAndPunctuationDoNotMatter() {
    assertEquals(UserErrorCode.TENANT_ALREADY_EXISTS, codeOf("error: TENANT ALREADY EXISTS!"));
    assertEquals(UserErrorCode.TENANT_ALREADY_EXISTS, codeOf("tenant-already_exists."));
    assertEquals(UserErrorCode.JWT_INVALID, codeOf("Request refused (JWT is invalid)"));
    assertEquals(
        UserErrorCode.COMMERCE_UNAUTHORIZED,
        codeOf("Unable to connect with Commerce: unauthorized (401)"));
    assertEquals(
        UserErrorCode.INVALID_RULE,
        codeOf("Invalid rule: the value must be matchBySku or externalMatcher."));
  }

  @Test
  void otherMessagesAreUnknown() {
    for (String message :
        List.of(
            "",
            "   ",
            "is required",
            "Tenant exists",
            "Tenant already existsd",
            "Client ID is",
            "JWT is requiredness",
            "Unable to connect with Commerce",
            "Unexpected error when connecting",
            "Client ID is missing and JWT is invalid",
            "Tenant\\u001balready exists")) {
      assertEquals(UserErrorCode.UNKNOWN, codeOf(message), message);
    }
    assertEquals(UserErrorCode.UNKNOWN, UserErrorCode.of(null));
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.strings()
        .withChars("abcxyz 0123456789.,;:!?-_()[]\"'\u00e9\u6f22")
        .ofMaxLength(20)
        .filter(s -> UserErrorCode.of(s) == UserErrorCode.UNKNOWN);
  }

  @Provide
  Arbitrary<String> separator() {
    return Arbitraries.strings().withChars(" .,;:!?-_()\t/").ofMinLength(1).ofMaxLength(3);
  }

  @Provide
  Arbitrary<String> documented() {
    return Arbitraries.of(new ArrayList<>(DOCUMENTED.keySet()));
  }

  /** The documented words, each in a random case, joined by random punctuation. */
  private static String decorated(String message, String separator, long seed) {
    String[] words = message.split("[^A-Za-z]+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      out.append(
          ((seed >> (i % 60)) & 1) == 0
              ? word.toUpperCase(Locale.ROOT)
              : word.toLowerCase(Locale.ROOT));
      if (i < words.length - 1) {
        out.append(separator);
      }
    }
    return out.toString();
  }

  @Property(tries = 500)
  void aDecoratedMessageKeepsItsCode(
      @ForAll("documented") String message,
      @ForAll("noise") String before,
      @ForAll("noise") String after,
      @ForAll("separator") String separator,
      @ForAll long seed) {
    String text = before + " " + decorated(message, separator, seed) + " " + after;
    assertEquals(DOCUMENTED.get(message), codeOf(text), text);
  }

  @Property(tries = 500)
  void aMessageMissingOneWordIsNeverAnotherCode(
      @ForAll("documented") String message, @ForAll("noise") String around, @ForAll long seed) {
    List<String> words = new ArrayList<>(Arrays.asList(message.split("[^A-Za-z]+")));
    words.remove((int) Math.floorMod(seed, words.size()));
    String text = around + " " + String.join(" ", words) + " " + around;
    UserErrorCode code = codeOf(text);
    assertTrue(code == UserErrorCode.UNKNOWN, text + " read as " + code);
  }

  @Property(tries = 300)
  void twoDocumentedMessagesInOneAreUnknown(
      @ForAll("documented") String first, @ForAll("documented") String second) {
    UserErrorCode code = codeOf(first + "; " + second);
    if (first.equals(second)) {
      assertEquals(DOCUMENTED.get(first), code);
    } else {
      assertEquals(UserErrorCode.UNKNOWN, code, first + " + " + second);
    }
  }

  @Test
  void bothFakesAnswerWithCodes() {
    TenantInput tenant = Fixtures.tenant();
    InMemoryAresClient memory = new InMemoryAresClient();
    memory.registerTenant(tenant);
    UserError again = memory.registerTenant(tenant).userErrors().get(0);
    assertEquals(UserErrorCode.TENANT_ALREADY_EXISTS, again.code());
    assertEquals("tenantInput.projectId", again.pathText());
    DOCUMENTED.forEach(
        (message, code) -> {
          memory.failNextWithUserError(message);
          assertEquals(code, memory.registerTenant(tenant).userErrors().get(0).code());
        });
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient ares =
            AresClient.builder()
                .endpoint(fake.endpoint())
                .apiKey("k")
                .environmentId("e")
                .gatewaySignature("j")
                .build()) {
      ares.registerTenant(tenant);
      UserError overHttp = ares.registerTenant(tenant).userErrors().get(0);
      assertEquals(UserErrorCode.TENANT_ALREADY_EXISTS, overHttp.code());
      assertEquals("tenantInput.projectId", overHttp.pathText());
    }
  }

  @Test
  void pathTextIsTheDottedFormOfFieldViolations() {
    assertEquals("", UserError.of("x", List.of()).pathText());
    assertEquals(
        "tenantInput.commerce.baseUrl",
        UserError.of("x", List.of("tenantInput", "commerce", "baseUrl")).pathText());
    assertNotEquals(UserErrorCode.UNKNOWN, codeOf("Tenant already exists"));
  }
}
