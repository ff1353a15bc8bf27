package dev.retention.clv;

import dev.retention.internal.GammaRatios;
import dev.retention.internal.Hypergeometric;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Shared implementation of {@link BgNbdModel} (shift 0) and {@link MbgNbdModel} (shift 1: the
 * MBG/NBD replaces b + x − 1 by b + x and B(a, b+x) by B(a, b+x+1) throughout, and applies the
 * second likelihood term and P(alive) &lt; 1 also at x = 0). Formulas as documented for BG/NBD:
 *
 * <p>The BG/NBD model (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way: An Alternative
 * to the Pareto/NBD Model", Marketing Science 24(2), 2005): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b).
 *
 * <p>Formulas (FHL 2005 equations 6, 8, 9, 10 and appendix), with
 * {@code A_1 = −(r+x) ln(α+T)} and {@code A_2 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)} (x &gt; 0):
 *
 * <ul>
 *   <li>log-likelihood: {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) +
 *       ln(e^{A_1} + [x>0] e^{A_2})}, evaluated with log-sum-exp;
 *   <li>P(alive) = {@code 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^{r+x})};
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · {@code (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x}
 *       2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]}; the bracket is evaluated in log space with
 *       {@link Hypergeometric}; for {@code t/(α+T)} small the equivalent alternating series
 *       {@code Σ_{n≥1} (−1)^{n+1} (r+x)_n (a)_{n−1} τ^n / ((a+b+x)_{n−1} n!)} (our derivation by
 *       Pfaff's transformation, no pole at a = 1) is used, and near a = 1 (where the closed form has
 *       a removable singularity) a cubic through a = 1 ± 1e-3, 1 ± 2e-3;
 *   <li>E[X(t)] is the same with x = 0, T = 0 and P(alive) = 1 (FHL eq. 7);
 *   <li>P(X(t) = n): FHL eq. 8, the second term's bracket as the regularized incomplete beta
 *       {@code I_{t/(α+t)}(n, r)} (the negative-binomial tail) to avoid cancellation;
 *   <li>P(alive at T+t) = P(alive) · {@code 2F1(r+x, a; a+b+x; −t/(α+T))}: given alive at T the
 *       posterior is λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x), and a customer survives (T, T+t] with
 *       probability e^{−λpt} (purchases thinned by p); the Beta integral is Euler's integral for
 *       2F1 (our derivation).
 * </ul>
 *
 * <p>Fitting: maximum likelihood with the analytic gradient, on identical (x, t_x, T) patterns
 * merged with weights and Gamma-function ratios computed once per distinct x per step. Checked
 * against FHL 2005 on CDNOW (r = 0.2426, α = 4.4135, a = 0.7929, b = 2.4258, LL = −9582.43).
 *
 * <p>Immutable and thread-safe.
 */
abstract class AbstractBetaGeoModel extends AbstractCustomerBaseModel {
  static final List<String> NAMES = List.of("r", "alpha", "a", "b");
  private static final double NEAR_ONE = 1e-3;

  final double r;
  final double alpha;
  final double a;
  final double b;
  final double lnAlpha;
  /** 0 for BG/NBD; 1 for MBG/NBD, where customers may also drop out at time 0. */
  final int shift;

  AbstractBetaGeoModel(double r, double alpha, double a, double b, ModelTimeUnit unit,
      ModelFit fit, int shift) {
    super(unit, fit);
    this.shift = shift;
    this.r = checkParameter("r", r);
    this.alpha = checkParameter("alpha", alpha);
    this.a = checkParameter("a", a);
    this.b = checkParameter("b", b);
    this.lnAlpha = Math.log(alpha);
  }

  /** @return r */
  public double r() {
    return r;
  }

  /** @return alpha, per {@link #timeUnit()} */
  public double alpha() {
    return alpha;
  }

  /** @return a */
  public double a() {
    return a;
  }

  /** @return b */
  public double b() {
    return b;
  }


  // ---------------------------------------------------------------- single customer

  @Override
  public double logLikelihood(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    double c = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * lnAlpha
        + Beta.logBeta(a, b + x + shift) - Beta.logBeta(a, b);
    double a1 = -(r + x) * Math.log(alpha + age);
    if (x + shift == 0) {
      return c + a1;
    }
    double a2 = Math.log(a) - Math.log(b + x - 1 + shift) - (r + x) * Math.log(alpha + tx);
    return c + logAddExp(a1, a2);
  }

