package dev.retention.internal;

import org.hipparchus.special.Gamma;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z)} for real parameters and real
 * {@code z < 1}, evaluated in log space so that values beyond the double range (which occur in
 * the Pareto/NBD and BG/NBD likelihoods for extreme parameters) stay usable.
 *
 * <p>Method (Abramowitz &amp; Stegun 1964, chapter 15; Pearson, Olver &amp; Porter, "Numerical
 * methods for the computation of the confluent and Gauss hypergeometric functions", Numerical
 * Algorithms 74 (2017), section 4):
 *
 * <ul>
 *   <li>{@code 0 ≤ z ≤ 1/2}: the defining series Σ (a)_n (b)_n / ((c)_n n!) z^n, summed with a
 *       running scale so that no partial term overflows; it converges at least like 2^-n.
 *   <li>{@code z < 0}: Pfaff's transformation (A&amp;S 15.3.4)
 *       {@code 2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; z/(z-1))}, which maps z into (0, 1).
 *   <li>{@code 1/2 < z < 1}: the linear transformation to {@code 1 - z} (A&amp;S 15.3.6), two
 *       series in {@code 1 - z < 1/2} with gamma-function coefficients. When {@code c - a - b} is
 *       within 1e-3 of an integer the coefficients have poles that cancel (A&amp;S 15.3.10–12);
 *       instead of the digamma limit forms we evaluate the transformation at four points
 *       {@code c - a - b = m ± 1e-3, m ± 2e-3} (moving {@code b}) and interpolate with the cubic
 *       through them, which is accurate to about 1e-10 relative (interpolation error O(h^4),
 *       cancellation error O(eps/h)).
 *   <li>A non-positive integer {@code a} or {@code b} makes the series a polynomial, summed
 *       directly for any z.
 * </ul>
 *
 * <p>Accuracy: about 1e-14 relative on the series branches, about 1e-10 near integer
 * {@code c - a - b}. {@code c} must not be a non-positive integer. Stateless, thread-safe, no
 * allocation.
 */
public final class Hypergeometric {
  private static final double LN_SCALE = 600.0; // rescale the running series beyond e^600
  private static final double SCALE = Math.exp(-LN_SCALE);
  private static final double BIG = Math.exp(LN_SCALE);
  private static final double NEAR_INTEGER = 1e-3;
  private static final int MAX_TERMS = 1_000_000;

  private Hypergeometric() {}

  /**
   * {@code 2F1(a, b; c; z)}; may be ±infinity when the value exceeds the double range (use
   * {@link #logAbs} then).
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter, not a non-positive integer
   * @param z argument, {@code < 1}
   * @return the value
   */
  public static double value(double a, double b, double c, double z) {
    double[] sign = new double[1];
    double l = logAbs(a, b, c, z, sign);
    return sign[0] * Math.exp(l);
  }

  /**
   * {@code ln |2F1(a, b; c; z)|}, with the sign written to {@code sign[0]} (+1, -1 or 0 for an
   * exact zero, in which case the result is -infinity).
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter, not a non-positive integer
   * @param z argument, {@code < 1}
   * @param sign output for the sign, may be null when the caller knows the value is positive
   * @return the logarithm of the absolute value
   */
  public static double logAbs(double a, double b, double c, double z, double[] sign) {
    check(a, b, c, z);
    return eval(a, b, c, z, sign);
  }

