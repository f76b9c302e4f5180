package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void starts() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      assertEquals("localhost", server.getHostName());
    }
  }
}
