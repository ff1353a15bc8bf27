/**
 * Predictive customer-lifetime-value models: probabilistic customer-base models fitted by maximum
 * likelihood (BG/NBD, Pareto/NBD, MBG/NBD; discrete-time and spend models alongside), their
 * predictions, CLV, diagnostics and simulators.
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
 * non-finite likelihood or a singular Hessian. Use
 * {@link dev.retention.internal.Hypergeometric} for 2F1 and Hipparchus' {@code Gamma}/{@code Beta}
 * for log-gamma, digamma and log-beta.
 *
 * <p>Input data: {@link dev.retention.clv.RecencyFrequencyData} (x, t_x, T, optional weights, time
 * unit), validated at construction.
 */
package dev.retention.clv;
