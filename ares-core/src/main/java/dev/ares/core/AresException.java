package dev.ares.core;

/**
 * The base of every exception the SDK throws. Messages name fields, hosts, status codes and request
 * ids, never a request body, a header value or a credential.
 */
public abstract class AresException extends RuntimeException {

  private final int attempts;

  /**
   * @param message what went wrong, free of secrets
   * @param attempts how many HTTP attempts were made; 0 when nothing was sent
   * @param cause the underlying failure, or {@code null}
   */
  protected AresException(String message, int attempts, Throwable cause) {
    super(message, cause);
    this.attempts = attempts;
  }

  /** How many HTTP attempts were made before this was thrown; 0 when nothing was sent. */
  public int attempts() {
    return attempts;
  }
}
