package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.clv.CustomerBaseSimulator.Process;
import dev.retention.time.ModelTimeUnit;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract over every model and path: the vectorised sequential and parallel paths (with their
 * per-pattern caches and fork/join splitting) equal the single-customer methods row by row.
 */
class VectorisedScoringTest {

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of(BgNbdModel.of(0.2426, 4.4135, 0.7929, 2.4258, ModelTimeUnit.WEEKS),
            Process.BG_NBD),
        Arguments.of(MbgNbdModel.of(0.525, 6.183, 0.891, 1.614, ModelTimeUnit.WEEKS),
            Process.MBG_NBD),
        Arguments.of(ParetoNbdModel.of(0.5534, 10.5802, 0.6061, 11.6562, ModelTimeUnit.WEEKS),
            Process.PARETO_NBD));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void sequentialParallelAndSingleAgree(CustomerBaseModel m, Process process) {
    long seed = 99;
    int n = 40_000; // above the parallel threshold
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] ages = new double[n];
    for (int i = 0; i < n; i++) {
      ages[i] = Math.floor(rnd.nextDouble() * 78 * 7) / 7;
    }
    RecencyFrequencyData d = CustomerBaseSimulator.simulate(process, 0.5, 5, 0.8, 3, ages,
        1.0 / 7, ModelTimeUnit.WEEKS, seed);
    double[] ps = new double[n];
    double[] es = new double[n];
    double[] pp = new double[n];
    double[] ep = new double[n];
    m.score(d, 52, ps, es, false);
    m.score(d, 52, pp, ep, true);
    double[] times = {4, 13, 26, 52};
    double[] cs = new double[n * 4];
    double[] cp = new double[n * 4];
    m.cumulativeExpectedPurchases(d, times, cs, false);
    m.cumulativeExpectedPurchases(d, times, cp, true);
    for (int i = 0; i < n; i += 7) {
      int x = d.frequency(i);
      double tx = d.recency(i);
      double t = d.age(i);
      String w = m + " seed " + seed + " row " + i;
      double p = m.probabilityAlive(x, tx, t);
      double e = m.conditionalExpectedPurchases(x, tx, t, 52);
      assertEquals(p, ps[i], 1e-12, w);
      assertEquals(p, pp[i], 1e-12, w);
      assertEquals(e, es[i], 1e-12 * Math.max(1, e), w);
      assertEquals(e, ep[i], 1e-12 * Math.max(1, e), w);
      for (int k = 0; k < 4; k++) {
        double ek = m.conditionalExpectedPurchases(x, tx, t, times[k]);
        assertEquals(ek, cs[i * 4 + k], 1e-12 * Math.max(1, ek), w + " k " + k);
        assertEquals(ek, cp[i * 4 + k], 1e-12 * Math.max(1, ek), w + " k " + k);
      }
    }
    double[] spend = new double[n];
    java.util.Arrays.fill(spend, 20);
    ClvCalculator c = ClvCalculator.of(m).withPeriod(1, ModelTimeUnit.MONTHS).withPeriods(6)
        .withDiscountRate(0.1, ModelTimeUnit.YEARS);
    ClvResult full = c.compute(d, spend, false);
    double[] tot = new double[n];
    c.totals(d, spend, tot, true);
    for (int i = 0; i < n; i += 7) {
      assertEquals(full.total(i), tot[i], 1e-12 * Math.max(1, tot[i]), m + " CLV row " + i);
    }
  }
}
