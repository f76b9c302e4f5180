package dev.ares.core.internal;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The rules for text the SDK writes into the head of an HTTP request. Header values (API key,
 * environment id, JWT, extra headers, IMS org id, IMS token) are visible ASCII, with spaces and
 * tabs only between visible characters; URLs are visible ASCII. HttpClient writes these characters
 * as single bytes, so anything else would go out altered ({@code é} as the byte 0xE9, an emoji as
 * {@code ?}) and fail somewhere far from its cause; it is refused instead. Messages never repeat
 * the value, which may be a secret.
 *
 * <p>Internal: not part of the public API.
 */
public final class WireTextRules {

  private WireTextRules() {}

  /**
   * What is wrong with a required header value (present, not blank, not absurdly long, visible
   * ASCII), or {@code null} if fine.
   */
  public static String problemWithRequiredHeaderValue(String value) {
    String problem = TextRules.problemWithRequired(value);
    return problem != null ? problem : problemWithHeaderValue(value);
  }

  /** What is wrong with a header value that may be empty, or {@code null} if fine. */
  public static String problemWithHeaderValue(String value) {
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

  /**
   * What is wrong with a URL the SDK sends to, once it is known to be an absolute http(s) URL, or
   * {@code null} if fine.
   */
  public static String problemWithUrl(String url) {
    if (!isVisibleAscii(url)) {
      return "must be ASCII: percent-encode other characters as UTF-8 (such as caf%C3%A9 for café)";
    }
    return problemWithUserInfo(url);
  }

  /**
   * {@code must not contain a user name or password ...} when the absolute URL {@code url} has user
   * info ({@code https://user:pw@host}), which would be sent and printed wherever the URL is; else
   * {@code null}. Never quotes the URL.
   */
  public static String problemWithUserInfo(String url) {
    try {
      return new URI(url).getRawUserInfo() == null
          ? null
          : "must not contain a user name or password (user@ or user:password@ before the host):"
              + " credentials have settings of their own and a URL is printed in messages";
    } catch (URISyntaxException e) {
      return null; // not a URL: the caller's own rule names that
    }
  }

  /** Whether every character of {@code text} is visible ASCII (no space, no control). */
  public static boolean isVisibleAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
