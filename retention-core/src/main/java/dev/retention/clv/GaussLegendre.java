package dev.retention.clv;

/**
 * Composite Gauss–Legendre quadrature for the few smooth one-dimensional integrals of the models
 * that have no closed form (nodes from Newton's method on the Legendre polynomial, Press et al.,
 * Numerical Recipes 3rd ed. §4.6): {@link #logIntegral} for integrals of e^φ with a concave φ
 * (16-point panels placed from the shape of φ, bounded work). Immutable static tables;
 * thread-safe.
 */
final class GaussLegendre {
  /** 16-point rule of {@link #logIntegral}. */
  private static final int N16 = 16;
  private static final double[] X16 = new double[N16];
  private static final double[] W16 = new double[N16];

  static {
    nodes(N16, X16, W16);
  }

  private static void nodes(int n, double[] xs, double[] ws) {
    int m = (n + 1) / 2;
    for (int i = 0; i < m; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double pp = 0;
      for (int it = 0; it < 100; it++) {
        double p1 = 1;
        double p2 = 0;
        for (int j = 0; j < n; j++) {
          double p3 = p2;
          p2 = p1;
          p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
        }
        pp = n * (z * p1 - p2) / (z * z - 1);
        double z1 = z;
        z = z1 - p1 / pp;
        if (Math.abs(z - z1) < 1e-15) {
          break;
        }
      }
      xs[i] = -z;
      xs[n - 1 - i] = z;
      ws[i] = 2 / ((1 - z * z) * pp * pp);
      ws[n - 1 - i] = ws[i];
    }
  }

  private GaussLegendre() {}

  /**
   * The log-integrand of {@link #logIntegral}: a concave function φ on the integration range, with
   * its slope and curvature, and the real parts of the singularities of φ nearest the real axis
   * (poles at distance π from it, as those of {@code ln(c + e^u)}).
   */
  interface LogConcave {
    /** @return φ(u) */
    double phi(double u);

    /** @return φ'(u) */
    double slope(double u);

    /** @return −φ''(u) ≥ 0 */
    double curvature(double u);

    /** @return the largest panel width at u allowed by the singularities of φ (may be +∞) */
    double maxStep(double u);

    /** Called with every node and its weight e^{φ(u) − φ(mode)} when partials are wanted. */
    default void accumulate(double u, double weight) {}
  }

  /** Panels per direction beyond which {@link #logIntegral} gives up. */
  static final int MAX_PANELS = 400;

  /** Curvature step: a panel spans at most 3 standard deviations of the local Gaussian. */
  private static final double CURVATURE_STEP = 5.0;

  /**
   * ln ∫_a^b e^{φ(u)} du for a concave φ ({@link LogConcave}) whose maximum on [a, b] is at
   * {@code mode}: 16-point Gauss–Legendre panels marched outward from the mode in both directions.
   * A panel starting at u has width at most 3/√(−φ'') (evaluated at both ends), at most
   * {@link LogConcave#maxStep}, at most twice the previous panel, and for the first panel at a
   * boundary mode at most 2/|φ'|. A direction stops at its end of the range or when the tail
   * bound e^{φ(u)−φ(mode)}/|φ'(u)| (valid for concave φ) falls below 1e-18 of the sum so far.
   * Bounded work: at most {@link #MAX_PANELS} panels per direction (beyond, an
   * {@link NumericalDomainException}). Accuracy measured against mpmath by the Pareto/NBD reference
   * grid; see {@code ParetoNbdModel}.
   *
   * @param f the log-integrand
   * @param a lower end (may be −∞)
   * @param b upper end (may be +∞)
   * @param mode the maximiser of φ on [a, b]
   * @param accumulate whether to pass every node to {@link LogConcave#accumulate}
   * @param sumOut when not null, receives Σ weights (the integral divided by e^{φ(mode)})
   * @return the log of the integral
   */
  static double logIntegral(LogConcave f, double a, double b, double mode, boolean accumulate,
      double[] sumOut) {
    double top = f.phi(mode);
    if (!Double.isFinite(top)) {
      throw new NumericalDomainException("log-integrand must be finite at its mode " + mode
          + ", was " + top);
    }
    double sum = 0;
    for (int dir = 1; dir >= -1; dir -= 2) {
      double end = dir > 0 ? b : a;
      double u = mode;
      double prev = Double.POSITIVE_INFINITY;
      int panels = 0;
      while (u != end) {
        if (++panels > MAX_PANELS) {
          throw new NumericalDomainException("quadrature did not reach its tail in " + MAX_PANELS
              + " panels (mode " + mode + ", at " + u + ")");
        }
        double h = Math.min(2 * prev, f.maxStep(u));
        if (panels == 1) {
          double sl = Math.abs(f.slope(u));
          if (sl > 0) {
            h = Math.min(h, 2 / sl);
          }
        }
        double cu = f.curvature(u);
        if (cu > 0) {
          h = Math.min(h, CURVATURE_STEP / Math.sqrt(cu));
        }
        if (!(h < Double.POSITIVE_INFINITY)) {
          h = 1;
        }
        for (int k = 0; k < 200; k++) {
          double ce = f.curvature(u + dir * h);
          if (!(ce > 0) || h * Math.sqrt(ce) <= CURVATURE_STEP) {
            break;
          }
          h *= 0.5;
        }
        double next = u + dir * h;
        if (dir > 0 ? next >= end : next <= end) {
          next = end;
        }
        double lo = Math.min(u, next);
        double hi = Math.max(u, next);
        double c = 0.5 * (lo + hi);
        double hw = 0.5 * (hi - lo);
        double part = 0;
        for (int i = 0; i < N16; i++) {
          double v = c + hw * X16[i];
          double w = W16[i] * hw * Math.exp(f.phi(v) - top);
          part += w;
          if (accumulate) {
            f.accumulate(v, w);
          }
        }
        sum += part;
        prev = hi - lo;
        u = next;
        if (u != end) {
          double rel = f.phi(u) - top;
          double sl = Math.abs(f.slope(u));
          if (rel < -10 && sl > 0 && Math.exp(rel) / sl <= 1e-18 * sum) {
            break;
          }
        }
      }
    }
    if (sumOut != null) {
      sumOut[0] = sum;
    }
    return top + Math.log(sum);
  }
}
