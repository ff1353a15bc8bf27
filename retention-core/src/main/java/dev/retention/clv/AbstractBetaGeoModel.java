package dev.retention.clv;

import dev.retention.internal.GammaRatios;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * Shared implementation of {@link BgNbdModel} (shift 0) and {@link MbgNbdModel} (shift 1: the
 * MBG/NBD replaces b + x − 1 by b + x and B(a, b+x) by B(a, b+x+1) throughout, and applies the
 * second likelihood term and P(alive) &lt; 1 also at x = 0).
 *
 * <p>The BG/NBD model (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way: An Alternative
 * to the Pareto/NBD Model", Marketing Science 24(2), 2005): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b) (MBG/NBD, Batislam et al. 2007: also right after the first purchase, at time 0).
 *
 * <p>Formulas (FHL 2005 equations 6, 8, 9, 10 and appendix), with
 * {@code A_1 = −(r+x) ln(α+T)} and {@code A_2 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)} (x &gt; 0):
 *
 * <ul>
 *   <li>log-likelihood: {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) +
 *       ln(e^{A_1} + [x>0] e^{A_2})}, evaluated with log-sum-exp;
 *   <li>P(alive) = {@code 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^{r+x})}.
 * </ul>
 *
 * <p>Every other prediction is taken from the posterior of a customer alive at T (our derivation
 * from the likelihood's alive term): λ ~ Gamma(R, α+T), p ~ Beta(a, B) with R = r + x and
 * B = b + x + shift. With τ = t/(α+T), a live customer survives (T, T+t] with probability
 * E[e^{−λpt}] and makes {@code (1 − e^{−λpt})/p} purchases in it on average, so
 * <ul>
 *   <li>P(alive at T+t) = P(alive) · S, {@code S = E_p[(1+pτ)^{−R}] = 2F1(R, a; a+B; −τ)};
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · H, {@code H = E_p[(1 − (1+pτ)^{−R})/p]}, which equals
 *       FHL eq. 10's {@code (a+B−1)/(a−1) [1 − (1+τ)^{−R} 2F1(R, B; a+B−1; τ/(1+τ))]} without its
 *       cancellation (1.97e10 instead of 48.23 in the example) and without its pole at
 *       a = 1; {@code 0 ≤ H ≤ Rτ};
 *   <li>E[X(t)] (FHL eq. 9) = H at x = 0, T = 0, times P(alive at 0) = 1 (BG/NBD) or
 *       b/(a+b) (MBG/NBD);
 *   <li>P(Y(t) = n | x, t_x, T) and P(X(t) = n) (FHL eq. 8): see
 *       {@link #conditionalProbabilityOfPurchases}.
 * </ul>
 *
 * <p>S and H are evaluated by the first applicable of: for small τ the Taylor series of H
 * (alternating, every term ratio at most 1/4); for heavy buyers (R ≥ 20) a Pfaff-transformed
 * series of at most 300 terms; the mixture over the negative-binomial number of purchases a live
 * customer would make (positive terms, used up to 5,000 terms: the CDNOW range); the Pfaff series
 * up to 2,000 terms; and an exp-sinh quadrature of the Beta expectation in the logit of p. Each
 * method declines where it cannot hold its accuracy (see the methods).
 *
 * <p>Domain and accuracy: the reference grids {@code refgrid/bgnbd.tsv.gz} and
 * {@code refgrid/mbgnbd.tsv.gz} (50/80-digit mpmath, tools/refgrid/gen_betageo.py) cover
 * parameters r, α, a, b in [1e-3, 1e3] (a exactly 1 and within 1e-8 of 1), x from 0 to 100,000,
 * t_x = 0, t_x = T and in between, T and t from 0.01 to 10,000, z = t/(α+T+t) near 0, ½ and 1,
 * n up to 1,000 (12,656 points per model). Measured worst relative errors there (BG/NBD;
 * MBG/NBD), every point within {@code max(1e-10, 16·κ·2⁻⁵³)}, κ the condition number:
 * <ul>
 *   <li>P(alive): 1.1e-13; 1.1e-13;
 *   <li>P(alive at T+t): 2.0e-13; 1.3e-11 (at κ = 2,055, a value of 1.8e-276);
 *   <li>E[Y(t) | x, t_x, T]: 9.5e-13; 5.6e-13;
 *   <li>P(Y(t) = n | x, t_x, T): 9.0e-13; 1.5e-12;
 *   <li>E[X(t)]: 2.2e-13; 1.6e-13;
 *   <li>P(X(t) = n): 4.0e-12; 1.2e-12.
 * </ul>
 * The vectorised paths compute the same values bit for bit. Cost of E[Y] per call on CDNOW-like
 * inputs: a few hundred mixture terms (about 2 µs at t = 52 weeks); heavy buyers about 1 µs
 * (Pfaff); the quadrature, where nothing else holds, some 100 µs.
 *
 * <p>Fitting: maximum likelihood with the analytic gradient, on identical (x, t_x, T) patterns
 * merged with weights and Gamma-function ratios computed once per distinct x per step. Checked
 * against FHL 2005 on CDNOW (r = 0.2426, α = 4.4135, a = 0.7929, b = 2.4258, LL = −9582.43).
 *
 * <p>Immutable and thread-safe.
 */
abstract class AbstractBetaGeoModel extends AbstractCustomerBaseModel {
  static final List<String> NAMES = List.of("r", "alpha", "a", "b");

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

  /**
   * {@inheritDoc}
   *
   * <p>{@code 1 / (1 + [x + shift > 0] e^l)}, {@code l = ln(a/(b+x−1+shift)) + (r+x)
   * ln(1 + (T−t_x)/(α+t_x))} (FHL 2005, after eq. 10; Batislam et al. 2007 with shift 1). Relative
   * error below 1e-15·(1 + |l|) (measured: see the class javadoc).
   */
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
    return aliveFromLogOdds(l);
  }

  /**
   * 1/(1 + e^l). Beyond l = 700 it is e^{-l} (equal to double precision), so that P(alive) below
   * the smallest normal double degrades gradually into the subnormals instead of becoming 0 when
   * e^l overflows: the product with a large E[Y | alive] is then still right (a CLV-grid point
   * with P(alive) near 1e-309 and E[Y | alive] near 1e4 needed this).
   */
  static double aliveFromLogOdds(double l) {
    return l > 700 ? Math.exp(-l) : 1.0 / (1.0 + Math.exp(l));
  }

  /** 1 − P(alive), without cancellation. */
  final double pDead(int x, double tx, double age) {
    if (x + shift == 0) {
      return 0.0;
    }
    double l = Math.log(a / (b + x - 1 + shift)) + (r + x) * Math.log1p((age - tx) / (alpha + tx));
    return l > 0 ? 1.0 / (1.0 + Math.exp(-l)) : Math.exp(l) / (1.0 + Math.exp(l));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code P(alive) · E_p[(1 + pτ)^{−(r+x)}]} with {@code τ = t/(α+T)}, p ~ Beta(a, b+x+shift):
   * {@code P(alive) · 2F1(r+x, a; a+b+x+shift; −τ)}, evaluated as described in the class
   * javadoc.
   */
  @Override
  public double probabilityAliveAt(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    double p = pAlive(x, tx, age);
    if (t == 0 || p == 0) {
      return p;
    }
    return p * aliveIfAlive(r + x, a, b + x + shift, t / (alpha + age));
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code P(alive) · E_p[(1 − (1 + pτ)^{−(r+x)})/p]} with {@code τ = t/(α+T)}, p ~ Beta(a,
   * b+x+shift): FHL 2005 eq. 10 without its cancellation, evaluated as described in
   * the class javadoc.
   */
  @Override
  public double conditionalExpectedPurchases(int x, double tx, double age, double t) {
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return pAlive(x, tx, age) * expectedIfAlive(r + x, a, b + x + shift, t / (alpha + age));
  }

  /**
   * {@inheritDoc}
   *
   * <p>FHL 2005 eq. 9 (BG/NBD); for MBG/NBD {@code b/(a+b)} times the BG/NBD form with b + 1. Both
   * are {@link #conditionalExpectedPurchases} at x = 0, T = 0.
   */
  @Override
  public double expectedPurchases(double t) {
    checkTime("t", t);
    return pAlive(0, 0, 0) * expectedIfAlive(r, a, b + shift, t / alpha);
  }

  /**
   * {@inheritDoc}
   *
   * <p>FHL 2005 eq. 8 (MBG/NBD: {@code B(a, b+n+1)} and {@code B(a+1, b+n)}, plus {@code a/(a+b)}
   * at n = 0 for those who drop out at time 0): {@link #conditionalProbabilityOfPurchases} at
   * x = 0, T = 0.
   */
  @Override
  public double probabilityOfPurchases(int n, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkTime("t", t);
    return countProbability(n, 0, 0, 0, t);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Given alive at T the posterior is λ ~ Gamma(R, α+T), p ~ Beta(a, B) with R = r+x,
   * B = b+x+shift (the likelihood's alive term), so the number N of purchases a live customer
   * would make in t is negative binomial, {@code P(N = n) = Γ(R+n)/(Γ(R) n!) (1−z)^R z^n},
   * {@code z = t/(α+T+t)}, and the customer survives k coin flips with probability
   * {@code ρ_k = B(a, B+k)/B(a, B)}:
   * <pre>
   *   P(Y = n) = P(alive) [ρ_n P(N = n) + [n > 0] (ρ_{n−1} − ρ_n) P(N ≥ n)] + [n = 0] (1 − P(alive))
   * </pre>
   * (the customer makes n purchases and survives them, or drops out at the n-th; dead customers
   * make none). This is the conditional PMF of Fader &amp; Hardie's note "Deriving the Conditional
   * PMF of the BG/NBD Model" (2006), FHL 2005 eq. 8 at x = 0, T = 0. {@code P(N ≥ n)} is the
   * regularized incomplete beta {@code I_z(n, R)} (Hipparchus), the rest in log space.
   */
  @Override
  public double conditionalProbabilityOfPurchases(int n, int x, double tx, double age, double t) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    checkCustomer(x, tx, age);
    checkTime("t", t);
    return countProbability(n, x, tx, age, t);
  }

  private double countProbability(int n, int x, double tx, double age, double t) {
    double alive = pAlive(x, tx, age);
    double dead = pDead(x, tx, age);
    if (t == 0) {
      return n == 0 ? 1.0 : 0.0;
    }
    double v = alive == 0 ? 0 : alive * countIfAlive(n, r + x, a, b + x + shift, t / (alpha + age));
    return n == 0 ? v + dead : v;
  }

  /**
   * P(Y(t) = n | alive at T) = {@code ρ_n P(N = n) + [n>0] (ρ_{n−1} − ρ_n) P(N ≥ n)}, see
   * {@link #conditionalProbabilityOfPurchases}.
   */
  static double countIfAlive(int n, double rr, double a, double bb, double tau) {
    double l1p = Math.log1p(tau);
    if (n == 0) {
      return Math.exp(-rr * l1p);
    }
    double lnZ = Math.log(tau) - l1p;
    double lb = Beta.logBeta(a, bb);
    // P(N = n) = Γ(R+n)/(Γ(R) n!) (1−z)^R z^n = (1−z)^R z^n / ((R+n) B(R, n+1))
    double lpmf = -Math.log(rr + n) - Beta.logBeta(rr, n + 1.0) - rr * l1p + n * lnZ;
    double first = Math.exp(Beta.logBeta(a, bb + n) - lb + lpmf);
    double mean = rr * tau;
    double tail = n > mean ? Beta.regularizedBeta(tau / (1 + tau), n, rr)
        : 1 - Beta.regularizedBeta(1 / (1 + tau), rr, n);
    double second = Math.exp(Beta.logBeta(a + 1, bb + n - 1) - lb) * tail;
    return first + second;
  }

  // ---------------------------------------------------------------- the two Beta expectations

  /** Longest negative-binomial mixture sum (terms) before the quadrature takes over. */
  static final int MIXTURE_MAX = 5000;
  private static final int ALIVE = 0;
  private static final int EXPECTED = 1;

  /**
   * {@code S = E_p[(1 + pτ)^{−R}] = 2F1(R, a; a+B; −τ)}, p ~ Beta(a, B): the probability that a
   * customer alive now (posterior λ ~ Gamma(R, α+T)) is alive after τ·(α+T) more time units.
   */
  static double aliveIfAlive(double rr, double a, double bb, double tau) {
    if (tau == 0) {
      return 1.0;
    }
    double s = beyondSeries(rr, a, bb, tau, ALIVE);
    // S <= 1: the mixture keeps it exactly; the Pfaff series and the quadrature may round above 1
    // by a few ulps, which alone is removed (larger excesses stay visible to the tests)
    return s > 1 && s <= 1 + 1e-12 ? 1.0 : s;
  }

  /**
   * {@code H = E_p[(1 − (1 + pτ)^{−R})/p]}, p ~ Beta(a, B): the expected purchases in the next
   * τ·(α+T) time units of a customer alive now (posterior λ ~ Gamma(R, α+T)). Positive and at most
   * {@code Rτ}.
   */
  static double expectedIfAlive(double rr, double a, double bb, double tau) {
    if (tau == 0) {
      return 0.0;
    }
    double cp = a + bb - 1;
    if (tau * Math.max(1.0, a) * Math.max(1.0, (rr + 1) / (cp + 1)) <= 0.25) {
      return seriesIfAlive(rr, a, cp, tau);
    }
    return beyondSeries(rr, a, bb, tau, EXPECTED);
  }

  /**
   * S or H where no small-τ series applies: for heavy buyers (R ≥ 20) first the Pfaff series with
   * at most 300 terms, then the mixture where it is at most {@link #MIXTURE_MAX} terms long, then
   * the Pfaff series with up to {@link #PFAFF_MAX} terms, then the quadrature; each method
   * declines (NaN) where it cannot guarantee its accuracy.
   */
  private static double beyondSeries(double rr, double a, double bb, double tau, int what) {
    if (rr >= 20) {
      double v = pfaff(rr, a, bb, tau, what, 300);
      if (v == v) {
        return v;
      }
    }
    if (mixtureLength(rr, tau) <= MIXTURE_MAX) {
      return mixture(rr, a, bb, tau, what);
    }
    double v = pfaff(rr, a, bb, tau, what, PFAFF_MAX);
    return v == v ? v : quadrature(rr, a, bb, tau, what);
  }

  /**
   * H for small τ: {@code Σ_{n≥1} (−1)^{n+1} (R)_n (a)_{n−1} τ^n / ((a+B)_{n−1} n!)} (Taylor series
   * of the Beta expectation). The caller guarantees every term ratio is at most 1/4 in modulus, so
   * the terms decrease geometrically and the alternating sum loses no digits.
   */
  private static double seriesIfAlive(double rr, double a, double cp, double tau) {
    double term = rr * tau;
    double sum = 0;
    for (int n = 1; n < 200; n++) {
      sum += term;
      term *= -(rr + n) * (a + n - 1) * tau / ((cp + n) * (n + 1));
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return sum;
  }

  /** Terms the mixture sum needs: the NB mean, 10 standard deviations and its geometric tail. */
  static double mixtureLength(double rr, double tau) {
    double mean = rr * tau;
    return mean + 10 * Math.sqrt(mean * (1 + tau)) + 40 * (1 + tau);
  }

  /**
   * S or H as a mixture over the purchases N ~ NB(R, z), z = τ/(1+τ), that a live customer would
   * make: {@code S = Σ P(N=n) ρ_n}, {@code H = Σ P(N=n) Σ_{k<n} ρ_k}, {@code ρ_k = (B)_k/(a+B)_k}
   * (survive k coin flips). All terms positive. The weights start at 1 for n = 0 and are rescaled
   * by 2^−600 before they overflow; the result is the ratio to the sum of the weights. The sum
   * stops past the mode once a geometric bound on every remaining term is below 1e-17 of each sum.
   */
  static double mixture(double rr, double a, double bb, double tau, int what) {
    double z = tau / (1 + tau);
    double w = 1;
    double sw = 0;
    double ss = 0;
    double sh = 0;
    double rho = 1;
    double c = 0;
    double mode = (rr - 1) * tau;
    for (int n = 0; n < 1_000_000; n++) {
      sw += w;
      ss += w * rho;
      sh += w * c;
      c += rho;
      rho *= (bb + n) / (a + bb + n);
      double ratio = (rr + n) * z / (n + 1);
      w *= ratio;
      if (w > 0x1p600) {
        w *= 0x1p-600;
        sw *= 0x1p-600;
        ss *= 0x1p-600;
        sh *= 0x1p-600;
      }
      if (n + 1 > mode) {
        // every later ratio is at most q: (R+j)z/(j+1) decreases in j for R >= 1, tends to z
        double q = Math.max((rr + n + 1) * z / (n + 2), z);
        double rw = w / (1 - q);
        if (rw <= 1e-17 * sw && rho * rw <= 1e-17 * ss
            && c * rw + rho * w * q / ((1 - q) * (1 - q)) <= 1e-17 * sh) {
          break;
        }
      }
    }
    return (what == ALIVE ? ss : sh) / sw;
  }

  /** Most terms of the Pfaff series before the quadrature takes over. */
  static final int PFAFF_MAX = 2000;

  /**
   * S or H from Pfaff's transformation (Abramowitz &amp; Stegun 15.3.4), with z = τ/(1+τ),
   * L = ln(1+τ):
   * <pre>
   *   S = (1+τ)^{−a} Σ_{n≥0} (a+B−R)_n (a)_n / ((a+B)_n n!) z^n
   *   H = (a+B−1) [L·(e^{(1−a)L} − 1)/((1−a)L)
   *        − (1+τ)^{1−a} Σ_{n≥1} (a+B−1−R)_n (a)_{n−1} / ((a+B−1)_n n!) z^n]
   * </pre>
   * (H from FHL eq. 10's {@code (a+B−1)/(a−1)[1 − 2F1(R, a−1; a+B−1; −τ)]} with the a − 1 taken
   * out of {@code (a−1)_n}: no pole at a = 1). The terms fall like {@code n^{−R−1} z^n} and, for
   * large B, like {@code B^{−n}}: fast where the mixture is long (heavy buyers, t ≫ α + T). Returns
   * NaN (the caller then integrates) where more than {@code maxTerms} terms are needed, where the
   * sum of the moduli of the terms exceeds 100 times the modulus of the result (more than two
   * digits lost), or where a + B − 1 ≤ 0 for H. The series stops once n is past the last sign
   * change and the geometric bound {@code q = z max(1, (a+n)/(n+1))} on every later term ratio
   * puts the remainder below 1e-17 of the sum.
   */
  static double pfaff(double rr, double a, double bb, double tau, int what, int maxTerms) {
    double z = tau / (1 + tau);
    double l1p = Math.log1p(tau);
    double off = what == ALIVE ? 0 : 1;
    double cc = a + bb - off;
    double c = cc - rr;
    if (!(cc > 0)) {
      return Double.NaN;
    }
    double am = a - off;
    // S: t_0 = 1, t_{n+1} = t_n (c+n)(a+n) z/((cc+n)(n+1));
    // H: t_1 = c z/cc, t_{n+1} = t_n (c+n)(a−1+n) z/((cc+n)(n+1))
    double t = what == ALIVE ? 1 : c * z / cc;
    int n = what == ALIVE ? 0 : 1;
    double sum = t;
    double abs = Math.abs(t);
    for (;; n++) {
      if (n >= maxTerms) {
        return Double.NaN;
      }
      if (n >= -c) {
        double q = z * Math.max(1, (am + n) / (n + 1));
        if (q < 1 && Math.abs(t) * q / (1 - q) <= 1e-17 * Math.abs(sum)) {
          break;
        }
      }
      t *= (c + n) * (am + n) * z / ((cc + n) * (n + 1));
      sum += t;
      abs += Math.abs(t);
    }
    if (what == ALIVE) {
      return abs <= 100 * Math.abs(sum) ? Math.exp(-a * l1p) * sum : Double.NaN;
    }
    double y = (1 - a) * l1p;
    double e1 = y == 0 ? 1 : Math.expm1(y) / y;
    double first = cc * l1p * e1;
    double scale = cc * Math.exp(y);
    double v = first - scale * sum;
    return v > 0 && first + scale * abs <= 100 * v ? v : Double.NaN;
  }

  /**
   * S or H by quadrature of the Beta expectation in the logit variable {@code v = ln(p/(1−p))},
   * where both ends of the Beta density become exponential tails ({@code e^{av}},
   * {@code e^{−Bv}}): the log-integrand is {@code a ln p + B ln(1−p) + ln f(p)}, with
   * {@code f = (1+pτ)^{−R}} or {@code (1 − (1+pτ)^{−R})/p}, evaluated in logs (p down to
   * e^{−10^30}). The integral is split at the integrand's single peak v* (root of its derivative,
   * by bisection); each half-line is mapped by {@code v = v* ± exp((π/2) sinh s)} (exp-sinh: nodes
   * log-spaced from 2e-19 to 1e30 away from the peak, so that a peak of width 1e-3 and a tail of
   * length 1e5 are both resolved), and the trapezoid rule in s is refined by halving h from 1/2
   * until two steps agree to 1e-13 (at most 1/512). The range in s ends where the integrand is
   * below e^−70 of its peak. Divided by {@code B(a, B)} (Hipparchus).
   */
  static double quadrature(double rr, double a, double bb, double tau, int what) {
    double lnTau = Math.log(tau);
    double lnR = Math.log(rr);
    double lo = -745;
    double hi = 745;
    for (int i = 0; i < 200 && hi - lo > 1e-9; i++) {
      double mid = 0.5 * (lo + hi);
      if (slope(mid, rr, a, bb, tau, lnTau, what) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double centre = 0.5 * (lo + hi);
    double peak = logIntegrand(centre, rr, a, bb, lnTau, lnR, what);
    double h = 0.5;
    int k0 = -8; // s = -4: 2e-19 away from the peak
    int kr = 1;
    while (kr < 9 && logIntegrand(centre + offset(kr * h), rr, a, bb, lnTau, lnR, what)
        > peak - 70) {
      kr++;
    }
    int kl = 1;
    while (kl < 9 && logIntegrand(centre - offset(kl * h), rr, a, bb, lnTau, lnR, what)
        > peak - 70) {
      kl++;
    }
    double sum = 0;
    for (int k = k0; k <= Math.max(kl, kr); k++) {
      double s = k * h;
      if (k <= kr) {
        sum += node(s, 1, centre, peak, rr, a, bb, lnTau, lnR, what);
      }
      if (k <= kl) {
        sum += node(s, -1, centre, peak, rr, a, bb, lnTau, lnR, what);
      }
    }
    double prev = sum * h;
    for (int level = 1, m = 1; level <= 9; level++, m *= 2) {
      h *= 0.5;
      // new nodes: odd multiples of the new h
      for (int j = 2 * m * k0 + 1; j < 2 * m * Math.max(kl, kr); j += 2) {
        double s = j * h;
        if (j < 2 * m * kr) {
          sum += node(s, 1, centre, peak, rr, a, bb, lnTau, lnR, what);
        }
        if (j < 2 * m * kl) {
          sum += node(s, -1, centre, peak, rr, a, bb, lnTau, lnR, what);
        }
      }
      double cur = sum * h;
      // two steps within 1e-13 (the error of the first of them is then of that order; a looser
      // 1e-8, assuming the error squares with each halving, left 1e-10 on the grid)
      boolean done = level >= 2 && Math.abs(cur - prev) <= 1e-13 * cur;
      prev = cur;
      if (done) {
        break;
      }
    }
    return Math.exp(peak + Math.log(prev) - Beta.logBeta(a, bb));
  }

  /** exp((π/2) sinh s): the distance from the peak of the exp-sinh node s. */
  private static double offset(double s) {
    return Math.exp(0.5 * Math.PI * Math.sinh(s));
  }

  private static double node(double s, int side, double centre, double peak, double rr,
      double a, double bb, double lnTau, double lnR, int what) {
    double u = offset(s);
    return Math.exp(logIntegrand(centre + side * u, rr, a, bb, lnTau, lnR, what) - peak)
        * u * 0.5 * Math.PI * Math.cosh(s);
  }

  /** ln of p^a (1−p)^B f(p) at p = 1/(1+e^{−v}). */
  private static double logIntegrand(double v, double rr, double a, double bb, double lnTau,
      double lnR, int what) {
    double lnp;
    double ln1mp;
    if (v < 0) {
      ln1mp = -Math.log1p(Math.exp(v));
      lnp = v + ln1mp;
    } else {
      lnp = -Math.log1p(Math.exp(-v));
      ln1mp = lnp - v;
    }
    double ltp = lnp + lnTau;
    if (what == ALIVE) {
      return a * lnp + bb * ln1mp - rr * Math.log1p(Math.exp(ltp));
    }
    double lnOneMinusE;
    if (ltp < -680) {
      lnOneMinusE = lnR + ltp;
    } else {
      lnOneMinusE = Math.log(-Math.expm1(-rr * Math.log1p(Math.exp(ltp))));
    }
    return (a - 1) * lnp + bb * ln1mp + lnOneMinusE;
  }

  /** d/dv of the log-integrand. */
  private static double slope(double v, double rr, double a, double bb, double tau,
      double lnTau, int what) {
    double p;
    double q;
    if (v < 0) {
      double e = Math.exp(v);
      p = e / (1 + e);
      q = 1 / (1 + e);
    } else {
      double e = Math.exp(-v);
      p = 1 / (1 + e);
      q = e / (1 + e);
    }
    double tp = Math.exp(Math.log(p) + lnTau);
    if (what == ALIVE) {
      return a * q - bb * p - rr * tp * q / (1 + tp);
    }
    // (1−p) · R tp/((1+tp) expm1(R ln(1+tp))), written as (1−p) · u(tp) · k/expm1(k)
    double l1 = Math.log1p(tp);
    double k = rr * l1;
    double u = tp == 0 ? 1 : tp / ((1 + tp) * l1);
    double g = k == 0 ? 1 : (k > 700 ? 0 : k / Math.expm1(k));
    return (a - 1) * q - bb * p + q * u * g;
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
    return aliveFromLogOdds(lo + (r + x) * Math.log1p((age - tx) / (alpha + tx)));
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
