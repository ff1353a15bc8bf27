package dev.retention.data;

import java.util.Arrays;
import java.util.Map;

/**
 * The dictionary and grouping steps shared by the log builders: names numbered in first-seen
 * order are put in lexicographic order, and rows are assigned their place in customer-grouped
 * order by a counting sort. Not thread-safe; allocation is stated per method.
 */
final class Grouping {
  private Grouping() {}

  /**
   * Sorts a first-seen dictionary.
   *
   * @param firstSeen names by first-seen number (at least {@code count} entries)
   * @param count the number of names
   * @param index name to first-seen number
   * @param rankOut receives, per first-seen number, the name's lexicographic rank
   * @return a new array of the names in lexicographic order
   */
  static String[] sortedNames(
      String[] firstSeen, int count, Map<String, Integer> index, int[] rankOut) {
    String[] sorted = Arrays.copyOf(firstSeen, count);
    Arrays.sort(sorted);
    for (int k = 0; k < count; k++) {
      rankOut[index.get(sorted[k])] = k;
    }
    return sorted;
  }

  /**
   * The destination of every row when rows are grouped by rank, stable within a group.
   *
   * @param rank rank per first-seen number
   * @param rowKey first-seen number per row
   * @param n the number of rows
   * @param offsetsOut receives the group offsets ({@code groups + 1} entries, zeroed)
   * @return a new array with the grouped position of each row
   */
  static int[] destinations(int[] rank, int[] rowKey, int n, int[] offsetsOut) {
    int groups = offsetsOut.length - 1;
    for (int i = 0; i < n; i++) {
      offsetsOut[rank[rowKey[i]] + 1]++;
    }
    for (int c = 0; c < groups; c++) {
      offsetsOut[c + 1] += offsetsOut[c];
    }
    int[] pos = Arrays.copyOf(offsetsOut, groups);
    int[] dst = new int[n];
    for (int i = 0; i < n; i++) {
      dst[i] = pos[rank[rowKey[i]]]++;
    }
    return dst;
  }
}
