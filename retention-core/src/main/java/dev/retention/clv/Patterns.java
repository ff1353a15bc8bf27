package dev.retention.clv;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Identical (x, t_x, T) rows merged into weighted patterns, with the distinct frequencies indexed
 * so that likelihoods compute Gamma-function ratios once per distinct x. Package-private; built
 * once per fit (allocates O(rows)).
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

  static Patterns of(RecencyFrequencyData data) {
    int n = data.size();
    int[] xs = data.xRaw();
    double[] txs = data.txRaw();
    double[] ages = data.ageRaw();
    Map<Key, Integer> index = new HashMap<>(Math.max(16, n / 2));
    int[] px = new int[n];
    double[] ptx = new double[n];
    double[] pt = new double[n];
    double[] pw = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      Key k = new Key(xs[i], Double.doubleToLongBits(txs[i] + 0.0),
          Double.doubleToLongBits(ages[i] + 0.0));
      Integer j = index.get(k);
      if (j == null) {
        index.put(k, m);
        px[m] = xs[i];
        ptx[m] = txs[i];
        pt[m] = ages[i];
        pw[m] = data.weight(i);
        m++;
      } else {
        pw[j] += data.weight(i);
      }
    }
    return new Patterns(Arrays.copyOf(px, m), Arrays.copyOf(ptx, m), Arrays.copyOf(pt, m),
        Arrays.copyOf(pw, m), data.totalWeight(), data.summary());
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
