package dev.ares.matching.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Chains the async matcher's steps so that a future fails with exactly the exception the blocking
 * call throws, never a {@link CompletionException} around it.
 *
 * <p>Internal: not part of the public API.
 */
public final class Futures {

  private Futures() {}

  /** The exception a step failed with, without the wrappers {@link CompletableFuture} adds. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * When {@code step} succeeds, runs {@code next} with its value; when it fails, or {@code next}
   * throws, fails {@code result} with the unwrapped exception. Does nothing once {@code result} is
   * done (cancelled, say).
   */
  public static <A> void then(
      CompletableFuture<A> step, CompletableFuture<?> result, Consumer<A> next) {
    step.whenComplete(
        (value, failure) -> {
          if (result.isDone()) {
            return;
          }
          if (failure != null) {
            result.completeExceptionally(unwrap(failure));
            return;
          }
          try {
            next.accept(value);
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
  }
}
