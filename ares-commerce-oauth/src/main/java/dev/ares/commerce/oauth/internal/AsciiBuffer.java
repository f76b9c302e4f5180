package dev.ares.commerce.oauth.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of ASCII bytes: what percent-encoded text, base strings and {@code Authorization}
 * headers are made of. Writing bytes instead of chars lets the base string go to the {@link
 * javax.crypto.Mac} without a {@code String} and its UTF-8 copy in between. Not thread-safe: one
 * per signature, or one per thread reused.
 *
 * <p>Internal: not part of the public API.
 */
public final class AsciiBuffer {

  private final int initialCapacity;
  private byte[] bytes;
  private int length;

  /** An empty buffer with room for {@code capacity} bytes before it grows. */
  public AsciiBuffer(int capacity) {
    initialCapacity = Math.max(16, capacity);
    bytes = new byte[initialCapacity];
  }

  /** Appends one ASCII character. */
  public AsciiBuffer append(char c) {
    if (length == bytes.length) {
      grow(1);
    }
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends {@code text}, which must be ASCII. */
  @SuppressWarnings("deprecation") // the one String copy that takes no charset: ASCII needs none
  public AsciiBuffer append(String text) {
    int n = text.length();
    ensure(n);
    // Copies the low byte of each char, straight from a Latin-1 string's own array.
    text.getBytes(0, n, bytes, length);
    length += n;
    return this;
  }

  /** Appends {@code text.substring(from, to)}, which must be ASCII. */
  @SuppressWarnings("deprecation") // as in append(String)
  public AsciiBuffer append(String text, int from, int to) {
    int n = to - from;
    ensure(n);
    text.getBytes(from, to, bytes, length);
    length += n;
    return this;
  }

  /** Appends {@code count} bytes of {@code source} from {@code from}. */
  public AsciiBuffer append(byte[] source, int from, int count) {
    ensure(count);
    System.arraycopy(source, from, bytes, length, count);
    length += count;
    return this;
  }

  /**
   * Empties the buffer. An array that grew past {@code maxKept} bytes is dropped for a new one of
   * the first capacity, so one big request does not leave a big array behind.
   */
  public void clear(int maxKept) {
    length = 0;
    if (bytes.length > maxKept) {
      bytes = new byte[initialCapacity];
    }
  }

  /**
   * Makes room for {@code more} bytes and returns the array to write them into, from index {@link
   * #length()}; then call {@link #setLength}.
   */
  public byte[] reserve(int more) {
    ensure(more);
    return bytes;
  }

  /** Sets how many bytes are meaningful, after writing into {@link #reserve}'s array. */
  public void setLength(int newLength) {
    length = newLength;
  }

  /** The bytes written so far; only the first {@link #length()} of the array are meaningful. */
  public byte[] array() {
    return bytes;
  }

  /** How many bytes have been written. */
  public int length() {
    return length;
  }

  /** The bytes written so far as text. */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }

  private void ensure(int more) {
    if (bytes.length - length < more) {
      grow(more);
    }
  }

  private void grow(int more) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
  }
}
