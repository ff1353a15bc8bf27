package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.Objects;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee, "Counting Your Customers the Easy Way: An Alternative
 * to the Pareto/NBD Model", Marketing Science 24(2), 2005): while alive a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase they drop out with
 * probability p ~ Beta(a, b).
 *
 * <p>Formulas (FHL 2005 equations 6–10), with {@code A_1 = −(r+x) ln(α+T)} and
 * {@code A_2 = ln a − ln(b+x−1) − (r+x) ln(α+t_x)} (x &gt; 0):
 *
 * <ul>
 *   <li>log-likelihood {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) +
 *       ln(e^{A_1} + [x>0] e^{A_2})} (log-sum-exp);
 *   <li>P(alive) = {@code 1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^{r+x})};
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · {@code (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x}
 *       2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]} (eq. 10), evaluated as the Beta expectation
 *       {@code E_p[(1 − (1+pτ)^{−(r+x)})/p]}, τ = t/(α+T), p ~ Beta(a, b+x), which has neither
 *       the closed form's cancellation nor its removable pole at a = 1;
 *   <li>E[X(t)]: the same with x = 0, T = 0, P(alive) = 1 (eq. 9);
 *   <li>P(X(t) = n): eq. 8; P(Y(t) = n | x, t_x, T): the same from the posterior
 *       ({@link #conditionalProbabilityOfPurchases});
 *   <li>P(alive at T+t) = P(alive) · {@code 2F1(r+x, a; a+b+x; −t/(α+T))}: given alive at T,
 *       λ ~ Gamma(r+x, α+T), p ~ Beta(a, b+x), and the customer survives (T, T+t] with probability
 *       e^{−λpt} (our derivation).
 * </ul>
 *
 * <p>Methods, domain and measured accuracy (the reference grid {@code refgrid/bgnbd.tsv.gz}):
 * see {@code AbstractBetaGeoModel}, shared with {@link MbgNbdModel}.
 *
 * <p>Fitting: maximum likelihood with the analytic gradient over identical (x, t_x, T) patterns
 * merged with weights, Gamma-function ratios computed once per distinct x per step. Reproduces
 * FHL 2005 on CDNOW (r = 0.2426, α = 4.4135, a = 0.7929, b = 2.4258, LL = −9582.43).
 *
 * <p>Immutable and thread-safe; vectorised methods allocate nothing but their outputs.
 */
public final class BgNbdModel extends AbstractBetaGeoModel {

  private BgNbdModel(double r, double alpha, double a, double b, ModelTimeUnit unit,
      ModelFit fit) {
    super(r, alpha, a, b, unit, fit, 0);
  }

  /**
   * A model with given parameters.
   *
   * @param r shape of the purchase-rate gamma, {@code > 0}
   * @param alpha rate of the purchase-rate gamma per {@code unit}, {@code > 0}
   * @param a first shape of the dropout beta, {@code > 0}
   * @param b second shape of the dropout beta, {@code > 0}
   * @param unit the time unit of alpha
   * @return the model
   */
  public static BgNbdModel of(double r, double alpha, double a, double b, ModelTimeUnit unit) {
    return new BgNbdModel(r, alpha, a, b, unit, null);
  }

  /**
   * Fits by maximum likelihood with default options.
   *
   * @param data calibration data (its unit becomes the model's)
   * @return the fitted model
   * @throws ModelFitException when the fit fails
   */
  public static BgNbdModel fit(RecencyFrequencyData data) {
    return fit(data, FitOptions.defaults());
  }

  /**
   * Fits by maximum likelihood.
   *
   * @param data calibration data (its unit becomes the model's)
   * @param options fit options
   * @return the fitted model
   * @throws ModelFitException when the fit fails
   */
  public static BgNbdModel fit(RecencyFrequencyData data, FitOptions options) {
    ModelFit f = MaximumLikelihood.fit(likelihood(data), Objects.requireNonNull(options, "o"));
    return new BgNbdModel(f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3),
        data.timeUnit(), f);
  }

  static LikelihoodObjective likelihood(RecencyFrequencyData data) {
    Objects.requireNonNull(data, "data");
    if (data.size() == 0) {
      throw new ModelFitException("BG/NBD", "no customers", data.summary());
    }
    return new Likelihood(Patterns.of(data), data.timeUnit(), 0);
  }

  @Override
  public String name() {
    return "BG/NBD";
  }
}
