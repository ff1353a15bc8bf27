package dev.retention.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.clv.FitOptions;
import dev.retention.clv.ModelFit;
import dev.retention.clv.ModelFitException;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optimiser on likelihoods whose maximum and Fisher information are known in closed form. */
class MaximumLikelihoodTest {

  /** Normal(mu, sigma): MLE mu = mean, sigma^2 = mean squared deviation; se = sigma/sqrt(n), sigma/sqrt(2n). */
  static final class Normal implements LikelihoodObjective {
    final double[] y;

    Normal(double[] y) {
      this.y = y;
    }

    @Override
    public String modelName() {
      return "Normal";
    }

    @Override
    public List<String> parameterNames() {
      return List.of("mu", "sigma");
    }

    @Override
    public boolean isPositive(int index) {
      return index == 1;
    }

    @Override
    public double[] startingPoint() {
      return new double[] {0.0, 1.0};
    }

    @Override
    public double observations() {
      return y.length;
    }

    @Override
    public ModelTimeUnit timeUnit() {
      return null;
    }

    @Override
    public String dataSummary() {
      return y.length + " values";
    }

    @Override
    public double logLikelihood(double[] p, double[] g) {
      double mu = p[0];
      double s = p[1];
      double ll = 0;
      double gm = 0;
      double gs = 0;
      for (double v : y) {
        double d = v - mu;
        ll += -Math.log(s) - 0.5 * Math.log(2 * Math.PI) - d * d / (2 * s * s);
        gm += d / (s * s);
        gs += -1 / s + d * d / (s * s * s);
      }
      if (g != null) {
        g[0] = gm;
        g[1] = gs;
      }
      return ll;
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L, 42L})
  void normalMleAndStandardErrors(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] y = new double[500];
    for (int i = 0; i < y.length; i++) {
      y[i] = 30 + 7 * (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5);
    }
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    double sigma = Math.sqrt(ss / y.length);
    ModelFit fit = MaximumLikelihood.fit(new Normal(y), FitOptions.defaults());
    assertTrue(fit.converged(), "seed " + seed);
    assertEquals(mean, fit.parameter("mu"), 1e-7 * mean, "mu, seed " + seed);
    assertEquals(sigma, fit.parameter("sigma"), 1e-7 * sigma, "sigma, seed " + seed);
    // closed-form observed information at the MLE: se(mu) = sigma/sqrt(n), se(sigma) = sigma/sqrt(2n)
    assertEquals(sigma / Math.sqrt(y.length), fit.standardError("mu"), 1e-5 * sigma, "se mu " + seed);
    assertEquals(sigma / Math.sqrt(2.0 * y.length), fit.standardError("sigma"), 1e-5 * sigma,
        "se sigma " + seed);
    // LL at the MLE: -n ln sigma - n/2 ln(2 pi) - n/2
    double ll = -y.length * (Math.log(sigma) + 0.5 * Math.log(2 * Math.PI) + 0.5);
    assertEquals(ll, fit.logLikelihood(), 1e-9 * Math.abs(ll), "LL seed " + seed);
    assertEquals(2 * 2 - 2 * ll, fit.aic(), 1e-6);
    assertEquals(2 * Math.log(500) - 2 * ll, fit.bic(), 1e-6);
  }

  @Test
  void penaltyShrinksTowardsZero() {
    // with lambda, sigma fixed point of d/dsigma: minimise -LL + lambda*n*(mu^2 + sigma^2)
    // mu: n(mean - mu)/sigma^2 = 2 lambda n mu -> mu = mean / (1 + 2 lambda sigma^2)
    double[] y = {1, 2, 3, 4, 5};
    ModelFit fit = MaximumLikelihood.fit(new Normal(y), FitOptions.defaults().withPenalty(0.01));
    double mu = fit.parameter("mu");
    double s = fit.parameter("sigma");
    assertEquals(3.0 / (1 + 2 * 0.01 * s * s), mu, 1e-7);
    assertTrue(mu < 3.0);
  }

  @Test
  void unidentifiedParameterThrowsWithDataSummary() {
    // all values equal: sigma -> 0, the boundary
    double[] y = {2, 2, 2, 2};
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> MaximumLikelihood.fit(new Normal(y), FitOptions.defaults()));
    assertTrue(e.getMessage().contains("sigma"), e.getMessage());
    assertTrue(e.getMessage().contains("4 values"), e.getMessage());
  }

  @Test
  void iterationLimitThrowsOrFlags() {
    double[] y = {1, 2, 3, 4, 50};
    assertThrows(ModelFitException.class, () -> MaximumLikelihood.fit(new Normal(y),
        FitOptions.defaults().withMaxIterations(1)));
    ModelFit f = MaximumLikelihood.fit(new Normal(y),
        FitOptions.defaults().withMaxIterations(1).withRequireConvergence(false));
    assertTrue(!f.converged());
  }
}
