package dev.retention.internal;

import dev.retention.time.ModelTimeUnit;
import java.util.List;

/**
 * A model's log-likelihood over a fixed data set, with its analytic gradient, as seen by
 * {@link MaximumLikelihood}.
 *
 * <p>Parameters are "natural" (as published: r, alpha, a, b …). Parameters for which
 * {@link #isPositive(int)} is true (the default, and the case for every model in this library)
 * must be {@code > 0}; the optimiser works on their logarithms, so the search space is
 * unconstrained and steps are scale-free.
 *
 * <p>Implementations are immutable views of validated, typically pattern-compressed data; they may
 * keep private scratch arrays only if they document that they are not thread-safe (the optimiser
 * calls them from one thread).
 */
public interface LikelihoodObjective {

  /**
   * The model name used in fit results and exceptions.
   *
   * @return for example {@code "BG/NBD"}
   */
  String modelName();

  /**
   * Parameter names in order.
   *
   * @return the names, for example {@code [r, alpha, a, b]}
   */
  List<String> parameterNames();

  /**
   * Whether a parameter must be strictly positive (optimised on the log scale).
   *
   * @param index parameter position
   * @return true by default
   */
  default boolean isPositive(int index) {
    return true;
  }

  /**
   * A deterministic starting point (no random starts), typically from simple moments of the
   * data.
   *
   * @return a fresh array of natural parameters
   */
  double[] startingPoint();

  /**
   * The number of observations: the sum of the weights.
   *
   * @return n {@code > 0}
   */
  double observations();

  /**
   * The time unit of the rates, or null for unit-free models.
   *
   * @return the unit or null
   */
  ModelTimeUnit timeUnit();

  /**
   * A short summary of the data for exception messages (counts and ranges, never ids).
   *
   * @return the summary
   */
  String dataSummary();

  /**
   * The weighted log-likelihood Σ w_i ln L_i(params) and, when {@code gradient} is not null, its
   * partial derivatives with respect to the natural parameters written into {@code gradient}.
   * May return a non-finite value (NaN, ±infinity) where the likelihood cannot be evaluated; the
   * optimiser treats that as "worse than anything finite" and steps back.
   *
   * @param params natural parameters (not modified)
   * @param gradient output array of the same length, or null
   * @return the log-likelihood
   */
  double logLikelihood(double[] params, double[] gradient);
}
