package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.core.AresValidationException;
import dev.ares.core.FieldViolation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plain http carries the API key and JWT in clear text: only loopback gets it without opt-in. */
class PlainHttpEndpointTest {

  private static final String REFUSED =
      "aresClient.endpoint must use https (plain http is allowed for loopback, or with allowInsecureHttp(true))";

  private static AresClientBuilder to(String endpoint) {
    return AresClient.builder()
        .endpoint(endpoint)
        .apiKey("k")
        .environmentId("e")
        .gatewaySignature("j");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.5/graphql",
        "http://192.168.1.20:8080/graphql",
        "http://0.0.0.0/graphql",
        "http://[2001:db8::1]/graphql",
        "http://[::]/graphql",
        "http://127.0.0.1.nip.io/graphql",
        "http://localhost.example.com/graphql",
        "http://0177.0.0.1/graphql",
        "http://99999999999/graphql",
        "HTTP://10.0.0.5/graphql"
      })
  void plainHttpToAHostThatIsNotLoopbackIsRefused(String endpoint) {
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> to(endpoint).build());
    assertEquals(List.of(REFUSED), e.violations().stream().map(FieldViolation::toString).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://0x7f.1/graphql", "http://127.1/graphql"})
  void shorthandLoopbackFormsAreNotTakenForLoopback(String endpoint) {
    AresValidationException e =
        assertThrows(AresValidationException.class, () -> to(endpoint).build());
    assertEquals(
        List.of("aresClient.endpoint"), e.violations().stream().map(FieldViolation::path).toList());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.5/graphql",
        "http://[2001:db8::1]/graphql",
        "http://127.0.0.1.nip.io/graphql"
      })
  void plainHttpToAnyHostIsAcceptedWithTheOptIn(String endpoint) {
    to(endpoint).allowInsecureHttp(true).build().close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/graphql",
        "http://127.10.20.30/graphql",
        "http://[::1]:8080/graphql",
        "http://localhost:8080/graphql",
        "http://LOCALHOST/graphql",
        "https://10.0.0.5/graphql",
        "https://[2001:db8::1]/graphql",
        "HTTPS://ares.example.com/graphql"
      })
  void httpsAndLoopbackNeedNoOptIn(String endpoint) {
    to(endpoint).build().close();
  }
}
