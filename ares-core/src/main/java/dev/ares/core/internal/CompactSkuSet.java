package dev.ares.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of SKUs packed as length-prefixed UTF-8 in 1 MiB pages, with an open-addressing table of
 * their offsets: about (SKU length + 2 + 4 + 8) bytes per SKU instead of the ~80 of a {@code
 * HashSet<String>}, so a million catalog SKUs take tens of megabytes. Pages, rather than one
 * growing array, keep the heap free of huge copies. Each SKU gets a dense index in insertion order.
 *
 * <p>Not thread-safe; filled once, then read. Internal: not part of the public API.
 */
public final class CompactSkuSet {

  /** The longest SKU accepted, in UTF-8 bytes; Commerce allows 64 characters. */
  public static final int MAX_SKU_BYTES = 0xFFFF;

  private static final int PAGE_BITS = 20;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;

  private final List<byte[]> pages = new ArrayList<>();
  private int pageUsed = PAGE_SIZE;

  /** Per SKU index: page number << PAGE_BITS | offset of its 2-byte length prefix. */
  private int[] starts = new int[1 << 10];

  private int size;

  /** Slot → SKU index + 1; 0 marks an empty slot. */
  private int[] table = new int[1 << 11];

  /**
   * Adds the SKU; returns false when it was already present.
   *
   * @throws IllegalArgumentException when the SKU is longer than {@link #MAX_SKU_BYTES}
   */
  public boolean add(String sku) {
    byte[] key = sku.getBytes(StandardCharsets.UTF_8);
    if (key.length > MAX_SKU_BYTES) {
      throw new IllegalArgumentException("a SKU is longer than " + MAX_SKU_BYTES + " bytes");
    }
    int slot = find(key, table);
    if (table[slot] != 0) {
      return false;
    }
    if (size + 1 > table.length / 2) {
      grow();
      slot = find(key, table);
    }
    if (pageUsed + 2 + key.length > PAGE_SIZE) {
      pages.add(new byte[PAGE_SIZE]);
      pageUsed = 0;
    }
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, starts.length + (starts.length >> 1));
    }
    byte[] page = pages.get(pages.size() - 1);
    page[pageUsed] = (byte) (key.length >>> 8);
    page[pageUsed + 1] = (byte) key.length;
    System.arraycopy(key, 0, page, pageUsed + 2, key.length);
    starts[size] = (pages.size() - 1) << PAGE_BITS | pageUsed;
    pageUsed += 2 + key.length;
    table[slot] = ++size;
    return true;
  }

  /** The index of the SKU, or -1 when absent. */
  public int indexOf(String sku) {
    int length = sku.length();
    if (length > MAX_SKU_BYTES) {
      return -1;
    }
    // ASCII, as SKUs nearly always are, is its own UTF-8: hash and compare the characters in
    // place instead of encoding a copy per lookup.
    int h = 1;
    for (int i = 0; i < length; i++) {
      char c = sku.charAt(i);
      if (c >= 0x80) {
        byte[] key = sku.getBytes(StandardCharsets.UTF_8);
        return key.length > MAX_SKU_BYTES ? -1 : table[find(key, table)] - 1;
      }
      h = 31 * h + c;
    }
    int mask = table.length - 1;
    for (int slot = mix(h) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
      if (equalsAt(table[slot] - 1, sku)) {
        return table[slot] - 1;
      }
    }
    return -1;
  }

  /** The SKU at an index. */
  public String get(int index) {
    byte[] page = page(index);
    int offset = offset(index);
    return new String(page, offset + 2, length(page, offset), StandardCharsets.UTF_8);
  }

  /** How many distinct SKUs. */
  public int size() {
    return size;
  }

  private int find(byte[] key, int[] in) {
    int mask = in.length - 1;
    int slot = mix(hash(key, 0, key.length)) & mask;
    while (in[slot] != 0 && !equalsAt(in[slot] - 1, key)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private boolean equalsAt(int index, byte[] key) {
    byte[] page = page(index);
    int offset = offset(index);
    int length = length(page, offset);
    return length == key.length
        && Arrays.equals(page, offset + 2, offset + 2 + length, key, 0, length);
  }

  /** Whether the SKU at {@code index} is {@code ascii}, a string of characters below 0x80. */
  private boolean equalsAt(int index, String ascii) {
    byte[] page = page(index);
    int offset = offset(index);
    if (length(page, offset) != ascii.length()) {
      return false;
    }
    for (int i = 0, at = offset + 2; i < ascii.length(); i++, at++) {
      if (page[at] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length - 1;
    for (int i = 0; i < size; i++) {
      byte[] page = page(i);
      int offset = offset(i);
      int slot = mix(hash(page, offset + 2, offset + 2 + length(page, offset))) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = i + 1;
    }
    table = bigger;
  }

  private byte[] page(int index) {
    return pages.get(starts[index] >>> PAGE_BITS);
  }

  private int offset(int index) {
    return starts[index] & (PAGE_SIZE - 1);
  }

  private static int length(byte[] page, int offset) {
    return (page[offset] & 0xFF) << 8 | (page[offset + 1] & 0xFF);
  }

  private static int hash(byte[] a, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + a[i];
    }
    return h;
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
