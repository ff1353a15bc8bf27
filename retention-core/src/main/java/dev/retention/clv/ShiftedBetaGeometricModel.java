package dev.retention.clv;

import java.util.Objects;
import java.util.Optional;
import org.hipparchus.special.Beta;

/**
 * The shifted-beta-geometric (sBG) model of contract duration with given parameters
 * {@code alpha, beta}, and its projections.
 *
 * <p>Model (Fader and Hardie 2007, "How to Project Customer Retention", J. Interactive Marketing
 * 21(1)): at the end of each period an active customer cancels with probability θ, constant for the
 * customer; θ varies across customers as Beta(α, β). The duration T (number of periods a customer
 * stays, {@code T >= 1}) then has
 *
 * <pre>
 *   P(T = t) = B(α + 1, β + t − 1) / B(α, β) = S(t − 1) · α / (α + β + t − 1)
 *   S(t) = P(T > t) = B(α, β + t) / B(α, β) = Π_{k=1..t} (β + k − 1)/(α + β + k − 1),  S(0) = 1
 *   r(t) = S(t) / S(t − 1) = (β + t − 1) / (α + β + t − 1)      (retention rate of period t)
 * </pre>
 *
 * <p>S(t) is the share of a cohort still active at the start of period t. The parameters are
 * named α, β as in the paper (some later texts write γ, δ for the same shapes); the paper fits
 * α̂ = 0.704, β̂ = 1.182 for its "regular" segment and α̂ = 0.668, β̂ = 3.806 for "high end".
 *
 * <p>DERL (Fader and Hardie 2010, "Customer-Base Valuation in a Contractual Setting", Marketing
 * Science 29(1), eq. 6): for a customer who has made {@code n} renewals (active in period
 * {@code n + 1}, at its end, deciding on the next renewal), the expected discounted number of
 * further periods paid, the first one undiscounted:
 *
 * <pre>
 *   DERL(d | n) = Σ_{j>=0} S(n + 1 + j) / S(n) / (1 + d)^j
 *               = (β + n)/(α + β + n) · 2F1(1, β + n + 1; α + β + n + 1; 1/(1 + d))
 * </pre>
 *
 * (the paper writes it for "n − 1 renewals"; our {@code n} is its {@code n − 1}).
 *
 * <p>Immutable and thread-safe. Every method returns a finite value for valid input; none
 * allocates except the curve methods, which return a new array.
 */
public final class ShiftedBetaGeometricModel {

  private final ModelFit fit;
  private final double alpha;
  private final double beta;
  private final double logBetaAB;

  private ShiftedBetaGeometricModel(double alpha, double beta, ModelFit fit) {
    this.fit = fit;
    this.alpha = alpha;
    this.beta = beta;
    this.logBetaAB = Beta.logBeta(alpha, beta);
  }

