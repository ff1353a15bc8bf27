package dev.retention.internal;

import org.hipparchus.special.Beta;

/**
 * The Gauss hypergeometric function {@code 2F1(a, b; c; z) = Σ_{n≥0} (a)_n (b)_n / ((c)_n n!)
 * z^n} (Abramowitz &amp; Stegun 1964, 15.1.1) for real arguments, evaluated in log space so that
 * values far beyond the double range stay usable.
 *
 * <h2>Domain</h2>
 *
 * All four arguments finite, and
 *
 * <ul>
 *   <li>{@code 1e-8 ≤ a, b, c ≤ 2e5} (c − a − b of either sign, integer or not);
 *   <li>{@code −1e12 ≤ z < 1};
 *   <li>if {@code z < 0}: {@code c ≥ min(a, b)};
 *   <li>if {@code z > 1/2}: {@code c > min(a, b) − 64}.
 * </ul>
 *
 * <p>Any other argument is rejected with an {@link IllegalArgumentException} naming the argument,
 * the rule and the value. The two extra rules exclude the arguments where no method here is
 * proven: for {@code z < 0} and {@code c < min(a, b)} the function can change sign (it has real
 * zeros) and neither the series nor Euler's integral applies; for {@code z > 1/2} and
 * {@code c ≤ min(a, b) − 64} the contiguous sum below would need more than 65 integrals. This
 * domain contains every argument the models produce from valid inputs, with the one exception
 * named at the end of this paragraph (parameters in [1e-3, 1e3], x ≤ 1e5, times in [0.01, 1e4]):
 * BG/NBD and MBG/NBD {@code E[Y]} use {@code 2F1(r+x, b+x(+1); a+b+x(+1)−1; z)} with
 * {@code 0 < z < 1} and {@code min(a,b) − c ≤ 1 − a < 1}; P(alive at T+t) uses
 * {@code 2F1(r+x, a; a+b+x(+1); −t/(α+T))}, where {@code c − a = b + x(+1) > 0}; the
 * Pareto/NBD integral uses {@code 2F1(r+s+x, B; r+s+x+1; z)} with {@code 0 ≤ z < 1} and
 * {@code c > a}. The exception: BG/NBD with {@code x = 0} and {@code a + b ≤ 1 + 1e-8} gives
 * {@code c = a + b − 1 < 1e-8}, outside this domain; the caller must not form that 2F1.
 *
 * <h2>Methods, by region</h2>
 *
 * With {@code A = max(a,b)}, {@code B = min(a,b)}:
 *
 * <ol>
 *   <li>{@code z = 0}: 1.
 *   <li>{@code 0 < z < 1}: the Maclaurin series, whose terms are all positive, when
 *       {@code z ≤ 0.98} and it converges within 2,000 terms (parameters up to about a hundred).
 *       It stops only on a rigorous bound of the whole remainder: for {@code k ≥ n} the term ratio
 *       {@code (a+k)(b+k)z/((c+k)(k+1))} is at most
 *       {@code R_n = z·min(max((a+n)/(c+n),1)·max((b+n)/(n+1),1),
 *       max((a+n)/(n+1),1)·max((b+n)/(c+n),1))} (each factor is monotone in k), so the
 *       remainder after term {@code t_n} is at most
 *       {@code t_n R_n/(1−R_n)}; the sum stops when that is below 2⁻⁵⁶ of the sum, never on a
 *       small term alone.
 *   <li>Otherwise, if {@code c > B}: Euler's integral (A&amp;S 15.3.1)
 *       {@code F = ∫_0^1 t^{B−1}(1−t)^{c−B−1}(1−zt)^{−A} dt / B(B, c−B)}, whose integrand is
 *       positive. In {@code s = ln(t/(1−t))} it is {@code exp ψ(s)} with
 *       {@code ψ = B ln t + (c−B) ln(1−t) − A ln(1−zt)}, unimodal with its maximum where
 *       {@code B u² + (By + Az − (c−B)) u − (c−B) y = 0}, {@code u = e^{−s}}, {@code y = 1−z}
 *       (passed separately so that {@code 1−z} keeps its relative accuracy). It is integrated by
 *       20-point Gauss–Legendre panels walking out of the maximum, each panel no wider than
 *       {@code 2/√|ψ''|} and {@code 4/|ψ'|} at both of its ends, twice the previous panel, and
 *       a bound that keeps the complex singularities of the integrand ({@code Re s = 0} and
 *       {@code Re s = −ln y}, at
 *       {@code Im s = ±π}) outside each panel's Bernstein ellipse; a side stops when the integrand
 *       and its exponential tail bound {@code e^ψ/|ψ'|} are below 1e-18 of the sum. ln B(B, c−B)
 *       is Hipparchus' {@code Beta.logBeta}, which stays accurate for large arguments. This
 *       handles integer and near-integer {@code c − a − b} (where the 1 − z transformation A&amp;S
 *       15.3.6 has cancelling poles, 15.3.10–12), large parameters (where series and recurrences
 *       lose accuracy) and {@code z → 1} alike; it costs a few hundred exponentials. This is the
 *       "direct quadrature of the Euler integral" of Pearson, Olver &amp; Porter, "Numerical
 *       methods for the computation of the confluent and Gauss hypergeometric functions",
 *       Numerical Algorithms 74 (2017), in a log-space, peak-centred form.
 *   <li>Otherwise ({@code c ≤ B}) and {@code z ≤ 1/2}: the same positive series without a term
 *       limit (it converges at least like 2^−n after its largest term).
 *   <li>Otherwise ({@code c ≤ B < c + 64}, {@code z > 1/2}): with {@code m = ⌊B − c⌋ + 1}
 *       (or one more, so that {@code c + m − B ≥ 1/2}),
 *       {@code F(a,b;c;z) = Σ_{j=0}^m C(m,j) (a)_j (b)_j z^j / ((c)_j (c+m)_j)
 *       F(a+j, b+j; c+m+j; z)}, which follows by iterating the contiguous relation
 *       {@code F(a,b;c;z) = F(a,b;c+1;z) + abz/(c(c+1)) F(a+1,b+1;c+2;z)} (itself immediate from
 *       the series: the coefficients of z^n differ by (a)_n (b)_n n/(n! c (c+1)_n)); every term
 *       is positive and every inner function has
 *       {@code c' > B'}, so it is evaluated by 2 or 3.
 *   <li>{@code z < 0} and {@code c} equal to a or b: {@code (1−z)^{−b}} or {@code (1−z)^{−a}}
 *       (A&amp;S 15.1.8).
 *   <li>{@code z < 0}: the series directly when its term ratios are provably at most 1/2 in
 *       absolute value ({@code R_0 ≤ 1/2} with {@code |z|}), so that the alternating sum cannot
 *       cancel by more than a factor 2; otherwise Pfaff's transformation (A&amp;S 15.3.4)
 *       {@code F(a,b;c;z) = (1−z)^{−B} F(B, c−A; c; w)} when {@code c > A}, else
 *       {@code (1−z)^{−A} F(A, c−B; c; w)}, with {@code w = −z/(1−z)} and {@code 1−w = 1/(1−z)}
 *       computed separately; this maps to {@code 0 < w < 1} with positive parameters, evaluated
 *       by 2 (the first form is preferred because its prefactor cancels less against the 2F1).
 *       When {@code c ≤ A} and {@code A ln(1−z) > 64}, where the prefactor of the second form
 *       would cancel against its 2F1 by many orders of magnitude (for example the P(alive at)
 *       arguments with x = 1e5), Euler's integral of 2 is applied at z itself (its integrand is
 *       positive for every {@code z < 1}).
 * </ol>
 *
 * <h2>Accuracy (measured)</h2>
 *
 * Against the 5,235-point reference grid {@code refgrid/hyp2f1.tsv.gz} (test resources; written
 * by {@code tools/refgrid/gen_hyp2f1.py} with mpmath 1.3.0 {@code hyp2f1} at 50 and 80 digits,
 * checked against mpmath quadrature of Euler's integral for parameters above 1e3, which replaced
 * it at 3 points where mpmath's hyp2f1 is wrong), covering the domain's corners, c − a − b integer
 * and
 * within 1e-8 and 1e-10 of an integer, a − b integer, parameters from 1e-8 to 2e5, z from −1e12 to
 * 1 − 1e-12, and the models' own argument sets including the examples: every point has
 * {@code |Δ ln F| ≤ max(1e-10, 16·κ·2⁻⁵³)}, κ the condition number of F with respect to its four
 * double arguments, i.e. that relative error of F. The largest absolute errors of {@code ln F}
 * seen, by region: parameters ≤ 1e3: 1.2e-13 for z ≤ 1/2, 4.6e-13 for 1/2 &lt; z ≤ 0.99,
 * 3.7e-12 for z &gt; 0.99; parameters up to 2e5 (where κ and ln F are large): 5.6e-12 for
 * −1 ≤ z &lt; 0, 5.9e-11 for z &lt; −1, 2.9e-11 for 0 ≤ z ≤ 1/2, 5.9e-11 for 1/2 &lt; z ≤ 0.99
 * and 4.7e-10 for z &gt; 0.99 (at most 0.11 of each point's tolerance). The sign is always right.
 *
 * <p>Stateless and thread-safe; {@link #logAbs} and {@link #logPositive} allocate nothing.
 */
