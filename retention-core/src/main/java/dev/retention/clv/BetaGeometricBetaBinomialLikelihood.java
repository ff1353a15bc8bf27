package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Locale;

/**
 * The BG/BB log-likelihood as an objective for {@link NewtonFit} (and, being a
 * {@link LikelihoodObjective}, for the shared BFGS optimiser): analytic gradient, Hessian by
 * central differences of the analytic gradient (relative step 1e-5, about the cube root of the
 * machine epsilon, as the shared optimiser does for its covariance). The patterns are put in a
 * canonical order first (equal patterns merged), so every permutation of the caller's rows gives
 * a bit-identical fit. Immutable and thread-safe;
 * an evaluation allocates O(max n), a Hessian eight more gradient evaluations.
 */
final class BetaGeometricBetaBinomialLikelihood implements NewtonFit.HessianObjective {

  static final String MODEL = "BG/BB";
  private static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");

  /** The caller's patterns in canonical order, equal ones merged. */
  private final BetaGeometricBetaBinomialData data;

  /**
   * The likelihood of {@code data}, evaluated over its patterns in canonical order so that the
   * fit does not depend on the order of the caller's rows.
   */
  BetaGeometricBetaBinomialLikelihood(BetaGeometricBetaBinomialData data) {
    this.data = data.canonical();
  }

  @Override
  public String modelName() {
    return MODEL;
  }

  @Override
  public List<String> parameterNames() {
    return NAMES;
  }

  /**
   * All four shapes 1 (uniform p and θ): a neutral, data-independent start from which the
   * log-likelihood is finite for every valid pattern.
   */
  @Override
  public double[] startingPoint() {
    return new double[] {1.0, 1.0, 1.0, 1.0};
  }

  @Override
  public double observations() {
    return data.totalCount();
  }

  @Override
  public ModelTimeUnit timeUnit() {
    return null;
  }

  @Override
  public String dataSummary() {
    int[] xs = data.xArray();
    int[] ns = data.periodsArray();
    double[] cs = data.countArray();
    double zero = 0.0;
    double sumX = 0.0;
    int minN = Integer.MAX_VALUE;
    int maxN = 0;
    int maxX = 0;
    for (int i = 0; i < xs.length; i++) {
      if (xs[i] == 0) {
        zero += cs[i];
      }
      sumX += cs[i] * xs[i];
      minN = Math.min(minN, ns[i]);
      maxN = Math.max(maxN, ns[i]);
      maxX = Math.max(maxX, xs[i]);
    }
    double total = data.totalCount();
    return String.format(Locale.ROOT,
        "%d patterns, %.6g customers, n in [%d, %d], %.1f%% with x = 0, mean x %.4g, max x %d",
        xs.length, total, minN, maxN, 100 * zero / total, sumX / total, maxX);
  }

  @Override
  public double logLikelihood(double[] params, double[] gradient, double[] hessian) {
    double[] g = gradient;
    if (hessian != null && g == null) {
      g = new double[4];
    }
    double ll = BetaGeometricBetaBinomialModel.logLikelihood(
        params[0], params[1], params[2], params[3], data, g);
    if (hessian != null) {
      double[] q = params.clone();
      double[] gp = new double[4];
      double[] gm = new double[4];
      for (int i = 0; i < 4; i++) {
        double step = 1e-5 * params[i];
        q[i] = params[i] + step;
        BetaGeometricBetaBinomialModel.logLikelihood(q[0], q[1], q[2], q[3], data, gp);
        q[i] = params[i] - step;
        BetaGeometricBetaBinomialModel.logLikelihood(q[0], q[1], q[2], q[3], data, gm);
        q[i] = params[i];
        for (int j = 0; j < 4; j++) {
          hessian[4 * i + j] = (gp[j] - gm[j]) / (2 * step);
        }
      }
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < i; j++) {
          double m = 0.5 * (hessian[4 * i + j] + hessian[4 * j + i]);
          hessian[4 * i + j] = m;
          hessian[4 * j + i] = m;
        }
      }
    }
    return ll;
  }
}
