package dev.ares.matching.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length: a longer line is noticed once one buffer beyond the limit
 * has been read, and never held. Lines end at {@code \n}, {@code \r} or {@code \r\n}. Not
 * thread-safe.
 *
 * <p>Internal: not part of the public API.
 */
public final class BoundedLineReader implements Closeable {

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private boolean skipLineFeed;
  private boolean tooLong;

  /** Lines of {@code in} of at most {@code maxChars} characters, line break not counted. */
  public BoundedLineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /**
   * The next line without its line break, or {@code null} at the end of the input or when the line
   * is longer than the limit ({@link #tooLong()} tells which); nothing is read after that.
   */
  public String readLine() throws IOException {
    if (tooLong) {
      return null;
    }
    StringBuilder line = null;
    while (true) {
      if (position == limit) {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
          return line == null ? null : line.toString();
        }
        position = 0;
        limit = read;
        continue;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[position] == '\n') {
          position++;
          continue;
        }
      }
      int start = position;
      while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
        position++;
      }
      int length = position - start;
      if ((line == null ? 0 : line.length()) + length > maxChars) {
        tooLong = true;
        return null;
      }
      if (line == null) {
        line = new StringBuilder(length);
      }
      line.append(buffer, start, length);
      if (position < limit) {
        skipLineFeed = buffer[position++] == '\r';
        return line.toString();
      }
    }
  }

  /** Whether reading stopped at a line longer than the limit. */
  public boolean tooLong() {
    return tooLong;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
