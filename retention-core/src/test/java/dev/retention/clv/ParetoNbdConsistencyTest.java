package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Identities between the Pareto/NBD predictions that hold exactly: the conditional PMF sums to 1
 * and its mean is the closed-form conditional expectation (FH 2005 note eq. 22, an independent
 * formula), and P(alive) at t_x one ulp below T stays in (1 − 1e-12, 1] (the only place where a
 * rounding rule, not a formula, decides: Δ = ln(G(t_x)/G(T)) ≤ 0 within 1e-13 counts as 0).
 */
class ParetoNbdConsistencyTest {

  @ParameterizedTest(name = "r={0} alpha={1} s={2} beta={3} x={4} t_x={5} T={6} t={7}")
  @CsvSource({
    "0.5534, 10.5802, 0.6061, 11.6562, 26, 30.86, 31, 52",
    "5, 0.5, 0.8, 12, 120, 20, 30, 39",
    "0.2, 40, 1, 0.05, 3, 2, 50, 100",
    "2, 0.01, 3, 200, 0, 0, 10, 5"
  })
  void conditionalPmfSumsToOneWithTheClosedFormMean(double r, double alpha, double s,
      double beta, int x, double tx, double age, double t) {
    ParetoNbdModel m = ParetoNbdModel.of(r, alpha, s, beta, ModelTimeUnit.WEEKS);
    double sum = 0;
    double mean = 0;
    double e = m.conditionalExpectedPurchases(x, tx, age, t);
    int n = 0;
    // sum until the remaining mass is negligible: beyond 50 means and at least 2,000 terms
    for (; n < Math.max(2000, 50 * e); n++) {
      double p = m.conditionalProbabilityOfPurchases(n, x, tx, age, t);
      assertTrue(p >= 0 && p <= 1, "P(Y = " + n + ") = " + p);
      sum += p;
      mean += n * p;
    }
    // the tail beyond n is heavy (Pareto-like in the NB mixture), so the mean is checked to 1e-6
    assertEquals(1.0, sum, 1e-9, "sum over " + n + " terms");
    assertEquals(e, mean, 1e-6 * Math.max(1, e));
  }

  @ParameterizedTest(name = "P(alive) one ulp before T: r={0} alpha={1} s={2} beta={3} x={4}")
  @CsvSource({
    "0.5534, 10.5802, 0.6061, 11.6562, 26, 31",
    "1e-3, 1e3, 1e3, 1e-3, 100000, 1e4",
    "1e3, 1e-3, 1e-3, 1e3, 1, 0.01",
    "0.5, 3, 1, 5, 2, 10"
  })
  void probabilityAliveJustBeforeT(double r, double alpha, double s, double beta, int x,
      double age) {
    ParetoNbdModel m = ParetoNbdModel.of(r, alpha, s, beta, ModelTimeUnit.WEEKS);
    double p = m.probabilityAlive(x, Math.nextDown(age), age);
    assertTrue(p <= 1 && p > 1 - 1e-12, "P(alive) = " + p);
    assertEquals(1.0, m.probabilityAlive(x, age, age));
  }
}
