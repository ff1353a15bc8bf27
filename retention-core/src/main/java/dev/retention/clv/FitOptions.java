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
 *   <li>{@code maxIterations} (default 1000): quasi-Newton iterations before giving up.
 *   <li>{@code start} (default: the model's deterministic starting point): an explicit starting
 *       point in natural parameters.
 *   <li>{@code requireConvergence} (default true): when false, a fit that stops without meeting
 *       the gradient tolerance (but with a finite likelihood and interior parameters) is returned
 *       with {@link ModelFit#converged()} false instead of throwing {@link ModelFitException}.
 * </ul>
 *
 * <p>Thread-safe (immutable).
 */
public final class FitOptions {
  private static final FitOptions DEFAULTS = new FitOptions(0.0, 1e-8, 1000, null, true);

  private final double penalty;
  private final double gradientTolerance;
  private final int maxIterations;
  private final double[] start;
  private final boolean requireConvergence;

  private FitOptions(
      double penalty, double gradientTolerance, int maxIterations, double[] start,
      boolean requireConvergence) {
    this.penalty = penalty;
    this.gradientTolerance = gradientTolerance;
    this.maxIterations = maxIterations;
    this.start = start;
    this.requireConvergence = requireConvergence;
  }

  /**
   * The default options: no penalty, gradient tolerance 1e-8, 1000 iterations, the model's own
   * starting point, convergence required.
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
    return new FitOptions(lambda, gradientTolerance, maxIterations, start, requireConvergence);
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
    return new FitOptions(penalty, tolerance, maxIterations, start, requireConvergence);
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
    return new FitOptions(penalty, gradientTolerance, iterations, start, requireConvergence);
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
    return new FitOptions(penalty, gradientTolerance, maxIterations, copy, requireConvergence);
  }

  /**
   * A copy that returns unconverged fits (flagged) instead of throwing.
   *
   * @param require whether a fit must converge
   * @return the new options
   */
  public FitOptions withRequireConvergence(boolean require) {
    return new FitOptions(penalty, gradientTolerance, maxIterations, start, require);
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
        + ", maxIterations=" + maxIterations + ", start="
        + (start == null ? "model default" : Arrays.toString(start))
        + ", requireConvergence=" + requireConvergence + "}";
  }
}
