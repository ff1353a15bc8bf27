package dev.retention.clv;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Per-customer predicted vs actual holdout purchases: mean absolute error, root mean squared
 * error, Pearson correlation and the two totals.
 *
 * <ul>
 *   <li>MAE = Σ|p_i − a_i| / n; RMSE = sqrt(Σ(p_i − a_i)² / n);
 *   <li>correlation = cov(p, a) / (sd(p) sd(a)), computed with centred two-pass sums; undefined
 *       (empty {@link OptionalDouble}) when either side has zero variance or n &lt; 2.
 * </ul>
 *
 * <p>Rejects empty, mismatched or non-finite input. Immutable and thread-safe.
 */
public final class HoldoutComparison {
  private final int n;
  private final double mae;
  private final double rmse;
  private final double correlation; // NaN when undefined, never exposed as such
  private final double predictedTotal;
  private final double actualTotal;

  private HoldoutComparison(int n, double mae, double rmse, double correlation,
      double predictedTotal, double actualTotal) {
    this.n = n;
    this.mae = mae;
    this.rmse = rmse;
    this.correlation = correlation;
    this.predictedTotal = predictedTotal;
    this.actualTotal = actualTotal;
  }

  /**
   * Compares predictions with outcomes.
   *
   * @param predicted predicted holdout purchases per customer
   * @param actual actual holdout purchases per customer, same length
   * @return the comparison
   */
  public static HoldoutComparison of(double[] predicted, double[] actual) {
    Objects.requireNonNull(predicted, "predicted");
    Objects.requireNonNull(actual, "actual");
    int n = predicted.length;
    if (n == 0 || actual.length != n) {
      throw new IllegalArgumentException("predicted and actual must be non-empty and of equal "
          + "length, were " + n + " and " + actual.length);
    }
    double sp = 0;
    double sa = 0;
    double abs = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double p = predicted[i];
      double a = actual[i];
      if (!Double.isFinite(p) || !Double.isFinite(a)) {
        throw new IllegalArgumentException("values must be finite, was predicted " + p
            + ", actual " + a + " (row " + i + ")");
      }
      sp += p;
      sa += a;
      abs += Math.abs(p - a);
      sq += (p - a) * (p - a);
    }
    double mp = sp / n;
    double ma = sa / n;
    double cpp = 0;
    double caa = 0;
    double cpa = 0;
    for (int i = 0; i < n; i++) {
      double dp = predicted[i] - mp;
      double da = actual[i] - ma;
      cpp += dp * dp;
      caa += da * da;
      cpa += dp * da;
    }
    double corr = n >= 2 && cpp > 0 && caa > 0 ? cpa / Math.sqrt(cpp * caa) : Double.NaN;
    return new HoldoutComparison(n, abs / n, Math.sqrt(sq / n), corr, sp, sa);
  }

  /** @return the number of customers */
  public int size() {
    return n;
  }

  /** @return mean absolute error */
  public double meanAbsoluteError() {
    return mae;
  }

  /** @return root mean squared error */
  public double rootMeanSquaredError() {
    return rmse;
  }

  /** @return Pearson correlation, empty when undefined (zero variance or fewer than 2 rows) */
  public OptionalDouble correlation() {
    return Double.isNaN(correlation) ? OptionalDouble.empty() : OptionalDouble.of(correlation);
  }

  /** @return Σ predicted */
  public double predictedTotal() {
    return predictedTotal;
  }

  /** @return Σ actual */
  public double actualTotal() {
    return actualTotal;
  }

  @Override
  public String toString() {
    return "HoldoutComparison{n=" + n + ", MAE=" + mae + ", RMSE=" + rmse + ", correlation="
        + (Double.isNaN(correlation) ? "undefined" : correlation) + ", predicted="
        + predictedTotal + ", actual=" + actualTotal + "}";
  }
}
