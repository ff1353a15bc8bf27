package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

/** Pareto/NBD predictions against the BTYD (R) walkthrough and reference manual. */
class ParetoNbdPredictionTest {
  // Fader & Hardie's published CDNOW estimates, also BTYD's
  private static final ParetoNbdModel M =
      ParetoNbdModel.of(0.5534, 10.5802, 0.6061, 11.6562, ModelTimeUnit.WEEKS);

  @Test
  void probabilityAliveBtydWalkthrough() {
    // BTYD walkthrough p. 8: x = 26, t_x = 30.86, T = 31 -> 0.9979 (4 decimals)
    assertEquals(0.9979, M.probabilityAlive(26, 30.86, 31), 0.00005);
  }

  @Test
  void conditionalExpectationBtydWalkthrough() {
    // BTYD walkthrough: same customer, 52 weeks -> 25.46 (2 decimals). By hand with the rounded
    // published parameters: P(alive) * (r+x)(beta+T)/((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)]
    // = 0.99790 * 26.5534*42.6562/(41.5802*(-0.3939)) * (1 - 2.21905^0.3939) = 25.455; the
    // walkthrough used unrounded estimates (s - 1 amplifies the rounding), so 0.01.
    assertEquals(25.46, M.conditionalExpectedPurchases(26, 30.86, 31, 52), 0.01);
  }

  @Test
  void unconditionalExpectationBtyd() {
    // BTYD pnbd.Expectation example for t = 0..9 with params c(0.55, 10.56, 0.61, 11.64)
    // (BTYD reference manual, values as quoted in lifetimes' tests)
    ParetoNbdModel btyd = ParetoNbdModel.of(0.55, 10.56, 0.61, 11.64, ModelTimeUnit.WEEKS);
    double[] e = {0.00000000, 0.05077821, 0.09916088, 0.14542507, 0.18979930, 0.23247466,
        0.27361274, 0.31335159, 0.35181024, 0.38909211};
    for (int t = 0; t < e.length; t++) {
      assertEquals(e[t], btyd.expectedPurchases(t), 1e-8, "t=" + t);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "P(X({1}) = {0})")
  @org.junit.jupiter.params.provider.CsvSource({
    // mpmath 1.3.0 (dps 30) quadrature of NB(n; r, a/(a+t)) (b/(b+t))^s
    //   + int_0^t s b^s (b+u)^(-s-1) NB(n; r, a/(a+u)) du, FH's CDNOW parameters
    "0, 39, 0.593575937028229",
    "1, 39, 0.165584379568501",
    "5, 39, 0.0214873983794361",
    "0, 1, 0.952434090862224",
    "3, 100, 0.0488110422195949"
  })
  void pmfAgainstQuadrature(int n, double t, double expected) {
    assertEquals(expected, M.probabilityOfPurchases(n, t), 1e-10);
  }

  @org.junit.jupiter.api.Test
  void pmfMomentsMatchClosedFormExpectation() {
    // sum_n P(X(t) = n) = 1 and sum_n n P(X(t) = n) = E[X(t)] = r beta/(alpha (s-1))
    // [1 - (beta/(beta+t))^(s-1)] (SMC 1987, independent closed form) -> validates the PMF formula
    double t = 39;
    double sum = 0;
    double mean = 0;
    for (int n = 0; n <= 400; n++) {
      double p = M.probabilityOfPurchases(n, t);
      sum += p;
      mean += n * p;
    }
    double e = 0.5534 * 11.6562 / (10.5802 * (0.6061 - 1))
        * (1 - Math.pow(11.6562 / (11.6562 + t), 0.6061 - 1));
    assertEquals(1.0, sum, 1e-9);
    assertEquals(e, mean, 1e-7);
  }
}
