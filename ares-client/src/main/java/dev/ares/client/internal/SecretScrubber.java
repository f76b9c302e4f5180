package dev.ares.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces known secret values with a mask in text that came from a server (error messages may
 * echo the input), so they never reach an exception message or a log.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecretScrubber {

  /** The mask printed instead of a secret. */
  public static final String MASK = "****";

  // Shorter values would mask ordinary words; real keys and secrets are far longer.
  private static final int MIN_SECRET_LENGTH = 4;

  private final List<String> secrets;

  /** A scrubber of these values; nulls and very short values are ignored. */
  public SecretScrubber(Collection<String> secrets) {
    List<String> kept = new ArrayList<>();
    for (String s : secrets) {
      if (s != null && s.length() >= MIN_SECRET_LENGTH) {
        kept.add(s);
      }
    }
    // Longest first, so a secret that contains another is masked whole.
    kept.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(kept);
  }

  /** The text with every secret masked; {@code null} stays {@code null}. */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }
}