  /**
   * A model with the given parameters.
   *
   * @param alpha first shape of the Beta distribution of churn probabilities, finite, {@code > 0}
   * @param beta second shape, finite, {@code > 0}
   * @return the model
   * @throws IllegalArgumentException naming the first bad parameter and its value
   */
  public static ShiftedBetaGeometricModel of(double alpha, double beta) {
    GammaGammaModel.checkParameter("alpha", alpha);
    GammaGammaModel.checkParameter("beta", beta);
    return new ShiftedBetaGeometricModel(alpha, beta, null);
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
  public static ShiftedBetaGeometricModel fit(ShiftedBetaGeometricData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits the model by maximum likelihood: damped Newton steps on the log-parameters with the
   * analytic gradient and the exact Hessian ({@link NewtonFit}), from a deterministic start;
   * the standard errors come from the same Hessian. Options, convergence test and failure rules
   * are those of the shared optimiser ({@link dev.retention.internal.MaximumLikelihood}), whose
   * BFGS line search cannot always resolve the default 1e-8 gradient tolerance on these
   * likelihoods.
   *
   * @param data the data
   * @param options penalty, tolerance, iteration limit, optional start
   * @return the fitted model
   * @throws ModelFitException when the fit fails (see {@link #fit(ShiftedBetaGeometricData)})
   */
  public static ShiftedBetaGeometricModel fit(ShiftedBetaGeometricData data, FitOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    ModelFit result = NewtonFit.fit(new ShiftedBetaGeometricLikelihood(data), options);
    return new ShiftedBetaGeometricModel(result.parameter(0), result.parameter(1), result);
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
   * The first Beta shape α.
   *
   * @return the value
   */
  public double alpha() {
    return alpha;
  }

  /**
   * The second Beta shape β.
   *
   * @return the value
   */
  public double beta() {
    return beta;
  }

  /**
   * Survival {@code S(t) = B(α, β + t)/B(α, β) = Π_{k=1..t} (β + k − 1)/(α + β + k − 1)}: the
   * probability that a new customer is still active at the start of period t (Fader and Hardie
   * 2007, eq. 1 and 2).
   *
   * <p>Evaluation: the product of the retention rates for {@code t <= 2048} (each factor is at
   * most 1 in floating point, so the result is too; relative error at most about
   * {@code 3t·2⁻⁵³}); beyond, {@code S(2048) · exp(ln B(α, β+t) − ln B(α, β+2048))}, where the
   * log-Beta difference, at most 0 in exact arithmetic, can only round above 0 when its true
   * value is within about {@code 1e-13} of 0: that rounding is removed by {@code min(0, ·)}
   * (asserted by {@code ShiftedBetaGeometricModelTest.survivalClampOnlyRemovesRounding}).
   * O(min(t, 2048)) time, no allocation.
   *
   * <p>Accuracy: relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} (κ the condition number in
   * α, β), or absolute below 1e-300, against 50-digit mpmath on the reference grid
   * ({@code refgrid/sbg.tsv.gz}: α, β from 1e-3 to 1e3, t from 0 to 100,000). Thread-safe.
   *
   * @param t a period, {@code >= 0}
   * @return {@code S(t)} in {@code [0, 1]}; 1 for {@code t == 0}; underflows to 0 where
   *     {@code S(t) < 1e-308}
   * @throws IllegalArgumentException for negative t
   */
  public double survival(int t) {
    checkPeriod("t", t, 0);
    int direct = Math.min(t, PRODUCT_PERIODS);
    double s = 1.0;
    for (int k = 1; k <= direct; k++) {
      s *= (beta + k - 1.0) / (alpha + beta + k - 1.0);
    }
    if (t > direct && s > 0.0) {
      s *= Math.exp(Math.min(0.0,
          Beta.logBeta(alpha, beta + t) - Beta.logBeta(alpha, beta + direct)));
    }
    return s;
  }

  /** Periods up to which {@link #survival} multiplies the retention rates. */
  private static final int PRODUCT_PERIODS = 2048;

  /**
   * The survival curve {@code S(0), S(1), …, S(lastPeriod)}, by the product recursion
   * {@code S(t) = S(t − 1) · r(t)} (each factor at most 1, so the curve never exceeds 1 and never
   * rises; relative error of {@code S(t)} at most about {@code 3t·2⁻⁵³}, below 1e-10 for
   * {@code t <= 1e5}). Accuracy measured as {@link #survival(int)}, on the grid up to
   * {@code lastPeriod = 100,000}. O(lastPeriod) time. Thread-safe.
   *
   * @param lastPeriod the last period, {@code >= 0}
   * @return a new array of length {@code lastPeriod + 1}
   * @throws IllegalArgumentException for negative {@code lastPeriod}
   */
  public double[] survivalCurve(int lastPeriod) {
    checkPeriod("lastPeriod", lastPeriod, 0);
    double[] s = new double[lastPeriod + 1];
    s[0] = 1.0;
    for (int t = 1; t <= lastPeriod; t++) {
      s[t] = s[t - 1] * ((beta + t - 1.0) / (alpha + beta + t - 1.0));
    }
    return s;
  }

  /**
   * The retention rate of period t, {@code r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1)}:
   * the share of customers active at the start of period t − 1 who renew for period t. It rises
   * with t because the customers most likely to cancel leave first.
   *
   * @param t a period, {@code >= 1}
   * @return the rate, in {@code (0, 1)}
   */
  public double retentionRate(int t) {
    checkPeriod("t", t, 1);
    return (beta + t - 1.0) / (alpha + beta + t - 1.0);
  }

  /**
   * The probability that a new customer's contract lasts exactly t periods,
   * {@code P(T = t) = S(t − 1) · α/(α + β + t − 1)}.
   *
   * @param t a period, {@code >= 1}
   * @return the probability, in {@code [0, 1]}
   */
  public double churnProbability(int t) {
    checkPeriod("t", t, 1);
    return survival(t - 1) * alpha / (alpha + beta + t - 1.0);
  }

  /**
   * Expected number of a cohort's customers active at the start of period t,
   * {@code cohortSize · S(t)}.
   *
   * @param cohortSize the number of customers acquired, {@code >= 0}
   * @param t a period, {@code >= 0}
   * @return the expected survivors
   */
  public double expectedSurvivors(long cohortSize, int t) {
    if (cohortSize < 0) {
      throw new IllegalArgumentException("cohortSize must be >= 0, was " + cohortSize);
    }
    return cohortSize * survival(t);
  }

  /**
   * Discounted expected residual lifetime (see the class documentation; Fader and Hardie 2010,
   * eq. 6): {@code DERL(d | n) = Σ_{j>=0} S(n+1+j)/S(n) / (1+d)^j}, summed as the series
   * {@code (β+n)/(α+β+n) · 2F1(1, β+n+1; α+β+n+1; 1/(1+d))} of positive terms (no
   * cancellation), about {@code 40/d} terms at most.
   *
   * <p>Accuracy: relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} against mpmath's
   * {@code hyp2f1} at 50 digits on the reference grid (α, β from 1e-3 to 1e3, d from 1e-6 to
   * 10, n up to 100,000). Thread-safe, no allocation.
   *
   * @param discountRate discount rate per period, finite and {@code >= 1e-6}
   * @param renewals renewals the customer has made so far, {@code >= 0}
   * @return DERL, finite and in {@code [r(n + 1), (1 + d)/d]}
   * @throws IllegalArgumentException for a bad discount rate or negative renewals
   */
  public double discountedExpectedResidualLifetime(double discountRate, int renewals) {
    DiscreteSeries.checkDiscountRate(discountRate);
    checkPeriod("renewals", renewals, 0);
    double n = renewals;
    double z = 1.0 / (1.0 + discountRate);
    return (beta + n) / (alpha + beta + n)
        * DiscreteSeries.hyp2f1a1(beta + n + 1.0, alpha + beta + n + 1.0, z);
  }

  /**
   * Discounted expected residual lifetime over a finite horizon: the expected discounted number
   * of the next {@code m} periods a customer who has made {@code n} renewals pays for, the first
   * undiscounted,
   *
   * <pre>
   *   DERL_m(d | n) = Σ_{j=0..m−1} S(n+1+j)/S(n) / (1+d)^j,   term ratio (β+n+1+j)/(α+β+n+1+j)/(1+d)
   * </pre>
   *
   * (the truncation of Fader and Hardie 2010, eq. 6, to m terms; with {@code d = 0} the expected
   * number of the next m periods paid). Positive terms summed directly; summation stops early
   * once the geometric bound on the remaining terms is below {@code 1e-17} of the sum.
   * O(min(m, 40/d)) time, no allocation.
   *
   * <p>Accuracy: relative error below {@code max(1e-10, 16·κ·2⁻⁵³)} against 50-digit
   * evaluations of the definition on the reference grid (α, β from 1e-3 to 1e3, d = 0 and from
   * 1e-6 to 10, n up to 100,000, m up to 1,000). Thread-safe.
   *
   * @param discountRate discount rate per period, finite and {@code >= 0}
   * @param renewals renewals made so far {@code n >= 0}
   * @param periods the horizon m in periods, {@code >= 0} (0 gives 0)
   * @return the sum, in {@code [0, m]}
   * @throws IllegalArgumentException for a bad discount rate or negative n, m
   */
  public double discountedExpectedResidualLifetime(double discountRate, int renewals,
      int periods) {
    if (!(discountRate >= 0.0) || Double.isInfinite(discountRate)) {
      throw new IllegalArgumentException(
          "discountRate must be finite and >= 0, was " + discountRate);
    }
    checkPeriod("renewals", renewals, 0);
    checkPeriod("periods", periods, 0);
    double z = 1.0 / (1.0 + discountRate);
    double tailFactor = discountRate == 0.0 ? Double.POSITIVE_INFINITY : z / (1.0 - z);
    double base = beta + renewals;
    double term = base / (alpha + base);
    double sum = 0.0;
    for (int j = 0; j < periods; j++) {
      sum += term;
      term *= (base + 1.0 + j) / (alpha + base + 1.0 + j) * z;
      if (term * tailFactor <= 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }

  /**
   * Log-likelihood of a cohort's survivor counts, {@code Σ_{t=1..m} (n_{t−1} − n_t) ln P(T = t) +
   * n_m ln S(m)} (Fader and Hardie 2007, eq. 4 / appendix).
   *
   * @param data the survivor counts
   * @return the log-likelihood, finite and {@code <= 0}
   */
  public double logLikelihood(ShiftedBetaGeometricData data) {
    return logLikelihood(alpha, beta, Objects.requireNonNull(data, "data"), null, null);
  }

  /**
   * The log-likelihood with optional analytic gradient and Hessian in {@code (α, β)}; with
   * {@code u_t = α + β + t − 1}, {@code v_t = β + t − 1}:
   *
   * <pre>
   *   ln S(t) = ln S(t − 1) + ln v_t − ln u_t,   ln P(T = t) = ln S(t − 1) + ln α − ln u_t
   *   ∂ ln S(t)/∂α = Σ_{k<=t} −1/u_k,   ∂ ln S(t)/∂β = Σ_{k<=t} (1/v_k − 1/u_k)
   * </pre>
   *
   * O(m), no special functions, allocates nothing.
   */
  static double logLikelihood(
      double alpha, double beta, ShiftedBetaGeometricData data, double[] grad, double[] hess) {
    long[] n = data.survivorsArray();
    double lnS = 0.0;
    double sa = 0.0;
    double sb = 0.0;
    double saa = 0.0;
    double sab = 0.0;
    double sbb = 0.0;
    double ll = 0.0;
    double ga = 0.0;
    double gb = 0.0;
    double haa = 0.0;
    double hab = 0.0;
    double hbb = 0.0;
    double logAlpha = Math.log(alpha);
    double invAlpha = 1.0 / alpha;
    for (int t = 1; t < n.length; t++) {
      double u = alpha + beta + t - 1.0;
      double v = beta + t - 1.0;
      double invU = 1.0 / u;
      double invU2 = invU * invU;
      double churned = n[t - 1] - n[t];
      if (churned > 0) {
        ll += churned * (lnS + logAlpha - Math.log(u));
        ga += churned * (sa + invAlpha - invU);
        gb += churned * (sb - invU);
        haa += churned * (saa - invAlpha * invAlpha + invU2);
        hab += churned * (sab + invU2);
        hbb += churned * (sbb + invU2);
      }
      lnS += Math.log(v) - Math.log(u);
      sa -= invU;
      sb += 1.0 / v - invU;
      saa += invU2;
      sab += invU2;
      sbb += invU2 - 1.0 / (v * v);
    }
    double alive = n[n.length - 1];
    if (alive > 0) {
      ll += alive * lnS;
      ga += alive * sa;
      gb += alive * sb;
      haa += alive * saa;
      hab += alive * sab;
      hbb += alive * sbb;
    }
    if (grad != null) {
      grad[0] = ga;
      grad[1] = gb;
    }
    if (hess != null) {
      hess[0] = haa;
      hess[1] = hab;
      hess[2] = hab;
      hess[3] = hbb;
    }
    return ll;
  }

  private static void checkPeriod(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
    }
  }

  @Override
  public String toString() {
    return "ShiftedBetaGeometricModel[alpha=" + alpha + ", beta=" + beta + "]";
  }
}
