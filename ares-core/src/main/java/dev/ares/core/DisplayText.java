package dev.ares.core;

import dev.ares.core.internal.ServerText;

/**
 * The SDK's one rule for text shown to a person, offered for text your own code prints beside the
 * SDK's (file names, messages you join): control characters (ESC, BEL, CR, LF, TAB, DEL, C1),
 * bidirectional overrides and line separators are written as visible escapes such as {@code
 * \u005cu001b}, so the text prints as one line and cannot drive a terminal. Everything the SDK
 * itself puts in a message or a result meant for display already went through this rule.
 *
 * <p>Stateless and thread-safe.
 */
public final class DisplayText {

  private DisplayText() {}

  /** {@code text} made printable as one line, never cut; {@code null} stays {@code null}. */
  public static String printable(String text) {
    return ServerText.withoutSecrets().printable(text, Integer.MAX_VALUE);
  }
}
