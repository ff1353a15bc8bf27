package dev.retention.internal;

import dev.retention.clv.FitOptions;
import dev.retention.clv.ModelFit;
import dev.retention.clv.ModelFitException;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.RealMatrix;

/**
 * Maximum-likelihood fitting of a {@link LikelihoodObjective}: BFGS on the log-parameters with a
 * strong-Wolfe line search ({@link Bfgs}), convergence by the max-norm of the gradient of the
 * per-observation objective, then a Hessian by central differences of the analytic gradient in
 * natural parameters, inverted (Cholesky) into the covariance matrix.
 *
 * <p>The minimised objective is {@code F(θ) = -LL(θ) + λ·N·Σ θ_i²} (see {@link FitOptions}); the
 * optimiser sees {@code F/N} as a function of {@code ln θ_i} for positive parameters.
 *
 * <p>Work budget: at most {@link FitOptions#maxIterations()} BFGS iterations and
 * {@link FitOptions#maxEvaluations()} evaluations of the log-likelihood with its gradient during
 * the search (line searches included, each bounded by itself), then {@code 2k + 1} evaluations
 * for the final log-likelihood and the Hessian. The search also stops as soon as a positive
 * parameter leaves {@code [1e-12, 1e12]} (|ln θ| > ln 1e12): it is running to the boundary; and
 * when the log-likelihood rose by less than 0.001 over the last 20 iterations while a parameter
 * changed by more than a factor of 2 (a flat ridge: the parameters are not identified).
 *
 * <p>The search checks its thread's interrupt status before every evaluation and, when it is
 * set, stops with a {@link ModelFitException} (leaving the status set), so a caller can cancel a
 * fit within one likelihood evaluation.
 *
 * <p>Failures throw {@link ModelFitException} with the objective's data summary: a non-finite
 * likelihood at the starting point, a parameter running to the boundary (below 1e-8 or above
 * 1e8 at the end), a budget spent or no decrease without convergence (unless convergence is not
 * required), or a Hessian that is not positive definite (parameters not identified). Standard
 * errors above {@link ModelFit#IDENTIFICATION_SE_RATIO} times the estimate are reported as
 * {@link ModelFit#warnings()}.
 *
 * <p>Typical use from a model class:
 *
 * <pre>{@code
 * ModelFit fit = MaximumLikelihood.fit(new BgNbdLikelihood(data), FitOptions.defaults());
 * }</pre>
 *
 * <p>Stateless and thread-safe; allocates O(k²) per iteration (k = parameter count).
 */
public final class MaximumLikelihood {
  /** Parameters beyond these bounds are treated as having run to the boundary of the domain. */
  static final double LOWER_BOUND = 1e-8;

  static final double UPPER_BOUND = 1e8;

  /** |ln θ| beyond which the search stops: the parameter is running to the boundary. */
  static final double SEARCH_BOX = Math.log(1e12);

  /**
   * The flat-ridge rule: the search stops when, over the last {@value #STALL_WINDOW}
   * iterations, the log-likelihood rose by less than {@value #STALL_LOG_LIKELIHOOD} while some
   * ln θ changed by more than ln 2. A rise that small is no evidence at all (a likelihood ratio
   * of 1.001), yet a parameter moved by a factor of 2: the likelihood is flat along the path, its
   * standard error in ln θ would exceed ln 2 / sqrt(2 · 0.001) ≈ 15, and the optimiser would
   * otherwise creep along the ridge until a budget runs out.
   */
  static final int STALL_WINDOW = 20;

  static final double STALL_LOG_LIKELIHOOD = 1e-3;

  static final double STALL_MOVE = Math.log(2);

  private MaximumLikelihood() {}

