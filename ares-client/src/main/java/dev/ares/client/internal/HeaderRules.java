package dev.ares.client.internal;

/**
 * The rule for every value the SDK sends in an HTTP header (API key, environment id, JWT, extra
 * headers, IMS org id, IMS token): visible ASCII, with spaces and tabs only between visible
 * characters. HttpClient writes header characters as single bytes, so anything else would go out
 * altered ({@code é} as the byte 0xE9, an emoji as {@code ?}) and fail somewhere far from its
 * cause; it is refused instead. Messages never repeat the value, which may be a secret.
 *
 * <p>Internal: not part of the public API.
 */
public final class HeaderRules {

  private HeaderRules() {}

  /**
   * What is wrong with a required header value (present, not blank, not absurdly long, visible
   * ASCII), or {@code null} if fine.
   */
  public static String problemWithRequiredValue(String value) {
    String problem = TextRules.problemWithRequired(value);
    return problem != null ? problem : problemWithValue(value);
  }

  /** What is wrong with a header value that may be empty, or {@code null} if fine. */
  public static String problemWithValue(String value) {
    if (value == null) {
      return "is required";
    }
    if (value.length() > TextRules.MAX_LENGTH) {
      return "must be at most " + TextRules.MAX_LENGTH + " characters";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean visible = c > 0x20 && c < 0x7f;
      boolean inner = (c == ' ' || c == '\t') && i > 0 && i < value.length() - 1;
      if (!visible && !inner) {
        return "must be visible ASCII (spaces and tabs only between visible characters):"
            + " encode other text, such as with percent-encoding or Base64";
      }
    }
    return null;
  }
}
