package dev.ares.matching.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
          } catch (Throwable e) { // an Error too: a swallowed one would leave result pending
            result.completeExceptionally(e);
          }
        });
  }

  /**
   * {@code work} run here and now, as a future that is done when returned: with its value, or
   * failed with exactly what it threw. Lets a blocking caller run a flow written once on futures.
   */
  public static <T> CompletableFuture<T> now(Supplier<T> work) {
    try {
      return CompletableFuture.completedFuture(work.get());
    } catch (Throwable e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Waits for {@code future} and returns its value, or throws exactly the exception it failed with
   * (a checked one, which no step here throws, wrapped in an {@link IllegalStateException}).
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw rethrow(unwrap(e));
    }
  }

  /**
   * Throws {@code failure} itself when unchecked; otherwise returns it wrapped in an {@link
   * IllegalStateException}, for the caller to throw.
   */
  public static RuntimeException rethrow(Throwable failure) {
    if (failure instanceof RuntimeException unchecked) {
      return unchecked;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(failure);
  }
}
