package dev.ares.client.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ares.client.RuleWireForm;
import dev.ares.core.HttpOptions;
import dev.ares.core.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientSettingsTextTest {

  @Test
  void settingsShowTheEndpointAndEnvironmentButNoCredential() {
    ClientSettings settings =
        new ClientSettings(
            URI.create("https://ares.example/graphql"),
            "apikey-SECRET-0042",
            "env-7",
            () -> "jwt-SECRET",
            Map.of("x-note", "note-SECRET"),
            HttpOptions.builder()
                .connectTimeout(Duration.ofSeconds(1))
                .attemptTimeout(Duration.ofSeconds(2))
                .callTimeout(Duration.ofSeconds(3))
                .retryPolicy(RetryPolicy.none())
                .maxConnections(5)
                .maxResponseBytes(1024)
                .build(),
            RuleWireForm.REFERENCE,
            false);
    String text = settings.toString();
    assertTrue(text.contains("https://ares.example/graphql") && text.contains("env-7"), text);
    assertFalse(text.contains("SECRET"), text);
  }
}
