package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable result of a maximum-likelihood fit: parameter names and values, log-likelihood,
 * iteration count, final gradient norm, convergence flag, the covariance matrix of the estimates
 * (inverse of the Hessian of the negative log-likelihood at the optimum, in natural parameters),
 * AIC, BIC, the number of observations and the model's time unit.
 *
 * <ul>
 *   <li>{@link #logLikelihood()} is the unpenalised log-likelihood Σ w_i ln L_i in the data's time
 *       unit (a continuous-time likelihood is a density, so it changes by {@code -x·ln(k)} per
 *       customer when time is rescaled by {@code k}; compare fits only in the same unit).
 *   <li>{@link #aic()} = {@code 2k − 2LL}; {@link #bic()} = {@code k·ln(n) − 2LL}, with {@code k}
 *       the parameter count and {@code n} = {@link #observations()} (sum of weights).
 *   <li>{@link #standardErrors()} are the square roots of the covariance diagonal; the Hessian is
 *       that of the objective actually minimised (penalty included when one was set).
 *   <li>{@link #timeUnit()} is empty for unit-free discrete-time models (BG/BB, sBG count
 *       opportunities or periods) and for spend models (Gamma-Gamma).
 *   <li>{@link #warnings()} lists what makes the estimates doubtful although the fit ended
 *       normally, derived from the other fields by two rules: a parameter whose standard error
 *       exceeds {@value #IDENTIFICATION_SE_RATIO} times its absolute estimate is reported as not
 *       identified by the data (its 95% interval spans more than ±20 times the estimate, so the
 *       data barely constrain it: typically a likelihood that keeps rising along a ridge or
 *       towards a boundary, stopped by the gradient tolerance), and a fit that did not converge
 *       (only possible with {@link FitOptions#withRequireConvergence(boolean)
 *       requireConvergence(false)}) says so. {@link #toString()} shows them.
 * </ul>
 *
 * <p>Instances are created by the model classes (through the internal optimiser); the public
 * factory {@link #of} exists for them and for tests. Thread-safe (immutable; accessors return
 * copies of arrays).
 */
public final class ModelFit {
  /**
   * The identification rule of {@link #warnings()}: a standard error above this multiple of the
   * absolute estimate marks the parameter as not identified by the data.
   */
  public static final double IDENTIFICATION_SE_RATIO = 10.0;

  private final String model;
  private final List<String> names;
  private final double[] values;
  private final double logLikelihood;
  private final int iterations;
  private final int evaluations;
  private final double gradientNorm;
  private final boolean converged;
  private final double[][] covariance;
  private final double observations;
  private final ModelTimeUnit timeUnit;
  private final double penalty;
  private final List<String> warnings;

  private ModelFit(
      String model, List<String> names, double[] values, double logLikelihood, int iterations,
      int evaluations, double gradientNorm, boolean converged, double[][] covariance,
      double observations, ModelTimeUnit timeUnit, double penalty) {
    this.model = model;
    this.names = names;
    this.values = values;
    this.logLikelihood = logLikelihood;
    this.iterations = iterations;
    this.evaluations = evaluations;
    this.gradientNorm = gradientNorm;
    this.converged = converged;
    this.covariance = covariance;
    this.observations = observations;
    this.timeUnit = timeUnit;
    this.penalty = penalty;
    this.warnings = warnings(names, values, covariance, converged, gradientNorm);
  }

  private static List<String> warnings(List<String> names, double[] values, double[][] cov,
      boolean converged, double gradientNorm) {
    List<String> w = new ArrayList<>();
    if (!converged) {
      w.add(String.format(Locale.ROOT, "not converged: the optimiser stopped with gradient"
          + " max-norm %.3g above its tolerance; the estimates are where it stopped",
          gradientNorm));
    }
    for (int i = 0; i < values.length; i++) {
      double se = Math.sqrt(cov[i][i]);
      if (se > IDENTIFICATION_SE_RATIO * Math.abs(values[i])) {
        w.add(String.format(Locale.ROOT, "%s is not identified by the data: standard error %.3g"
            + " is %.3g times the estimate %.4g (rule: more than %.0f times)", names.get(i), se,
            se / Math.abs(values[i]), values[i], IDENTIFICATION_SE_RATIO));
      }
    }
    return List.copyOf(w);
  }

  /**
   * Creates a fit result.
   *
   * @param model the model name, for example {@code "BG/NBD"}
   * @param parameterNames the parameter names, in order
   * @param parameters the parameter values (copied), finite
   * @param logLikelihood the unpenalised log-likelihood, finite
   * @param iterations the optimiser iterations, {@code >= 0}
   * @param evaluations the log-likelihood evaluations of the search, {@code >= iterations}
   * @param gradientNorm the largest absolute gradient component at the end, {@code >= 0}
   * @param converged whether the gradient tolerance was met
   * @param covariance the k×k covariance matrix (deep-copied), finite and symmetric
   * @param observations the number of observations (sum of weights), {@code > 0}
   * @param timeUnit the model's time unit, or null for unit-free models
   * @param penalty the L2 penalty coefficient used, {@code >= 0}
   * @return the fit
   */
  public static ModelFit of(
      String model, List<String> parameterNames, double[] parameters, double logLikelihood,
      int iterations, int evaluations, double gradientNorm, boolean converged,
      double[][] covariance, double observations, ModelTimeUnit timeUnit, double penalty) {
    Objects.requireNonNull(model, "model");
    List<String> names = List.copyOf(Objects.requireNonNull(parameterNames, "parameterNames"));
    double[] v = Objects.requireNonNull(parameters, "parameters").clone();
    Objects.requireNonNull(covariance, "covariance");
    int k = names.size();
    if (v.length != k) {
      throw new IllegalArgumentException(
          "parameters must have " + k + " values (one per name), had " + v.length);
    }
    for (int i = 0; i < k; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(
            "parameter " + names.get(i) + " must be finite, was " + v[i]);
      }
    }
    if (!Double.isFinite(logLikelihood)) {
      throw new IllegalArgumentException("logLikelihood must be finite, was " + logLikelihood);
    }
    if (iterations < 0) {
      throw new IllegalArgumentException("iterations must be >= 0, was " + iterations);
    }
    if (evaluations < iterations) {
      throw new IllegalArgumentException("evaluations must be >= iterations = " + iterations
          + ", was " + evaluations);
    }
    if (!(gradientNorm >= 0)) {
      throw new IllegalArgumentException("gradientNorm must be >= 0, was " + gradientNorm);
    }
    if (!(observations > 0) || Double.isInfinite(observations)) {
      throw new IllegalArgumentException("observations must be finite and > 0, was " + observations);
    }
    if (!(penalty >= 0)) {
      throw new IllegalArgumentException("penalty must be >= 0, was " + penalty);
    }
    if (covariance.length != k) {
      throw new IllegalArgumentException("covariance must be " + k + "x" + k + ", had "
          + covariance.length + " rows");
    }
    double[][] cov = new double[k][];
    for (int i = 0; i < k; i++) {
      if (covariance[i].length != k) {
        throw new IllegalArgumentException("covariance must be " + k + "x" + k + ", row " + i
            + " had " + covariance[i].length + " columns");
      }
      cov[i] = covariance[i].clone();
      for (int j = 0; j < k; j++) {
        if (!Double.isFinite(cov[i][j])) {
          throw new IllegalArgumentException(
              "covariance must be finite, was " + cov[i][j] + " at (" + i + ", " + j + ")");
        }
      }
    }
    return new ModelFit(model, names, v, logLikelihood, iterations, evaluations, gradientNorm,
        converged, cov, observations, timeUnit, penalty);
  }

  /**
   * The model name.
   *
   * @return for example {@code "BG/NBD"}
   */
  public String model() {
    return model;
  }

  /**
   * The parameter names in order.
   *
   * @return an unmodifiable list
   */
  public List<String> parameterNames() {
    return names;
  }

  /**
   * The number of parameters {@code k}.
   *
   * @return k
   */
  public int parameterCount() {
    return values.length;
  }

  /**
   * The parameter values in the order of {@link #parameterNames()}.
   *
   * @return a fresh copy
   */
  public double[] parameters() {
    return values.clone();
  }

  /**
   * One parameter by position.
   *
   * @param index position in {@link #parameterNames()}
   * @return the value
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, parameterNames().size())}
   */
  public double parameter(int index) {
    Objects.checkIndex(index, values.length);
    return values[index];
  }

  /**
   * One parameter by name.
   *
   * @param name a name from {@link #parameterNames()}
   * @return the value
   * @throws IllegalArgumentException if there is no such parameter
   */
  public double parameter(String name) {
    return values[indexOf(name)];
  }

  /**
   * The unpenalised log-likelihood at the estimate, in the data's time unit.
   *
   * @return Σ w_i ln L_i
   */
  public double logLikelihood() {
    return logLikelihood;
  }

  /**
   * Quasi-Newton iterations used.
   *
   * @return the count
   */
  public int iterations() {
    return iterations;
  }

  /**
   * Log-likelihood evaluations the search used (line-search or damping trials included; the
   * covariance's fixed {@code 2k + 1} evaluations not), at most
   * {@link FitOptions#maxEvaluations()}.
   *
   * @return the count
   */
  public int evaluations() {
    return evaluations;
  }

  /**
   * What makes these estimates doubtful although the fit ended normally (see the class
   * documentation for the two rules): one sentence per parameter whose standard error exceeds
   * {@value #IDENTIFICATION_SE_RATIO} times its absolute estimate, and one when the fit did not
   * converge. Empty for a clean fit.
   *
   * @return an unmodifiable list of messages, in parameter order after the convergence one
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * Whether {@link #warnings()} is empty.
   *
   * @return true when no parameter is flagged as unidentified and the fit converged
   */
  public boolean hasWarnings() {
    return !warnings.isEmpty();
  }

  /**
   * The largest absolute component of the per-observation objective's gradient with respect to
   * the log-parameters at the returned estimate.
   *
   * @return the gradient norm (max-norm)
   */
  public double gradientNorm() {
    return gradientNorm;
  }

  /**
   * Whether the gradient tolerance was met. Always true unless the fit was run with
   * {@link FitOptions#withRequireConvergence(boolean) requireConvergence(false)}.
   *
   * @return the convergence flag
   */
  public boolean converged() {
    return converged;
  }

  /**
   * The covariance matrix of the estimates: the inverse Hessian of the minimised objective.
   *
   * @return a fresh k×k copy
   */
  public double[][] covariance() {
    double[][] c = new double[covariance.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = covariance[i].clone();
    }
    return c;
  }

  /**
   * Standard errors: {@code sqrt(covariance[i][i])}.
   *
   * @return a fresh array in the order of {@link #parameterNames()}
   */
  public double[] standardErrors() {
    double[] se = new double[values.length];
    for (int i = 0; i < se.length; i++) {
      se[i] = Math.sqrt(covariance[i][i]);
    }
    return se;
  }

  /**
   * The standard error of one parameter.
   *
   * @param name a name from {@link #parameterNames()}
   * @return {@code sqrt(covariance[i][i])}
   */
  public double standardError(String name) {
    int i = indexOf(name);
    return Math.sqrt(covariance[i][i]);
  }

  /**
   * Akaike's information criterion.
   *
   * @return {@code 2k − 2LL}
   */
  public double aic() {
    return 2.0 * values.length - 2.0 * logLikelihood;
  }

  /**
   * Bayesian (Schwarz) information criterion.
   *
   * @return {@code k·ln(n) − 2LL}, n = {@link #observations()}
   */
  public double bic() {
    return values.length * Math.log(observations) - 2.0 * logLikelihood;
  }

  /**
   * The number of observations: the sum of the weights (pattern counts), the number of customers
   * for unweighted data.
   *
   * @return n
   */
  public double observations() {
    return observations;
  }

  /**
   * The time unit of the model's parameters ({@code alpha}, {@code beta} are rates per unit),
   * empty for unit-free models.
   *
   * @return the unit
   */
  public Optional<ModelTimeUnit> timeUnit() {
    return Optional.ofNullable(timeUnit);
  }

  /**
   * The L2 penalty coefficient the fit used (0 for a plain MLE).
   *
   * @return λ
   */
  public double penalty() {
    return penalty;
  }

  private int indexOf(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          "parameter must be one of " + names + ", was \"" + name + "\"");
    }
    return i;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(model).append(" fit{");
    double[] se = standardErrors();
    for (int i = 0; i < values.length; i++) {
      sb.append(names.get(i)).append('=').append(values[i]).append(" (se ").append(se[i])
          .append("), ");
    }
    sb.append("LL=").append(logLikelihood).append(", iterations=").append(iterations)
        .append(", evaluations=").append(evaluations)
        .append(", gradientNorm=").append(gradientNorm).append(", converged=").append(converged)
        .append(", n=").append(observations).append(", unit=").append(timeUnit)
        .append(penalty > 0 ? ", penalty=" + penalty : "");
    for (String w : warnings) {
      sb.append(", WARNING: ").append(w);
    }
    return sb.append('}').toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ModelFit)) {
      return false;
    }
    ModelFit f = (ModelFit) o;
    return model.equals(f.model) && names.equals(f.names) && Arrays.equals(values, f.values)
        && Double.compare(logLikelihood, f.logLikelihood) == 0 && iterations == f.iterations
        && evaluations == f.evaluations
        && Double.compare(gradientNorm, f.gradientNorm) == 0 && converged == f.converged
        && Arrays.deepEquals(covariance, f.covariance)
        && Double.compare(observations, f.observations) == 0 && timeUnit == f.timeUnit
        && Double.compare(penalty, f.penalty) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, names, Arrays.hashCode(values), logLikelihood, observations,
        timeUnit);
  }
}
