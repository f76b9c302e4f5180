package dev.ares.matching.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A set of SKUs packed as UTF-8 bytes in one array, with an open-addressing table of offsets: about
 * (SKU length + 12) bytes per SKU instead of the ~80 of a {@code HashSet<String>}, so a million
 * catalog SKUs take tens of megabytes. Each SKU gets a dense index in insertion order.
 *
 * <p>Not thread-safe; filled once, then read. Internal: not part of the public API.
 */
public final class CompactSkuSet {

  private byte[] bytes = new byte[1 << 12];
  private int used;
  private int[] starts = new int[1 << 8];
  private int size;
  /** Slot → SKU index + 1; 0 marks an empty slot. */
  private int[] table = new int[1 << 9];

  /** Adds the SKU; returns false when it was already present. */
  public boolean add(String sku) {
    byte[] key = sku.getBytes(StandardCharsets.UTF_8);
    int slot = find(key, table);
    if (table[slot] != 0) {
      return false;
    }
    if (size + 1 > table.length / 2) {
      grow();
      slot = find(key, table);
    }
    if (used + key.length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + key.length));
    }
    if (size + 2 > starts.length) {
      starts = Arrays.copyOf(starts, starts.length * 2);
    }
    System.arraycopy(key, 0, bytes, used, key.length);
    starts[size] = used;
    used += key.length;
    starts[size + 1] = used;
    table[slot] = ++size;
    return true;
  }

  /** The index of the SKU, or -1 when absent. */
  public int indexOf(String sku) {
    int found = table[find(sku.getBytes(StandardCharsets.UTF_8), table)];
    return found - 1;
  }

  /** The SKU at an index. */
  public String get(int index) {
    return new String(bytes, starts[index], starts[index + 1] - starts[index], StandardCharsets.UTF_8);
  }

  /** How many distinct SKUs. */
  public int size() {
    return size;
  }

  private int find(byte[] key, int[] in) {
    int mask = in.length - 1;
    int slot = mix(Arrays.hashCode(key)) & mask;
    while (in[slot] != 0 && !equalsAt(in[slot] - 1, key)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private boolean equalsAt(int index, byte[] key) {
    int start = starts[index];
    return Arrays.equals(bytes, start, starts[index + 1], key, 0, key.length);
  }

  private void grow() {
    int[] bigger = new int[table.length * 2];
    int mask = bigger.length - 1;
    for (int i = 0; i < size; i++) {
      int slot = mix(Arrays.hashCode(Arrays.copyOfRange(bytes, starts[i], starts[i + 1]))) & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = i + 1;
    }
    table = bigger;
  }

  private static int mix(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
