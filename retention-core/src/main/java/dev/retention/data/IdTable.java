package dev.retention.data;

import java.util.Arrays;

/**
 * Numbers distinct strings densely in first-seen order: an open-addressing hash table with linear
 * probing that keeps each key's hash next to its number, so a lookup touches the key's cached hash,
 * two array slots and, only on a hash match with a different instance, {@link String#equals}. No
 * boxing and no node per entry (a {@code HashMap<String, Integer>} costs three dependent loads
 * more per lookup). Not thread-safe; not API.
 */
final class IdTable {
  private String[] keys;
  private int[] hashes;
  private int[] numbers;
  private String[] byNumber;
  private int size;
  private int mask;

  /** An empty table. */
  IdTable() {
    keys = new String[64];
    hashes = new int[64];
    numbers = new int[64];
    byNumber = new String[16];
    mask = 63;
  }

  /**
   * The number of distinct keys.
   *
   * @return the count
   */
  int size() {
    return size;
  }

  /**
   * The key with a number.
   *
   * @param number a number in {@code [0, size())}
   * @return the key
   */
  String key(int number) {
    return byNumber[number];
  }

  /**
   * The keys by number.
   *
   * @return the internal array, at least {@link #size()} long (do not modify)
   */
  String[] keys() {
    return byNumber;
  }

  /**
   * The number of a key, adding the key with the next number when absent.
   *
   * @param key a non-null key, already validated by the caller
   * @return its number
   */
  int intern(String key) {
    return internIf(key, null, null);
  }

  /**
   * The number of a key, adding it (after {@code validate} accepts it) when absent: one probe
   * sequence either way.
   *
   * @param key a non-null key
   * @param validate called with the key and {@code field} before a new key is added; it throws to
   *     refuse the key (null: no check)
   * @param field the field name passed to {@code validate}
   * @return its number
   */
  int internIf(String key, java.util.function.BiConsumer<String, String> validate, String field) {
    int h = key.hashCode();
    int slot = spread(h) & mask;
    while (true) {
      String k = keys[slot];
      if (k == null) {
        break;
      }
      if (k == key || (hashes[slot] == h && k.equals(key))) {
        return numbers[slot];
      }
      slot = (slot + 1) & mask;
    }
    if (validate != null) {
      validate.accept(key, field);
    }
    int number = size++;
    keys[slot] = key;
    hashes[slot] = h;
    numbers[slot] = number;
    if (number == byNumber.length) {
      byNumber = Arrays.copyOf(byNumber, number * 2);
    }
    byNumber[number] = key;
    if (size * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    return number;
  }

  /**
   * Keeps only the keys whose {@code keep} flag is set, renumbered densely in their old order.
   *
   * @param keep per number, whether to keep it
   * @return per old number, its new number (or -1 when dropped)
   */
  int[] retain(boolean[] keep) {
    int[] remap = new int[size];
    String[] old = byNumber;
    int oldSize = size;
    Arrays.fill(keys, null);
    size = 0;
    byNumber = new String[Math.max(16, oldSize)];
    for (int c = 0; c < oldSize; c++) {
      remap[c] = keep[c] ? intern(old[c]) : -1;
    }
    return remap;
  }

  private void rehash(int capacity) {
    String[] oldKeys = keys;
    int[] oldHashes = hashes;
    int[] oldNumbers = numbers;
    keys = new String[capacity];
    hashes = new int[capacity];
    numbers = new int[capacity];
    mask = capacity - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != null) {
        int slot = spread(oldHashes[s]) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[s];
        hashes[slot] = oldHashes[s];
        numbers[slot] = oldNumbers[s];
      }
    }
  }

  /** Fibonacci hashing of the string hash, so that linear probing sees well-mixed low bits. */
  private static int spread(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