  /**
   * Fits the objective.
   *
   * @param objective the likelihood
   * @param options the fit options
   * @return the fit (converged unless {@code options.requireConvergence()} is false)
   * @throws ModelFitException when the fit fails (see the class documentation)
   */
  public static ModelFit fit(LikelihoodObjective objective, FitOptions options) {
    List<String> names = objective.parameterNames();
    int k = names.size();
    double[] start = options.start().orElseGet(objective::startingPoint);
    if (start.length != k) {
      throw new IllegalArgumentException(
          "start must have " + k + " values " + names + ", had " + start.length);
    }
    for (int i = 0; i < k; i++) {
      if (objective.isPositive(i) && !(start[i] > 0)) {
        throw new IllegalArgumentException(
            "start value of " + names.get(i) + " must be > 0, was " + start[i]);
      }
    }
    double n = objective.observations();
    double lambda = options.penalty();
    Scaled f = new Scaled(objective, n, lambda);
    double[] theta = f.toTheta(start);
    double[] g0 = new double[k];
    double f0 = f.value(theta, g0);
    if (!Double.isFinite(f0) || !allFinite(g0)) {
      throw new ModelFitException(objective.modelName(),
          "log-likelihood or gradient is not finite at the starting point "
              + java.util.Arrays.toString(start),
          objective.dataSummary());
    }
    double[] box = new double[k];
    for (int i = 0; i < k; i++) {
      box[i] = objective.isPositive(i) ? SEARCH_BOX : Double.POSITIVE_INFINITY;
    }
    Bfgs.Result r = Bfgs.minimize(f, theta, f0, g0, options.gradientTolerance(),
        options.maxIterations(), options.maxEvaluations(), box,
        new Bfgs.Stall(STALL_WINDOW, STALL_LOG_LIKELIHOOD / n, STALL_MOVE));
    int evaluations = r.evaluations();
    double[] p = f.toParams(r.x());
    for (int i = 0; i < k; i++) {
      if (objective.isPositive(i) && (p[i] < LOWER_BOUND || p[i] > UPPER_BOUND)) {
        throw new ModelFitException(objective.modelName(),
            String.format(Locale.ROOT,
                "parameter %s ran to the boundary of its domain (%.3g after %d iterations, %d"
                    + " evaluations, at %s): the data do not identify it", names.get(i), p[i],
                r.iterations(), evaluations, describe(names, p)),
            objective.dataSummary());
      }
    }
    double[] gLl = new double[k];
    double ll = objective.logLikelihood(p, gLl);
    if (!Double.isFinite(ll)) {
      throw new ModelFitException(objective.modelName(),
          "log-likelihood is not finite at the final estimate", objective.dataSummary());
    }
    boolean converged = r.converged();
    if (!converged && options.requireConvergence()) {
      String why = r.stop() == Bfgs.Stop.STALLED
          ? String.format(Locale.ROOT, "the log-likelihood is flat along the search path (over"
              + " the last %d iterations it rose by less than %.3g while a parameter changed by"
              + " more than a factor of 2: %s, with f = -LL/N and coordinates ln %s), so the data"
              + " do not identify the parameters", STALL_WINDOW, STALL_LOG_LIKELIHOOD,
              r.stopReason(), names)
          : r.stopReason();
      throw new ModelFitException(objective.modelName(),
          String.format(Locale.ROOT,
              "did not converge: %s after %d iterations and %d evaluations (budget %d"
                  + " iterations, %d evaluations), gradient max-norm %.3g > tolerance %.3g at %s",
              why, r.iterations(), evaluations, options.maxIterations(),
              options.maxEvaluations(), r.gradientNorm(), options.gradientTolerance(),
              describe(names, p)),
          objective.dataSummary());
    }
    double[][] cov = covariance(objective, p, lambda, n);
    return ModelFit.of(objective.modelName(), names, p, ll, r.iterations(), evaluations,
        r.gradientNorm(), converged, cov, n, objective.timeUnit(), lambda);
  }

