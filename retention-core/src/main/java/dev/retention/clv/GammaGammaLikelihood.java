package dev.retention.clv;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Gamma-Gamma log-likelihood, with its analytic gradient and Hessian, as an objective for
 * {@link NewtonFit} (and, being a {@link LikelihoodObjective}, for the shared BFGS optimiser).
 * Immutable and thread-safe; evaluation allocates nothing (see
 * {@link GammaGammaModel#logLikelihood(double, double, double, GammaGammaData, double[],
 * double[])}).
 */
final class GammaGammaLikelihood implements NewtonFit.HessianObjective {

  static final String MODEL = "Gamma-Gamma";
  private static final List<String> NAMES = List.of("p", "q", "gamma");

  private final GammaGammaData data;

  GammaGammaLikelihood(GammaGammaData data) {
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
   * Method-of-moments start. Given ν, the mean of x values is Gamma(px, xν), so
   * {@code E[mbar] = pγ/(q−1) = μ} and {@code Var(mbar | x) = A/x + B} with
   * {@code A = pγ²/((q−1)(q−2))} and {@code B = μ²/(q−2)}; a weighted least-squares line of
   * {@code (mbar − μ)²} on {@code 1/x} gives A and B, hence {@code q = 2 + μ²/B},
   * {@code p = (q−1)B/A}, {@code γ = μ(q−1)/p}. Where the moments are not usable (a single x, a
   * non-positive slope or intercept) the start falls back to {@code p = 1, q = 3, γ = 2μ}, which
   * matches the mean.
   */
  @Override
  public double[] startingPoint() {
    int[] xs = data.xArray();
    double[] ms = data.meanSpendArray();
    double[] ws = data.weightArray();
    double sw = 0.0;
    double swm = 0.0;
    for (int i = 0; i < xs.length; i++) {
      sw += ws[i];
      swm += ws[i] * ms[i];
    }
    double mu = swm / sw;
    // weighted regression of y = (m − μ)² on u = 1/x
    double su = 0.0;
    double sy = 0.0;
    for (int i = 0; i < xs.length; i++) {
      double d = ms[i] - mu;
      su += ws[i] / xs[i];
      sy += ws[i] * d * d;
    }
    double meanU = su / sw;
    double meanY = sy / sw;
    double suu = 0.0;
    double suy = 0.0;
    for (int i = 0; i < xs.length; i++) {
      double d = ms[i] - mu;
      double du = 1.0 / xs[i] - meanU;
      suu += ws[i] * du * du;
      suy += ws[i] * du * (d * d - meanY);
    }
    if (suu > 0.0) {
      double a = suy / suu;
      double b = meanY - a * meanU;
      if (a > 0.0 && b > 0.0) {
        double q = 2.0 + mu * mu / b;
        double p = (q - 1.0) * b / a;
        double g = mu * (q - 1.0) / p;
        if (Double.isFinite(p) && Double.isFinite(q) && Double.isFinite(g) && p > 0 && g > 0) {
          return new double[] {p, q, g};
        }
      }
    }
    return new double[] {1.0, 3.0, 2.0 * mu};
  }

  @Override
  public double observations() {
    return data.totalWeight();
  }

  @Override
  public ModelTimeUnit timeUnit() {
    return null;
  }

  @Override
  public String dataSummary() {
    int[] xs = data.xArray();
    double[] ms = data.meanSpendArray();
    int maxX = 0;
    double minM = Double.POSITIVE_INFINITY;
    double maxM = 0.0;
    for (int i = 0; i < xs.length; i++) {
      maxX = Math.max(maxX, xs[i]);
      minM = Math.min(minM, ms[i]);
      maxM = Math.max(maxM, ms[i]);
    }
    return String.format(Locale.ROOT,
        "%d rows, total weight %.6g, %d distinct x in [1, %d], mean spend in [%.6g, %.6g]",
        xs.length, data.totalWeight(), data.distinctXArray().length, maxX, minM, maxM);
  }

  @Override
  public double logLikelihood(double[] params, double[] gradient, double[] hessian) {
    return GammaGammaModel.logLikelihood(params[0], params[1], params[2], data, gradient,
        hessian);
  }
}
