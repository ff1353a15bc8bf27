package dev.retention.clv;

import java.util.Arrays;
import java.util.Optional;

/**
 * Options of a maximum-likelihood fit. Immutable; configure by copies:
 * {@code FitOptions.defaults().withPenalty(0.001).withMaxIterations(500)}.
 *
 * <ul>
 *   <li>{@code penalty} λ ≥ 0 (default 0): the fit minimises {@code -LL(θ) + λ·N·Σ θ_i²}, where
 *       {@code N} is the number of observations (sum of weights) and θ the natural (positive)
 *       parameters. This is the per-observation scaling of lifetimes' {@code penalizer_coef}
 *       ({@code -LL/N + λ Σ θ²}), so the same λ means the same shrinkage there and here. The
 *       reported log-likelihood is always the unpenalised one.
 *   <li>{@code gradientTolerance} (default 1e-8): convergence when the largest absolute component
 *       of the gradient of the per-observation objective {@code (-LL/N + penalty)} with respect to
 *       the log-parameters is at most this value; or, when the objective cannot be decreased
 *       any further in double precision (a line search along steepest descent finds no
 *       decrease), when it is at most the square root of this value (1e-4 by default): on large
 *       data (tens of thousands of customers) the mean objective's rounding noise makes 1e-8
 *       unreachable while the parameters are already resolved far inside their standard errors.
 *   <li>{@code maxIterations} (default 1000): optimiser iterations (BFGS or damped Newton steps)
 *       before giving up.
 *   <li>{@code maxEvaluations} (default {@value #DEFAULT_MAX_EVALUATIONS}): evaluations of the
 *       log-likelihood with its gradient (and, for the damped-Newton fits of BG/BB, sBG and
 *       Gamma-Gamma, its Hessian) during the search, line-search and damping trials included,
 *       before giving up. The covariance at the end costs a fixed {@code 2k + 1} further
 *       evaluations (k parameters) and is not counted. Every line search is itself bounded (at
 *       most 121 evaluations: 60 to bracket, 60 to zoom, 1 to accept) and every damped-Newton
 *       step (at most 20 trials of its damping factor), so a fit ends after at most
 *       {@code maxEvaluations + 2k + 1} evaluations, each of which is bounded by the model's own
 *       documented budget (series terms, quadrature nodes).
 *   <li>{@code start} (default: the model's deterministic starting point): an explicit starting
 *       point in natural parameters.
 *   <li>{@code requireConvergence} (default true): when false, a fit that stops without meeting
 *       the gradient tolerance (iteration or evaluation budget spent, or no further decrease,
 *       but with a finite likelihood and interior parameters) is returned with
 *       {@link ModelFit#converged()} false and a warning in {@link ModelFit#warnings()} instead
 *       of throwing {@link ModelFitException}.
 * </ul>
 *
 * <p>Running out of a budget with {@code requireConvergence} true (the default) throws a
 * {@link ModelFitException} whose reason names the budget, the work done and the gradient norm
 * reached, with the data summary. A parameter that leaves {@code [1e-12, 1e12]} during the search
 * ends it at once (it is running to the boundary of its domain); the fit then fails with the
 * boundary reason (see {@link ModelFitException}). A fit also stops, with a
 * {@link ModelFitException}, at the first evaluation after its thread is interrupted (the
 * interrupt status is left set), so a caller can cancel it within one likelihood evaluation.
 *
 * <p>Thread-safe (immutable).
 */
public final class FitOptions {
  /** The default evaluation budget of {@link #maxEvaluations()}. */
  public static final int DEFAULT_MAX_EVALUATIONS = 5000;

  private static final FitOptions DEFAULTS =
      new FitOptions(0.0, 1e-8, 1000, DEFAULT_MAX_EVALUATIONS, null, true);

  private final double penalty;
  private final double gradientTolerance;
  private final int maxIterations;
  private final int maxEvaluations;
  private final double[] start;
  private final boolean requireConvergence;

  private FitOptions(
      double penalty, double gradientTolerance, int maxIterations, int maxEvaluations,
      double[] start, boolean requireConvergence) {
    this.penalty = penalty;
    this.gradientTolerance = gradientTolerance;
    this.maxIterations = maxIterations;
    this.maxEvaluations = maxEvaluations;
    this.start = start;
    this.requireConvergence = requireConvergence;
  }

