package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Locale;

/**
 * The sBG log-likelihood as a {@link LikelihoodObjective} for the shared optimiser. Immutable and
 * thread-safe; evaluation allocates nothing.
 */
final class ShiftedBetaGeometricLikelihood implements LikelihoodObjective {

  static final String MODEL = "sBG";
  private static final List<String> NAMES = List.of("alpha", "beta");

  private final ShiftedBetaGeometricData data;

  ShiftedBetaGeometricLikelihood(ShiftedBetaGeometricData data) {
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
   * Start from the first two observed retention rates: solving {@code r1 = β/(α+β)},
   * {@code r2 = (β+1)/(α+β+1)} gives {@code α = (1−r1)(1−r2)/(r2−r1)}, {@code β = r1 α/(1−r1)}.
   * Where that is not possible (one period, no rise in retention, a rate of 0 or 1) the start is
   * {@code α = β = 1}.
   */
  @Override
  public double[] startingPoint() {
    long[] n = data.survivorsArray();
    if (n.length >= 3 && n[1] > 0) {
      double r1 = (double) n[1] / n[0];
      double r2 = (double) n[2] / n[1];
      if (r1 > 0 && r1 < 1 && r2 > r1 && r2 < 1) {
        double alpha = (1 - r1) * (1 - r2) / (r2 - r1);
        double beta = r1 * alpha / (1 - r1);
        return new double[] {alpha, beta};
      }
    }
    return new double[] {1.0, 1.0};
  }

  @Override
  public double observations() {
    return data.cohortSize();
  }

  @Override
  public ModelTimeUnit timeUnit() {
    return null;
  }

  @Override
  public String dataSummary() {
    long[] n = data.survivorsArray();
    return String.format(Locale.ROOT, "cohort of %d, %d periods, %d churned, %d still active",
        n[0], n.length - 1, n[0] - n[n.length - 1], n[n.length - 1]);
  }

  @Override
  public double logLikelihood(double[] params, double[] gradient) {
    return ShiftedBetaGeometricModel.logLikelihood(params[0], params[1], data, gradient, null);
  }
}
