package dev.retention.segment;

import java.util.Arrays;

/**
 * Order statistics over primitive arrays for quantile binning: a histogram for integers with a
 * small range, a deterministic multi-rank quickselect (3-way partition, median-of-three pivot,
 * falling back to a sort past a depth limit) for doubles. Not API.
 */
final class Quantiles {
  private Quantiles() {}

  /**
   * The 0-based ascending ranks {@code m_k - 1} with {@code m_k = ceil(k * n / bins)} for
   * {@code k = 1 .. bins-1}; a value {@code v} scores above {@code k} when at least {@code m_k}
   * values are strictly below it.
   */
  static int[] cutRanks(int bins, int n) {
    int[] r = new int[bins - 1];
    for (int k = 1; k < bins; k++) {
      long m = ((long) k * n + bins - 1) / bins;
      r[k - 1] = (int) (m - 1);
    }
    return r;
  }

  /** The values at the given ascending 0-based ranks of {@code v[0..len)}; {@code v} unchanged. */
  static int[] intOrderStats(int[] v, int len, int[] ranks) {
    int[] out = new int[ranks.length];
    if (ranks.length == 0 || len == 0) {
      return out;
    }
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < len; i++) {
      int x = v[i];
      if (x < min) {
        min = x;
      }
      if (x > max) {
        max = x;
      }
    }
    long range = (long) max - min + 1;
    if (range <= Math.max(1 << 16, 4L * len)) {
      int[] hist = new int[(int) range];
      for (int i = 0; i < len; i++) {
        hist[v[i] - min]++;
      }
      // ranks are ascending (cutRanks), so one cumulative sweep answers all of them
      long cum = 0;
      int b = 0;
      for (int k = 0; k < ranks.length; k++) {
        while (cum + hist[b] <= ranks[k]) {
          cum += hist[b];
          b++;
        }
        out[k] = min + b;
      }
      return out;
    }
    int[] copy = Arrays.copyOf(v, len);
    Arrays.sort(copy);
    for (int k = 0; k < ranks.length; k++) {
      out[k] = copy[ranks[k]];
    }
    return out;
  }

  /**
   * The values at the given ascending 0-based ranks of {@code a}; {@code a} is permuted (pass a
   * scratch copy). Expected O(len * log(ranks)) time.
   */
  static double[] doubleOrderStats(double[] a, int[] ranks) {
    double[] out = new double[ranks.length];
    if (ranks.length == 0 || a.length == 0) {
      return out;
    }
    int depth = 2 * (32 - Integer.numberOfLeadingZeros(a.length)) + 4;
    select(a, 0, a.length - 1, ranks, 0, ranks.length - 1, out, depth);
    return out;
  }

  private static void select(
      double[] a, int lo, int hi, int[] ranks, int rlo, int rhi, double[] out, int depth) {
    while (rlo <= rhi) {
      if (hi - lo < 48 || depth-- <= 0) {
        Arrays.sort(a, lo, hi + 1);
        for (int k = rlo; k <= rhi; k++) {
          out[k] = a[ranks[k]];
        }
        return;
      }
      int mid = (lo + hi) >>> 1;
      double p = median(a[lo], a[mid], a[hi]);
      // 3-way partition: [lo, lt) < p, [lt, gt] == p, (gt, hi] > p
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        double x = a[i];
        if (x < p) {
          a[i++] = a[lt];
          a[lt++] = x;
        } else if (x > p) {
          a[i] = a[gt];
          a[gt--] = x;
        } else {
          i++;
        }
      }
      // split the rank list
      int k1 = rlo;
      while (k1 <= rhi && ranks[k1] < lt) {
        k1++;
      }
      int k2 = k1;
      while (k2 <= rhi && ranks[k2] <= gt) {
        out[k2] = p;
        k2++;
      }
      if (k1 - 1 >= rlo) {
        select(a, lo, lt - 1, ranks, rlo, k1 - 1, out, depth);
      }
      // continue on the right part without recursion
      lo = gt + 1;
      rlo = k2;
    }
  }

  private static double median(double x, double y, double z) {
    if (x < y) {
      return y < z ? y : Math.max(x, z);
    }
    return x < z ? x : Math.max(y, z);
  }
}
