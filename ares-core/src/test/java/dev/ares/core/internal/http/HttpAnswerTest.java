package dev.ares.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which statuses count as a success and which ask to slow down, at the edges of the ranges. */
class HttpAnswerTest {

  private static HttpAnswer status(int status) {
    return new HttpAnswer(status, null, null, null, null, new byte[0], 1);
  }

  @Test
  void exactlyTheTwoHundredsAreSuccesses() {
    assertFalse(status(199).isSuccess());
    assertTrue(status(200).isSuccess());
    assertTrue(status(299).isSuccess());
    assertFalse(status(300).isSuccess());
  }

  @Test
  void only429And503AreThrottling() {
    assertTrue(status(429).isThrottling());
    assertTrue(status(503).isThrottling());
    assertFalse(status(500).isThrottling());
    assertFalse(status(200).isThrottling());
  }
}
