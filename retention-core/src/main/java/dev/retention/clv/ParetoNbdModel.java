package dev.retention.clv;

import dev.retention.internal.GammaRatios;
import dev.retention.internal.Hypergeometric;
import dev.retention.internal.LikelihoodObjective;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Gamma;

/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo, "Counting Your Customers: Who Are They
 * and What Will They Do Next?", Management Science 33(1), 1987): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α) and has an exponential lifetime with rate
 * μ ~ Gamma(s, β).
 *
 * <p>Likelihood (Fader &amp; Hardie, "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", 2005, eq. 22–23, written through the integral it comes from):
 * {@code L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^{−(r+x)} (β+T)^{−s} + s (G(t_x) − G(T)) ]} with
 * {@code G(t) = ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ
 * = (m+t)^{−(r+s+x)} 2F1(r+s+x, B; r+s+x+1; |α−β|/(m+t)) / (r+s+x)}, where m = max(α, β) and
 * B = s+1 if α ≥ β, B = r+x otherwise (the note's two cases). The 2F1 is summed as the series
 * {@code Σ (B)_n z^n / (n! (A+n))} in log space with running rescaling, together with its
 * derivatives in A, B and z, so the gradient is analytic; where that series would be long (z near
 * 1 with large B) {@link Hypergeometric} (with its 1 − z transformation) gives the value and
 * central differences the A, B derivatives. Everything is combined with log-sum-exp, so the
 * likelihood never overflows.
 *
 * <p>Predictions (FH 2005 note; Fader, Hardie &amp; Lee 2005 "RFM and CLV"):
 * <ul>
 *   <li>P(alive) = {@code (α+T)^{−(r+x)}(β+T)^{−s} / [ … ]} (the first bracket term's share);
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · {@code (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]},
 *       evaluated as {@code −expm1(−(s−1)·ln(1 + t/(β+T)))/(s−1)}, which tends to
 *       {@code ln(1 + t/(β+T))} at s = 1 without a pole;
 *   <li>E[X(t)] = {@code rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}]}, same treatment;
 *   <li>P(alive at T+t) = P(alive) · {@code ((β+T)/(β+T+t))^s};
 *   <li>DERT (discounted expected residual transactions, continuous discount rate δ per unit):
 *       {@code P(alive) · (r+x)/(α+T) · E[1/(δ+μ)]}, μ ~ Gamma(s, β+T) the posterior of the
 *       dropout rate of a live customer (FHL 2005 "RFM and CLV", eq. 2, written through the
 *       expectation); the expectation {@code ∫_0^∞ e^{−δu} (1 + u/(β+T))^{−s} du} is integrated
 *       numerically (see {@link #dert}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ParetoNbdModel extends AbstractCustomerBaseModel {
  static final List<String> NAMES = List.of("r", "alpha", "s", "beta");

  private final double r;
  private final double alpha;
  private final double s;
  private final double beta;

  private ParetoNbdModel(double r, double alpha, double s, double beta, ModelTimeUnit unit,
      ModelFit fit) {
    super(unit, fit);
    this.r = checkParameter("r", r);
    this.alpha = checkParameter("alpha", alpha);
    this.s = checkParameter("s", s);
    this.beta = checkParameter("beta", beta);
  }

  /**
   * A model with given parameters.
   *
   * @param r purchase-rate gamma shape
   * @param alpha purchase-rate gamma rate per {@code unit}
   * @param s dropout-rate gamma shape
   * @param beta dropout-rate gamma rate per {@code unit}
   * @param unit the time unit
   * @return the model
   */
  public static ParetoNbdModel of(double r, double alpha, double s, double beta,
      ModelTimeUnit unit) {
    return new ParetoNbdModel(r, alpha, s, beta, unit, null);
  }

  /**
   * Fits by maximum likelihood with default options.
   *
   * @param data calibration data
   * @return the fitted model
   * @throws ModelFitException when the fit fails
   */
  public static ParetoNbdModel fit(RecencyFrequencyData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits by maximum likelihood.
   *
   * @param data calibration data
   * @param options fit options
   * @return the fitted model
   * @throws ModelFitException when the fit fails
   */
  public static ParetoNbdModel fit(RecencyFrequencyData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    if (data.size() == 0) {
      throw new ModelFitException("Pareto/NBD", "no customers", data.summary());
    }
    ModelFit f = MaximumLikelihood.fit(new Likelihood(Patterns.of(data), data.timeUnit()),
        options);
    return new ParetoNbdModel(f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3),
        data.timeUnit(), f);
  }

  static LikelihoodObjective likelihood(RecencyFrequencyData data) {
    return new Likelihood(Patterns.of(data), data.timeUnit());
  }

  /** @return r */
  public double r() {
    return r;
  }

  /** @return alpha */
  public double alpha() {
    return alpha;
  }

  /** @return s */
  public double s() {
    return s;
  }

  /** @return beta */
  public double beta() {
    return beta;
  }

  @Override
  public String name() {
    return "Pareto/NBD";
  }

  // ------------------------------------------------------------------ the G integral

  /**
   * ln G(t) with G(t) = ∫_t^∞ (α+τ)^−p (β+τ)^−q dτ, p = r + x, q = s + 1; when {@code d} is not
   * null its partial derivatives in (r, α, s, β) are written to d[0..3].
   *
   * <p>With m = max(α, β) + t, o = min(α, β) + t, z = (m − o)/m, A = p + q − 1, and (e_m, e_o)
   * the exponents of the factors with the larger and smaller shift: G = m^−A (1−z)^(1−e_o)
   * 2F1(1, e_m; A+1; z) / A (the note's 2F1 after Euler's transformation A&amp;S 15.3.3). That
   * series has positive terms with ratio below z, so it is summed directly (with its derivatives
   * in e_m, A and z) for z ≤ 0.999; beyond, G is integrated numerically ({@link #logGQuadrature}).
   */
  static double logG(double p, double q, double alpha, double beta, double t, double[] d) {
    return logG(p, q, alpha, beta, t, Math.log(alpha + t), Math.log(beta + t),
        Math.log(p + q - 1), d);
  }

  /** {@link #logG(double, double, double, double, double, double[])} with the logarithms of
   * α + t, β + t and A = p + q − 1 supplied by the caller (tables in the likelihood). */
  static double logG(double p, double q, double alpha, double beta, double t, double lnAlphaT,
      double lnBetaT, double lnAa, double[] d) {
    boolean alphaBase = alpha >= beta;
    double base = (alphaBase ? alpha : beta) + t;
    double other = (alphaBase ? beta : alpha) + t;
    double em = alphaBase ? p : q;
    double eo = alphaBase ? q : p;
    double aa = p + q - 1;
    double z = (base - other) / base;
    double lnBase = alphaBase ? lnAlphaT : lnBetaT;
    double ln1mz = (alphaBase ? lnBetaT : lnAlphaT) - lnBase;
    if (z > 0.999) {
      return logGQuadrature(p, q, alpha, beta, t, d);
    }
    // S = sum_n prod_{k<n} (em+k)/(A+1+k) z^n, with dS/dem, dS/dA, dS/dz (relative to S)
    double c = 1.0;
    double sum = 1.0;
    double sumE = 0.0;
    double sumA = 0.0;
    double sumZ = 0.0;
    double hE = 0.0;
    double hA = 0.0;
    if (z > 0) {
      for (int n = 1; n < 10_000_000; n++) {
        double ek = em + n - 1;
        double ak = aa + n;
        hE += 1.0 / ek;
        hA += 1.0 / ak;
        c *= ek / ak * z;
        sum += c;
        if (d != null) {
          sumE += c * hE;
          sumA -= c * hA;
          sumZ += c * n;
        }
        if (c <= 1e-17 * sum) {
          break;
        }
      }
      sumZ /= z;
    }
    if (d != null) {
      double sE = sumE / sum;
      double sA = sumA / sum;
      double sZ = sumZ / sum;
      // ln G = -A ln(base) - ln A + (1 - eo) ln(1 - z) + ln S
      double common = -lnBase - 1.0 / aa + sA; // d/dA
      // dz/d(base shift) and dz/d(other shift): z = 1 - other/base
      double dzBase = other / (base * base);
      double dzOther = -1.0 / base;
      // d ln(1-z)/dz = -1/(1-z)
      double dLn1mz = -1.0 / (1 - z);
      double zPart = sZ + (1 - eo) * dLn1mz;
      double dBase = -aa / base + zPart * dzBase;
      double dOther = zPart * dzOther;
      if (alphaBase) {
        // em = p (r), eo = q (s)
        d[0] = common + sE;
        d[2] = common - ln1mz;
        d[1] = dBase;
        d[3] = dOther;
      } else {
        // em = q (s), eo = p (r)
        d[0] = common - ln1mz;
        d[2] = common + sE;
        d[3] = dBase;
        d[1] = dOther;
      }
    }
    return -aa * lnBase - lnAa + (1 - eo) * ln1mz + Math.log(sum);
  }

  /**
   * ln G(t) by quadrature for z &gt; 0.999 (one shift more than a thousand times the other):
   * G = o^−A ∫_0^∞ e^{−A v} (1 + w e^{−v})^{−e_m} dv with w = (m − o)/o (substitution
   * u = o/(o_shift + τ) = e^{−v}, our derivation). The log-integrand is concave with a bend at
   * v = ln w of width about 1/sqrt(e_m); 32-point Gauss–Legendre panels are placed geometrically
   * on both sides of the bend and summed after scaling by the largest term. Derivatives by
   * central differences (1e-6 relative) of this function. Slow (thousands of exponentials), used
   * only in that extreme corner.
   */
  static double logGQuadrature(double p, double q, double alpha, double beta, double t,
      double[] d) {
    double v = logGQuad(p, q, alpha, beta, t);
    if (d != null) {
      double[] x = {p, alpha, q, beta};
      for (int i = 0; i < 4; i++) {
        double h = 1e-6 * x[i];
        double[] up = x.clone();
        double[] dn = x.clone();
        up[i] += h;
        dn[i] -= h;
        d[i] = (logGQuad(up[0], up[2], up[1], up[3], t) - logGQuad(dn[0], dn[2], dn[1], dn[3], t))
            / (2 * h);
      }
    }
    return v;
  }

  private static double logGQuad(double p, double q, double alpha, double beta, double t) {
    boolean alphaBase = alpha >= beta;
    double base = (alphaBase ? alpha : beta) + t;
    double other = (alphaBase ? beta : alpha) + t;
    double em = alphaBase ? p : q;
    double aa = p + q - 1;
    double lnW = Math.log((base - other) / other);
    double width = 1.0 / Math.sqrt(em + 1);
    double hi = lnW + 60.0 / aa + 10 * width;
    // panel edges: geometric steps away from lnW on both sides
    double[] edges = new double[128];
    int ne = 0;
    double lo = 0;
    java.util.ArrayList<Double> left = new java.util.ArrayList<>();
    for (double step = width; lnW - step > lo; step *= 2) {
      left.add(lnW - step);
    }
    edges[ne++] = lo;
    for (int i = left.size() - 1; i >= 0; i--) {
      edges[ne++] = left.get(i);
    }
    edges[ne++] = Math.max(lo, lnW);
    for (double step = width; lnW + step < hi && ne < edges.length - 1; step *= 2) {
      edges[ne++] = lnW + step;
    }
    edges[ne++] = hi;
    double[] logs = new double[(ne - 1) * GaussLegendre.size()];
    double[] wts = new double[logs.length];
    double max = Double.NEGATIVE_INFINITY;
    int k = 0;
    for (int e = 0; e + 1 < ne; e++) {
      double a = edges[e];
      double b = edges[e + 1];
      if (b <= a) {
        continue;
      }
      for (int i = 0; i < GaussLegendre.size(); i++) {
        double vv = GaussLegendre.node(a, b, i);
        double l = -aa * vv - em * logAddExpOne(lnW - vv);
        logs[k] = l;
        wts[k] = GaussLegendre.weight(a, b, i);
        max = Math.max(max, l);
        k++;
      }
    }
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += wts[i] * Math.exp(logs[i] - max);
    }
    return -aa * Math.log(other) + max + Math.log(sum);
  }

  /** ln(1 + e^u) without overflow. */
  private static double logAddExpOne(double u) {
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  /**
   * ln of the bracket [M + s(G(t_x) − G(T))] and ln M, into out[0], out[1]; gradient of the ln
   * bracket into g (may be null).
   */
  static void logBracket(int x, double tx, double age, double r, double alpha, double s,
      double beta, double[] out, double[] g, double[] d1, double[] d2) {
    logBracket(x, tx, age, r, alpha, s, beta, Math.log(alpha + age), Math.log(beta + age),
        Math.log(alpha + tx), Math.log(beta + tx), Math.log(r + s + x), out, g, d1, d2);
  }

  /** As above with the logarithms supplied (tables in the likelihood). */
  static void logBracket(int x, double tx, double age, double r, double alpha, double s,
      double beta, double lnAt, double lnBt, double lnAtx, double lnBtx, double lnAa,
      double[] out, double[] g, double[] d1, double[] d2) {
    double p = r + x;
    double lnM = -p * lnAt - s * lnBt;
    double lnB;
    if (tx == age) {
      lnB = lnM;
      if (g != null) {
        g[0] = -lnAt;
        g[1] = -p / (alpha + age);
        g[2] = -lnBt;
        g[3] = -s / (beta + age);
      }
    } else {
      double l1 = logG(p, s + 1, alpha, beta, tx, lnAtx, lnBtx, lnAa, d1);
      double l2 = logG(p, s + 1, alpha, beta, age, lnAt, lnBt, lnAa, d2);
      double lnS = Math.log(s);
      double omu = -Math.expm1(l2 - l1); // 1 - G(T)/G(t_x), in (0, 1]
      double v = lnS + l1 - lnM;
      double wM;
      double w1;
      double w2;
      double wD;
      if (v < 700) {
        // bracket = M (1 + R), R = e^v (1 - e^u): three transcendental calls instead of seven
        double ev = Math.exp(v);
        double rr = ev * omu;
        lnB = lnM + Math.log1p(rr);
        wM = 1 / (1 + rr);
        w1 = ev * wM;
        w2 = w1 * (1 - omu);
        wD = w1 * omu / s;
      } else {
        double lnD = l1 + Math.log(omu);
        lnB = BgNbdModel.logAddExp(lnM, lnS + lnD);
        wM = Math.exp(lnM - lnB);
        w1 = Math.exp(lnS + l1 - lnB);
        w2 = Math.exp(lnS + l2 - lnB);
        wD = Math.exp(lnD - lnB);
      }
      if (g != null) {
        g[0] = wM * -lnAt + w1 * d1[0] - w2 * d2[0];
        g[1] = wM * (-p / (alpha + age)) + w1 * d1[1] - w2 * d2[1];
        g[2] = wM * -lnBt + w1 * d1[2] - w2 * d2[2] + wD;
        g[3] = wM * (-s / (beta + age)) + w1 * d1[3] - w2 * d2[3];
      }
    }
    out[0] = lnB;
    out[1] = lnM;
  }

  // ------------------------------------------------------------------ single customer

  @Override
  public double logLikelihood(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    double[] out = new double[2];
    logBracket(x, tx, age, r, alpha, s, beta, out, null, null, null);
    return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
        + out[0];
  }

  @Override
  public double probabilityAlive(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    return pAlive(x, tx, age, new double[2]);
  }

  private double pAlive(int x, double tx, double age, double[] scratch) {
    if (tx == age) {
      return 1.0;
    }
    logBracket(x, tx, age, r, alpha, s, beta, scratch, null, null, null);
    return Math.min(1.0, Math.exp(scratch[1] - scratch[0]));
  }

  /** (1 − e^{−eps·L}) / eps, tending to L as eps → 0 (no pole at s = 1). */
  static double oneMinusExpOver(double eps, double l) {
    double u = eps * l;
    if (Math.abs(u) < 1e-8) {
      return l * (1 - 0.5 * u);
    }
    return -Math.expm1(-u) / eps;
  }

  private double expectedIfAlive(int x, double age, double t) {
    if (t == 0) {
      return 0.0;
    }
    double bt = beta + age;
    return (r + x) / (alpha + age) * bt * oneMinusExpOver(s - 1, Math.log1p(t / bt));
  }

  @Override
  public double probabilityAliveAt(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return pAlive(x, tx, age, new double[2]) * Math.exp(-s * Math.log1p(t / (beta + age)));
  }

  @Override
  public double conditionalExpectedPurchases(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return pAlive(x, tx, age, new double[2]) * expectedIfAlive(x, age, t);
  }

  @Override
  public double expectedPurchases(double t) {
    checkTime("t", t);
    return expectedIfAlive(0, 0, t);
  }

  /**
   * P(X(t) = n) for a new customer: the customer is alive through (0, t] with n purchases, or
   * dies at τ &lt; t after n purchases:
   * {@code NB(n; r, α/(α+t)) (β/(β+t))^s + ∫_0^t s β^s (β+τ)^{−s−1} NB(n; r, α/(α+τ)) dτ},
   * with NB the negative-binomial probability (our derivation from the model's definition; the
   * integral by 64-point Gauss–Legendre on 16 panels).
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkTime("t", t);
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double lnNbConst = Gamma.logGamma(r + n) - Gamma.logGamma(r) - Gamma.logGamma(n + 1.0);
    double p = Math.exp(lnNbConst + r * Math.log(alpha / (alpha + t))
        + (n == 0 ? 0 : n * Math.log(t / (alpha + t))) - s * Math.log1p(t / beta));
    double integral = GaussLegendre.integrate(tau -> {
      if (tau <= 0) {
        return n == 0 ? s / beta : 0.0;
      }
      return Math.exp(Math.log(s / beta) - (s + 1) * Math.log1p(tau / beta) + lnNbConst
          + r * Math.log(alpha / (alpha + tau)) + (n == 0 ? 0 : n * Math.log(tau / (alpha + tau))));
    }, 0, t, 16);
    return Math.min(1.0, p + integral);
  }

  /**
   * Discounted expected residual transactions with continuous discounting at rate δ per
   * {@link #timeUnit()}: {@code E[∫_T^∞ e^{−δ(u−T)} dY(u) | x, t_x, T]}
   * = P(alive) · (r+x)/(α+T) · ∫_0^∞ e^{−δu} (1 + u/(β+T))^{−s} du (FHL 2005 "RFM and CLV",
   * eq. 2). The integral is computed after the substitution u = (β+T)·v with Gauss–Legendre on a
   * geometric grid of panels covering 60 e-foldings of the discount (truncation below 1e-26).
   *
   * @param x repeat purchases
   * @param tx recency
   * @param age T
   * @param delta continuous discount rate per time unit, {@code > 0} (for an annual rate d with
   *     weekly time, δ = ln(1+d)/52.1775)
   * @return DERT, finite and {@code >= 0}
   */
  public double dert(int x, double tx, double age, double delta) {
    checkCustomer(x, tx, age);
    if (!(delta > 0) || Double.isInfinite(delta)) {
      throw new IllegalArgumentException("delta must be finite and > 0, was " + delta);
    }
    double bt = beta + age;
    double z = delta * bt;
    // int_0^inf e^{-z v} (1+v)^{-s} dv, v in units of (beta + T)
    double upper = 60.0 / z;
    double integral = GaussLegendre.integrateGeometric(
        v -> Math.exp(-z * v - s * Math.log1p(v)), upper, 24);
    return pAlive(x, tx, age, new double[2]) * (r + x) / (alpha + age) * bt * integral;
  }

  // ------------------------------------------------------------------ vectorised

  /**
   * P(alive) for one row from cached parts: {@code byT} slots hold {ln G(T), ln s − ln M,
   * E[Y(t) | alive]} for (x, T), {@code byTx} slots ln G(t_x) for (x, t_x). Then
   * P(alive) = 1 / (1 + e^{ln G(t_x) + ln s − ln M} (1 − e^{ln G(T) − ln G(t_x)})).
   * Writes E[Y(t) | alive] to {@code eOut[0]}.
   */
  private double pAliveCached(int x, double tx, double age, double t, PatternCache byT,
      PatternCache byTx, double lnS, double[] eOut) {
    double l2;
    double c;
    int st = byT.lookup(x, age);
    if (st >= 0) {
      double[] v = byT.values();
      l2 = v[3 * st];
      c = v[3 * st + 1];
      eOut[0] = v[3 * st + 2];
    } else {
      double lnM = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
      l2 = logG(r + x, s + 1, alpha, beta, age, null);
      c = lnS - lnM;
      eOut[0] = expectedIfAlive(x, age, t);
      if (st != Integer.MIN_VALUE) {
        double[] v = byT.values();
        int o = -(st + 1) * 3;
        v[o] = l2;
        v[o + 1] = c;
        v[o + 2] = eOut[0];
      }
    }
    if (tx == age) {
      return 1.0;
    }
    double l1;
    int sx = byTx.lookup(x, tx);
    if (sx >= 0) {
      l1 = byTx.values()[sx];
    } else {
      l1 = logG(r + x, s + 1, alpha, beta, tx, null);
      if (sx != Integer.MIN_VALUE) {
        byTx.values()[-(sx + 1)] = l1;
      }
    }
    double w = -Math.expm1(l2 - l1); // 1 - G(T)/G(t_x), in [0, 1]
    double ratio = Math.exp(l1 + c) * w;
    if (!(ratio < Double.POSITIVE_INFINITY)) {
      // e^{...} overflowed: the ratio is huge unless w is exactly 0
      return w > 0 ? 0.0 : 1.0;
    }
    return 1.0 / (1.0 + ratio);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The G integrals depend on (x, T) and (x, t_x) separately; each is computed once per
   * distinct pair of the range ({@link PatternCache}).
   */
  @Override
  void scoreRange(int[] x, double[] tx, double[] age, int from, int to, double t,
      double[] pAliveOut, double[] expected) {
    int expectedSize = Math.min(to - from, 4096);
    PatternCache byT = new PatternCache(3, expectedSize);
    PatternCache byTx = new PatternCache(1, expectedSize);
    double lnS = Math.log(s);
    double[] e = new double[1];
    for (int i = from; i < to; i++) {
      double p = pAliveCached(x[i], tx[i], age[i], t, byT, byTx, lnS, e);
      if (pAliveOut != null) {
        pAliveOut[i] = p;
      }
      if (expected != null) {
        expected[i] = p * e[0];
      }
    }
  }

  @Override
  Object newCumulativeState(int horizons, int expectedRows) {
    int e = Math.min(expectedRows, 4096);
    return new PatternCache[] {new PatternCache(3, e), new PatternCache(1, e),
        new PatternCache(horizons, e)};
  }

  /**
   * {@inheritDoc}
   *
   * <p>P(alive) from the (x, T) and (x, t_x) caches; E[Y(t_k) | alive] depends on (x, T) only and
   * is cached for all horizons at once.
   */
  @Override
  void cumulativeRange(int[] x, double[] tx, double[] age, int from, int to, double[] times,
      double[] out, int outOffset, Object state) {
    PatternCache[] caches = (PatternCache[]) state;
    PatternCache byT = caches[0];
    PatternCache byTx = caches[1];
    PatternCache byTimes = caches[2];
    double lnS = Math.log(s);
    double[] e = new double[1];
    int k = times.length;
    for (int i = from; i < to; i++) {
      int xi = x[i];
      double ti = age[i];
      double p = pAliveCached(xi, tx[i], ti, 0, byT, byTx, lnS, e);
      int o = outOffset + (i - from) * k;
      int slot = byTimes.lookup(xi, ti);
      if (slot >= 0) {
        double[] v = byTimes.values();
        int so = slot * k;
        for (int j = 0; j < k; j++) {
          out[o + j] = p * v[so + j];
        }
      } else {
        boolean store = slot != Integer.MIN_VALUE;
        int so = -(slot + 1) * k;
        for (int j = 0; j < k; j++) {
          double h = expectedIfAlive(xi, ti, times[j]);
          if (store) {
            byTimes.values()[so + j] = h;
          }
          out[o + j] = p * h;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Pareto/NBD{r=" + r + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta + ", unit="
        + unit + "}";
  }

  // ------------------------------------------------------------------ likelihood

  /** Pareto/NBD log-likelihood over patterns with analytic gradient (not thread-safe). */
  static final class Likelihood extends PatternLikelihood {
    private final double[] lgR;
    private final double[] dgR;
    private final double[] out = new double[2];
    private final double[] gb = new double[4];
    private final double[] d1 = new double[4];
    private final double[] d2 = new double[4];
    private final double[] lnA;
    private final double[] lnB;
    private final double[] lnAa;

    Likelihood(Patterns p, ModelTimeUnit unit) {
      super(p, unit);
      lgR = new double[p.distinctX.length];
      dgR = new double[p.distinctX.length];
      lnA = new double[p.distinctTimes.length];
      lnB = new double[p.distinctTimes.length];
      lnAa = new double[p.distinctX.length];
    }

    @Override
    public String modelName() {
      return "Pareto/NBD";
    }

    @Override
    public List<String> parameterNames() {
      return NAMES;
    }

    @Override
    public double[] startingPoint() {
      double[] m = p.moments();
      double alpha0 = Math.max(1e-3, m[1] / (m[0] + 1));
      return new double[] {1.0, alpha0, 1.0, m[1]};
    }

    @Override
    public double logLikelihood(double[] q, double[] g) {
      double r = q[0];
      double alpha = q[1];
      double s = q[2];
      double beta = q[3];
      GammaRatios.fill(r, p.distinctX, lgR, dgR);
      double c0 = r * Math.log(alpha) + s * Math.log(beta);
      double ll = 0;
      double g0 = 0;
      double g1 = 0;
      double g2 = 0;
      double g3 = 0;
      double[] gbr = g == null ? null : gb;
      double[] times = p.distinctTimes;
      for (int k = 0; k < times.length; k++) {
        lnA[k] = Math.log(alpha + times[k]);
        lnB[k] = Math.log(beta + times[k]);
      }
      for (int k = 0; k < lnAa.length; k++) {
        lnAa[k] = Math.log(r + s + p.distinctX[k]);
      }
      for (int i = 0; i < p.size; i++) {
        double w = p.weight[i];
        int j = p.xIndex[i];
        int ti = p.ageIndex[i];
        int txi = p.txIndex[i];
        logBracket(p.x[i], p.tx[i], p.age[i], r, alpha, s, beta, lnA[ti], lnB[ti], lnA[txi],
            lnB[txi], lnAa[j], out, gbr, d1, d2);
        ll += w * (lgR[j] + c0 + out[0]);
        if (g != null) {
          g0 += w * (dgR[j] + gb[0]);
          g1 += w * gb[1];
          g2 += w * gb[2];
          g3 += w * gb[3];
        }
      }
      if (g != null) {
        g[0] = g0 + p.totalWeight * Math.log(alpha);
        g[1] = g1 + p.totalWeight * r / alpha;
        g[2] = g2 + p.totalWeight * Math.log(beta);
        g[3] = g3 + p.totalWeight * s / beta;
      }
      return ll;
    }
  }
}
