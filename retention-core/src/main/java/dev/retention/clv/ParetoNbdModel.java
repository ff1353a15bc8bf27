package dev.retention.clv;

import dev.retention.internal.GammaRatios;
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
 * Expressions", 2005, eq. 21–22, written through the integral it comes from):
 * {@code L = Γ(r+x) α^r β^s / Γ(r) · [ M + s (G(t_x) − G(T)) ]}, M = (α+T)^{−(r+x)}(β+T)^{−s},
 * {@code G(t) = ∫_t^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ}, the note's 2F1 expression. G is
 * computed as {@code (α+t)^{−p}(β+t)^{−q} · H(t)} with H from a power series for
 * z = |α−β|/(max(α,β)+t) ≤ 0.97 and from Gauss–Legendre quadrature of a concave exponent beyond
 * ({@link #logG}): bounded work for every positive finite parameter set (at most 1,500 series
 * terms or 400 panels of 16 nodes per side), analytic gradient, no overflow. Numeric failure in a
 * fit surfaces as {@link ModelFitException}.
 *
 * <p>Predictions, all without clamping (FH 2005 note; Fader, Hardie &amp; Lee 2005 "RFM and CLV";
 * Fader, Hardie &amp; Lee 2006 on P(X(t) = x)):
 * <ul>
 *   <li>P(alive) = M / [M + s(G(t_x) − G(T))] = 1/(1 + R), R from the ratio G(t_x)/G(T) so that no
 *       large logarithms cancel ({@link #probabilityAlive(int, double, double)});
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · {@code (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]},
 *       evaluated as {@code −expm1(−(s−1)·ln(1 + t/(β+T)))/(s−1)}, which tends to
 *       {@code ln(1 + t/(β+T))} at s = 1 without a pole;
 *   <li>E[X(t)] = {@code rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}]}, same treatment;
 *   <li>P(alive at T+t) = P(alive) · {@code ((β+T)/(β+T+t))^s};
 *   <li>P(X(t) = n) and the conditional P(Y(t) = n | x, t_x, T) through the death-time integral;
 *   <li>DERT (discounted expected residual transactions, continuous discount rate δ per unit),
 *       {@link #dert}.
 * </ul>
 *
 * <p>Accuracy: every prediction agrees with 50-digit mpmath evaluations of the papers' closed forms
 * to a relative 1e-10 (or 16κ·2⁻⁵³ where the condition number κ is larger) over the reference grid
 * {@code refgrid/paretonbd.tsv.gz} (parameters 1e-3…1e3, s = 1 and within 1e-8 of it, x to
 * 100,000, T and t 0.01…10,000; see {@code ParetoNbdReferenceGridTest} for the measured worst
 * errors).
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
    boolean anyAge = false;
    for (int i = 0; i < data.size() && !anyAge; i++) {
      anyAge = data.age(i) > 0;
    }
    if (!anyAge) {
      throw new ModelFitException("Pareto/NBD", "every customer has T = 0: the likelihood is 1"
          + " for all parameters, so the data identify none of them", data.summary());
    }
    Likelihood objective = new Likelihood(Patterns.of(data), data.timeUnit());
    ModelFit f;
    try {
      f = MaximumLikelihood.fit(objective, options);
    } catch (ModelFitException e) {
      if (objective.failure == null) {
        throw e;
      }
      throw new ModelFitException("Pareto/NBD", e.reason() + " (numeric failure in the"
          + " likelihood: " + objective.failure + ")", e.dataSummary());
    } catch (NumericalDomainException | ArithmeticException e) {
      throw new ModelFitException("Pareto/NBD", "numeric failure in the likelihood: "
          + e.getMessage(), data.summary());
    }
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

  /** Largest z summed as a power series; beyond, quadrature. */
  static final double SERIES_LIMIT = 0.97;

  /** Upper bound on the number of series terms: z^n·z/(1−z) ≤ 1e-18 at z = 0.97 needs 1475. */
  static final int MAX_TERMS = 1500;

  /**
   * ln I(z) and its partials ({@code aa} = A = e_m + e_o − 1, passed in as r + s + x so that it
   * carries no cancellation), where
   * {@code I = ∫_0^∞ (1 + w v)^{−e_m} (1 + v)^{−e_o} dv = 2F1(1, e_m; e_m + e_o; z) / (e_m + e_o − 1)},
   * w = 1 − z ∈ (0, 1], e_m, e_o &gt; 0 with A = e_m + e_o − 1 &gt; 0 (the integral in G after
   * u = o·v, see {@link #logG}; the 2F1 form is FH 2005 note eq. 17 after Euler's transformation,
   * A&amp;S 15.3.3).
   *
   * <ul>
   *   <li>z ≤ 0.97: the power series {@code Σ (e_m)_n/(A+1)_n z^n}. Its term ratio
   *       (e_m+n)/(A+1+n)·z increases with n towards z, so the tail after a term c_n is at most
   *       c_n z/(1−z); summation stops when that bound is below 1e-18 of the sum, within
   *       {@value #MAX_TERMS} terms (the bound at z = 0.97 is 1475).
   *   <li>z &gt; 0.97: with 1 + v = e^u, {@code I = ∫_0^∞ e^{(1−e_o)u − e_m ln(z + w e^u)} du}
   *       (the logarithm as log1p(w·expm1(u)) for u ≤ 1 + L, L = ln(z/w), so that the exponent is
   *       exact near u = 0 where it vanishes; as u + ln w + log1p(z e^{−u}/w) beyond); the
   *       exponent is concave with its mode at max(0, L + ln((1−e_o)/A)) (or 0
   *       when e_o ≥ 1), so {@link GaussLegendre#logIntegral} applies (poles of softplus at
   *       L ± iπ bound the panel width; at most 400 panels of 32 nodes per side).
   * </ul>
   *
   * <p>{@code dI} (may be null, else length ≥ 3) receives ∂ ln I/∂e_m, ∂ ln I/∂e_o, ∂ ln I/∂z.
   *
   * @param lnD ln|α − β| (used only for z &gt; 0.9)
   * @param lnO ln(min(α, β) + t) (used only for z &gt; 0.9)
   */
  static double logI(double em, double eo, double aa, double z, double w, double lnD, double lnO,
      double[] dI) {
    if (z > SERIES_LIMIT) {
      GIntegrand f = new GIntegrand(em, eo, aa, z, w, lnD - lnO);
      double[] sum = new double[1];
      double v = GaussLegendre.logIntegral(f, 0, Double.POSITIVE_INFINITY, f.mode(), dI != null,
          sum);
      if (dI != null) {
        dI[0] = -f.sEm / sum[0];
        dI[1] = -f.sEo / sum[0];
        dI[2] = f.sZ / sum[0];
      }
      return v;
    }
    double c = 1.0;
    double sum = 1.0;
    double sumE = 0.0;
    double sumA = 0.0;
    double sumZ = 0.0;
    double hE = 0.0;
    double hA = 0.0;
    if (z > 0) {
      double tail = z / (1 - z);
      for (int n = 1; n <= MAX_TERMS; n++) {
        double ek = em + n - 1;
        double ak = aa + n;
        c *= ek / ak * z;
        sum += c;
        if (dI != null) {
          hE += 1.0 / ek;
          hA += 1.0 / ak;
          sumE += c * hE;
          sumA -= c * hA;
          sumZ += c * n;
        }
        if (c * tail <= 1e-18 * sum) {
          break;
        }
      }
      sumZ /= z;
    } else {
      sumZ = em / (aa + 1); // d/dz of the series at z = 0: its first coefficient
    }
    if (dI != null) {
      double sA = sumA / sum;
      dI[0] = sumE / sum + sA - 1.0 / aa;
      dI[1] = sA - 1.0 / aa;
      dI[2] = sumZ / sum;
    }
    return Math.log(sum) - Math.log(aa);
  }

  /**
   * The concave exponent {@code φ(u) = (1−e_o)u − e_m ln(z + w e^u)} of I
   * ({@code = (1−e_o)u − e_m (ln z + softplus(u − L))}), with the node sums of ∂φ/∂e_m, ∂φ/∂e_o and
   * ∂φ/∂z for the partials of ln I. Not thread-safe (one per call).
   */
  static final class GIntegrand implements GaussLegendre.LogConcave {
    final double em;
    final double a1;
    final double aa;
    final double z;
    final double w;
    final double el;
    double sEm;
    double sEo;
    double sZ;
    private final double lnW;
    private double lastU = Double.NaN;
    private double lastL1;
    private double lastEmu;

    GIntegrand(double em, double eo, double aa, double z, double w, double el) {
      this.em = em;
      this.a1 = 1 - eo;
      this.aa = aa;
      this.z = z;
      this.w = w;
      this.el = el;
      this.lnW = Math.log(w);
    }

    double mode() {
      if (a1 <= 0) {
        return 0;
      }
      return Math.max(0, el + Math.log(a1 / aa));
    }

    /** ln(z + w e^u), exact to rounding near u = 0 (where it is 0). */
    double lnZw(double u) {
      return u <= 1 + el ? Math.log1p(w * Math.expm1(u)) : u + lnZwExcess(u);
    }

    /** ln(z + w e^u) − u = ln w + log1p(z e^{−u}/w), for u &gt; 1 + L. */
    private double lnZwExcess(double u) {
      return lnW + Math.log1p(z * Math.exp(-u) / w);
    }

    @Override
    public double phi(double u) {
      lastU = u;
      if (u <= 1 + el) {
        // expm1 and log1p only where their arguments are small (elsewhere exp and log are as
        // accurate and several times faster)
        double em1 = u < 0.5 ? Math.expm1(u) : Math.exp(u) - 1;
        double y = w * em1;
        double l1 = y < 0.5 ? Math.log1p(y) : Math.log(1 + y);
        lastL1 = l1;
        lastEmu = 1 / (1 + em1);
        return a1 * u - em * l1;
      }
      // (1 − e_o)u − e_m(u + X) = −A u − e_m X: no cancellation of the large u terms
      double e = Math.exp(-u);
      double y = z * e / w;
      double ex = lnW + (y < 0.5 ? Math.log1p(y) : Math.log(1 + y));
      lastL1 = u + ex;
      lastEmu = e;
      return -aa * u - em * ex;
    }

    @Override
    public double slope(double u) {
      return u <= el ? a1 - em * sigmoid(u - el) : -aa + em * sigmoid(el - u);
    }

    @Override
    public double curvature(double u) {
      double sg = sigmoid(u - el);
      return em * sg * sigmoid(el - u);
    }

    @Override
    public double maxStep(double u) {
      return Math.max(2, 0.5 * Math.abs(u - el));
    }

    @Override
    public void accumulate(double u, double weight) {
      boolean same = u == lastU;
      sEm += weight * (same ? lastL1 : lnZw(u));
      sEo += weight * u;
      double e = same ? lastEmu : Math.exp(-u);
      sZ += weight * em * (1 - e) / (w + z * e);
    }
  }

  /** ln(1 + e^u) without overflow or loss. */
  static double softplus(double u) {
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  /** 1/(1 + e^{−u}). */
  static double sigmoid(double u) {
    if (u >= 0) {
      return 1 / (1 + Math.exp(-u));
    }
    double e = Math.exp(u);
    return e / (1 + e);
  }

  /**
   * ln G(t) with G(t) = ∫_t^∞ (α+τ)^−p (β+τ)^−q dτ (p = r + x, q = s + 1 — the arguments are p
   * and s, so that A = p + s carries no cancellation — the integral in the
   * likelihood, FH 2005 note eq. 21); when {@code d} is not null its partial derivatives in
   * (p, α, q, β) — equal to those in (r, α, s, β) — are written to d[0..3].
   *
   * <p>With m and o the larger and smaller of α + t and β + t, e_m and e_o their exponents,
   * d = |α − β| and z = d/m, w = o/m: {@code G = (α+t)^{−p} (β+t)^{−q} · o · I(z)} with I from
   * {@link #logI}. Every positive finite (p, q, α, β) and t ≥ 0 gives a finite result in bounded
   * work; accuracy measured by the reference grid (P(alive), the likelihood's ratio).
   */
  static double logG(double p, double s, double alpha, double beta, double t, double[] d) {
    return Math.log(alpha + t) * -p - (s + 1) * Math.log(beta + t) + logH(p, s, alpha, beta, t, d);
  }

  /**
   * ln H(t) = ln(G(t) / ((α+t)^{−p} (β+t)^{−q})) = ln o + ln I; when d is not null it receives the
   * partials of ln G (not of ln H) in (p, α, q, β).
   */
  static double logH(double p, double s, double alpha, double beta, double t, double[] d) {
    double q = s + 1;
    boolean alphaBase = alpha >= beta;
    double dd = alphaBase ? alpha - beta : beta - alpha;
    double m = (alphaBase ? alpha : beta) + t;
    double o = (alphaBase ? beta : alpha) + t;
    double z = dd / m;
    double w = o / m;
    double em = alphaBase ? p : q;
    double eo = alphaBase ? q : p;
    double lnO = Math.log(o);
    double lnI = logI(em, eo, p + s, z, w, z > SERIES_LIMIT ? Math.log(dd) : 0, lnO, d);
    if (d != null) {
      double dzM = w / m; // dz/d(shift of m) = o/m^2
      double dzO = -1 / m;
      double dEm = d[0];
      double dEo = d[1];
      double dZ = d[2];
      if (alphaBase) {
        d[0] = -Math.log(alpha + t) + dEm;
        d[2] = -Math.log(beta + t) + dEo;
        d[1] = -p / (alpha + t) + dZ * dzM;
        d[3] = -q / (beta + t) + 1 / o + dZ * dzO;
      } else {
        d[0] = -Math.log(alpha + t) + dEo;
        d[2] = -Math.log(beta + t) + dEm;
        d[3] = -q / (beta + t) + dZ * dzM;
        d[1] = -p / (alpha + t) + 1 / o + dZ * dzO;
      }
    }
    return lnO + lnI;
  }

  /**
   * ln(G(t_x)/G(T)) = E + ln H(t_x) − ln H(T) with
   * E = p·ln((α+T)/(α+t_x)) + q·ln((β+T)/(β+t_x)) from log1p (no cancellation of large logs).
   */
  static double logGRatio(double p, double q, double alpha, double beta, double tx, double age,
      double lnHtx, double lnHT) {
    double gap = age - tx;
    return p * Math.log1p(gap / (alpha + tx)) + q * Math.log1p(gap / (beta + tx)) + lnHtx - lnHT;
  }

  /** ln(e^Δ − 1) for Δ &gt; 0. */
  static double logExpm1(double delta) {
    return delta > 40 ? delta + Math.log1p(-Math.exp(-delta)) : Math.log(Math.expm1(delta));
  }

  /**
   * ln R with R = s(G(t_x) − G(T))/M, M = (α+T)^{−p}(β+T)^{−s}, from ln H(T) and
   * Δ = ln(G(t_x)/G(T)): {@code R = s H(T)/(β+T) · (e^Δ − 1)}. −∞ when t_x = T. Δ ≤ 0 for
   * t_x &lt; T arises only from rounding (|Δ| below 1e-13, then R is below 1e-13 of
   * s H(T)/(β+T) ≤ 1): such R is taken as 0; a larger negative Δ is an arithmetic failure.
   */
  static double logR(double s, double beta, double age, double lnHT, double delta) {
    if (!(delta > 0)) {
      if (delta > -1e-13) {
        return Double.NEGATIVE_INFINITY;
      }
      throw new NumericalDomainException("ln(G(t_x)/G(T)) must be > 0 for t_x < T, was " + delta);
    }
    return Math.log(s) + lnHT - Math.log(beta + age) + logExpm1(delta);
  }

  /**
   * ln of the likelihood bracket B = M + s(G(t_x) − G(T)) = M(1 + R), M = (α+T)^{−p}(β+T)^{−s}:
   * out[0] = ln B, out[1] = ln M, out[2] = ln(1 + R) (so P(alive) = e^{−out[2]}), out[3] = ln R
   * (−∞ when t_x = T). The gradient of ln B in (r, α, s, β) goes to g when not null (d1, d2:
   * scratch of length 4).
   */
  static void logBracket(int x, double tx, double age, double r, double alpha, double s,
      double beta, double[] out, double[] g, double[] d1, double[] d2) {
    double p = r + x;
    double q = s + 1;
    double lnAt = Math.log(alpha + age);
    double lnBt = Math.log(beta + age);
    double lnM = -p * lnAt - s * lnBt;
    if (tx == age) {
      out[0] = lnM;
      out[1] = lnM;
      out[2] = 0;
      out[3] = Double.NEGATIVE_INFINITY;
      if (g != null) {
        g[0] = -lnAt;
        g[1] = -p / (alpha + age);
        g[2] = -lnBt;
        g[3] = -s / (beta + age);
      }
      return;
    }
    double lnHT = logH(p, s, alpha, beta, age, d2);
    double lnHtx = logH(p, s, alpha, beta, tx, d1);
    logBracketParts(x, tx, age, r, alpha, s, beta, lnHT, lnHtx, out, g, d1, d2);
  }

  /**
   * {@link #logBracket} from ln H(T) and ln H(t_x) (with the partials of ln G(T), ln G(t_x) in d2,
   * d1 when g is not null); t_x &lt; T.
   */
  static void logBracketParts(int x, double tx, double age, double r, double alpha, double s,
      double beta, double lnHT, double lnHtx, double[] out, double[] g, double[] d1,
      double[] d2) {
    double p = r + x;
    double q = s + 1;
    double lnAt = Math.log(alpha + age);
    double lnBt = Math.log(beta + age);
    double lnM = -p * lnAt - s * lnBt;
    double delta = logGRatio(p, q, alpha, beta, tx, age, lnHtx, lnHT);
    double lnR = logR(s, beta, age, lnHT, delta);
    double ln1pR = softplus(lnR);
    out[0] = lnM + ln1pR;
    out[1] = lnM;
    out[2] = ln1pR;
    out[3] = lnR;
    if (g != null) {
      double a = Math.log(s) + lnHT - lnBt;
      double wM = Math.exp(-ln1pR);
      double w1 = Math.exp(a + delta - ln1pR);
      double w2 = Math.exp(a - ln1pR);
      double wD = Math.exp(lnR - ln1pR) / s;
      g[0] = wM * -lnAt + w1 * d1[0] - w2 * d2[0];
      g[1] = wM * (-p / (alpha + age)) + w1 * d1[1] - w2 * d2[1];
      g[2] = wM * -lnBt + w1 * d1[2] - w2 * d2[2] + wD;
      g[3] = wM * (-s / (beta + age)) + w1 * d1[3] - w2 * d2[3];
    }
  }

  // ------------------------------------------------------------------ single customer

  @Override
  public double logLikelihood(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    double[] out = new double[4];
    logBracket(x, tx, age, r, alpha, s, beta, out, null, null, null);
    return Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta)
        + out[0];
  }

  /**
   * {@inheritDoc}
   *
   * <p>P(alive) = M / B = 1/(1 + R) (FH 2005 note eq. 23 / SMC 1987 eq. 11) with
   * {@code R = s(G(t_x) − G(T))/M = s H(T)/(β+T) · (G(t_x)/G(T) − 1)}, G and H as in
   * {@link #logG}: both factors are computed without cancellation of large logarithms, and
   * P(alive) = e^{−ln(1+R)}. It is 1 when t_x = T. Relative error below 1e-10 (or 16κ·2⁻⁵³)
   * over the reference grid's domain.
   */
  @Override
  public double probabilityAlive(int x, double tx, double age) {
    checkCustomer(x, tx, age);
    return Math.exp(-logOnePlusR(x, tx, age));
  }

  /** ln(1 + R), with P(alive) = e^{−ln(1+R)} and P(dead) = e^{ln R − ln(1+R)}. */
  private double logOnePlusR(int x, double tx, double age) {
    return softplus(logRatio(x, tx, age));
  }

  /** ln R (−∞ when t_x = T). */
  private double logRatio(int x, double tx, double age) {
    if (tx == age) {
      return Double.NEGATIVE_INFINITY;
    }
    double p = r + x;
    double lnHT = logH(p, s, alpha, beta, age, null);
    double lnHtx = logH(p, s, alpha, beta, tx, null);
    return logR(s, beta, age, lnHT, logGRatio(p, s + 1, alpha, beta, tx, age, lnHtx, lnHT));
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

  /**
   * {@inheritDoc}
   *
   * <p>{@code P(alive) · ((β+T)/(β+T+t))^s}: a customer alive at T survives t more with
   * probability E[e^{−μt}] under μ ~ Gamma(s, β+T) (FH 2005 note §4, the posterior of μ).
   */
  @Override
  public double probabilityAliveAt(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return Math.exp(-logOnePlusR(x, tx, age) - s * Math.log1p(t / (beta + age)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code P(alive) · (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}]} (FH 2005 note
   * eq. 25; SMC 1987), the bracket over (s − 1) as {@code −expm1(−(s−1)ℓ)/(s−1)},
   * ℓ = ln(1 + t/(β+T)), which is ℓ at s = 1.
   */
  @Override
  public double conditionalExpectedPurchases(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return Math.exp(-logOnePlusR(x, tx, age)) * expectedIfAlive(x, age, t);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code rβ/(α(s−1)) · [1 − (β/(β+t))^{s−1}]} (SMC 1987; FH 2005 note eq. 27), ℓ form as in
   * {@link #conditionalExpectedPurchases(int, double, double, double)}.
   */
  @Override
  public double expectedPurchases(double t) {
    checkTime("t", t);
    return expectedIfAlive(0, 0, t);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A new customer is alive through (0, t] with n purchases, or dies at τ &lt; t after n:
   * {@code NB(n; r, α/(α+t)) (β/(β+t))^s + ∫_0^t s β^s (β+τ)^{−s−1} NB(n; r, α/(α+τ)) dτ}
   * (the model's definition; equal to the 2F1 closed form of Fader, Hardie &amp; Lee,
   * "Deriving an expression for P(X(t) = x) under the Pareto/NBD model", 2006, which the
   * reference grid evaluates). NB is the negative-binomial probability. The integral, in y = ln τ,
   * has a concave exponent and goes to {@link GaussLegendre#logIntegral}; both terms are positive,
   * so no cancellation.
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkTime("t", t);
    return newCustomerPmf(n, r, alpha, s, beta, t);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Given alive at T (probability P(alive)), λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T)
   * (FH 2005 note §4), so Y(t) has the new-customer distribution of
   * {@link #probabilityOfPurchases} with parameters (r+x, α+T, s, β+T); a customer dead at T
   * makes no purchase: {@code P(Y(t)=n) = P(alive)·P_new(n) + [n = 0](1 − P(alive))} (the
   * conditional PMF of Fader &amp; Hardie's note on the Pareto/NBD, written through its
   * derivation). Both terms positive.
   */
  @Override
  public double conditionalProbabilityOfPurchases(int n, int x, double tx, double age, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkCustomer(x, tx, age);
    checkTime("t", t);
    double lnR = logRatio(x, tx, age);
    double ln1pR = softplus(lnR);
    double alive = Math.exp(-ln1pR) * newCustomerPmf(n, r + x, alpha + age, s, beta + age, t);
    return n == 0 ? alive + Math.exp(lnR - ln1pR) : alive;
  }

  /**
   * P(X(t) = n) of a new customer under parameters (r, α, s, β): the alive term
   * NB(n; r, α/(α+t))(β/(β+t))^s plus the death-time integral, whose integrand in y = ln τ is
   * written relative to its value at the mode y* (so no large logarithms cancel) and integrated
   * by {@link GaussLegendre#logIntegral}. NB by {@link #logNegBinomial} (relative accuracy
   * independent of the size of r and n).
   */
  static double newCustomerPmf(int n, double r, double alpha, double s, double beta,
      double t) {
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double aliveTerm = Math.exp(logNegBinomial(n, r, alpha, t) - s * Math.log1p(t / beta));
    PmfIntegrand f = new PmfIntegrand(n, r, alpha, s, beta);
    double hi = Math.log(t);
    f.setMode(f.mode(hi));
    double li = GaussLegendre.logIntegral(f, Double.NEGATIVE_INFINITY, hi, f.ym, false, null);
    double tm = f.tm;
    double atMode = Math.log(s) - Math.log(beta + tm) - s * Math.log1p(tm / beta)
        + logNegBinomial(n, r, alpha, tm) + f.ym;
    return aliveTerm + Math.exp(atMode + li);
  }

  /**
   * ln NB(n; r, α/(α+τ)) = ln[Γ(r+n)/(Γ(r) n!) (α/(α+τ))^r (τ/(α+τ))^n] for n ≥ 0, τ &gt; 0,
   * in Loader's saddle-point form (C. Loader, "Fast and Accurate Computation of Binomial
   * Probabilities", 2000): NB = r/(r+n)·b(r; r+n, p) with
   * {@code ln b = δ(N) − δ(r) − δ(n) − D(r, Np) − D(n, Nq) + ½ ln(N/(2π r n))}, N = r + n,
   * δ the Stirling error and D(x, m) = x ln(x/m) + m − x, each computed without cancellation, so
   * the absolute error of the logarithm stays near 1e-15 however large r and n are.
   */
  static double logNegBinomial(int n, double r, double alpha, double tau) {
    if (n == 0) {
      return -r * Math.log1p(tau / alpha);
    }
    double nn = r + n;
    double p = alpha / (alpha + tau);
    double q = tau / (alpha + tau);
    return Math.log(r / nn) + stirlingError(nn) - stirlingError(r) - stirlingError(n)
        - deviance(r, nn * p) - deviance(n, nn * q)
        + 0.5 * Math.log(nn / (2 * Math.PI * r * n));
  }

  /** δ(x) = ln Γ(x+1) − (x+½) ln x + x − ½ ln 2π (Stirling's series for x &gt; 15). */
  static double stirlingError(double x) {
    if (x <= 15) {
      return Gamma.logGamma(x + 1) - (x + 0.5) * Math.log(x) + x - 0.5 * Math.log(2 * Math.PI);
    }
    double x2 = 1 / (x * x);
    return (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 - x2 / 1188))))
        / x;
  }

  /**
   * D(x, m) = x ln(x/m) + m − x ≥ 0; for |x − m| &lt; 0.1(x + m) the series
   * (x−m)v + 2x Σ_{j≥1} v^{2j+1}/(2j+1), v = (x−m)/(x+m), which has no cancellation (at most 60
   * terms: v² &lt; 0.01).
   */
  static double deviance(double x, double m) {
    if (Math.abs(x - m) < 0.1 * (x + m)) {
      double v = (x - m) / (x + m);
      double sum = (x - m) * v;
      double ej = 2 * x * v;
      double v2 = v * v;
      for (int j = 1; j < 60; j++) {
        ej *= v2;
        double next = sum + ej / (2 * j + 1);
        if (next == sum) {
          break;
        }
        sum = next;
      }
      return sum;
    }
    return x * Math.log(x / m) + m - x;
  }

  /**
   * Exponent of the death-time integral of the PMF in y = ln τ,
   * {@code φ(y) = (n+1)y − (s+1) ln(β + e^y) − (r+n) ln(α + e^y)}, concave, with poles at
   * ln α ± iπ and ln β ± iπ; {@link #phi} returns φ(y) − φ(y*) computed from
   * log1p((e^y − e^{y*})/(c + e^{y*})) terms, so that it is exact near the mode.
   */
  static final class PmfIntegrand implements GaussLegendre.LogConcave {
    final double n1;
    final double s1;
    final double rn;
    final double lnA;
    final double lnB;
    final double alpha;
    final double beta;
    double ym;
    double tm;

    PmfIntegrand(int n, double r, double alpha, double s, double beta) {
      n1 = n + 1.0;
      s1 = s + 1;
      rn = r + n;
      this.alpha = alpha;
      this.beta = beta;
      lnA = Math.log(alpha);
      lnB = Math.log(beta);
    }

    void setMode(double y) {
      ym = y;
      tm = Math.exp(y);
    }

    /** The maximiser on (−∞, hi]: the root of the decreasing slope, by bisection. */
    double mode(double hi) {
      if (slope(hi) >= 0) {
        return hi;
      }
      double lo = Math.min(Math.min(lnA, lnB), hi) - 50;
      for (int k = 0; k < 100 && !(slope(lo) > 0); k++) {
        lo -= 50; // the slope tends to n + 1 > 0 as y → −∞
      }
      double up = hi;
      for (int i = 0; i < 200 && up - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
        double mid = 0.5 * (lo + up);
        if (slope(mid) > 0) {
          lo = mid;
        } else {
          up = mid;
        }
      }
      return 0.5 * (lo + up);
    }

    @Override
    public double phi(double y) {
      double d = tm * Math.expm1(y - ym);
      return n1 * (y - ym) - s1 * Math.log1p(d / (beta + tm)) - rn * Math.log1p(d / (alpha + tm));
    }

    @Override
    public double slope(double y) {
      return n1 - s1 * sigmoid(y - lnB) - rn * sigmoid(y - lnA);
    }

    @Override
    public double curvature(double y) {
      return s1 * sigmoid(y - lnB) * sigmoid(lnB - y) + rn * sigmoid(y - lnA) * sigmoid(lnA - y);
    }

    @Override
    public double maxStep(double y) {
      return Math.max(2, 0.5 * Math.min(Math.abs(y - lnA), Math.abs(y - lnB)));
    }
  }

  /**
   * Discounted expected residual transactions with continuous discounting at rate δ per
   * {@link #timeUnit()}: {@code E[∫_T^∞ e^{−δ(u−T)} dY(u) | x, t_x, T]}
   * = P(alive) · (r+x)/(α+T) · (β+T) · U(1, 2−s, δ(β+T)) (FHL 2005 "RFM and CLV", eq. 2, where
   * their δ^{s−1}Ψ(s, s; δ(β+T)) equals (β+T)^{1−s} U(1, 2−s, δ(β+T)) by Kummer's transformation,
   * A&amp;S 13.1.29). {@code U(1, 2−s, z) = ∫_0^∞ e^{−zv}(1+v)^{−s} dv}; with 1 + v = e^y its
   * exponent {@code (1−s)y − z(e^y − 1)} is concave and entire, integrated by
   * {@link GaussLegendre#logIntegral}.
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
    DertIntegrand f = new DertIntegrand(1 - s, delta * bt);
    double lnU = GaussLegendre.logIntegral(f, 0, Double.POSITIVE_INFINITY, f.mode(), false, null);
    return Math.exp(-logOnePlusR(x, tx, age) + Math.log(r + x) - Math.log(alpha + age)
        + Math.log(bt) + lnU);
  }

  /** Exponent {@code (1−s)y − z(e^y − 1)} of U(1, 2−s, z) in y = ln(1+v). */
  static final class DertIntegrand implements GaussLegendre.LogConcave {
    final double a1;
    final double z;

    DertIntegrand(double a1, double z) {
      this.a1 = a1;
      this.z = z;
    }

    double mode() {
      return a1 > z ? Math.log(a1 / z) : 0;
    }

    @Override
    public double phi(double y) {
      return a1 * y - z * Math.expm1(y);
    }

    @Override
    public double slope(double y) {
      return a1 - z * Math.exp(y);
    }

    @Override
    public double curvature(double y) {
      return z * Math.exp(y);
    }

    @Override
    public double maxStep(double y) {
      return Double.POSITIVE_INFINITY;
    }
  }

  // ------------------------------------------------------------------ vectorised

  /**
   * P(alive) for one row from cached parts: {@code byT} slots hold {ln H(T), ln f(T),
   * s H(T)/(β+T), E[Y(t) | alive]} for (x, T), {@code byTx} slots {ln H(t_x), ln f(t_x)} for
   * (x, t_x), f(t) = (α+t)^{−p}(β+t)^{−q}. Δ = ln(G(t_x)/G(T)) = ln f(t_x) − ln f(T) + ln H(t_x) −
   * ln H(T) from the cached logarithms when |ln f| ≤ 256 (absolute error below 1.2e-13, so
   * P(alive) within 1.2e-13 relative of the scalar path), otherwise from log1p as the scalar
   * path; then R = s H(T)/(β+T) · expm1(Δ) and P(alive) = 1/(1 + R), with the logarithmic form of
   * the scalar path where R would overflow. Writes E[Y(t) | alive] to {@code eOut[0]}.
   */
  private double pAliveCached(int x, double tx, double age, double t, PatternCache byT,
      PatternCache byTx, double[] eOut) {
    double lnHT;
    double lnFT;
    double c;
    int st = byT.lookup(x, age);
    double p = r + x;
    double q = s + 1;
    if (st >= 0) {
      double[] v = byT.values();
      int o = 4 * st;
      lnHT = v[o];
      lnFT = v[o + 1];
      c = v[o + 2];
      eOut[0] = v[o + 3];
    } else {
      lnHT = logH(p, s, alpha, beta, age, null);
      lnFT = -p * Math.log(alpha + age) - q * Math.log(beta + age);
      c = s * Math.exp(lnHT) / (beta + age);
      eOut[0] = expectedIfAlive(x, age, t);
      if (st != Integer.MIN_VALUE) {
        double[] v = byT.values();
        int o = -(st + 1) * 4;
        v[o] = lnHT;
        v[o + 1] = lnFT;
        v[o + 2] = c;
        v[o + 3] = eOut[0];
      }
    }
    if (tx == age) {
      return 1.0;
    }
    double lnHtx;
    double lnFtx;
    int sx = byTx.lookup(x, tx);
    if (sx >= 0) {
      lnHtx = byTx.values()[2 * sx];
      lnFtx = byTx.values()[2 * sx + 1];
    } else {
      lnHtx = logH(p, s, alpha, beta, tx, null);
      lnFtx = -p * Math.log(alpha + tx) - q * Math.log(beta + tx);
      if (sx != Integer.MIN_VALUE) {
        int o = -(sx + 1) * 2;
        byTx.values()[o] = lnHtx;
        byTx.values()[o + 1] = lnFtx;
      }
    }
    double delta = Math.abs(lnFT) <= 256 && Math.abs(lnFtx) <= 256
        ? lnFtx - lnFT + lnHtx - lnHT
        : logGRatio(p, q, alpha, beta, tx, age, lnHtx, lnHT);
    if (delta > 0 && delta < 700) {
      double ratio = c * Math.expm1(delta);
      if (ratio < 1e300) {
        return 1 / (1 + ratio);
      }
    }
    return Math.exp(-softplus(logR(s, beta, age, lnHT, delta)));
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
    PatternCache byT = new PatternCache(4, expectedSize);
    PatternCache byTx = new PatternCache(2, expectedSize);
    double[] e = new double[1];
    for (int i = from; i < to; i++) {
      double p = pAliveCached(x[i], tx[i], age[i], t, byT, byTx, e);
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
    return new PatternCache[] {new PatternCache(4, e), new PatternCache(2, e),
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
    double[] e = new double[1];
    int k = times.length;
    for (int i = from; i < to; i++) {
      int xi = x[i];
      double ti = age[i];
      double p = pAliveCached(xi, tx[i], ti, 0, byT, byTx, e);
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

  /**
   * Pareto/NBD log-likelihood over patterns with analytic gradient (not thread-safe). A numeric
   * failure of the G integral at a point the optimiser tries (an {@link NumericalDomainException})
   * makes the value NaN there, so the line search steps back; the reason is kept for the
   * exception of a fit that fails.
   */
  static final class Likelihood extends PatternLikelihood {
    private final double[] lgR;
    private final double[] dgR;
    private final double[] out = new double[4];
    private final double[] gb = new double[4];
    private final double[] d1 = new double[4];
    private final double[] d2 = new double[4];
    String failure;

    Likelihood(Patterns p, ModelTimeUnit unit) {
      super(p, unit);
      lgR = new double[p.distinctX.length];
      dgR = new double[p.distinctX.length];
    }

    @Override
    public String modelName() {
      return "Pareto/NBD";
    }

    @Override
    public List<String> parameterNames() {
      return NAMES;
    }

    /**
     * r = s = 1, α = mean T/(mean x + 1), β = mean T (both 1 when every T is 0, a case the fit
     * refuses before it starts).
     */
    @Override
    public double[] startingPoint() {
      double[] m = p.moments();
      double meanT = m[1] > 0 ? m[1] : 1.0;
      double alpha0 = Math.max(1e-3, meanT / (m[0] + 1));
      return new double[] {1.0, alpha0, 1.0, meanT};
    }

    @Override
    public double logLikelihood(double[] q, double[] g) {
      try {
        return evaluate(q, g);
      } catch (NumericalDomainException | ArithmeticException e) {
        failure = e.getMessage() + " at (r, alpha, s, beta) = " + java.util.Arrays.toString(q);
        if (g != null) {
          java.util.Arrays.fill(g, Double.NaN);
        }
        return Double.NaN;
      }
    }

    /** ln H(t) for r + x, with the partials of ln G into d (when not null), via the cache. */
    private static double cachedH(PatternCache cache, int x, double t, double r, double alpha,
        double s, double beta, double[] d) {
      int slot = cache.lookup(x, t);
      if (slot >= 0) {
        double[] v = cache.values();
        int o = 5 * slot;
        if (d != null) {
          System.arraycopy(v, o + 1, d, 0, 4);
        }
        return v[o];
      }
      double h = logH(r + x, s, alpha, beta, t, d);
      if (slot != Integer.MIN_VALUE) {
        double[] v = cache.values();
        int o = -5 * (slot + 1);
        v[o] = h;
        if (d != null) {
          System.arraycopy(d, 0, v, o + 1, 4);
        }
      }
      return h;
    }

    private double evaluate(double[] q, double[] g) {
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
      double[] d1r = g == null ? null : d1;
      double[] d2r = g == null ? null : d2;
      // ln H (and the partials of ln G) once per distinct (x, t) of this evaluation
      PatternCache cache = new PatternCache(5, Math.min(2 * p.size, 1 << 16));
      for (int i = 0; i < p.size; i++) {
        double w = p.weight[i];
        int j = p.xIndex[i];
        int xi = p.x[i];
        double txi = p.tx[i];
        double age = p.age[i];
        if (txi == age) {
          logBracket(xi, txi, age, r, alpha, s, beta, out, gbr, d1r, d2r);
        } else {
          double lnHT = cachedH(cache, xi, age, r, alpha, s, beta, d2r);
          double lnHtx = cachedH(cache, xi, txi, r, alpha, s, beta, d1r);
          logBracketParts(xi, txi, age, r, alpha, s, beta, lnHT, lnHtx, out, gbr, d1r, d2r);
        }
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
