package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.testing.FakeAresServer;
import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Header values travel as ISO-8859-1 bytes (or '?'): anything but visible ASCII would go out
 * altered, so it is refused with the field's name, never sent.
 */
class HeaderValuesTest {

  private static AresClientBuilder builder() {
    return AresClient.builder()
        .endpoint("http://127.0.0.1:1/graphql")
        .apiKey(Fixtures.API_KEY)
        .environmentId("env-1")
        .gatewaySignature(Fixtures.JWT);
  }

  private static Set<String> refused(AresClientBuilder builder) {
    AresValidationException e = assertThrows(AresValidationException.class, builder::build);
    return e.violations().stream().map(FieldViolation::path).collect(Collectors.toSet());
  }

  @Test
  void nonAsciiApiKeyEnvironmentIdAndJwtAreRefusedAtBuild() {
    for (String bad : List.of("cl\u00e9", "key-\uD83D\uDE00", "a\u00a0b", "\u00e9")) {
      assertEquals(Set.of("aresClient.apiKey"), refused(builder().apiKey(bad)), bad);
      assertEquals(Set.of("aresClient.environmentId"), refused(builder().environmentId(bad)), bad);
      assertEquals(
          Set.of("aresClient.gatewaySignature"), refused(builder().gatewaySignature(bad)), bad);
    }
  }

  @Test
  void tabsAndSpacesOnlyBetweenVisibleCharacters() {
    assertEquals(Set.of("aresClient.apiKey"), refused(builder().apiKey(" key")));
    assertEquals(Set.of("aresClient.apiKey"), refused(builder().apiKey("key\t")));
    assertEquals(
        Set.of("aresClient.headers.x-note"), refused(builder().header("x-note", "caf\u00e9")));
    assertEquals(
        Set.of("aresClient.headers.x-note"), refused(builder().header("x-note", "a\u0000b")));
    builder().header("x-note", "two\twords here").build().close();
  }

  @Test
  void theMessageSaysWhatIsAllowedWithoutTheValue() {
    AresValidationException e =
        assertThrows(
            AresValidationException.class, () -> builder().apiKey("secret-cl\u00e9").build());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
    assertEquals(true, e.getMessage().contains("ASCII"), e.getMessage());
  }

  @Test
  void aSuppliedNonAsciiJwtIsRefusedBeforeSending() {
    try (FakeAresServer fake = FakeAresServer.start();
        AresClient client =
            builder()
                .endpoint(fake.endpoint())
                .gatewaySignature(() -> "eyJ.\u00e9t\u00e9.sig")
                .build()) {
      AresValidationException e =
          assertThrows(
              AresValidationException.class, () -> client.registerTenant(Fixtures.tenant()));
      assertEquals(
          List.of("aresClient.gatewaySignature"),
          e.violations().stream().map(FieldViolation::path).collect(Collectors.toList()));
      assertFalse(e.getMessage().contains("\u00e9t\u00e9"), e.getMessage());
      assertEquals(0, fake.requestCount());
    }
  }

  @Test
  void aNonAsciiEndpointIsRefusedAtBuild() {
    assertEquals(
        Set.of("aresClient.endpoint"),
        refused(builder().endpoint("http://127.0.0.1:1/gr\u00e4ph")));
  }
}