  @Override
  public double probabilityAlive(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    return pAlive(x, tx, age);
  }

  final double pAlive(int x, double tx, double age) {
    if (x + shift == 0) {
      return 1.0;
    }
    double l = Math.log(a / (b + x - 1 + shift)) + (r + x) * Math.log1p((age - tx) / (alpha + tx));
    return 1.0 / (1.0 + Math.exp(l));
  }

  @Override
  public double probabilityAliveAt(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    double p = pAlive(x, tx, age);
    if (t == 0 || p == 0) {
      return p;
    }
    double l = Hypergeometric.logAbs(r + x, a, a + b + x + shift, -t / (alpha + age), null);
    return p * Math.min(1.0, Math.exp(l));
  }

  @Override
  public double conditionalExpectedPurchases(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return pAlive(x, tx, age) * expectedIfAlive(r + x, a, b + x + shift, t / (alpha + age));
  }

  @Override
  public double expectedPurchases(double t) {
    checkTime("t", t);
    return pAlive(0, 0, 0) * expectedIfAlive(r, a, b + shift, t / alpha);
  }

  @Override
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkTime("t", t);
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double lb = Beta.logBeta(a, b);
    double q = t / (alpha + t);
    // FHL 2005 eq. 8, first term: B(a,b+n)/B(a,b) * NBD(n; r, alpha/(alpha+t))
    double l1 = Beta.logBeta(a, b + n + shift) - lb + Gamma.logGamma(r + n) - Gamma.logGamma(r)
        - Gamma.logGamma(n + 1.0) + r * Math.log(alpha / (alpha + t)) + n * Math.log(q);
    double p = Math.exp(l1);
    if (n + shift > 0) {
      // second term: B(a+1, b+n-1+shift)/B(a,b) * P(NBD >= n) = ... * I_q(n, r), tail(0) = 1
      double tail = n == 0 ? 1.0 : Beta.regularizedBeta(q, n, r);
      p += Math.exp(Beta.logBeta(a + 1, b + n - 1 + shift) - lb) * tail;
    }
    return Math.min(1.0, p);
  }

  /**
   * E[Y(t) | alive at T] with R = r + x, bx = b + x, tau = t/(alpha + T).
   */
  static double expectedIfAlive(double rr, double a, double bx, double tau) {
    if (tau == 0) {
      return 0.0;
    }
    double cp = a + bx - 1;
    if (tau * Math.max(1.0, a) * Math.max(1.0, (rr + 1) / (cp + 1)) <= 0.25) {
      return seriesIfAlive(rr, a, cp, tau);
    }
    if (Math.abs(a - 1) < NEAR_ONE) {
      // removable singularity at a = 1: cubic through a = 1 +- h, 1 +- 2h
      double h = NEAR_ONE;
      double e = a - 1;
      // nodes on both sides of a = 1 unless one would put a + b + x - 1 near its own pole at 0
      double[] us = bx < 3 * h ? new double[] {h, 2 * h, 3 * h, 4 * h}
          : new double[] {-2 * h, -h, h, 2 * h};
      double v = 0;
      for (int i = 0; i < 4; i++) {
        double li = 1;
        for (int j = 0; j < 4; j++) {
          if (j != i) {
            li *= (e - us[j]) / (us[i] - us[j]);
          }
        }
        v += li * closedIfAlive(rr, 1 + us[i], bx, tau);
      }
      return Math.max(0.0, v);
    }
    if (Math.abs(cp) < NEAR_ONE) {
      // removable singularity at a + b + x - 1 = 0 (x = 0, a + b = 1): cubic in b
      double h = NEAR_ONE;
      double[] us = {-2 * h, -h, h, 2 * h};
      double v = 0;
      for (int i = 0; i < 4; i++) {
        double li = 1;
        for (int j = 0; j < 4; j++) {
          if (j != i) {
            li *= (cp - us[j]) / (us[i] - us[j]);
          }
        }
        v += li * closedIfAlive(rr, a, bx - cp + us[i], tau);
      }
      return Math.max(0.0, v);
    }
    return Math.max(0.0, closedIfAlive(rr, a, bx, tau));
  }

  private static double seriesIfAlive(double rr, double a, double cp, double tau) {
    double term = rr * tau;
    double sum = 0;
    for (int n = 1; n < 100_000; n++) {
      sum += term;
      term *= -(rr + n) * (a + n - 1) * tau / ((cp + n) * (n + 1));
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return Math.max(0.0, sum);
  }

  private static double closedIfAlive(double rr, double a, double bx, double tau) {
    double cp = a + bx - 1;
    double z = tau / (1 + tau);
    double[] sign = new double[1];
    double l = -rr * Math.log1p(tau) + Hypergeometric.logAbs(rr, bx, cp, z, sign);
    double bracket = sign[0] > 0 ? -Math.expm1(l) : 1 + Math.exp(l);
    return cp / (a - 1) * bracket;
  }

  static double logAddExp(double u, double v) {
    return u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
  }

  // ---------------------------------------------------------------- vectorised

  /** ln(a / (b + x − 1 + shift)) for small x, per scoring task (allocation outside the loop). */
  private double[] logOddsTable() {
    double[] t = new double[256];
    for (int x = 0; x < t.length; x++) {
      t[x] = x + shift == 0 ? 0 : Math.log(a / (b + x - 1 + shift));
    }
    return t;
  }

  private double pAliveFast(int x, double tx, double age, double[] logOdds) {
    if (x + shift == 0) {
      return 1.0;
    }
    double lo = x < logOdds.length ? logOdds[x] : Math.log(a / (b + x - 1 + shift));
    return 1.0 / (1.0 + Math.exp(lo + (r + x) * Math.log1p((age - tx) / (alpha + tx))));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The hypergeometric part of E[Y(t)] depends on (x, T) only; it is computed once per
   * distinct (x, T) pair of the range ({@link PatternCache}) and P(alive) per row.
   */
  @Override
  void scoreRange(int[] x, double[] tx, double[] age, int from, int to, double t,
      double[] pAlive, double[] expected) {
    double[] logOdds = logOddsTable();
    PatternCache cache = expected == null ? null : new PatternCache(1, Math.min(to - from, 4096));
    for (int i = from; i < to; i++) {
      int xi = x[i];
      double ti = age[i];
      double p = pAliveFast(xi, tx[i], ti, logOdds);
      if (pAlive != null) {
        pAlive[i] = p;
      }
      if (expected != null) {
        int slot = cache.lookup(xi, ti);
        double h;
        if (slot >= 0) {
          h = cache.values()[slot];
        } else {
          h = expectedIfAlive(r + xi, a, b + xi + shift, t / (alpha + ti));
          if (slot != Integer.MIN_VALUE) {
            cache.values()[-(slot + 1)] = h;
          }
        }
        expected[i] = p * h;
      }
    }
  }

  @Override
  Object newCumulativeState(int horizons, int expectedRows) {
    return new PatternCache(horizons, Math.min(expectedRows, 4096));
  }

  @Override
  void cumulativeRange(int[] x, double[] tx, double[] age, int from, int to, double[] times,
      double[] out, int outOffset, Object state) {
    int k = times.length;
    double[] logOdds = logOddsTable();
    PatternCache cache = (PatternCache) state;
    for (int i = from; i < to; i++) {
      int xi = x[i];
      double ti = age[i];
      double p = pAliveFast(xi, tx[i], ti, logOdds);
      int slot = cache.lookup(xi, ti);
      double den = alpha + ti;
      if (slot >= 0) {
        double[] v = cache.values();
        int o = slot * k;
        for (int j = 0; j < k; j++) {
          out[outOffset + (i - from) * k + j] = p * v[o + j];
        }
      } else {
        boolean store = slot != Integer.MIN_VALUE;
        int o = -(slot + 1) * k;
        for (int j = 0; j < k; j++) {
          double h = expectedIfAlive(r + xi, a, b + xi + shift, times[j] / den);
          if (store) {
            cache.values()[o + j] = h;
          }
          out[outOffset + (i - from) * k + j] = p * h;
        }
      }
    }
  }

  @Override
  public String toString() {
    return name() + "{r=" + r + ", alpha=" + alpha + ", a=" + a + ", b=" + b + ", unit=" + unit
        + "}";
  }

  // ---------------------------------------------------------------- likelihood

  /** (M)BG/NBD log-likelihood over patterns with analytic gradient (not thread-safe: scratch). */
  static final class Likelihood extends PatternLikelihood {
    private final int shift;
    private final int[] shiftedX;
    private final double[] lgR;
    private final double[] dgR;
    private final double[] lgB;
    private final double[] dgB;
    private final double[] lgAb;
    private final double[] dgAb;
    private final double[] lnAlphaT;
    private final double[] lnBx;

    Likelihood(Patterns p, ModelTimeUnit unit, int shift) {
      super(p, unit);
      this.shift = shift;
      int m = p.distinctX.length;
      shiftedX = new int[m];
      for (int j = 0; j < m; j++) {
        shiftedX[j] = p.distinctX[j] + shift;
      }
      lgR = new double[m];
      dgR = new double[m];
      lgB = new double[m];
      dgB = new double[m];
      lgAb = new double[m];
      dgAb = new double[m];
      lnAlphaT = new double[p.distinctTimes.length];
      lnBx = new double[m];
    }

    @Override
    public String modelName() {
      return shift == 0 ? "BG/NBD" : "MBG/NBD";
    }

    @Override
    public List<String> parameterNames() {
      return NAMES;
    }

    @Override
    public double[] startingPoint() {
      // r = 1, alpha from the mean purchase rate (mean x + 1)/mean T, a = b = 1: deterministic.
      double[] m = p.moments();
      double alpha0 = Math.max(1e-3, m[1] / (m[0] + 1));
      return new double[] {1.0, alpha0, 1.0, 1.0};
    }

    @Override
    public double logLikelihood(double[] q, double[] g) {
      double r = q[0];
      double alpha = q[1];
      double a = q[2];
      double b = q[3];
      int[] ux = p.distinctX;
      GammaRatios.fill(r, ux, lgR, dgR);
      GammaRatios.fill(b, shiftedX, lgB, dgB);
      GammaRatios.fill(a + b, shiftedX, lgAb, dgAb);
      double lnA = Math.log(a);
      double lnAlpha = Math.log(alpha);
      // logarithms once per distinct time and per distinct x, not per pattern
      double[] times = p.distinctTimes;
      for (int k = 0; k < times.length; k++) {
        lnAlphaT[k] = Math.log(alpha + times[k]);
      }
      for (int k = 0; k < ux.length; k++) {
        lnBx[k] = ux[k] + shift == 0 ? 0 : Math.log(b + ux[k] - 1 + shift);
      }
      double ll = 0;
      double gr = 0;
      double gAlpha = 0;
      double ga = 0;
      double gb = 0;
      int n = p.size;
      int[] xs = p.x;
      int[] xi = p.xIndex;
      int[] ti = p.ageIndex;
      int[] txi = p.txIndex;
      double[] tx = p.tx;
      double[] age = p.age;
      double[] w = p.weight;
      for (int i = 0; i < n; i++) {
        int x = xs[i];
        int j = xi[i];
        double wi = w[i];
        double rx = r + x;
        double at = alpha + age[i];
        double lnAt = lnAlphaT[ti[i]];
        double a1 = -rx * lnAt;
        double c = lgR[j] + r * lnAlpha + lgB[j] - lgAb[j];
        double p1;
        double p2;
        double lnAtx = 0;
        double atx = 1;
        double li;
        if (x + shift == 0) {
          li = c + a1;
          p1 = 1;
          p2 = 0;
        } else {
          atx = alpha + tx[i];
          lnAtx = lnAlphaT[txi[i]];
          double a2 = lnA - lnBx[j] - rx * lnAtx;
          double d = a2 - a1;
          if (d > 0) {
            double e = Math.exp(-d);
            li = c + a2 + Math.log1p(e);
            p2 = 1 / (1 + e);
            p1 = e * p2;
          } else {
            double e = Math.exp(d);
            li = c + a1 + Math.log1p(e);
            p1 = 1 / (1 + e);
            p2 = e * p1;
          }
        }
        ll += wi * li;
        if (g != null) {
          gr += wi * (dgR[j] + lnAlpha - p1 * lnAt - p2 * lnAtx);
          gAlpha += wi * (r / alpha - rx * (p1 / at + (x + shift == 0 ? 0 : p2 / atx)));
          ga += wi * (-dgAb[j] + p2 / a);
          gb += wi * (dgB[j] - dgAb[j] - (x + shift == 0 ? 0 : p2 / (b + x - 1 + shift)));
        }
      }
      if (g != null) {
        g[0] = gr;
        g[1] = gAlpha;
        g[2] = ga;
        g[3] = gb;
      }
      return ll;
    }
  }
}