  /**
   * {@code ln 2F1(a, b; c; z)} for the common case {@code a, b, c > 0} and {@code 0 ≤ z < 1},
   * where every series term is positive and so is the value.
   *
   * @param a first numerator parameter, {@code > 0}
   * @param b second numerator parameter, {@code > 0}
   * @param c denominator parameter, {@code > 0}
   * @param z argument in {@code [0, 1)}
   * @return {@code ln 2F1(a, b; c; z)}
   */
  public static double logPositive(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0 && z >= 0 && z < 1)) {
      throw new IllegalArgumentException("logPositive needs a, b, c > 0 and 0 <= z < 1, was a="
          + a + ", b=" + b + ", c=" + c + ", z=" + z);
    }
    if (z <= 0.5) {
      return logSeries(a, b, c, z, null);
    }
    return eval(a, b, c, z, null);
  }

  private static void check(double a, double b, double c, double z) {
    if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c) || !Double.isFinite(z)) {
      throw new IllegalArgumentException(
          "2F1 arguments must be finite, was a=" + a + ", b=" + b + ", c=" + c + ", z=" + z);
    }
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("c must not be a non-positive integer, was " + c);
    }
    if (!(z < 1)) {
      throw new IllegalArgumentException("z must be < 1, was " + z);
    }
  }

  private static boolean nonPositiveInteger(double v) {
    return v <= 0 && v == Math.rint(v);
  }

  private static double eval(double a, double b, double c, double z, double[] sign) {
    if (z == 0 || a == 0 || b == 0) {
      if (sign != null) {
        sign[0] = 1;
      }
      return 0.0;
    }
    if (nonPositiveInteger(a) || nonPositiveInteger(b)) {
      return logSeries(a, b, c, z, sign); // polynomial
    }
    if (z < 0) {
      // Pfaff: (1-z)^-a F(a, c-b; c; w), w = z/(z-1) in (0,1); or symmetric in a <-> b.
      double w = z / (z - 1);
      double[] s = new double[1];
      double l;
      double p;
      if (nonPositiveInteger(c - b) || !nonPositiveInteger(c - a) && Math.abs(a) <= Math.abs(b)) {
        l = eval(a, c - b, c, w, s);
        p = -a * Math.log1p(-z);
      } else {
        l = eval(b, c - a, c, w, s);
        p = -b * Math.log1p(-z);
      }
      if (sign != null) {
        sign[0] = s[0];
      }
      return l + p;
    }
    if (z <= 0.5) {
      return logSeries(a, b, c, z, sign);
    }
    double d = c - a - b;
    double m = Math.rint(d);
    if (Math.abs(d - m) >= NEAR_INTEGER) {
      return oneMinusZ(a, b, c, z, sign);
    }
    // Near-integer c - a - b: cubic interpolation in u = d - m through u = -2h, -h, h, 2h.
    double h = NEAR_INTEGER;
    double e = d - m;
    double[] us = {-2 * h, -h, h, 2 * h};
    double result = 0;
    double[] s = new double[1];
    double logRef = Double.NaN;
    double[] vals = new double[4];
    double[] logs = new double[4];
    double[] signs = new double[4];
    for (int i = 0; i < 4; i++) {
      double bi = b + e - us[i]; // c - a - bi = m + us[i]
      logs[i] = oneMinusZ(a, bi, c, z, s);
      signs[i] = s[0];
      if (Double.isNaN(logRef) || logs[i] > logRef) {
        logRef = logs[i];
      }
    }
    boolean sameSign = signs[0] != 0 && signs[0] == signs[1] && signs[0] == signs[2]
        && signs[0] == signs[3];
    for (int i = 0; i < 4; i++) {
      // interpolate ln|F| when the signs agree (F varies like (1-z)^(-b), nearly log-linear in b)
      vals[i] = sameSign ? logs[i] - logRef : signs[i] * Math.exp(logs[i] - logRef);
    }
    for (int i = 0; i < 4; i++) {
      double li = 1;
      for (int j = 0; j < 4; j++) {
        if (j != i) {
          li *= (e - us[j]) / (us[i] - us[j]);
        }
      }
      result += li * vals[i];
    }
    if (sameSign) {
      if (sign != null) {
        sign[0] = signs[0];
      }
      return result + logRef;
    }
    if (sign != null) {
      sign[0] = Math.signum(result);
    }
    return Math.log(Math.abs(result)) + logRef;
  }

  /** A&amp;S 15.3.6 for 1/2 &lt; z &lt; 1 and non-integer c - a - b. */
  private static double oneMinusZ(double a, double b, double c, double z, double[] sign) {
    double d = c - a - b;
    double y = 1 - z;
    double[] s = new double[1];
    double[] gs = new double[1];
    // term 1: G(c)G(d)/(G(c-a)G(c-b)) F(a, b; 1-d; y)
    double l1 = Double.NEGATIVE_INFINITY;
    double s1 = 0;
    if (!nonPositiveInteger(c - a) && !nonPositiveInteger(c - b)) {
      double lc = logGammaAbs(c, gs);
      double sg = gs[0];
      lc += logGammaAbs(d, gs);
      sg *= gs[0];
      lc -= logGammaAbs(c - a, gs);
      sg *= gs[0];
      lc -= logGammaAbs(c - b, gs);
      sg *= gs[0];
      l1 = lc + logSeries(a, b, 1 - d, y, s);
      s1 = sg * s[0];
    }
    // term 2: y^d G(c)G(-d)/(G(a)G(b)) F(c-a, c-b; 1+d; y)
    double lc = logGammaAbs(c, gs);
    double sg = gs[0];
    lc += logGammaAbs(-d, gs);
    sg *= gs[0];
    lc -= logGammaAbs(a, gs);
    sg *= gs[0];
    lc -= logGammaAbs(b, gs);
    sg *= gs[0];
    double l2 = lc + d * Math.log(y) + logSeries(c - a, c - b, 1 + d, y, s);
    double s2 = sg * s[0];
    return logSum(l1, s1, l2, s2, sign);
  }

  private static double logSum(double l1, double s1, double l2, double s2, double[] sign) {
    if (s1 == 0) {
      if (sign != null) {
        sign[0] = s2;
      }
      return l2;
    }
    if (s2 == 0) {
      if (sign != null) {
        sign[0] = s1;
      }
      return l1;
    }
    double mx = Math.max(l1, l2);
    double v = s1 * Math.exp(l1 - mx) + s2 * Math.exp(l2 - mx);
    if (sign != null) {
      sign[0] = Math.signum(v);
    }
    return mx + Math.log(Math.abs(v));
  }

  /**
   * ln|Γ(x)| with the sign of Γ(x) in sign[0], for x not a non-positive integer (reflection
   * Γ(x) = π / (sin(πx) Γ(1-x)) for x &lt; 0).
   */
  static double logGammaAbs(double x, double[] sign) {
    if (x > 0) {
      sign[0] = 1;
      return Gamma.logGamma(x);
    }
    double sp = sinPi(x);
    sign[0] = Math.signum(sp);
    return Math.log(Math.PI) - Math.log(Math.abs(sp)) - Gamma.logGamma(1 - x);
  }

  private static double sinPi(double x) {
    double r = x - 2 * Math.floor(x / 2); // [0, 2)
    return Math.sin(Math.PI * r);
  }

  /**
   * ln|Σ (a)_n (b)_n/((c)_n n!) z^n| for |z| ≤ 1/2 (or a terminating series), sign to sign[0].
   */
  private static double logSeries(double a, double b, double c, double z, double[] sign) {
    double sum = 1;
    double term = 1;
    double logScale = 0;
    for (int n = 0; n < MAX_TERMS; n++) {
      double num = (a + n) * (b + n);
      if (num == 0) {
        break; // terminating series
      }
      term *= num / ((c + n) * (n + 1)) * z;
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum) && n > 2
          && Math.abs((a + n + 1) * (b + n + 1) / ((c + n + 1) * (n + 2)) * z) < 1) {
        break;
      }
      if (Math.abs(sum) > BIG || Math.abs(term) > BIG) {
        sum *= SCALE;
        term *= SCALE;
        logScale += LN_SCALE;
      }
    }
    if (sign != null) {
      sign[0] = Math.signum(sum);
    }
    return Math.log(Math.abs(sum)) + logScale;
  }
}
