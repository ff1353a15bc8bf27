package dev.retention.internal;

import org.hipparchus.special.Gamma;

/**
 * {@code ln Γ(v + x) − ln Γ(v)} and {@code ψ(v + x) − ψ(v)} for one real {@code v > 0} and a sorted
 * set of distinct non-negative integers {@code x}, as the likelihoods need them for every distinct
 * frequency at every optimiser step.
 *
 * <p>When the largest x is small compared with the number of distinct values (the usual case:
 * frequencies 0..30) the values come from the recurrences {@code ln Γ(v+k+1) = ln Γ(v+k) +
 * ln(v+k)} and {@code ψ(v+k+1) = ψ(v+k) + 1/(v+k)} (A&amp;S 6.1.15, 6.3.5), one logarithm per
 * integer up to max x and no log-gamma call at all; otherwise from Hipparchus' {@code logGamma} and
 * {@code digamma} per distinct value. Both are accurate to a few ulps of the summed terms.
 *
 * <p>Stateless and thread-safe; allocates nothing (writes into caller arrays).
 */
public final class GammaRatios {
  private GammaRatios() {}

  /**
   * Fills {@code logRatio[j] = ln Γ(v + xs[j]) − ln Γ(v)} and, when {@code digammaDiff} is not
   * null, {@code digammaDiff[j] = ψ(v + xs[j]) − ψ(v)}.
   *
   * @param v the real argument, {@code > 0}
   * @param xs distinct non-negative integers in increasing order
   * @param logRatio output, at least {@code xs.length} long
   * @param digammaDiff output or null
   */
  public static void fill(double v, int[] xs, double[] logRatio, double[] digammaDiff) {
    int n = xs.length;
    if (n == 0) {
      return;
    }
    int max = xs[n - 1];
    if (max <= 4L * n + 64) {
      double lg = 0;
      double dg = 0;
      int j = 0;
      for (int k = 0; j < n; k++) {
        while (j < n && xs[j] == k) {
          logRatio[j] = lg;
          if (digammaDiff != null) {
            digammaDiff[j] = dg;
          }
          j++;
        }
        double vk = v + k;
        lg += Math.log(vk);
        dg += 1.0 / vk;
      }
    } else {
      double lgv = Gamma.logGamma(v);
      double dgv = digammaDiff == null ? 0 : Gamma.digamma(v);
      for (int j = 0; j < n; j++) {
        int x = xs[j];
        if (x == 0) {
          logRatio[j] = 0;
          if (digammaDiff != null) {
            digammaDiff[j] = 0;
          }
        } else if (x <= 16) {
          double lg = 0;
          double dg = 0;
          for (int k = 0; k < x; k++) {
            lg += Math.log(v + k);
            dg += 1.0 / (v + k);
          }
          logRatio[j] = lg;
          if (digammaDiff != null) {
            digammaDiff[j] = dg;
          }
        } else {
          logRatio[j] = Gamma.logGamma(v + x) - lgv;
          if (digammaDiff != null) {
            digammaDiff[j] = Gamma.digamma(v + x) - dgv;
          }
        }
      }
    }
  }
}
