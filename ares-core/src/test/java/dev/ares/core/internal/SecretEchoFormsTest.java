package dev.ares.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A server may echo a secret in any of the forms it travels in: JSON-escaped in a body,
 * percent-encoded in an OAuth header (upper or lower case hex), form-encoded in a token request.
 * Whatever characters the secret holds, each of those echoes is masked. The expected echoes are
 * written out by hand, not computed with the encoders the masking uses.
 */
class SecretEchoFormsTest {

  @ParameterizedTest(name = "{0} echoed as {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        // only upper case letters, digits and characters below 'a' that need escaping
        "KEY/0+1    | KEY%2F0%2B1",
        "KEY/0+1    | KEY%2f0%2b1",
        "KEY\"1\\   | KEY\\\"1\\\\",
        // upper case letters, digits and characters above 'z'
        "KEY{1}     | KEY%7B1%7D",
        "KEY{1}     | KEY%7b1%7d",
        // lower case letters, digits and characters below 'A'
        "key/0+1    | key%2F0%2B1",
        // lower case letters, digits and characters above 'Z'
        "key{1}     | key%7B1%7D",
        "key^1`     | key%5E1%60",
        // letters and characters below '0'
        "key/A+b    | key%2FA%2Bb",
        // letters and characters above '9'
        "key:A=b    | key%3AA%3Db",
        // nothing but characters that need escaping; the echo starts with an escape
        "'/+ &='    | %2F%2B+%26%3D",
        "'/+ &='    | %2F%2B%20%26%3D",
        "'/+ &='    | %2f%2b+%26%3d",
        "'/+ &='    | %2f%2b%20%26%3d",
      })
  void everyEchoedFormOfASecretIsMasked(String secret, String echo) {
    ServerText rule = ServerText.masking(List.of(secret));
    assertEquals(
        "token=\"****\"; raw ****", rule.printable("token=\"" + echo + "\"; raw " + secret));
  }

  @Test
  void aSecretThatStartsAnotherIsMaskedAsTheLongerOneInEitherOrder() {
    for (List<String> secrets :
        List.of(List.of("tokenABC", "tokenABC-longer"), List.of("tokenABC-longer", "tokenABC"))) {
      ServerText rule = ServerText.masking(secrets);
      assertEquals("x **** y", rule.printable("x tokenABC-longer y"), secrets.toString());
      assertEquals("x **** y", rule.printable("x tokenABC y"), secrets.toString());
    }
  }

  @Test
  void secretsSideBySideAreEachMasked() {
    ServerText rule = ServerText.masking(List.of("abcd1234", "wxyz9876"));
    assertEquals("[********]", rule.printable("[abcd1234wxyz9876]"));
    assertEquals("[****-****]", rule.printable("[abcd1234-wxyz9876]"));
  }

  @Test
  void everyBidiControlAndSeparatorIsEscapedUpToItsRangeEnds() {
    ServerText rule = ServerText.withoutSecrets();
    assertEquals(
        "\\u202a\\u202b\\u202c\\u202d\\u202e", rule.printable("\u202a\u202b\u202c\u202d\u202e"));
    assertEquals("\\u2066\\u2067\\u2068\\u2069", rule.printable("\u2066\u2067\u2068\u2069"));
    assertEquals(
        "\\u200e\\u200f\\u061c\\u2028\\u2029", rule.printable("\u200e\u200f\u061c\u2028\u2029"));
    // Ordinary text next to those ranges is shown as it is.
    assertEquals("a\u2027\u202f\u2065b", rule.printable("a\u2027\u202f\u2065b"));
  }

  @Test
  void eachTextOfAListIsMaskedAndMadePrintable() {
    ServerText rule = ServerText.masking(List.of("s3cret-value"));
    assertEquals(
        List.of("a\\u001bb", "key ****", "plain"),
        rule.printable(List.of("a\u001bb", "key s3cret-value", "plain")));
    assertEquals(List.of(), rule.printable(List.<String>of()));
  }

  @Test
  void theRuleDescribesItselfWithoutItsSecrets() {
    String secret = "s3cr/et value";
    String text = ServerText.masking(List.of(secret)).toString();
    assertTrue(text.startsWith("ServerText"), text);
    assertFalse(text.contains("s3cr"), text);
    assertFalse(text.contains("%2F"), text);
  }
}
