package dev.retention.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Identical (x, t_x, T) rows merged into weighted patterns, with the distinct frequencies indexed
 * so that likelihoods compute Gamma-function ratios once per distinct x. The patterns are in a
 * canonical order (x, then t_x, then T ascending) and their weights are summed in a fixed order,
 * so that a likelihood summed over them, and hence a fit, is bit-identical for every permutation
 * of the caller's rows. Package-private; built once per fit (allocates O(rows)).
 */
final class Patterns {
  final int size;
  final int[] x;
  final int[] xIndex;
  final int[] distinctX;
  final double[] tx;
  final double[] age;
  final double[] weight;
  final double totalWeight;
  final String summary;
  /** Sorted distinct values among all t_x and T, and each pattern's index into it. */
  final double[] distinctTimes;
  final int[] ageIndex;
  final int[] txIndex;

  private Patterns(int[] x, double[] tx, double[] age, double[] weight, double total,
      String summary) {
    this.size = x.length;
    this.x = x;
    this.tx = tx;
    this.age = age;
    this.weight = weight;
    this.totalWeight = total;
    this.summary = summary;
    this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
    this.xIndex = new int[size];
    for (int i = 0; i < size; i++) {
      xIndex[i] = Arrays.binarySearch(distinctX, x[i]);
    }
    double[] all = new double[2 * size];
    System.arraycopy(age, 0, all, 0, size);
    System.arraycopy(tx, 0, all, size, size);
    this.distinctTimes = Arrays.stream(all).map(v -> v + 0.0).sorted().distinct().toArray();
    this.ageIndex = new int[size];
    this.txIndex = new int[size];
    for (int i = 0; i < size; i++) {
      ageIndex[i] = Arrays.binarySearch(distinctTimes, age[i] + 0.0);
      txIndex[i] = Arrays.binarySearch(distinctTimes, tx[i] + 0.0);
    }
  }

  private record Key(int x, long tx, long age) {}

  /**
   * The patterns of {@code data} in a canonical order that does not depend on the order of the
   * rows: sorted by x, then t_x, then T. Weights of rows sharing a pattern are summed in
   * ascending order of the weights (for unweighted data the sums are integer counts, exact in
   * any order), and the total weight is the sum of the pattern weights in pattern order; so any
   * permutation of the rows gives bit-identical patterns, weights and totals, and a likelihood
   * summed over the patterns in their order is bit-identical too. Allocates O(rows).
   */
  static Patterns of(RecencyFrequencyData data) {
    int n = data.size();
    int[] xs = data.xRaw();
    double[] txs = data.txRaw();
    double[] ages = data.ageRaw();
    // group rows by pattern (ids in first-seen order), then order the distinct patterns
    Map<Key, Integer> index = new HashMap<>(Math.max(16, n / 2));
    int[] rowPattern = new int[n];
    int[] firstRow = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Key k = new Key(xs[i], Double.doubleToLongBits(txs[i] + 0.0),
          Double.doubleToLongBits(ages[i] + 0.0));
      Integer j = index.get(k);
      if (j == null) {
        index.put(k, m);
        firstRow[m] = i;
        j = m++;
      }
      rowPattern[i] = j;
    }
    Integer[] order = new Integer[m];
    for (int j = 0; j < m; j++) {
      order[j] = j;
    }
    Arrays.sort(order, (u, v) -> {
      int a = firstRow[u];
      int b = firstRow[v];
      int c = Integer.compare(xs[a], xs[b]);
      if (c == 0) {
        c = Double.compare(txs[a] + 0.0, txs[b] + 0.0);
      }
      return c != 0 ? c : Double.compare(ages[a] + 0.0, ages[b] + 0.0);
    });
    int[] rank = new int[m];
    int[] px = new int[m];
    double[] ptx = new double[m];
    double[] pt = new double[m];
    double[] pw = new double[m];
    for (int r = 0; r < m; r++) {
      int j = order[r];
      rank[j] = r;
      int row = firstRow[j];
      px[r] = xs[row];
      ptx[r] = txs[row] + 0.0;
      pt[r] = ages[row] + 0.0;
    }
    double total = 0;
    if (!data.isWeighted()) {
      for (int i = 0; i < n; i++) {
        pw[rank[rowPattern[i]]] += 1.0;
      }
      total = n;
    } else {
      // bucket the rows' weights by pattern rank, sort each bucket, sum in ascending order
      double[] w = data.weightRaw();
      int[] start = new int[m + 1];
      for (int i = 0; i < n; i++) {
        start[rank[rowPattern[i]] + 1]++;
      }
      for (int r = 0; r < m; r++) {
        start[r + 1] += start[r];
      }
      int[] fill = Arrays.copyOf(start, m);
      double[] sorted = new double[n];
      for (int i = 0; i < n; i++) {
        sorted[fill[rank[rowPattern[i]]]++] = w[i];
      }
      for (int r = 0; r < m; r++) {
        Arrays.sort(sorted, start[r], start[r + 1]);
        double sum = 0;
        for (int i = start[r]; i < start[r + 1]; i++) {
          sum += sorted[i];
        }
        pw[r] = sum;
        total += sum;
      }
    }
    return new Patterns(px, ptx, pt, pw, total, data.summary());
  }

  /** Weighted means used for deterministic starting points: {mean x, mean T, share x>0}. */
  double[] moments() {
    double sx = 0;
    double st = 0;
    double rep = 0;
    for (int i = 0; i < size; i++) {
      sx += weight[i] * x[i];
      st += weight[i] * age[i];
      if (x[i] > 0) {
        rep += weight[i];
      }
    }
    return new double[] {sx / totalWeight, st / totalWeight, rep / totalWeight};
  }
}
