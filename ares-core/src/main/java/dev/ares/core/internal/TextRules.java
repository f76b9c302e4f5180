package dev.ares.core.internal;

/**
 * The rules every required text value follows, wherever it is checked: present, not blank, not
 * absurdly long, and free of control characters (which could split a header or a log line).
 *
 * <p>Internal: not part of the public API.
 */
public final class TextRules {

  /** Longest string value accepted; far above any real id, URL or secret. */
  public static final int MAX_LENGTH = 8192;

  private TextRules() {}

  /** What is wrong with a required value, such as {@code is required}, or {@code null} if fine. */
  public static String problemWithRequired(String value) {
    return value == null ? "is required" : problemWithPresent(value);
  }

  /** What is wrong with a value that is present, or {@code null} if fine. */
  public static String problemWithPresent(String value) {
    if (value.isBlank()) {
      return "must not be blank";
    }
    if (value.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    if (hasUnpairedSurrogate(value)) {
      return "must be valid Unicode text"; // it has no UTF-8 form and would be sent as '?'
    }
    return null;
  }

  private static boolean hasUnpairedSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
