package dev.ares.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ares.client.testing.FakeAnswer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A script is refused when it asks for what no server could send, at the line that asks. */
class FakeAnswerTest {

  @Test
  void extremeOrImpossibleAnswersAreRefusedWhenScripted() {
    assertThrows(IllegalArgumentException.class, () -> FakeAnswer.status(199));
    assertThrows(IllegalArgumentException.class, () -> FakeAnswer.status(600));
    assertThrows(IllegalArgumentException.class, () -> FakeAnswer.delayed(Duration.ofSeconds(-1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeAnswer.delayed(Duration.ofSeconds(Long.MAX_VALUE)));
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeAnswer.status(503).withRetryAfter(Duration.ofDays(2)));
    assertThrows(
        IllegalStateException.class,
        () -> FakeAnswer.dropConnection().withRetryAfter(Duration.ZERO));
    assertThrows(NullPointerException.class, () -> FakeAnswer.graphQlError(null));
    assertThrows(NullPointerException.class, () -> FakeAnswer.userError("x", (String) null));
  }

  @Test
  void aScriptReadsAsWritten() {
    assertEquals(
        "status(503, retryAfter PT1S)",
        FakeAnswer.status(503).withRetryAfter(Duration.ofSeconds(1)).toString());
    assertEquals(
        "userError(Tenant already exists at tenantInput.projectId)",
        FakeAnswer.userError("Tenant already exists", "tenantInput", "projectId").toString());
    assertEquals("delayed(PT24H)", FakeAnswer.delayed(FakeAnswer.MAX_WAIT).toString());
  }
}
