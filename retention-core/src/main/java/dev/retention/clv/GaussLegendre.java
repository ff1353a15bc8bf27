package dev.retention.clv;

import java.util.function.DoubleUnaryOperator;

/**
 * Composite 32-point Gauss–Legendre quadrature for the few smooth one-dimensional integrals of
 * the models that have no closed form (nodes from Newton's method on the Legendre polynomial,
 * Press et al., Numerical Recipes 3rd ed. §4.6). Not in a hot path. Immutable static tables.
 */
final class GaussLegendre {
  private static final int N = 32;
  private static final double[] X = new double[N];
  private static final double[] W = new double[N];

  static {
    int m = (N + 1) / 2;
    for (int i = 0; i < m; i++) {
      double z = Math.cos(Math.PI * (i + 0.75) / (N + 0.5));
      double pp = 0;
      for (int it = 0; it < 100; it++) {
        double p1 = 1;
        double p2 = 0;
        for (int j = 0; j < N; j++) {
          double p3 = p2;
          p2 = p1;
          p1 = ((2 * j + 1) * z * p2 - j * p3) / (j + 1);
        }
        pp = N * (z * p1 - p2) / (z * z - 1);
        double z1 = z;
        z = z1 - p1 / pp;
        if (Math.abs(z - z1) < 1e-15) {
          break;
        }
      }
      X[i] = -z;
      X[N - 1 - i] = z;
      W[i] = 2 / ((1 - z * z) * pp * pp);
      W[N - 1 - i] = W[i];
    }
  }

  private GaussLegendre() {}

  /** ∫_a^b f with {@code panels} equal panels. */
  static double integrate(DoubleUnaryOperator f, double a, double b, int panels) {
    double h = (b - a) / panels;
    double sum = 0;
    for (int k = 0; k < panels; k++) {
      sum += panel(f, a + k * h, a + (k + 1) * h);
    }
    return sum;
  }

  /** ∫_0^upper f on panels with edges 0, upper·2^(1−panels), …, upper/2, upper. */
  static double integrateGeometric(DoubleUnaryOperator f, double upper, int panels) {
    double sum = 0;
    double lo = 0;
    for (int k = panels - 1; k >= 0; k--) {
      double hi = upper * Math.pow(0.5, k);
      sum += panel(f, lo, hi);
      lo = hi;
    }
    return sum;
  }

  /** Number of nodes per panel. */
  static int size() {
    return N;
  }

  /** The i-th node mapped to [a, b]. */
  static double node(double a, double b, int i) {
    return 0.5 * (a + b) + 0.5 * (b - a) * X[i];
  }

  /** The i-th weight for [a, b]. */
  static double weight(double a, double b, int i) {
    return 0.5 * (b - a) * W[i];
  }

  private static double panel(DoubleUnaryOperator f, double a, double b) {
    double c = 0.5 * (a + b);
    double h = 0.5 * (b - a);
    double s = 0;
    for (int i = 0; i < N; i++) {
      s += W[i] * f.applyAsDouble(c + h * X[i]);
    }
    return s * h;
  }
}
