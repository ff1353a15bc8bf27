package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.util.Objects;

/**
 * The MBG/NBD model (Batislam, Denizel &amp; Filiztekin, "Empirical validation and comparison of
 * models for customer base analysis", International Journal of Research in Marketing 24(3), 2007):
 * the BG/NBD in which a customer can also drop out right after the first purchase, so that a
 * customer without repeat purchases is not certainly alive.
 *
 * <p>Formulas: those of {@link BgNbdModel} with {@code B(a, b+x)} replaced by {@code B(a, b+x+1)},
 * {@code b+x−1} by {@code b+x} and the indicator [x &gt; 0] dropped:
 * <ul>
 *   <li>log-likelihood {@code ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) +
 *       ln(e^{−(r+x) ln(α+T)} + e^{ln a − ln(b+x) − (r+x) ln(α+t_x)})};
 *   <li>P(alive) = {@code 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^{r+x})};
 *   <li>E[Y(t) | x, t_x, T] = P(alive) · {@code (a+b+x)/(a−1) [1 − ((α+T)/(α+T+t))^{r+x}
 *       2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]}, evaluated as the Beta expectation
 *       {@code E_p[(1 − (1+pτ)^{−(r+x)})/p]}, τ = t/(α+T), p ~ Beta(a, b+x+1) (the posterior of a
 *       customer alive at T: x + 1 survived coin flips);
 *   <li>E[X(t)] = {@code b/(a−1) [1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))]};
 *   <li>P(X(t) = n) = {@code B(a, b+n+1)/B(a,b) NB(n) + B(a+1, b+n)/B(a,b) P(NB ≥ n)} (our
 *       derivation from the generative process: alive after n+1 coin flips, or dropped at the
 *       flip after the n-th purchase); P(Y(t) = n | x, t_x, T) likewise from the posterior
 *       ({@link #conditionalProbabilityOfPurchases});
 *   <li>P(alive at T+t) = P(alive) · {@code 2F1(r+x, a; a+b+x+1; −t/(α+T))}.
 * </ul>
 *
 * <p>Methods, domain and measured accuracy (the reference grid {@code refgrid/mbgnbd.tsv.gz}):
 * see {@code AbstractBetaGeoModel}, shared with {@link BgNbdModel}.
 *
 * <p>Immutable and thread-safe.
 */
public final class MbgNbdModel extends AbstractBetaGeoModel {

  private MbgNbdModel(double r, double alpha, double a, double b, ModelTimeUnit unit,
      ModelFit fit) {
    super(r, alpha, a, b, unit, fit, 1);
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
  public static MbgNbdModel of(double r, double alpha, double a, double b, ModelTimeUnit unit) {
    return new MbgNbdModel(r, alpha, a, b, unit, null);
  }

  /**
   * Fits by maximum likelihood with default options.
   *
   * @param data calibration data (its unit becomes the model's)
   * @return the fitted model
   * @throws ModelFitException when the fit fails
   */
  public static MbgNbdModel fit(RecencyFrequencyData data) {
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
  public static MbgNbdModel fit(RecencyFrequencyData data, FitOptions options) {
    ModelFit f = MaximumLikelihood.fit(likelihood(data), Objects.requireNonNull(options, "o"));
    return new MbgNbdModel(f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3),
        data.timeUnit(), f);
  }

  static LikelihoodObjective likelihood(RecencyFrequencyData data) {
    Objects.requireNonNull(data, "data");
    if (data.size() == 0) {
      throw new ModelFitException("MBG/NBD", "no customers", data.summary());
    }
    return new Likelihood(Patterns.of(data), data.timeUnit(), 1);
  }

  @Override
  public String name() {
    return "MBG/NBD";
  }
}
