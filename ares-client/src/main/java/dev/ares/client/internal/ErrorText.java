package dev.ares.client.internal;

import java.util.List;

/**
 * How a server error with a path reads in a message: {@code tenantInput.projectId: Tenant already
 * exists}.
 *
 * <p>Internal: not part of the public API.
 */
public final class ErrorText {

  private ErrorText() {}

  /** The message, prefixed by the dotted path when there is one. */
  public static String at(List<String> path, String message) {
    return path.isEmpty() ? message : String.join(".", path) + ": " + message;
  }
}
