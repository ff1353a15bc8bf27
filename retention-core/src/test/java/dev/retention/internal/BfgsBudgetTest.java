package dev.retention.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stopping rules of {@link Bfgs} that bound its work, on functions with known behaviour. */
class BfgsBudgetTest {

  /** f(x) = c·e^(−x): decreasing towards +∞ with no minimum. */
  private static Bfgs.Function slope(double c, int[] calls) {
    return (x, g) -> {
      calls[0]++;
      double v = c * Math.exp(-x[0]);
      g[0] = -v;
      return v;
    };
  }

  @Test
  void stepsAreCappedAndTheBoxEndsARunaway() {
    int[] calls = new int[1];
    // gradient -1e3 e^-x: without the cap the first quasi-Newton step would be unbounded
    Bfgs.Result r = Bfgs.minimize(slope(1e3, calls), new double[] {0}, 1e-300, 1000, 10_000,
        new double[] {27.6});
    assertEquals(Bfgs.Stop.LEFT_BOX, r.stop(), r.stopReason());
    // every accepted step moves at most MAX_STEP = 3, so leaving |x| <= 27.6 takes >= 10 steps
    assertTrue(r.iterations() >= 10, r.toString());
    assertTrue(r.x()[0] <= 27.6 + 3, r.toString());
    assertEquals(calls[0], r.evaluations());
  }

  @Test
  void evaluationBudgetIsNeverExceeded() {
    for (int budget = 1; budget <= 12; budget++) {
      int[] calls = new int[1];
      Bfgs.Result r = Bfgs.minimize(slope(1e3, calls), new double[] {0}, 1e-300, 1000, budget,
          null);
      assertEquals(Bfgs.Stop.EVALUATION_LIMIT, r.stop(), "budget " + budget);
      assertTrue(calls[0] <= budget, "budget " + budget + ": " + calls[0] + " calls");
      assertEquals(calls[0], r.evaluations());
    }
  }

  /**
   * f = 1e-4·e^(−x) falls by less than 1e-4 in all, so over any 5 iterations it falls by less
   * than the 1e-3 of the rule while x moves by more than ln 2: the flat-ridge rule stops the
   * search at iteration 5 instead of letting it creep (here until the gradient, 1e-4·e^(−x),
   * falls below 1e-12 near x = 18.4).
   */
  @Test
  void flatRidgeRuleStopsACreepingSearch() {
    int[] calls = new int[1];
    Bfgs.Result r = Bfgs.minimize(slope(1e-4, calls), new double[] {0}, 1e-4, new double[] {-1e-4},
        1e-12, 1000, 10_000, null, new Bfgs.Stall(5, 1e-3, Math.log(2)));
    assertEquals(Bfgs.Stop.STALLED, r.stop(), r.stopReason());
    assertEquals(5, r.iterations(), r.toString());

    Bfgs.Result free = Bfgs.minimize(slope(1e-4, new int[1]), new double[] {0}, 1e-12, 1000);
    assertTrue(free.converged(), free.toString());
    assertTrue(free.x()[0] > 18, free.toString());
  }
}
