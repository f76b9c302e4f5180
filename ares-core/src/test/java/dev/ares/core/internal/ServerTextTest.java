package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerTextTest {

  @Test
  void aSecretContainingAnotherIsMaskedWholeInEitherOrder() {
    for (List<String> secrets :
        List.of(List.of("access", "AT-access-token"), List.of("AT-access-token", "access"))) {
      ServerText rule = ServerText.masking(secrets);
      assertEquals("token=****; again ****", rule.printable("token=AT-access-token; again access"));
    }
  }

  @Test
  void overlappingSecretsLeaveNoPieceOfEither() {
    ServerText rule = ServerText.masking(List.of("abcd1234", "1234wxyz"));
    assertEquals("[****]", rule.printable("[abcd1234wxyz]"));
    assertEquals("[****]", ServerText.masking(List.of("aaaa")).printable("[aaaaaaa]"));
  }

  @Test
  void theFourCharacterMinimumIsTheBoundary() {
    ServerText rule = ServerText.masking(Arrays.asList("abc", "wxyz", null, ""));
    assertEquals("abc ****", rule.printable("abc wxyz"));
    assertEquals("abc", ServerText.masking(List.of("abc")).printable("abc"));
  }

  @Test
  void escapedFormsOfASecretAreMaskedToo() {
    String secret = "s3cr\"et/+ =&é\\x";
    ServerText rule = ServerText.masking(List.of(secret));
    assertEquals("raw ****", rule.printable("raw " + secret));
    assertEquals("json ****", rule.printable("json s3cr\\\"et/+ =&é\\\\x"));
    assertEquals(
        "oauth oauth_token=\"****\"",
        rule.printable("oauth oauth_token=\"s3cr%22et%2F%2B%20%3D%26%C3%A9%5Cx\""));
    assertEquals(
        "lower oauth_token=\"****\"",
        rule.printable("lower oauth_token=\"s3cr%22et%2f%2b%20%3d%26%c3%a9%5cx\""));
    assertEquals(
        "form client_secret=****&",
        rule.printable("form client_secret=s3cr%22et%2F%2B+%3D%26%C3%A9%5Cx&"));
  }

  @Test
  void controlCharactersBidiOverridesAndLoneSurrogatesBecomeVisibleEscapes() {
    ServerText rule = ServerText.withoutSecrets();
    assertEquals(
        "\\u001b[2J\\u001b[31mFAKE\\u0007", rule.printable("\u001b[2J\u001b[31mFAKE\u0007"));
    assertEquals("a\\u000d\\u000ab\\u0009c\\u007f\\u009b", rule.printable("a\r\nb\tc\u007f\u009b"));
    assertEquals("\\u202eevil\\u2066\\u2028", rule.printable("\u202eevil\u2066\u2028"));
    assertEquals("\\ud800x 😀 é", rule.printable("\ud800x 😀 é"));
    assertNull(rule.printable((String) null));
  }

  @Test
  void masksBeforeItCutsSoNoStartOfASecretIsLeft() {
    String secret = "AT-access-token-0123456789";
    ServerText rule = ServerText.masking(List.of(secret));
    for (int padding = 0; padding < 40; padding++) {
      String out = rule.printable("x".repeat(padding) + secret + "tail", 30);
      assertFalse(out.contains("AT-"), out);
      assertTrue(out.length() <= 31, out);
    }
    assertEquals("xxxxxxxxxxxxxxxxxxxxxxxxxxxx…", rule.printable("x".repeat(28) + secret, 30));
    assertEquals("x".repeat(26) + "****", rule.printable("x".repeat(26) + secret, 30));
  }

  @Test
  void aCutNeverSplitsAnEscapeOrASurrogatePair() {
    ServerText rule = ServerText.withoutSecrets();
    assertEquals("abcd…", rule.printable("abcd\u001b", 8));
    assertEquals("abcdefg…", rule.printable("abcdefg😀", 8));
    assertEquals("short", rule.printable("short", 8));
  }

  @Test
  void aHugeTextIsCutToTheDefaultLength() {
    String huge = "y".repeat(5_000_000);
    assertEquals(
        ServerText.MAX_LENGTH + 1,
        ServerText.masking(List.of("secret-value")).printable(huge).length());
  }
}
