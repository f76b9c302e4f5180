package dev.ares.core;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.immutables.value.Value;

/** How one HTTP call ended, given to {@link HttpEventListener#callEnd}. */
@Value.Immutable
abstract class AbstractHttpCallSummary {

  /** How the call ended. */
  public abstract CallOutcome outcome();

  /** The status of the final answer; empty when no answer came. */
  public abstract OptionalInt status();

  /** Why no answer came, for {@link CallOutcome#TRANSPORT_FAILURE}; empty otherwise. */
  public abstract Optional<TransportFailure> failure();

  /** How many attempts were started; 0 when the call ended before its first. */
  public abstract int attempts();

  /** From the call's start to its end, every attempt and wait included. */
  public abstract Duration duration();
}
