package dev.ares.commerce.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.scribejava.core.utils.OAuthEncoder;
import dev.ares.commerce.oauth.internal.AsciiBuffer;
import dev.ares.commerce.oauth.internal.PercentEncoding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written encoder gives exactly what ScribeJava's {@link OAuthEncoder} gives. */
class PercentEncodingSameAsScribeTest {

  private static void same(String plain) {
    assertEquals(OAuthEncoder.encode(plain), PercentEncoding.encode(plain), plain);
    AsciiBuffer out = new AsciiBuffer(1).append('x');
    PercentEncoding.encodeTo(plain, out);
    assertEquals("x" + OAuthEncoder.encode(plain), out.toString(), plain);
  }

  @Test
  void edgeCases() {
    for (String plain :
        List.of(
            "",
            "abc",
            "AZaz09-._~",
            " ",
            "*",
            "+",
            "~",
            "%7E",
            "%",
            "%2A",
            "!*'();:@&=+$,/?#[]",
            "searchCriteria[filter_groups][0][filters][0][field]",
            "é",
            "café au lait",
            "\u0000\u007f\u0080\u07ff\u0800\uffff",
            "\ud83d\ude00",
            "a\ud83d",
            "\ud83da",
            "\ude00\ud83d",
            "\ud83d~",
            "~\ude00x",
            "\ud83d\ud83d\ude00")) {
      same(plain);
    }
  }

  @Test
  void randomText() {
    Random random = new Random(6);
    char[] alphabet = "aZ09-._~ *+%&=[]/?#é€\ud83d\ude00\ud800\udc00".toCharArray();
    for (int i = 0; i < 20_000; i++) {
      StringBuilder plain = new StringBuilder();
      int length = random.nextInt(12);
      for (int j = 0; j < length; j++) {
        plain.append(
            random.nextInt(4) == 0
                ? (char) random.nextInt(0x10000)
                : alphabet[random.nextInt(alphabet.length)]);
      }
      same(plain.toString());
    }
  }

  @Test
  void nullIsRefusedAsScribeJavaRefusesIt() {
    RuntimeException scribe = assertThrows(RuntimeException.class, () -> OAuthEncoder.encode(null));
    RuntimeException ours =
        assertThrows(RuntimeException.class, () -> PercentEncoding.encode(null));
    assertEquals(scribe.getClass(), ours.getClass());
    assertEquals(scribe.getMessage(), ours.getMessage());
    for (Runnable appending :
        List.<Runnable>of(
            () -> PercentEncoding.encodeTo((String) null, new AsciiBuffer(1)),
            () -> PercentEncoding.encodeTwiceTo(null, new AsciiBuffer(1)))) {
      RuntimeException appended = assertThrows(RuntimeException.class, appending::run);
      assertEquals(scribe.getClass(), appended.getClass());
      assertEquals(scribe.getMessage(), appended.getMessage());
    }
  }
}
