package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Locale;

/**
 * The BG/BB log-likelihood as a {@link LikelihoodObjective} for the shared optimiser. Immutable
 * and thread-safe; evaluation allocates nothing.
 */
final class BetaGeometricBetaBinomialLikelihood implements LikelihoodObjective {

  static final String MODEL = "BG/BB";
  private static final List<String> NAMES = List.of("alpha", "beta", "gamma", "delta");

  private final BetaGeometricBetaBinomialData data;

  BetaGeometricBetaBinomialLikelihood(BetaGeometricBetaBinomialData data) {
    this.data = data;
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
  public double logLikelihood(double[] params, double[] gradient) {
    return BetaGeometricBetaBinomialModel.logLikelihood(
        params[0], params[1], params[2], params[3], data, gradient);
  }
}
