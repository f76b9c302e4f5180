package dev.ares.core.internal;

import java.util.List;

/**
 * How server errors read in a message: {@code tenantInput.projectId: Tenant already exists}, at
 * most {@link #MAX_LISTED} of them. The SDK has already masked and made printable what the server
 * sent; this makes printable once more (for errors built elsewhere) and keeps the message short
 * whatever the server sent.
 *
 * <p>Internal: not part of the public API.
 */
public final class ErrorText {

  /** How many errors a message lists before {@code and N more}. */
  public static final int MAX_LISTED = 5;

  private ErrorText() {}

  /** The message, prefixed by the dotted path when there is one; printable and cut. */
  public static String at(List<String> path, String message) {
    ServerText printable = ServerText.withoutSecrets();
    return path.isEmpty()
        ? printable.printable(message)
        : printable.printable(String.join(".", path)) + ": " + printable.printable(message);
  }

  /** The first {@link #MAX_LISTED} of these joined by {@code ; }, then how many were left out. */
  public static String list(List<String> described) {
    String shown = String.join("; ", described.subList(0, Math.min(MAX_LISTED, described.size())));
    int more = described.size() - MAX_LISTED;
    return more > 0 ? shown + "; and " + more + " more" : shown;
  }
}