public final class Hypergeometric {
  /** Smallest accepted a, b, c. */
  public static final double MIN_PARAMETER = 1e-8;
  /** Largest accepted a, b, c. */
  public static final double MAX_PARAMETER = 2e5;
  /** Smallest accepted z. */
  public static final double MIN_Z = -1e12;
  /** For z &gt; 1/2, c must exceed min(a, b) minus this. */
  public static final int MAX_DEFICIT = 64;

  private static final int SERIES_CAP = 2_000;
  /** Below this 1 − z the series needs more than SERIES_CAP terms (about 40/(1 − z)). */
  private static final double SERIES_MIN_Y = 0.02;
  private static final double SERIES_EPS = 0x1p-56;
  private static final double LN_SCALE = 600.0;
  private static final double SCALE = Math.exp(-LN_SCALE);
  private static final double BIG = Math.exp(LN_SCALE);
  private static final double TWO_PI = 2 * Math.PI;
  private static final double QUAD_EPS = 1e-18;
  /** Largest ln of Pfaff's prefactor accepted when c ≤ max(a, b) (beyond: Euler's integral). */
  private static final double PFAFF_MAX_LOG = 64;
  private static final int MAX_PANELS = 4000;
  private static final double[] GL_X = new double[10];
  private static final double[] GL_W = new double[10];

