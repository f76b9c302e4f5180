package dev.ares.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a command throws, the user sees one line on stderr and exit status 2. */
class MainFailuresTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int runThrowing(Throwable failure) {
    Command failing =
        new Command() {
          @Override
          public String name() {
            return "boom";
          }

          @Override
          public String usage() {
            return "boom";
          }

          @Override
          public String summary() {
            return "throws";
          }

          @Override
          public int run(List<String> args, PrintStream o, PrintStream e) throws Exception {
            if (failure instanceof Error error) {
              throw error;
            }
            throw (Exception) failure;
          }
        };
    return Main.run(
        Map.of("boom", failing),
        new String[] {"boom"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void assertOneLine(String expected) {
    assertEquals(expected + "\n", err());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void outOfMemoryIsOneLineAndStatus2() {
    assertEquals(2, runThrowing(new OutOfMemoryError("Java heap space")));
    assertOneLine(
        "boom: ran out of memory (OutOfMemoryError: Java heap space);"
            + " give the JVM more with -Xmx or pass smaller input");
  }

  @Test
  void stackOverflowIsOneLineAndStatus2() {
    assertEquals(2, runThrowing(new StackOverflowError()));
    assertOneLine("boom: failed: StackOverflowError");
  }

  @Test
  void aRuntimeExceptionWithoutMessageIsNamedByItsType() {
    assertEquals(2, runThrowing(new NullPointerException()));
    assertOneLine("boom: failed: NullPointerException");
  }

  @Test
  void aMessageWithLineBreaksAndEscapesStaysOneLine() {
    assertEquals(2, runThrowing(new IllegalStateException("two\nlines \u001b[2J")));
    assertOneLine("boom: two\\u000alines \\u001b[2J");
  }

  @Test
  void aSingleLineTooBigForTheHeapIsOneLineAndStatus2(@TempDir Path dir) throws Exception {
    Path assets = dir.resolve("huge.jsonl");
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'x');
    try (OutputStream o = Files.newOutputStream(assets)) {
      o.write("{\"assetId\":\"".getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < 48; i++) {
        o.write(chunk); // 48 MiB on one line, in a 16 MiB heap
      }
    }
    ChildJvm.Result result =
        ChildJvm.run(
            Map.of(),
            List.of("-Xmx16m"),
            null,
            "match",
            Path.of(TenantMatcher.class.getResource("/samples/tenant.json").toURI()).toString(),
            assets.toString());
    assertEquals(2, result.status(), result.all());
    assertEquals(1, result.stderr().lines().count(), result.stderr());
    assertTrue(result.stderr().startsWith("match: "), result.stderr());
    assertFalse(result.stderr().contains("\tat "), result.stderr());
  }

  @Test
  void anAssertionErrorIsOneLineAndStatus2() {
    assertEquals(2, runThrowing(new AssertionError("broken invariant")));
    assertOneLine("boom: failed: AssertionError: broken invariant");
  }
}
