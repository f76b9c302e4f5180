package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the server sends around the secrets, and wherever the cut falls, no character of a
 * secret survives outside a mask and nothing unprintable comes out. The padding is drawn from
 * characters no secret has, so any secret character in the output would be a leak.
 */
class ServerTextPropertiesTest {

  private static final String SECRET_ALPHABET = "ABCDEF0123456789-";
  private static final Pattern UNPRINTABLE =
      Pattern.compile("[\\p{Cntrl}\u202a-\u202e\u2066-\u2069\u200e\u200f\u2028\u2029]");

  @Provide
  Arbitrary<List<String>> secrets() {
    return Arbitraries.strings()
        .withChars(SECRET_ALPHABET)
        .ofMinLength(4)
        .ofMaxLength(40)
        .list()
        .ofMinSize(1)
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<List<String>> padding() {
    return Arbitraries.strings()
        .withChars("xyz \u001b\u0007\r\n\t\u007f\u009b\u202e\u2028\ud800")
        .ofMaxLength(60)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Property(tries = 500)
  void noPieceOfASecretAndNoControlCharacterSurvives(
      @ForAll("secrets") List<String> secrets,
      @ForAll("padding") List<String> padding,
      @ForAll @IntRange(min = 0, max = 300) int maxLength,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < padding.size(); i++) {
      text.append(padding.get(i));
      text.append(secrets.get((seed + i) % secrets.size()));
      if ((seed + i) % 3 == 0) { // back to back
        text.append(secrets.get((seed + i + 1) % secrets.size()));
      }
    }
    String out = ServerText.masking(secrets).printable(text.toString(), maxLength);
    // Escapes (a backslash, u, four hex digits) hold digits the secrets share: look past them.
    String outside = out.replace(ServerText.MASK, "").replaceAll("\\\\u[0-9a-f]{4}", "");
    for (char c : SECRET_ALPHABET.toCharArray()) {
      assertTrue(outside.indexOf(c) < 0, "a secret character survived: " + out + " of " + secrets);
    }
    assertFalse(UNPRINTABLE.matcher(out).find(), out);
    assertTrue(out.length() <= maxLength + 1, out);
  }
}