  /**
   * Names and values for messages, for example {@code "r=0.2430, alpha=4.414"}.
   *
   * @param names the parameter names
   * @param p the values
   * @return the description
   */
  public static String describe(List<String> names, double[] p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(names.get(i)).append('=')
          .append(String.format(Locale.ROOT, "%.4g", p[i]));
    }
    return sb.toString();
  }

  /**
   * The Hessian of {@code -LL + λNΣθ²} in natural parameters by central differences of the
   * analytic gradient (relative step 1e-5, about the cube root of machine epsilon), symmetrised.
   *
   * @param objective the likelihood
   * @param p the natural parameters
   * @param lambda penalty coefficient
   * @param n observations
   * @return the k×k Hessian
   */
  public static double[][] hessian(
      LikelihoodObjective objective, double[] p, double lambda, double n) {
    int k = p.length;
    double[][] h = new double[k][k];
    double[] gp = new double[k];
    double[] gm = new double[k];
    double[] q = p.clone();
    for (int i = 0; i < k; i++) {
      double step = 1e-5 * Math.max(Math.abs(p[i]), 1e-3);
      q[i] = p[i] + step;
      objective.logLikelihood(q, gp);
      q[i] = p[i] - step;
      objective.logLikelihood(q, gm);
      q[i] = p[i];
      for (int j = 0; j < k; j++) {
        h[i][j] = -(gp[j] - gm[j]) / (2 * step);
      }
      h[i][i] += 2 * lambda * n;
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double m = 0.5 * (h[i][j] + h[j][i]);
        h[i][j] = m;
        h[j][i] = m;
      }
    }
    return h;
  }

  private static double[][] covariance(
      LikelihoodObjective objective, double[] p, double lambda, double n) {
    double[][] h = hessian(objective, p, lambda, n);
    if (!allFinite(h)) {
      throw new ModelFitException(objective.modelName(),
          "Hessian at the optimum " + describe(objective.parameterNames(), p) + " is not finite",
          objective.dataSummary());
    }
    RealMatrix inv;
    try {
      inv = new CholeskyDecomposition(new Array2DRowRealMatrix(h, false), 1e-14, 1e-14)
          .getSolver().getInverse();
    } catch (MathIllegalArgumentException e) {
      throw new ModelFitException(objective.modelName(),
          "Hessian at the optimum " + describe(objective.parameterNames(), p)
              + " is not positive definite: the parameters " + objective.parameterNames()
              + " are not all identified by the data",
          objective.dataSummary());
    }
    double[][] c = inv.getData();
    for (int i = 0; i < c.length; i++) {
      if (!(c[i][i] > 0) || !allFinite(c[i])) {
        throw new ModelFitException(objective.modelName(),
            "covariance matrix at " + describe(objective.parameterNames(), p)
                + " is not finite and positive: parameter "
                + objective.parameterNames().get(i) + " is not identified by the data",
            objective.dataSummary());
      }
    }
    return c;
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allFinite(double[][] m) {
    for (double[] row : m) {
      if (!allFinite(row)) {
        return false;
      }
    }
    return true;
  }

  /** F/N as a function of log-parameters, with the chain rule applied to the gradient. */
  private static final class Scaled implements Bfgs.Function {
    private final LikelihoodObjective objective;
    private final double n;
    private final double lambda;
    private final boolean[] positive;
    private final double[] p;
    private final double[] g;

    Scaled(LikelihoodObjective objective, double n, double lambda) {
      this.objective = objective;
      this.n = n;
      this.lambda = lambda;
      int k = objective.parameterNames().size();
      this.positive = new boolean[k];
      for (int i = 0; i < k; i++) {
        positive[i] = objective.isPositive(i);
      }
      this.p = new double[k];
      this.g = new double[k];
    }

    double[] toTheta(double[] params) {
      double[] t = new double[params.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = positive[i] ? Math.log(params[i]) : params[i];
      }
      return t;
    }

    double[] toParams(double[] theta) {
      double[] q = new double[theta.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = positive[i] ? Math.exp(theta[i]) : theta[i];
      }
      return q;
    }

    @Override
    public double value(double[] theta, double[] gradient) {
      if (Thread.currentThread().isInterrupted()) {
        throw new ModelFitException(objective.modelName(),
            "the fitting thread was interrupted (interrupt status kept)", objective.dataSummary());
      }
      double pen = 0;
      for (int i = 0; i < p.length; i++) {
        p[i] = positive[i] ? Math.exp(theta[i]) : theta[i];
        if (positive[i] && (p[i] == 0 || Double.isInfinite(p[i]))) {
          return Double.POSITIVE_INFINITY;
        }
        pen += p[i] * p[i];
      }
      double ll = objective.logLikelihood(p, g);
      if (!Double.isFinite(ll)) {
        return Double.POSITIVE_INFINITY;
      }
      for (int i = 0; i < p.length; i++) {
        double d = (-g[i] + 2 * lambda * n * p[i]) / n;
        gradient[i] = positive[i] ? d * p[i] : d;
      }
      return -ll / n + lambda * pen;
    }
  }
}
