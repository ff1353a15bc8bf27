package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

class RecencyFrequencyDataTest {

  private static String error(double x, double tx, double t) {
    return assertThrows(IllegalArgumentException.class, () -> RecencyFrequencyData.of(
        new double[] {1, x}, new double[] {1, tx}, new double[] {2, t}, ModelTimeUnit.WEEKS))
        .getMessage();
  }

  @Test
  void rulesNameRowFieldAndValue() {
    assertEquals("x must be a non-negative integer, was 2.5 (row 1)", error(2.5, 1, 2));
    assertEquals("x must be a non-negative integer, was -1.0 (row 1)", error(-1, 0, 2));
    assertEquals("t_x must be <= T, was 3.0 > T = 2.0 (row 1)", error(1, 3, 2));
    assertEquals("t_x must be 0 when x = 0, was 1.0 (row 1)", error(0, 1, 2));
    assertEquals("T must be finite and >= 0, was NaN (row 1)", error(1, 1, Double.NaN));
    assertEquals("t_x must be finite and >= 0, was -1.0 (row 1)", error(1, -1, 2));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RecencyFrequencyData.ofWeighted(
        new double[] {1}, new double[] {1}, new double[] {2}, new double[] {0},
        ModelTimeUnit.WEEKS)).getMessage().contains("weight must be finite and > 0"));
    assertThrows(NullPointerException.class,
        () -> RecencyFrequencyData.of(null, new double[0], new double[0], ModelTimeUnit.DAYS));
  }

  @Test
  void defensiveCopiesAndUnitConversion() {
    double[] x = {0, 2};
    double[] tx = {0, 7};
    double[] t = {14, 14};
    RecencyFrequencyData d = RecencyFrequencyData.of(x, tx, t, ModelTimeUnit.DAYS);
    x[1] = 99;
    tx[1] = 0;
    assertEquals(2, d.frequency(1));
    assertEquals(7.0, d.recency(1), 0.0);
    RecencyFrequencyData w = d.inUnit(ModelTimeUnit.WEEKS);
    assertEquals(1.0, w.recency(1), 1e-15); // 7 days = 1 week
    assertEquals(2.0, w.age(0), 1e-15);
    assertEquals(2.0, w.totalWeight(), 0.0);
  }

  @Test
  void weightedFitEqualsExpanded() {
    // three customers (1, 1, 2), (1, 1, 2), (0, 0, 3) as two weighted patterns: same fit
    RecencyFrequencyData expanded = RecencyFrequencyData.of(new double[] {1, 1, 0, 2, 3},
        new double[] {1, 1, 0, 1.5, 2}, new double[] {2, 2, 3, 4, 4}, ModelTimeUnit.WEEKS);
    RecencyFrequencyData weighted = RecencyFrequencyData.ofWeighted(new double[] {1, 0, 2, 3},
        new double[] {1, 0, 1.5, 2}, new double[] {2, 3, 4, 4}, new double[] {2, 1, 1, 1},
        ModelTimeUnit.WEEKS);
    BgNbdModel m = BgNbdModel.of(0.5, 2, 1.5, 2, ModelTimeUnit.WEEKS);
    double[] g1 = new double[4];
    double[] g2 = new double[4];
    double l1 = BgNbdModel.likelihood(expanded).logLikelihood(new double[] {0.5, 2, 1.5, 2}, g1);
    double l2 = BgNbdModel.likelihood(weighted).logLikelihood(new double[] {0.5, 2, 1.5, 2}, g2);
    // the sum of the individual log-likelihoods, by the public per-customer method
    double byHand = 2 * m.logLikelihood(1, 1, 2) + m.logLikelihood(0, 0, 3)
        + m.logLikelihood(2, 1.5, 4) + m.logLikelihood(3, 2, 4);
    assertEquals(byHand, l1, 1e-12);
    assertEquals(byHand, l2, 1e-12);
    for (int i = 0; i < 4; i++) {
      assertEquals(g1[i], g2[i], 1e-12);
    }
  }
}
