package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link Futures#then}: whatever a step throws ends the result; nothing is swallowed. */
class FuturesTest {

  @Test
  void anErrorInTheNextStepFailsTheResult() {
    AssertionError boom = new AssertionError("boom");
    CompletableFuture<String> result = new CompletableFuture<>();
    Futures.then(
        CompletableFuture.completedFuture("step"),
        result,
        value -> {
          throw boom;
        });
    assertTrue(result.isDone(), "the result ended");
    assertSame(boom, result.handle((value, failure) -> failure).join());
  }

  @Test
  void aFailedStepFailsTheResultWithItsOwnException() {
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> result = new CompletableFuture<>();
    Futures.then(
        CompletableFuture.<String>failedFuture(boom).thenApply(s -> s), result, value -> {});
    assertSame(boom, result.handle((value, failure) -> failure).join());
  }
}
