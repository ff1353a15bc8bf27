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
}
