package dev.retention.data;

import java.util.Arrays;

/**
 * The dictionary steps shared by the log builders: names numbered in first-seen order are put in
 * lexicographic order, and each row's first-seen number is replaced by its name's rank, the key
 * that {@link RowGrouper} orders rows by. Not thread-safe; allocation is stated per method.
 */
final class Grouping {
  private Grouping() {}

  /**
   * Sorts a first-seen dictionary in {@link String#compareTo} order, without hashing and with
   * few string comparisons: each name gets a 64-bit key of its next eight characters (one byte
   * each; a character above 254 ends the key with the byte 255 and zeros), so that keys never
   * contradict the string order; the (key, number) pairs are sorted by an LSD radix sort on the
   * bytes in which the keys differ, and runs of equal keys are sorted on the next eight characters
   * in the same way, or by {@link String#compareTo} when their keys were not exact or the run is
   * short.
   *
   * @param table the names by first-seen number
   * @param rankOut receives, per first-seen number, the name's lexicographic rank ({@code
   *     table.size()} entries)
   * @return a new array of the names in lexicographic order
   */
  static String[] sortedNames(IdTable table, int[] rankOut) {
    int count = table.size();
    String[] names = table.keys();
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    sortRange(names, order, 0, count, 0, new long[count], new long[count], new int[count]);
    String[] sorted = new String[count];
    for (int k = 0; k < count; k++) {
      sorted[k] = names[order[k]];
      rankOut[order[k]] = k;
    }
    return sorted;
  }

  /** Runs of at most this many names are sorted by comparison. */
  private static final int COMPARE_MAX = 24;

  /**
   * Sorts {@code order[from, to)}, whose names agree exactly on their first {@code offset}
   * characters.
   */
  private static void sortRange(String[] names, int[] order, int from, int to, int offset,
      long[] key, long[] keyTmp, int[] orderTmp) {
    if (to - from <= COMPARE_MAX) {
      insertionByString(names, order, from, to);
      return;
    }
    for (int i = from; i < to; i++) {
      key[i] = key(names[order[i]], offset);
    }
    radixSort(key, order, from, to, keyTmp, orderTmp);
    int runStart = from;
    for (int i = from + 1; i <= to; i++) {
      if (i == to || key[i] != key[runStart]) {
        if (i - runStart > 1) {
          if (exact(names, order, runStart, i, offset)) {
            sortRange(names, order, runStart, i, offset + 8, key, keyTmp, orderTmp);
          } else {
            sortByString(names, order, runStart, i);
          }
        }
        runStart = i;
      }
    }
  }

  /** The key of eight characters from {@code offset}: never greater for a smaller string. */
  private static long key(String s, int offset) {
    long k = 0;
    int len = s.length();
    for (int j = 0; j < 8; j++) {
      int ch = offset + j < len ? s.charAt(offset + j) : 0;
      if (ch > 254) {
        return (k << 8 | 255) << (8 * (7 - j));
      }
      k = k << 8 | ch;
    }
    return k;
  }

  /**
   * Whether equal keys of a run mean equal characters: every name has all eight characters (no
   * padding) and none above 254.
   */
  private static boolean exact(String[] names, int[] order, int from, int to, int offset) {
    for (int i = from; i < to; i++) {
      String s = names[order[i]];
      if (s.length() < offset + 8) {
        return false;
      }
      for (int j = offset; j < offset + 8; j++) {
        if (s.charAt(j) > 254) {
          return false;
        }
      }
    }
    return true;
  }

  /** Stable LSD radix sort of (key, order) pairs on the unsigned key, skipping constant bytes. */
  private static void radixSort(
      long[] key, int[] order, int from, int to, long[] keyTmp, int[] orderTmp) {
    long or = 0;
    long and = -1L;
    for (int i = from; i < to; i++) {
      or |= key[i];
      and &= key[i];
    }
    long varying = or ^ and;
    long[] k = key;
    int[] o = order;
    long[] kt = keyTmp;
    int[] ot = orderTmp;
    int[] counts = new int[257];
    for (int shift = 0; shift < 64; shift += 8) {
      if (((varying >>> shift) & 0xFF) == 0) {
        continue;
      }
      Arrays.fill(counts, 0);
      for (int i = from; i < to; i++) {
        counts[(int) ((k[i] >>> shift) & 0xFF) + 1]++;
      }
      for (int b = 0; b < 256; b++) {
        counts[b + 1] += counts[b];
      }
      for (int i = from; i < to; i++) {
        int d = from + counts[(int) ((k[i] >>> shift) & 0xFF)]++;
        kt[d] = k[i];
        ot[d] = o[i];
      }
      long[] swapK = k;
      k = kt;
      kt = swapK;
      int[] swapO = o;
      o = ot;
      ot = swapO;
    }
    if (k != key) {
      System.arraycopy(k, from, key, from, to - from);
      System.arraycopy(o, from, order, from, to - from);
    }
  }

  private static void insertionByString(String[] names, int[] order, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= from && names[x].compareTo(names[order[j]]) < 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
  }

  private static void sortByString(String[] names, int[] order, int from, int to) {
    Integer[] boxed = new Integer[to - from];
    for (int i = from; i < to; i++) {
      boxed[i - from] = order[i];
    }
    Arrays.sort(boxed, (a, b) -> names[a].compareTo(names[b]));
    for (int i = from; i < to; i++) {
      order[i] = boxed[i - from];
    }
  }

  /**
   * Replaces each row's first-seen number by its rank, in place, and counts the rows per rank.
   *
   * @param rows first-seen number per row; holds the rank per row afterwards
   * @param n the number of rows
   * @param rank rank per first-seen number
   * @param countOut receives the number of rows per rank (zeroed, one entry per rank)
   * @return {@code offsets}: the first row of each rank in rank order, plus {@code n} at the end
   */
  static int[] rankRows(int[] rows, int n, int[] rank, int[] countOut) {
    for (int i = 0; i < n; i++) {
      int k = rank[rows[i]];
      rows[i] = k;
      countOut[k]++;
    }
    int[] offsets = new int[countOut.length + 1];
    for (int k = 0; k < countOut.length; k++) {
      offsets[k + 1] = offsets[k] + countOut[k];
    }
    return offsets;
  }
}
