package dev.ares.core.internal.http;

import dev.ares.core.internal.ServerText;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * Stands in, as the cause of an SDK exception, for an HTTP library exception whose message quotes
 * what a server sent ({@code Invalid header: <echo of the request>}): the same class name and stack
 * trace, the message masked and made printable by the call's {@link ServerText}. A user who logs
 * the exception with its causes then prints no secret and no control character.
 *
 * <p>Internal: not part of the public API.
 */
final class ScrubbedCause extends IOException {

  private static final long serialVersionUID = 1L;
  // Causes nest a few deep in practice; a hostile cycle or chain is cut here.
  private static final int MAX_DEPTH = 8;

  private final String originalClass;

  private ScrubbedCause(String originalClass, String message) {
    super(message);
    this.originalClass = originalClass;
  }

  /**
   * {@code e} itself when every message in its cause chain is already clean; otherwise a copy of
   * the chain with clean messages. A TLS failure stays an {@link SSLException}, the type a user's
   * handler of the cause chain may look for; the SDK itself classifies before scrubbing.
   */
  static Throwable of(Throwable e, ServerText text) {
    return isClean(e, text, 0) ? e : copy(e, text, 0);
  }

  private static boolean isClean(Throwable e, ServerText text, int depth) {
    if (e == null) {
      return true;
    }
    if (depth >= MAX_DEPTH) {
      return false;
    }
    String message = e.getMessage();
    return (message == null || message.equals(text.printable(message)))
        && isClean(e.getCause(), text, depth + 1);
  }

  private static Throwable copy(Throwable e, ServerText text, int depth) {
    String message = text.printable(e.getMessage());
    Throwable copy =
        e instanceof SSLException
            ? new SSLException(message)
            : new ScrubbedCause(e.getClass().getName(), message);
    copy.setStackTrace(e.getStackTrace());
    if (e.getCause() != null && e.getCause() != e && depth + 1 < MAX_DEPTH) {
      copy.initCause(copy(e.getCause(), text, depth + 1));
    }
    return copy;
  }

  /** The original exception's class name, so a stack trace still says what failed. */
  String originalClass() {
    return originalClass;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClass : originalClass + ": " + message;
  }
}