  /**
   * The default options: no penalty, gradient tolerance 1e-8, 1000 iterations, 5000
   * evaluations, the model's own starting point, convergence required.
   *
   * @return the defaults
   */
  public static FitOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A copy with an L2 penalty.
   *
   * @param lambda the penalty coefficient, finite and {@code >= 0}
   * @return the new options
   */
  public FitOptions withPenalty(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("penalty must be finite and >= 0, was " + lambda);
    }
    return new FitOptions(lambda, gradientTolerance, maxIterations, maxEvaluations, start,
        requireConvergence);
  }

  /**
   * A copy with another gradient tolerance.
   *
   * @param tolerance the tolerance, finite and {@code > 0}
   * @return the new options
   */
  public FitOptions withGradientTolerance(double tolerance) {
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException(
          "gradientTolerance must be finite and > 0, was " + tolerance);
    }
    return new FitOptions(penalty, tolerance, maxIterations, maxEvaluations, start,
        requireConvergence);
  }

  /**
   * A copy with another iteration limit.
   *
   * @param iterations the limit, {@code >= 1}
   * @return the new options
   */
  public FitOptions withMaxIterations(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, was " + iterations);
    }
    return new FitOptions(penalty, gradientTolerance, iterations, maxEvaluations, start,
        requireConvergence);
  }

  /**
   * A copy with another evaluation budget (see the class documentation).
   *
   * @param evaluations the most log-likelihood evaluations during the search, {@code >= 1}
   * @return the new options
   */
  public FitOptions withMaxEvaluations(int evaluations) {
    if (evaluations < 1) {
      throw new IllegalArgumentException("maxEvaluations must be >= 1, was " + evaluations);
    }
    return new FitOptions(penalty, gradientTolerance, maxIterations, evaluations, start,
        requireConvergence);
  }

  /**
   * A copy with an explicit starting point in natural parameters (checked against the model's
   * parameter count and domain when the fit starts).
   *
   * @param parameters the starting point (copied)
   * @return the new options
   */
  public FitOptions withStart(double... parameters) {
    double[] copy = parameters.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!Double.isFinite(copy[i])) {
        throw new IllegalArgumentException(
            "start must be finite, was " + copy[i] + " (parameter " + i + ")");
      }
    }
    return new FitOptions(penalty, gradientTolerance, maxIterations, maxEvaluations, copy,
        requireConvergence);
  }

  /**
   * A copy that returns unconverged fits (flagged) instead of throwing.
   *
   * @param require whether a fit must converge
   * @return the new options
   */
  public FitOptions withRequireConvergence(boolean require) {
    return new FitOptions(penalty, gradientTolerance, maxIterations, maxEvaluations, start,
        require);
  }

  /**
   * The L2 penalty coefficient λ.
   *
   * @return λ
   */
  public double penalty() {
    return penalty;
  }

  /**
   * The gradient tolerance.
   *
   * @return the tolerance
   */
  public double gradientTolerance() {
    return gradientTolerance;
  }

  /**
   * The iteration limit.
   *
   * @return the limit
   */
  public int maxIterations() {
    return maxIterations;
  }

  /**
   * The evaluation budget.
   *
   * @return the most log-likelihood evaluations during the search
   */
  public int maxEvaluations() {
    return maxEvaluations;
  }

  /**
   * The explicit starting point, if any.
   *
   * @return a copy of the starting point, or empty for the model's default
   */
  public Optional<double[]> start() {
    return start == null ? Optional.empty() : Optional.of(start.clone());
  }

  /**
   * Whether a fit must converge.
   *
   * @return true when an unconverged fit throws
   */
  public boolean requireConvergence() {
    return requireConvergence;
  }

  @Override
  public String toString() {
    return "FitOptions{penalty=" + penalty + ", gradientTolerance=" + gradientTolerance
        + ", maxIterations=" + maxIterations + ", maxEvaluations=" + maxEvaluations + ", start="
        + (start == null ? "model default" : Arrays.toString(start))
        + ", requireConvergence=" + requireConvergence + "}";
  }
}
