package dev.ares.core.internal;

import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.utils.DateUtils;

/**
 * Reads a {@code Retry-After} header: delay seconds or an HTTP date.
 *
 * <p>Internal: not part of the public API.
 */
public final class RetryAfter {

  private RetryAfter() {}

  /** The wait asked for, or {@code null} when the header is absent or unreadable. */
  public static Duration parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(v));
      } catch (NumberFormatException e) {
        return null; // too many digits to be meant
      }
    }
    Instant at = DateUtils.parseStandardDate(v);
    if (at == null) {
      return null;
    }
    Duration wait = Duration.between(now, at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }
}
