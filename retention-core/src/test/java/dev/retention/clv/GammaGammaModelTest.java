package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GammaGammaModelTest {

  @Test
  void logLikelihoodMatchesHandComputedDensity() {
    // p=1, q=2, γ=3, x=1, m=2: Γ(3)/(Γ(1)Γ(2)) · 3^2 · 2^0 · 1^1 / (3+2)^3 = 2·9/125 = 0.144
    GammaGammaModel model = GammaGammaModel.of(1, 2, 3);
    assertEquals(Math.log(0.144), model.logLikelihood(GammaGammaData.of(new int[] {1},
        new double[] {2})), 1e-12);
    // p=0.5, q=2, γ=3, x=2, m=1.5: px=1; 2 · 9 · 1.5^0 · 2^1 / (3+3)^3 = 36/216 = 1/6
    GammaGammaModel half = GammaGammaModel.of(0.5, 2, 3);
    assertEquals(Math.log(1.0 / 6.0),
        half.logLikelihood(GammaGammaData.of(new int[] {2}, new double[] {1.5})), 1e-12);
    // weights multiply: 3 copies of the first customer, weight 0 for the second
    assertEquals(3 * Math.log(0.144), model.logLikelihood(GammaGammaData.of(new int[] {1, 2},
        new double[] {2, 1.5}, new double[] {3, 0})), 1e-12);
  }

  @Test
  void densityIntegratesToOne() {
    // ∫ f(m | x) dm over (0, ∞) = 1 for a proper density: midpoint rule on a log grid,
    // tolerance 1e-6 covers the quadrature error of 200,000 panels.
    GammaGammaModel model = GammaGammaModel.of(2.5, 3.5, 12);
    int x = 3;
    double lo = Math.log(1e-8);
    double hi = Math.log(1e6);
    int panels = 200_000;
    double h = (hi - lo) / panels;
    double integral = 0.0;
    for (int i = 0; i < panels; i++) {
      double m = Math.exp(lo + (i + 0.5) * h);
      double ll = model.logLikelihood(GammaGammaData.of(new int[] {x}, new double[] {m}));
      integral += Math.exp(ll) * m * h;
    }
    assertEquals(1.0, integral, 1e-6);
  }

  @Test
  void conditionalExpectedSpendHandChecked() {
    // p=2, q=3, γ=10, x=4, m=5: p(γ + x m)/(px + q − 1) = 2·(10+20)/(8+3−1) = 6
    GammaGammaModel model = GammaGammaModel.of(2, 3, 10);
    assertEquals(6.0, model.conditionalExpectedAverageSpend(4, 5), 1e-14);
    // population mean pγ/(q−1) = 20/2 = 10; an x = 0 customer gets it
    assertEquals(10.0, model.populationMeanSpend(), 1e-14);
    assertEquals(10.0, model.conditionalExpectedAverageSpend(0, 0.0), 1e-14);
    // weighted-mean form: (q−1)/(px+q−1)·E[M] + px/(px+q−1)·m = 2/10·10 + 8/10·5 = 6
    double[] out = new double[2];
    model.conditionalExpectedAverageSpend(new int[] {4, 0}, new double[] {5, 0}, out);
    assertEquals(6.0, out[0], 1e-14);
    assertEquals(10.0, out[1], 1e-14);
  }

  @Test
  void infiniteExpectationsThrowInsteadOfReturningInfinity() {
    GammaGammaModel heavy = GammaGammaModel.of(0.2, 0.5, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        heavy::populationMeanSpend);
    assertTrue(e.getMessage().contains("q must be > 1"), e.getMessage());
    // px + q − 1 = 0.2 + 0.5 − 1 < 0
    assertThrows(IllegalStateException.class, () -> heavy.conditionalExpectedAverageSpend(1, 3));
    // x = 3: 0.6 + 0.5 − 1 = 0.1 > 0 → finite: 0.2·(1 + 9)/0.1 = 20
    assertEquals(20.0, heavy.conditionalExpectedAverageSpend(3, 3), 1e-12);
  }

  @Test
  void validationNamesRowFieldRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.of(new int[] {1, 0}, new double[] {2, 3}));
    assertEquals("x must be >= 1 (a repeat customer) for the Gamma-Gamma model, was 0 (row 1)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.of(new int[] {1, 2, 3}, new double[] {2, 3, -1}));
    assertEquals("meanSpend must be finite and > 0 for a repeat customer, was -1.0 (row 2)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.of(new int[] {1}, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("was NaN (row 0)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.ofRepeatCustomers(new double[] {0, 2.5}, new double[] {0, 3}));
    assertEquals("x must be a non-negative integer, was 2.5 (row 1)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.ofRepeatCustomers(new double[] {0, 0}, new double[] {0, 0}));
    assertTrue(e.getMessage().contains("at least one customer with x > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GammaGammaData.of(new int[] {1}, new double[] {1}, new double[] {-1}));
    assertEquals("weight must be finite and >= 0, was -1.0 (row 0)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GammaGammaModel.of(1, 0, 1));
    assertEquals("q must be finite and > 0, was 0.0", e.getMessage());
    assertThrows(NullPointerException.class, () -> GammaGammaData.of(null, new double[0]));
  }

  @Test
  void repeatCustomerSelectionSkipsOnlyZeroFrequencyRows() {
    GammaGammaData data = GammaGammaData.ofRepeatCustomers(
        new double[] {0, 2, 0, 1}, new double[] {0, 10.5, 0, 3});
    assertEquals(2, data.size());
    assertEquals(2, data.x()[0]);
    assertEquals(3.0, data.meanSpend()[1], 0.0);
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void analyticDerivativesMatchFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 50;
    int[] x = new int[rows];
    double[] m = new double[rows];
    for (int i = 0; i < rows; i++) {
      x[i] = 1 + random.nextInt(20);
      m[i] = 0.5 + 100 * random.nextDouble();
    }
    GammaGammaData data = GammaGammaData.of(x, m);
    double[] theta = {0.5 + 5 * random.nextDouble(), 1.5 + 5 * random.nextDouble(),
        1 + 20 * random.nextDouble()};
    double[] grad = new double[3];
    double[] hess = new double[9];
    GammaGammaModel.logLikelihood(theta[0], theta[1], theta[2], data, grad, hess);
    for (int k = 0; k < 3; k++) {
      double h = 1e-5 * theta[k];
      double[] up = theta.clone();
      double[] dn = theta.clone();
      up[k] += h;
      dn[k] -= h;
      double[] gu = new double[3];
      double[] gd = new double[3];
      double fu = GammaGammaModel.logLikelihood(up[0], up[1], up[2], data, gu, null);
      double fd = GammaGammaModel.logLikelihood(dn[0], dn[1], dn[2], data, gd, null);
      // central differences: O(h^2) truncation, relative 1e-6 is ample
      double fdGrad = (fu - fd) / (2 * h);
      assertEquals(fdGrad, grad[k], 1e-6 * Math.max(1, Math.abs(fdGrad)), "seed " + seed);
      for (int j = 0; j < 3; j++) {
        double fdHess = (gu[j] - gd[j]) / (2 * h);
        assertEquals(fdHess, hess[3 * k + j], 1e-5 * Math.max(1, Math.abs(fdHess)),
            "seed " + seed + " hess " + k + "," + j);
      }
    }
  }

  @Test
  void extremeValidInputsGiveFiniteValues() {
    double[] params = {1e-3, 1.0, 1e3};
    for (double p : params) {
      for (double q : params) {
        for (double g : params) {
          GammaGammaModel model = GammaGammaModel.of(p, q, g);
          GammaGammaData data = GammaGammaData.of(new int[] {1, 10_000, 10_000},
              new double[] {1e-6, 1e6, 1e-6});
          double ll = model.logLikelihood(data);
          assertTrue(Double.isFinite(ll), model + " ll " + ll);
          if (p * 10_000 + q > 1) {
            double e = model.conditionalExpectedAverageSpend(10_000, 1e6);
            assertTrue(Double.isFinite(e) && e > 0, model + " E " + e);
          }
        }
      }
    }
  }
}