  static {
    // 20-point Gauss–Legendre nodes (positive half) and weights by Newton's method on P_20.
    int n = 20;
    for (int i = 0; i < 10; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int it = 0; it < 100; it++) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        dp = n * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / dp;
        x -= dx;
        if (Math.abs(dx) < 1e-17) {
          break;
        }
      }
      GL_X[i] = x;
      GL_W[i] = 2 / ((1 - x * x) * dp * dp);
    }
  }

  private Hypergeometric() {}

  /**
   * {@code 2F1(a, b; c; z)} (see the class javadoc for domain, method and accuracy); ±infinity
   * when the value exceeds the double range (use {@link #logAbs} then), 0 when it underflows.
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter
   * @param z argument
   * @return the value
   * @throws IllegalArgumentException outside the domain
   */
  public static double value(double a, double b, double c, double z) {
    double[] sign = new double[1];
    double l = logAbs(a, b, c, z, sign);
    return sign[0] * Math.exp(l);
  }

  /**
   * {@code ln |2F1(a, b; c; z)|}, with the sign written to {@code sign[0]}. Inside the domain the
   * function is positive (positive series terms for {@code z ≥ 0}; Pfaff's transformation to
   * positive parameters, or an alternating series bounded below by 1/2, for {@code z < 0}), so the
   * sign is always +1; the output is kept for callers written against the wider contract.
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter
   * @param z argument
   * @param sign output for the sign, may be null
   * @return the logarithm of the absolute value
   * @throws IllegalArgumentException outside the domain (see the class javadoc)
   */
  public static double logAbs(double a, double b, double c, double z, double[] sign) {
    check(a, b, c, z);
    if (sign != null) {
      sign[0] = 1;
    }
    return eval(a, b, c, z);
  }

  /**
   * {@code ln 2F1(a, b; c; z)} for {@code 0 ≤ z < 1} (inside the class's domain), where the
   * function is positive.
   *
   * @param a first numerator parameter
   * @param b second numerator parameter
   * @param c denominator parameter
   * @param z argument in {@code [0, 1)}
   * @return {@code ln 2F1(a, b; c; z)}
   * @throws IllegalArgumentException outside the domain or for {@code z < 0}
   */
  public static double logPositive(double a, double b, double c, double z) {
    if (!(z >= 0)) {
      throw new IllegalArgumentException("z must be >= 0 for logPositive, was " + z);
    }
    check(a, b, c, z);
    return eval(a, b, c, z);
  }

  private static void check(double a, double b, double c, double z) {
    checkParameter("a", a);
    checkParameter("b", b);
    checkParameter("c", c);
    if (!(z >= MIN_Z && z < 1)) {
      throw new IllegalArgumentException("z must be finite, >= -1e12 and < 1, was " + z);
    }
    double min = Math.min(a, b);
    if (z < 0 && !(c >= min)) {
      throw new IllegalArgumentException("c must be >= min(a, b) = " + min + " when z < 0 (z = "
          + z + "), was " + c);
    }
    if (z > 0.5 && !(c > min - MAX_DEFICIT)) {
      throw new IllegalArgumentException("c must be > min(a, b) - 64 = " + (min - MAX_DEFICIT)
          + " when z > 1/2 (z = " + z + "), was " + c);
    }
  }

  private static void checkParameter(String name, double v) {
    if (!(v >= MIN_PARAMETER && v <= MAX_PARAMETER)) {
      throw new IllegalArgumentException(
          name + " must be finite and in [1e-8, 2e5], was " + v);
    }
  }

  private static double eval(double a, double b, double c, double z) {
    if (z == 0) {
      return 0.0;
    }
    if (z > 0) {
      return positive(a, b, c, z, 1 - z);
    }
    if (c == a || c == b) { // A&S 15.1.8: 2F1(a, b; b; z) = (1 - z)^-a
      return -(c == a ? b : a) * Math.log1p(-z);
    }
    if (ratioBound(a, b, c, -z, 0) <= 0.5) {
      return logSeries(a, b, c, z, SERIES_CAP); // cannot fail: ratios <= 1/2
    }
    // Pfaff (A&S 15.3.4): (1-z)^-k F(k, c-l; c; w), w = -z/(1-z), {k, l} = {a, b}; keep the
    // smaller parameter as k when c exceeds the larger (less cancellation between the two logs)
    double big = Math.max(a, b);
    double small = Math.min(a, b);
    double keep = c > big ? small : big;
    double other = c > big ? big : small;
    double lp = Math.log1p(-z);
    if (keep * lp > PFAFF_MAX_LOG) {
      // (1-z)^-A would cancel against the 2F1 by more than e^64: Euler's integral at z itself
      return logEuler(a, b, c, z, 1 - z);
    }
    double w = -z / (1 - z);
    double y = 1 / (1 - z);
    return -keep * lp + positive(keep, c - other, c, w, y);
  }

  /** ln F for a, b, c &gt; 0, 0 &lt; z &lt; 1, y = 1 − z to full relative accuracy. */
  private static double positive(double a, double b, double c, double z, double y) {
    double l = y >= SERIES_MIN_Y ? logSeries(a, b, c, z, SERIES_CAP) : Double.NaN;
    if (!Double.isNaN(l)) {
      return l;
    }
    double min = Math.min(a, b);
    if (c > min) {
      return logEuler(a, b, c, z, y);
    }
    if (z <= 0.5) {
      return logSeries(a, b, c, z, Integer.MAX_VALUE);
    }
    // c <= min(a,b) < c + 64: sum of m + 1 positive terms with c' > min'
    // m >= 1 with c + m - min in [1/2, 3/2): every inner c + m + j clears min + j by at least 1/2
    // whatever the rounding (a smaller margin would leave c' - b' at a few ulps, or zero)
    int m = (int) Math.floor(min - c) + 1;
    if (c + m - min < 0.5) {
      m++;
    }
    double max = Double.NEGATIVE_INFINITY; // running log-sum-exp: sum = e^max * acc
    double acc = 0;
    double lk = 0;
    for (int j = 0; j <= m; j++) {
      double cj = c + m + j;
      double lj = y >= SERIES_MIN_Y ? logSeries(a + j, b + j, cj, z, SERIES_CAP) : Double.NaN;
      if (Double.isNaN(lj)) {
        lj = logEuler(a + j, b + j, cj, z, y);
      }
      double t = lk + lj;
      if (t > max) {
        acc = acc * Math.exp(max - t) + 1;
        max = t;
      } else {
        acc += Math.exp(t - max);
      }
      if (j < m) {
        lk += Math.log((double) (m - j) / (j + 1) * ((a + j) / (c + j)) * ((b + j) / (c + m + j))
            * z);
      }
    }
    return max + Math.log(acc);
  }

  /**
   * Bound on every term ratio |(a+k)(b+k)z/((c+k)(k+1))| for k ≥ n (az = |z|): each of the four
   * factors (a+k)/(c+k), (b+k)/(k+1), (a+k)/(k+1), (b+k)/(c+k) is monotone in k and tends to 1.
   */
  private static double ratioBound(double a, double b, double c, double az, int n) {
    double p1 = Math.max((a + n) / (c + n), 1) * Math.max((b + n) / (n + 1), 1);
    double p2 = Math.max((a + n) / (n + 1), 1) * Math.max((b + n) / (c + n), 1);
    return az * Math.min(p1, p2);
  }

  /**
   * ln of the Maclaurin series for a, b, c &gt; 0 and either 0 &lt; z &lt; 1 (positive terms) or
   * z &lt; 0 with all term ratios ≤ 1/2 in absolute value (then the sum is ≥ 1/2). Stops when
   * the bound t_n R_n/(1 − R_n) on the remainder is below 2⁻⁵⁶ of the sum; NaN if that has not
   * happened within {@code cap} terms.
   */
  private static double logSeries(double a, double b, double c, double z, int cap) {
    double az = Math.abs(z);
    double sum = 1;
    double term = 1;
    double logScale = 0;
    for (int n = 0; n < cap; ) {
      term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
      sum += term;
      n++;
      if (sum > BIG) {
        sum *= SCALE;
        term *= SCALE;
        logScale += LN_SCALE;
      }
      double at = Math.abs(term);
      if ((n & 7) == 0 || at <= SERIES_EPS * sum) {
        double r = ratioBound(a, b, c, az, n);
        if (r < 1 && at * r <= SERIES_EPS * sum * (1 - r)) {
          return logScale + Math.log(sum);
        }
      }
    }
    return Double.NaN;
  }

  /**
   * ψ(s) = B ln t + (c−B) ln(1−t) − A ln(1−zt), t = 1/(1+e^{−s}), from one exponential
   * e = e^{−|s|}: ln t = −(max(−s,0) + ln(1+e)), ln(1−t) = −(max(s,0) + ln(1+e)); 1 − zt is
   * log1p(−zt) when zt &lt; 1/2 and otherwise ln((1−t) + yt), a sum of non-negative terms.
   */
  private static double psi(double big, double small, double cb, double z, double y, double s) {
    double e = Math.exp(-Math.abs(s));
    double l = Math.log1p(e);
    double t;
    double tm;
    if (s >= 0) {
      t = 1 / (1 + e);
      tm = e * t;
    } else {
      tm = 1 / (1 + e);
      t = e * tm;
    }
    double zt = z * t;
    double l1mzt = zt < 0.5 ? Math.log1p(-zt) : Math.log(tm + y * t);
    return -small * (Math.max(-s, 0) + l) - cb * (Math.max(s, 0) + l) - big * l1mzt;
  }

  /**
   * ψ'(s) = B(1−t) − (c−B)t + A z t(1−t)/(1−zt) in {@code d[0]} and
   * ψ''(s) = −c t(1−t) + A z t(1−t)((1−t)² − y t²)/(1−zt)² in {@code d[1]}.
   */
  private static double psi1(double big, double small, double cb, double z, double y, double s,
      boolean second) {
    double e = Math.exp(-Math.abs(s));
    double t;
    double tm;
    if (s >= 0) {
      t = 1 / (1 + e);
      tm = e * t;
    } else {
      tm = 1 / (1 + e);
      t = e * tm;
    }
    double m = tm + y * t;
    if (second) {
      return -(small + cb) * t * tm + big * z * t * tm * (tm * tm - y * t * t) / (m * m);
    }
    return small * tm - cb * t + big * z * t * tm / m;
  }

  /** ln F by Euler's integral for a, b, c &gt; 0, c &gt; min(a, b), 0 &lt; z &lt; 1, y = 1 − z. */
  private static double logEuler(double a, double b, double c, double z, double y) {
    double big = Math.max(a, b);
    double small = Math.min(a, b);
    double cb = c - small;
    // maximum of psi: B u^2 + p u - q = 0, u = e^-s
    double p = small * y + big * z - cb;
    double q = cb * y;
    double disc = Math.sqrt(p * p + 4 * small * q);
    double u = p >= 0 ? 2 * q / (p + disc) : (disc - p) / (2 * small);
    double s0 = -Math.log(u);
    double p0 = psi(big, small, cb, z, y, s0);
    double sing = -Math.log(y); // Re s of the zero of 1 - zt; the other singularities: Re s = 0
    double total = 0;
    int panels = 0;
    for (int dir = 1; dir >= -1; dir -= 2) {
      double x = s0;
      double wPrev = Double.POSITIVE_INFINITY;
      while (true) {
        double d1 = psi1(big, small, cb, z, y, x, false);
        double d2 = psi1(big, small, cb, z, y, x, true);
        double w = Math.min(2 / Math.sqrt(Math.abs(d2)), 4 / Math.abs(d1));
        w = Math.min(w, 2 * wPrev);
        w = Math.min(w, singularityWidth(x, dir, 0.0));
        w = Math.min(w, singularityWidth(x, dir, sing));
        // the same limits at the panel's far end (psi can steepen fast, e.g. like -e^s)
        for (int k = 0; k < 200; k++) {
          double e = x + dir * w;
          double lim = Math.min(2 / Math.sqrt(Math.abs(psi1(big, small, cb, z, y, e, true))),
              4 / Math.abs(psi1(big, small, cb, z, y, e, false)));
          if (w <= lim) {
            break;
          }
          w = Math.max(w / 2, lim);
        }
        double mid = x + dir * w / 2;
        double hw = w / 2;
        double part = 0;
        for (int i = 0; i < 10; i++) {
          double dx = hw * GL_X[i];
          part += GL_W[i] * (Math.exp(psi(big, small, cb, z, y, mid + dx) - p0)
              + Math.exp(psi(big, small, cb, z, y, mid - dx) - p0));
        }
        total += part * hw;
        x += dir * w;
        wPrev = w;
        double fx = Math.exp(psi(big, small, cb, z, y, x) - p0);
        double g = psi1(big, small, cb, z, y, x, false) * dir;
        if (g < 0 && fx <= QUAD_EPS * total && fx <= QUAD_EPS * total * -g) {
          break;
        }
        if (++panels > MAX_PANELS) {
          throw new IllegalStateException("2F1 quadrature did not converge for a=" + a + ", b="
              + b + ", c=" + c + ", z=" + z);
        }
      }
    }
    return p0 + Math.log(total) - Beta.logBeta(small, cb);
  }

  /**
   * Widest panel from x in direction dir that keeps a singularity at Re s = sr, Im s = ±π out of
   * the panel's Bernstein ellipse with ρ ≥ 2.4 (20-point rule error ≲ ρ^-40): 2π when it is near,
   * otherwise half its distance ahead or its whole distance behind.
   */
  private static double singularityWidth(double x, int dir, double sr) {
    double d = (sr - x) * dir;
    return Math.max(TWO_PI, d > 0 ? d / 2 : -d);
  }
}
