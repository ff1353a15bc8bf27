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
   * Sorts a first-seen dictionary.
   *
   * @param table the names by first-seen number
   * @param rankOut receives, per first-seen number, the name's lexicographic rank ({@code
   *     table.size()} entries)
   * @return a new array of the names in lexicographic order
   */
  static String[] sortedNames(IdTable table, int[] rankOut) {
    int count = table.size();
    String[] sorted = Arrays.copyOf(table.keys(), count);
    Arrays.sort(sorted);
    for (int k = 0; k < count; k++) {
      rankOut[table.get(sorted[k])] = k;
    }
    return sorted;
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
