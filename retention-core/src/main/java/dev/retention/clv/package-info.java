/**
 * Predictive customer-lifetime-value models: probabilistic customer-base models fitted by maximum
 * likelihood, their predictions, CLV, diagnostics and simulators.
 *
 * <h2>Continuous-time, non-contractual models</h2>
 *
 * <p>{@link dev.retention.clv.BgNbdModel} (Fader, Hardie &amp; Lee 2005),
 * {@link dev.retention.clv.ParetoNbdModel} (Schmittlein, Morrison &amp; Colombo 1987) and
 * {@link dev.retention.clv.MbgNbdModel} (Batislam, Denizel &amp; Filiztekin 2007) share the
 * {@link dev.retention.clv.CustomerBaseModel} interface and take
 * {@link dev.retention.clv.RecencyFrequencyData} (x, t_x, T, optional pattern weights, an explicit
 * time unit):
 *
 * <pre>{@code
 * RecencyFrequencyData cal = RecencyFrequencyData.of(x, tx, T, ModelTimeUnit.WEEKS);
 * BgNbdModel m = BgNbdModel.fit(cal);                 // throws ModelFitException if it fails
 * ModelFit fit = m.fitResult().orElseThrow();               // LL, SEs, AIC/BIC, iterations ...
 * double[] pAlive = new double[cal.size()];
 * double[] next52 = new double[cal.size()];
 * m.score(cal, 52, pAlive, next52, true);             // parallel over the common pool
 * double[] clv = new double[cal.size()];
 * ClvCalculator.of(m).withPeriod(1, ModelTimeUnit.MONTHS).withPeriods(12)
 *     .withDiscountRate(0.10, ModelTimeUnit.YEARS).withMargin(0.3)
 *     .totals(cal, expectedSpend, clv, true);        // expectedSpend e.g. from Gamma-Gamma
 * }</pre>
 *
 * <p>Diagnostics: {@link dev.retention.clv.HoldoutComparison},
 * {@link dev.retention.clv.Diagnostics} (tracking curve, frequency histogram). Simulation:
 * {@link dev.retention.clv.CustomerBaseSimulator}.
 *
 * <h2>Fitting infrastructure (for model implementers)</h2>
 *
 * <p>A model implements {@link dev.retention.internal.LikelihoodObjective} (parameter names, a
 * deterministic starting point, the weighted log-likelihood with its analytic gradient in natural
 * parameters, the number of observations, the time unit or null, a data summary) and calls
 *
 * <pre>{@code
 * ModelFit fit = MaximumLikelihood.fit(objective, FitOptions.defaults());
 * double r = fit.parameter("r");
 * double[] se = fit.standardErrors();
 * }</pre>
 *
 * <p>The optimiser ({@link dev.retention.internal.MaximumLikelihood}) works on log-parameters with
 * BFGS and a strong-Wolfe line search, stops when the per-observation gradient's max-norm is below
 * {@link dev.retention.clv.FitOptions#gradientTolerance()}, computes the Hessian by central
 * differences of the analytic gradient and throws {@link dev.retention.clv.ModelFitException}
 * (with the objective's data summary) for non-convergence, a parameter at the boundary, a
 * non-finite likelihood or a singular Hessian. Every fit has a budget in work (iterations,
 * likelihood evaluations, line-search and damping trials; see {@link dev.retention.clv.FitOptions})
 * and ends in a result or a {@link dev.retention.clv.ModelFitException}; a fit whose standard error
 * exceeds ten times its estimate carries a warning ({@link dev.retention.clv.ModelFit#warnings()}).
 * Fits are bit-identical for any order of the rows (patterns are kept in canonical order).
 *
 * <p>Predictions are exact to a measured accuracy over their whole valid input space: each model's
 * class documentation states the methods, the domain and the worst relative error found against
 * 50/80-digit mpmath reference grids (within 1e-10 relative, or 16·κ·2⁻⁵³ where the condition
 * number κ makes that impossible in double precision; tests under
 * {@code src/test/resources/refgrid}). Where a mixture integral is needed it is evaluated as an
 * expectation of a positive integrand (no cancelling closed forms). Log-gamma, digamma and log-beta
 * come from Hipparchus.
 */
package dev.retention.clv;
