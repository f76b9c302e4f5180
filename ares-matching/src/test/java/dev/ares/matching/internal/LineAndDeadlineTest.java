package dev.ares.matching.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Lines read at their limit, a reader that pauses, and deadlines ahead and behind. */
class LineAndDeadlineTest {

  @Test
  void aLineAtTheLimitIsReadAndALongerOneStopsTheReader() throws IOException {
    BoundedLineReader lines = new BoundedLineReader(new StringReader("abc\r\nabcd\nnext\n"), 3);
    assertEquals("abc", lines.readLine());
    assertFalse(lines.tooLong());
    assertNull(lines.readLine());
    assertTrue(lines.tooLong());
    assertNull(lines.readLine(), "nothing is read after a line that is too long");
    assertTrue(lines.tooLong());
  }

  @Test
  void aReadOfNothingIsNotTheEnd() throws IOException {
    Reader pausing =
        new Reader() {
          private final String[] chunks = {"ab", "", "c\nd", ""};
          private int next;

          @Override
          public int read(char[] into, int off, int len) {
            if (next == chunks.length) {
              return -1;
            }
            String chunk = chunks[next++];
            chunk.getChars(0, chunk.length(), into, off);
            return chunk.length();
          }

          @Override
          public void close() {}
        };
    BoundedLineReader lines = new BoundedLineReader(pausing, 10);
    assertEquals("abc", lines.readLine());
    assertEquals("d", lines.readLine());
    assertNull(lines.readLine());
    assertFalse(lines.tooLong());
  }

  @Test
  void closingClosesTheUnderlyingReader() throws IOException {
    boolean[] closed = {false};
    Reader in =
        new StringReader("x") {
          @Override
          public void close() {
            closed[0] = true;
            super.close();
          }
        };
    new BoundedLineReader(in, 5).close();
    assertTrue(closed[0]);
  }

  @Test
  void aDeadlineAheadHasTimeLeftAndHasNotPassed() {
    Deadline deadline = Deadline.in(Duration.ofMinutes(10));
    Duration left = deadline.remaining();
    assertTrue(left.compareTo(Duration.ofMinutes(9)) > 0, left::toString);
    assertTrue(left.compareTo(Duration.ofMinutes(10)) <= 0, left::toString);
    assertFalse(deadline.passed());
  }

  @Test
  void aDeadlineBehindHasNoTimeLeftAndHasPassed() {
    Deadline recent = Deadline.in(Duration.ofSeconds(-1));
    assertTrue(recent.passed());
    assertTrue(recent.remaining().isNegative());
    // Long ago: the end is far below now on the monotonic clock.
    Deadline longAgo = Deadline.in(Duration.ofDays(-36_500));
    assertTrue(longAgo.passed());
    assertTrue(longAgo.remaining().compareTo(Duration.ofDays(-36_000)) < 0);
    assertTrue(Deadline.in(Duration.ZERO).passed());
  }
}
