package dev.retention.clv;

import java.util.Objects;
import java.util.Optional;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The beta-geometric/beta-binomial (BG/BB) model of discrete-time non-contractual purchasing with
 * given parameters {@code alpha, beta, gamma, delta}, and its predictions.
 *
 * <p>Model (Fader, Hardie and Shang 2010, "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6)): at each transaction opportunity an active
 * customer transacts with probability p; before each opportunity an active customer becomes
 * inactive for good with probability θ; p ~ Beta(α, β) and θ ~ Beta(γ, δ) independently across
 * customers. For a customer with pattern {@code (x, t_x, n)} (see
 * {@link BetaGeometricBetaBinomialData}):
 *
 * <pre>
 *   L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *     + Σ_{i=0..n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ)            (eq. 5)
 *   P(alive at n+1) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L                      (eq. 11)
 *   E[X(n, n+n*)] = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{j=1..n*} B(γ, δ+n+j)/B(γ,δ)
 *   DERT(d) = B(α+x+1, β+n−x)/B(α,β) / L · Σ_{j>=1} B(γ, δ+n+j)/B(γ,δ) / (1+d)^j
 *           = … · B(γ, δ+n+1)/(B(γ,δ)(1+d)) · 2F1(1, δ+n+1; γ+δ+n+1; 1/(1+d))            (eq. 14)
 * </pre>
 *
 * <p>The finite sum for {@code E[X(n, n+n*)]} telescopes to the paper's closed form (eq. 13,
 * {@code δ/(γ−1) · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]}); we sum it
 * term by term (ratio {@code (δ+n+j)/(γ+δ+n+j)}, O(n*) multiplications) because the closed form is
 * 0/0 at γ = 1 and loses digits near it. Every quantity is formed in log space from
 * {@link Beta#logBeta}, so no intermediate overflows for x, n up to 10^4 and parameters from 1e-3
 * to 1e3.
 *
 * <p>Further predictions: {@link #probabilityAliveAt} (eq. 11 for any horizon),
 * {@link #probabilityOfTransactions} (eq. 7), {@link #expectedCustomersByRepeatCount} and
 * {@link #conditionalProbabilityOfTransactions} (technical appendix).
 *
 * <p>Accuracy, measured against {@code refgrid/bgbb.tsv.gz} ({@code tools/refgrid/
 * gen_discrete.py}: the paper's formulas at 50 and 80 digits with mpmath, independently of this
 * code; α, β, γ, δ from 1e-3 to 1e3 with the corners, γ at and within 1e-8 of 1, n and horizons
 * up to 1,000, discount rates 1e-6 to 10): every prediction within
 * {@code max(1e-10, 16·κ·2⁻⁵³)} relative error (κ the point's condition number) or 1e-300
 * absolute; the worst relative errors seen are listed in {@code DiscreteReferenceGridTest}'s
 * output. Outside that range (n above about 10^4, parameters beyond 1e±3) the same formulas
 * apply but accuracy has not been measured.
 *
 * <p>Immutable and thread-safe; the scalar methods allocate nothing (except
 * {@link #expectedCustomersByRepeatCount}, which returns a new array), the vectorised ones write
 * into a caller-supplied array.
 */
public final class BetaGeometricBetaBinomialModel {

  /**
   * The largest number of opportunities (observed plus future) that the O(n) predictions accept:
   * 1,000,000, which bounds each call's work (about a million terms); daily opportunities over
   * 2,700 years.
   */
  public static final int MAX_PERIODS = 1_000_000;

  /** The largest {@code n} of {@link #expectedCustomersByRepeatCount}, whose work is O(n²). */
  public static final int MAX_HISTOGRAM_PERIODS = 10_000;

  private final ModelFit fit;
  private final double alpha;
  private final double beta;
  private final double gamma;
  private final double delta;
  private final double logBetaAB;
  private final double logBetaGD;

  private BetaGeometricBetaBinomialModel(double alpha, double beta, double gamma, double delta, ModelFit fit) {
    this.fit = fit;
    this.alpha = alpha;
    this.beta = beta;
    this.gamma = gamma;
    this.delta = delta;
    this.logBetaAB = Beta.logBeta(alpha, beta);
    this.logBetaGD = Beta.logBeta(gamma, delta);
  }

  /**
   * A model with the given parameters, each finite and {@code > 0}.
   *
   * @param alpha first shape of the transaction probability's Beta distribution
   * @param beta second shape of the transaction probability's Beta distribution
   * @param gamma first shape of the dropout probability's Beta distribution
   * @param delta second shape of the dropout probability's Beta distribution
   * @return the model
   * @throws IllegalArgumentException naming the first bad parameter and its value
   */
  public static BetaGeometricBetaBinomialModel of(
      double alpha, double beta, double gamma, double delta) {
    GammaGammaModel.checkParameter("alpha", alpha);
    GammaGammaModel.checkParameter("beta", beta);
    GammaGammaModel.checkParameter("gamma", gamma);
    GammaGammaModel.checkParameter("delta", delta);
    return new BetaGeometricBetaBinomialModel(alpha, beta, gamma, delta, null);
  }


  /**
   * Fits the model by maximum likelihood with the default options ({@link FitOptions#defaults()}).
   *
   * @param data the data
   * @return the fitted model; {@link #fitResult()} holds the log-likelihood, standard errors,
   *     iterations and convergence diagnostics
   * @throws ModelFitException when the fit does not converge, a parameter runs to the boundary of
   *     its domain or the parameters are not identified; the message summarises the data
   */
  public static BetaGeometricBetaBinomialModel fit(BetaGeometricBetaBinomialData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits the model by maximum likelihood: damped Newton steps on the log-parameters with the
   * analytic gradient and a Hessian by central differences of the analytic gradient ({@link NewtonFit}), from a deterministic start;
   * the standard errors come from the same Hessian. Options, convergence test and failure rules
   * are those of the shared optimiser ({@link dev.retention.internal.MaximumLikelihood}), whose
   * BFGS line search cannot always resolve the default 1e-8 gradient tolerance on these
   * likelihoods.
   *
   * @param data the data
   * @param options penalty, tolerance, iteration limit, optional start
   * @return the fitted model
   * @throws ModelFitException when the fit fails (see {@link #fit(BetaGeometricBetaBinomialData)})
   */
  public static BetaGeometricBetaBinomialModel fit(BetaGeometricBetaBinomialData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    ModelFit result = NewtonFit.fit(new BetaGeometricBetaBinomialLikelihood(data), options);
    return new BetaGeometricBetaBinomialModel(result.parameter(0), result.parameter(1), result.parameter(2), result.parameter(3), result);
  }

  /**
   * The fit this model came from.
   *
   * @return the fit result, empty for a model built with {@code of(...)}
   */
  public Optional<ModelFit> fitResult() {
    return Optional.ofNullable(fit);
  }

  /**
   * The parameter α.
   *
   * @return α
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The parameter β.
   *
   * @return β
   */
  public double beta() {
    return beta;
  }

  /**
   * The parameter γ.
   *
   * @return γ
   */
  public double gamma() {
    return gamma;
  }

  /**
   * The parameter δ.
   *
   * @return δ
   */
  public double delta() {
    return delta;
  }

  /**
   * The natural logarithm of the likelihood L of one pattern (eq. 5 above).
   *
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency opportunity of the last transaction {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods opportunities observed {@code n >= 0}
   * @return {@code ln L}, finite and {@code <= 0}
   * @throws IllegalArgumentException for an invalid pattern
   */
  public double logLikelihood(int x, int recency, int periods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, -1);
    return logL(x, recency, periods);
  }

  /**
   * Weighted log-likelihood {@code Σ count · ln L} of the data.
   *
   * @param data the patterns
   * @return the log-likelihood, finite
   */
  public double logLikelihood(BetaGeometricBetaBinomialData data) {
    return logLikelihood(alpha, beta, gamma, delta, Objects.requireNonNull(data, "data"), null);
  }

  /**
   * The probability that a customer with pattern {@code (x, t_x, n)} is still active at
   * opportunity {@code n + 1} (eq. 11 above); equal to {@link #probabilityAliveAt(int, int, int,
   * int) probabilityAliveAt(x, t_x, n, 1)}.
   *
   * <p>Accuracy: relative error below {@code 1e-10} (or {@code 16·κ·2⁻⁵³} where the condition
   * number κ is larger) against 50-digit evaluations of eq. 11 on the reference grid
   * ({@code refgrid/bgbb.tsv.gz}: parameters 1e-3 to 1e3, γ at and near 1, n up to 1,000); the
   * result is at most 1 by construction (no clamp).
   *
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency opportunity of the last transaction {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods opportunities observed {@code n >= 0}
   * @return the probability, in {@code [0, 1]}
   * @throws IllegalArgumentException for an invalid pattern
   */
  public double probabilityAlive(int x, int recency, int periods) {
    return probabilityAliveAt(x, recency, periods, 1);
  }

  /**
   * The probability that a customer with pattern {@code (x, t_x, n)} is still active at
   * opportunity {@code n + m}, having survived the m dropout chances before opportunities
   * {@code n + 1 .. n + m} (Fader, Hardie and Shang 2010, eq. 11, which is the case m = 1):
   *
   * <pre>
   *   P(alive at n+m | x, t_x, n) = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+m)/B(γ,δ) / L
   *                               = A/L · Π_{k=0..m−1} (δ+n+k)/(γ+δ+n+k)
   * </pre>
   *
   * with A the first term of L (eq. 5). {@code m = 0} gives the probability of being active at
   * opportunity n. A/L is formed from the same logarithms as L (so it is at most 1 by
   * construction) and the product as {@code exp(Σ ln((δ+n+k)/(γ+δ+n+k)))} for {@code m <= 4096},
   * beyond as a difference of log-Beta functions. O(min(m, 4096) + n − t_x) time, no allocation.
   *
   * <p>Accuracy: as {@link #probabilityAlive(int, int, int)}, on the grid with m up to 1,000.
   * Thread-safe.
   *
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods {@code n >= 0}
   * @param futurePeriods {@code m >= 0}
   * @return the probability, in {@code [0, 1]}
   * @throws IllegalArgumentException for an invalid pattern or negative {@code m}
   */
  public double probabilityAliveAt(int x, int recency, int periods, int futurePeriods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, -1);
    if (futurePeriods < 0) {
      throw new IllegalArgumentException("futurePeriods must be >= 0, was " + futurePeriods);
    }
    double a = logFirst(x, periods);
    return Math.exp(a - logL(a, x, recency, periods)
        + logSurvivalRatio(delta + periods, futurePeriods));
  }

  /**
   * {@code ln[B(γ, base+m)/B(γ, base)] = Σ_{k<m} ln((base+k)/(γ+base+k))}, at most 0: a sum of
   * non-positive logarithms for {@code m <= 4096}; beyond, that sum to 4096 plus a
   * log-Beta difference, whose rounding (about {@code 1e-16·|ln B|}) could only make it positive
   * when the true value is above {@code −1e-13}: that rounding is removed by {@code min(0, ·)}
   * (tested: {@code BetaGeometricBetaBinomialModelTest.survivalRatioClampOnlyRemovesRounding}).
   */
  private double logSurvivalRatio(double base, int m) {
    int direct = Math.min(m, 4096);
    double s = 0.0;
    for (int k = 0; k < direct; k++) {
      // ln((base+k)/(γ+base+k)): log1p of the small complement where it is below 1/2 (exact to
      // a few ulps), the logarithm of the ratio otherwise (where log1p would amplify the
      // rounding of a complement near 1); both are at most 0
      double u = gamma + base + k;
      double q = gamma / u;
      s += q < 0.5 ? Math.log1p(-q) : Math.log((base + k) / u);
    }
    if (m > direct) {
      s += Math.min(0.0, Beta.logBeta(gamma, base + m) - Beta.logBeta(gamma, base + direct));
    }
    return s;
  }

  /**
   * Conditional expected number of transactions in the next {@code futurePeriods} opportunities
   * {@code n+1 .. n+n*} (see the class documentation; FHS 2010 eq. 13). Accuracy: within
   * {@code max(1e-10, 16·κ·2⁻⁵³)} relative on the reference grid (n, n* up to 1,000). Thread-safe.
   *
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency opportunity of the last transaction {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods opportunities observed {@code n >= 0}
   * @param futurePeriods {@code n* >= 0}
   * @return the expectation, in {@code [0, n*]}; O(n*) time
   * @throws IllegalArgumentException for an invalid pattern or negative horizon
   */
  public double expectedTransactions(int x, int recency, int periods, int futurePeriods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, -1);
    checkFuture(periods, futurePeriods);
    if (futurePeriods == 0) {
      return 0.0;
    }
    double lead = Math.exp(leadLog(x, recency, periods));
    double sum = 0.0;
    double term = 1.0;
    double base = delta + periods;
    for (int j = 1; j <= futurePeriods; j++) {
      sum += term;
      term *= (base + j) / (gamma + base + j);
    }
    return lead * sum;
  }

  /**
   * Discounted expected residual transactions, {@code Σ_{j>=1} E[transaction at n+j] /
   * (1+d)^j} (eq. 14 above): multiply by the value of a transaction for the residual lifetime
   * value. Accuracy: within {@code max(1e-10, 16·κ·2⁻⁵³)} relative on the reference grid (d from
   * 1e-6 to 10; see {@link DiscreteSeries#hyp2f1a1}). Thread-safe.
   *
   * @param discountRate discount rate per opportunity, finite and {@code >= 1e-6}
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency opportunity of the last transaction {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods opportunities observed {@code n >= 0}
   * @return DERT, finite and in {@code [0, 1/d]}; about {@code 40/d} series terms at most
   * @throws IllegalArgumentException for an invalid pattern or discount rate
   */
  public double discountedExpectedResidualTransactions(
      double discountRate, int x, int recency, int periods) {
    DiscreteSeries.checkDiscountRate(discountRate);
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, -1);
    double z = 1.0 / (1.0 + discountRate);
    double base = delta + periods + 1.0;
    return Math.exp(leadLog(x, recency, periods)) * z
        * DiscreteSeries.hyp2f1a1(base, gamma + base, z);
  }

  /**
   * Expected number of transactions of a new customer in its first {@code n} opportunities,
   * {@code E[X(n)] = α/(α+β) · Σ_{t=1..n} B(γ, δ+t)/B(γ,δ)} (the closed form is eq. 7 of the
   * paper).
   *
   * @param periods {@code n >= 0}
   * @return the expectation, in {@code [0, n]}; O(n) time
   */
  public double expectedTransactionsNewCustomer(int periods) {
    if (periods < 0) {
      throw new IllegalArgumentException("periods must be >= 0, was " + periods);
    }
    double sum = 0.0;
    double term = delta / (gamma + delta); // B(γ, δ+1)/B(γ, δ)
    for (int t = 1; t <= periods; t++) {
      sum += term;
      term *= (delta + t) / (gamma + delta + t);
    }
    return alpha / (alpha + beta) * sum;
  }

  /**
   * The probability that a new customer makes exactly {@code x} transactions in its first
   * {@code n} opportunities (Fader, Hardie and Shang 2010, eq. 7):
   *
   * <pre>
   *   P(X(n) = x) = C(n,x) B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
   *               + Σ_{i=x..n−1} C(i,x) B(α+x, β+i−x)/B(α,β) · B(γ+1, δ+i)/B(γ,δ)
   * </pre>
   *
   * (the customer is alive through all n opportunities, or drops out after opportunity i and
   * made x transactions in those i). It is {@link #conditionalProbabilityOfTransactions} for the
   * empty history {@code x = t_x = n = 0}. Terms are formed in log space (log-Beta functions for
   * the first, the exact term ratio for the rest) and summed by an online log-sum-exp, so
   * nothing overflows or underflows before the final {@code exp}. O(n − x) time, no allocation.
   *
   * <p>Accuracy: relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} against 50-digit
   * evaluations of eq. 7 on the reference grid (n up to 1,000, x from 0 to n, parameters 1e-3 to
   * 1e3). Thread-safe.
   *
   * @param transactions {@code x >= 0}; the probability is 0 for {@code x > n}
   * @param periods {@code n >= 0}
   * @return the probability, in {@code [0, 1]}
   * @throws IllegalArgumentException for negative arguments
   */
  public double probabilityOfTransactions(int transactions, int periods) {
    return conditionalProbabilityOfTransactions(transactions, 0, 0, 0, periods);
  }

  /**
   * Expected number of customers of a cohort of {@code customers} new customers with each
   * repeat count {@code x = 0..n} over their first {@code n} opportunities,
   * {@code customers · P(X(n) = x)} (Fader, Hardie and Shang 2010, eq. 7; the paper's Figure 3
   * compares such a histogram with the data).
   *
   * <p>O(n²) time ({@link #probabilityOfTransactions} for each x); allocates the returned array
   * only. Accuracy as {@link #probabilityOfTransactions}. Thread-safe.
   *
   * @param customers the cohort size, finite and {@code >= 0}
   * @param periods {@code n >= 0}
   * @return a new array of length {@code n + 1}; entry x is the expected number of customers
   *     with x transactions; the entries sum to {@code customers} (up to rounding)
   * @throws IllegalArgumentException for a negative or non-finite cohort size or negative n
   */
  public double[] expectedCustomersByRepeatCount(double customers, int periods) {
    if (!(customers >= 0.0) || Double.isInfinite(customers)) {
      throw new IllegalArgumentException("customers must be finite and >= 0, was " + customers);
    }
    if (periods < 0 || periods > MAX_HISTOGRAM_PERIODS) {
      throw new IllegalArgumentException("periods must be in [0, " + MAX_HISTOGRAM_PERIODS
          + "] (O(n^2) work), was " + periods);
    }
    double[] out = new double[periods + 1];
    for (int x = 0; x <= periods; x++) {
      out[x] = customers * probabilityOfTransactions(x, periods);
    }
    return out;
  }

  /**
   * The probability that a customer with pattern {@code (x, t_x, n)} makes exactly {@code x*}
   * transactions in the next {@code n*} opportunities {@code n+1 .. n+n*} (Fader, Hardie and
   * Shang 2010, technical appendix):
   *
   * <pre>
   *   P(X(n, n+n*) = x* | x, t_x, n) = [ 1{x* = 0} (L − A)
   *       + C(n*,x*) B(α+x+x*, β+n−x+n*−x*)/B(α,β) · B(γ, δ+n+n*)/B(γ,δ)
   *       + Σ_{i=x*..n*−1} C(i,x*) B(α+x+x*, β+n−x+i−x*)/B(α,β) · B(γ+1, δ+n+i)/B(γ,δ) ] / L
   * </pre>
   *
   * with L and its first term A as in eq. 5: the customer had dropped out by opportunity n
   * (then x* = 0), stays alive through all n* opportunities, or drops out after i of them. The
   * probabilities over {@code x* = 0..n*} sum to 1 and their mean is
   * {@link #expectedTransactions(int, int, int, int)}. Log-space terms and an online
   * log-sum-exp as in {@link #probabilityOfTransactions}; O(n − t_x + n* − x*) time, no
   * allocation.
   *
   * <p>Accuracy: relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} against 50-digit
   * evaluations on the reference grid (n, n* up to 1,000, every x* from 0 to n*, parameters
   * 1e-3 to 1e3). A result above 1 can only come from rounding of a probability within
   * {@code 1e-12} of 1 and is returned as 1 (a larger excess throws {@link IllegalStateException},
   * which would be a bug). Thread-safe.
   *
   * @param futureTransactions {@code x* >= 0}; the probability is 0 for {@code x* > n*}
   * @param x transactions, {@code 0 <= x <= t_x}
   * @param recency {@code t_x}, {@code 0 <= t_x <= n}
   * @param periods {@code n >= 0}
   * @param futurePeriods {@code n* >= 0}
   * @return the probability, in {@code [0, 1]}
   * @throws IllegalArgumentException for an invalid pattern or negative {@code x*, n*}
   */
  public double conditionalProbabilityOfTransactions(
      int futureTransactions, int x, int recency, int periods, int futurePeriods) {
    BetaGeometricBetaBinomialData.checkRow(x, recency, periods, 1.0, -1);
    if (futureTransactions < 0) {
      throw new IllegalArgumentException(
          "futureTransactions must be >= 0, was " + futureTransactions);
    }
    checkFuture(periods, futurePeriods);
    if (futureTransactions > futurePeriods) {
      return 0.0;
    }
    if (futurePeriods == 0) {
      return 1.0; // x* = 0 = n*
    }
    int xs = futureTransactions;
    int ns = futurePeriods;
    int n = periods;
    double logA = logFirst(x, n);
    double logL = logL(logA, x, recency, n);
    // the "alive through n + n*" term
    double max = logBinomial(ns, xs)
        + Beta.logBeta(alpha + x + xs, beta + n - x + ns - xs) - logBetaAB
        + Beta.logBeta(gamma, delta + n + ns) - logBetaGD;
    double sum = 1.0;
    if (xs == 0 && recency < n) {
      double dead = logDeadSum(x, recency, n);
      if (dead > max) {
        sum = Math.exp(max - dead) + 1.0;
        max = dead;
      } else {
        sum += Math.exp(dead - max);
      }
    }
    if (xs < ns) {
      double u = Beta.logBeta(alpha + x + xs, beta + n - x) - logBetaAB
          + Beta.logBeta(gamma + 1.0, delta + n + xs) - logBetaGD;
      for (int i = xs; i < ns; i++) {
        if (u > max) {
          sum = sum * Math.exp(max - u);
          max = u;
        }
        sum += Math.exp(u - max);
        u += Math.log((i + 1.0) * (beta + n - x + i - xs) * (delta + n + i)
            / ((i + 1.0 - xs) * (alpha + beta + n + i) * (gamma + delta + 1.0 + n + i)));
      }
    }
    return roundingToOne(Math.exp(max + Math.log(sum) - logL));
  }

  /**
   * Removes a rounding excess of a probability over 1 (at most {@code 1e-12}: tested by
   * {@code BetaGeometricBetaBinomialModelTest.probabilitiesNeverExceedOneByMoreThanRounding});
   * a larger excess is a bug and throws.
   */
  static double roundingToOne(double p) {
    if (p <= 1.0) {
      return p;
    }
    if (p - 1.0 <= 1e-12) {
      return 1.0;
    }
    throw new IllegalStateException("probability " + p + " exceeds 1 by more than rounding");
  }

  /** ln C(n, k) for 0 <= k <= n, as −ln(n+1) − ln B(k+1, n−k+1); exactly 0 at k = 0 and k = n. */
  private static double logBinomial(int n, int k) {
    if (k == 0 || k == n) {
      return 0.0;
    }
    return -Math.log(n + 1.0) - Beta.logBeta(k + 1.0, n - k + 1.0);
  }

  /**
   * Vectorised {@link #probabilityAlive(int, int, int)} over the patterns of {@code data}.
   *
   * @param data the patterns
   * @param out receives one probability per pattern (length {@code data.size()}); nothing else is
   *     allocated
   */
  public void probabilityAlive(BetaGeometricBetaBinomialData data, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = probabilityAlive(xs[i], ts[i], ns[i]);
    }
  }

  /**
   * Vectorised {@link #expectedTransactions(int, int, int, int)} over the patterns of
   * {@code data}.
   *
   * @param data the patterns
   * @param futurePeriods {@code n* >= 0}
   * @param out receives one expectation per pattern; nothing else is allocated
   */
  public void expectedTransactions(
      BetaGeometricBetaBinomialData data, int futurePeriods, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = expectedTransactions(xs[i], ts[i], ns[i], futurePeriods);
    }
  }

  /**
   * Vectorised {@link #discountedExpectedResidualTransactions(double, int, int, int)}.
   *
   * @param discountRate discount rate per opportunity, finite and {@code >= 1e-6}
   * @param data the patterns
   * @param out receives one DERT per pattern; nothing else is allocated
   */
  public void discountedExpectedResidualTransactions(
      double discountRate, BetaGeometricBetaBinomialData data, double[] out) {
    checkOut(data, out);
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    for (int i = 0; i < xs.length; i++) {
      out[i] = discountedExpectedResidualTransactions(discountRate, xs[i], ts[i], ns[i]);
    }
  }

  /** n* >= 0 and n + n* <= {@link #MAX_PERIODS}: every O(n) loop is bounded. */
  private static void checkFuture(int periods, int futurePeriods) {
    if (futurePeriods < 0) {
      throw new IllegalArgumentException("futurePeriods must be >= 0, was " + futurePeriods);
    }
    if ((long) periods + futurePeriods > MAX_PERIODS) {
      throw new IllegalArgumentException("periods + futurePeriods must be <= " + MAX_PERIODS
          + ", was " + periods + " + " + futurePeriods);
    }
  }

  private static void checkOut(BetaGeometricBetaBinomialData data, double[] out) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(out, "out");
    if (out.length != data.size()) {
      throw new IllegalArgumentException(
          "out must have length data.size() = " + data.size() + ", was " + out.length);
    }
  }

  /** ln[B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L]. */
  private double leadLog(int x, int recency, int periods) {
    return Beta.logBeta(alpha + x + 1.0, beta + periods - x) - logBetaAB
        + Beta.logBeta(gamma, delta + periods + 1.0) - logBetaGD
        - logL(x, recency, periods);
  }

  /** ln A = ln[B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)], the first term of L. */
  private double logFirst(int x, int n) {
    return Beta.logBeta(alpha + x, beta + n - x) - logBetaAB
        + Beta.logBeta(gamma, delta + n) - logBetaGD;
  }

  private double logL(int x, int tx, int n) {
    return logL(logFirst(x, n), x, tx, n);
  }

  /**
   * ln L given ln A = {@code a}: {@code ln(e^a + e^{ln(L − A)})}, the dead-by-n sum from
   * {@link #logDeadSum}; the log-sum-exp is at least {@code a}, so {@code a − logL(a, …) <= 0}
   * holds exactly in floating point.
   */
  private double logL(double a, int x, int tx, int n) {
    double dead = logDeadSum(x, tx, n);
    return dead == Double.NEGATIVE_INFINITY ? a : AbstractBetaGeoModel.logAddExp(a, dead);
  }

  /**
   * ln(L − A) = ln Σ_{i=0..n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ), the
   * joint probability of the history and of having dropped out by opportunity n; {@code −∞} when
   * {@code t_x = n}.
   */
  private double logDeadSum(int x, int tx, int n) {
    int terms = n - tx;
    if (terms == 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double b = Beta.logBeta(alpha + x, beta + tx - x) - logBetaAB
        + Beta.logBeta(gamma + 1.0, delta + tx) - logBetaGD;
    double max = b;
    double sum = 0.0;
    for (int i = 0; i < terms; i++) {
      if (b > max) {
        sum = sum * Math.exp(max - b);
        max = b;
      }
      sum += Math.exp(b - max);
      b += Math.log((beta + tx - x + i) * (delta + tx + i)
          / ((alpha + beta + tx + i) * (gamma + delta + 1.0 + tx + i)));
    }
    return max + Math.log(sum);
  }

  /**
   * The weighted log-likelihood {@code Σ count · ln L} with its optional analytic gradient in
   * {@code (α, β, γ, δ)}. Each term of L is {@code exp(v)} with v a sum of log-Beta functions,
   * whose derivatives are digamma differences ({@code ∂ ln B(a,b)/∂a = ψ(a) − ψ(a+b)}); the terms
   * of the sum over i follow from the first by the ratio
   * {@code (β+t_x−x+i)(δ+t_x+i)/((α+β+t_x+i)(γ+δ+1+t_x+i))}, whose log-derivatives are
   * reciprocals, so the inner loop needs one logarithm and no special function. Terms are
   * combined by an online log-sum-exp. The log-gamma and digamma values at α+k, β+k, α+β+k,
   * δ+k, γ+δ+k come from tables built by recurrence (O(max n) per call, the only allocation), so
   * the special functions are evaluated a fixed number of times per call, not per pattern.
   *
   * @param grad receives the gradient when non-null (length 4)
   */
  static double logLikelihood(
      double a, double b, double g, double d, BetaGeometricBetaBinomialData data,
      double[] grad) {
    int[] xs = data.xArray();
    int[] ts = data.recencyArray();
    int[] ns = data.periodsArray();
    double[] ws = data.countArray();
    boolean derivatives = grad != null;
    // ln Γ and ψ at base + k for k = 0..max n + 1, by ln Γ(z+1) = ln Γ(z) + ln z and
    // ψ(z+1) = ψ(z) + 1/z: five special-function calls per base instead of per pattern.
    int m = data.maxPeriods() + 2;
    double[] la = logGammaTable(a, m);
    double[] lb = logGammaTable(b, m);
    double[] lab = logGammaTable(a + b, m);
    double[] ld = logGammaTable(d, m);
    double[] lgd = logGammaTable(g + d, m);
    double[] pa = derivatives ? digammaTable(a, m) : null;
    double[] pb = derivatives ? digammaTable(b, m) : null;
    double[] pab = derivatives ? digammaTable(a + b, m) : null;
    double[] pd = derivatives ? digammaTable(d, m) : null;
    double[] pgd = derivatives ? digammaTable(g + d, m) : null;
    double lgG = Gamma.logGamma(g);
    double lgG1 = lgG + Math.log(g); // ln Γ(γ + 1)
    double lbAB = la[0] + lb[0] - lab[0];
    double lbGD = lgG + ld[0] - lgd[0];
    double ll = 0.0;
    double ga = 0.0;
    double gb = 0.0;
    double gg = 0.0;
    double gd = 0.0;
    for (int r = 0; r < xs.length; r++) {
      double w = ws[r];
      if (w == 0.0) {
        continue;
      }
      int x = xs[r];
      int tx = ts[r];
      int n = ns[r];
      // ln[B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)]
      double v = la[x] + lb[n - x] - lab[n] - lbAB + lgG + ld[n] - lgd[n] - lbGD;
      double max = v;
      double s = 1.0;
      double sa = 0.0;
      double sb = 0.0;
      double sg = 0.0;
      double sd = 0.0;
      if (derivatives) {
        sa = pa[x] - pab[n] - pa[0] + pab[0];
        sb = pb[n - x] - pab[n] - pb[0] + pab[0];
        sg = pgd[0] - pgd[n];
        sd = pd[n] - pgd[n] - pd[0] + pgd[0];
      }
      int terms = n - tx;
      if (terms > 0) {
        // ln[B(α+x, β+t_x−x)/B(α,β) · B(γ+1, δ+t_x)/B(γ,δ)]
        double u = la[x] + lb[tx - x] - lab[tx] - lbAB + lgG1 + ld[tx] - lgd[tx + 1] - lbGD;
        double da = 0.0;
        double db = 0.0;
        double dg = 0.0;
        double dd = 0.0;
        if (derivatives) {
          da = pa[x] - pab[tx] - pa[0] + pab[0];
          db = pb[tx - x] - pab[tx] - pb[0] + pab[0];
          dg = 1.0 / g - pgd[tx + 1] + pgd[0]; // ψ(γ+1) − ψ(γ) = 1/γ
          dd = pd[tx] - pgd[tx + 1] - pd[0] + pgd[0];
        }
        for (int i = 0; i < terms; i++) {
          double e;
          if (u > max) {
            double scale = Math.exp(max - u);
            s *= scale;
            sa *= scale;
            sb *= scale;
            sg *= scale;
            sd *= scale;
            max = u;
            e = 1.0;
          } else {
            e = Math.exp(u - max);
          }
          s += e;
          if (derivatives) {
            sa += e * da;
            sb += e * db;
            sg += e * dg;
            sd += e * dd;
          }
          double p1 = b + tx - x + i;
          double p2 = d + tx + i;
          double q1 = a + b + tx + i;
          double q2 = g + d + 1.0 + tx + i;
          u += Math.log(p1 * p2 / (q1 * q2));
          if (derivatives) {
            double iq1 = 1.0 / q1;
            double iq2 = 1.0 / q2;
            da -= iq1;
            db += 1.0 / p1 - iq1;
            dg -= iq2;
            dd += 1.0 / p2 - iq2;
          }
        }
      }
      ll += w * (max + Math.log(s));
      if (derivatives) {
        double inv = w / s;
        ga += sa * inv;
        gb += sb * inv;
        gg += sg * inv;
        gd += sd * inv;
      }
    }
    if (derivatives) {
      grad[0] = ga;
      grad[1] = gb;
      grad[2] = gg;
      grad[3] = gd;
    }
    return ll;
  }

  /** {@code ln Γ(base + k)} for {@code k = 0..length−1}. */
  private static double[] logGammaTable(double base, int length) {
    double[] t = new double[length];
    t[0] = Gamma.logGamma(base);
    for (int k = 1; k < length; k++) {
      t[k] = t[k - 1] + Math.log(base + k - 1);
    }
    return t;
  }

  /** {@code ψ(base + k)} for {@code k = 0..length−1}. */
  private static double[] digammaTable(double base, int length) {
    double[] t = new double[length];
    t[0] = Gamma.digamma(base);
    for (int k = 1; k < length; k++) {
      t[k] = t[k - 1] + 1.0 / (base + k - 1);
    }
    return t;
  }

  @Override
  public String toString() {
    return "BetaGeometricBetaBinomialModel[alpha=" + alpha + ", beta=" + beta + ", gamma=" + gamma
        + ", delta=" + delta + "]";
  }
}
