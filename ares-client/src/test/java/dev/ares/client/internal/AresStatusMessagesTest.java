package dev.ares.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message a user sees for each HTTP status ARES answers with. */
class AresStatusMessagesTest {

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "400 | ARES rejected the request as malformed (HTTP 400)",
        "401 | ARES did not accept the credentials (check the API key and x-gw-signature JWT) (HTTP 401)",
        "403 | ARES refused access for these credentials (HTTP 403)",
        "404 | ARES endpoint not found (check the endpoint URL) (HTTP 404)",
        "429 | ARES is throttling requests (HTTP 429)",
        "503 | ARES is unavailable (HTTP 503)",
        "500 | ARES failed with a server error (HTTP 500)",
        "502 | ARES failed with a server error (HTTP 502)",
        "499 | ARES answered with an error (HTTP 499)",
        "409 | ARES answered with an error (HTTP 409)",
        "308 | ARES answered with an error (HTTP 308)",
      })
  void eachHttpStatusHasItsOwnMessage(int status, String message) {
    assertEquals(message, AresStatusMessages.describe(status, null));
  }

  @Test
  void theRequestIdIsQuotedForSupport() {
    assertEquals(
        "ARES is unavailable (HTTP 503, request id req-77)",
        AresStatusMessages.describe(503, "req-77"));
  }
}
