package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.testing.ReferenceGrid;
import dev.retention.testing.ReferenceGrid.Point;
import dev.retention.time.ModelTimeUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every BG/NBD and MBG/NBD prediction against the reference grids {@code refgrid/bgnbd.tsv.gz}
 * and {@code refgrid/mbgnbd.tsv.gz}: FHL 2005's closed forms (eq. 8, 9, 10, P(alive), P(alive at
 * T+t)) evaluated with mpmath at 50 and 80 digits by {@code tools/refgrid/gen_betageo.py}, with
 * quadrature over the dropout probability where the closed form has no value. Tolerance
 * {@code max(1e-10, 16·κ·2⁻⁵³)} relative (see {@link ReferenceGrid}).
 *
 * <p>Inputs of every point: r, α, a, b, then (x, t_x, T) for pAlive; (x, t_x, T, t) for pAliveAt
 * and conditionalExpected; t for expected; (n, t) for pmf; (n, x, t_x, T, t) for conditionalPmf.
 * The scalar methods and the vectorised ones ({@code score}, {@code cumulativeExpectedPurchases})
 * are both checked against every point, and must agree exactly.
 */
class BetaGeoReferenceGridTest {

  // Point counts written by gen_betageo.py (its report; printed again in the file header).
  private static final int[] BG_COUNTS = {2114, 2114, 2114, 2114, 2100, 2100};
  private static final int[] MBG_COUNTS = {2114, 2114, 2114, 2114, 2100, 2100};
  private static final String[] PREDICTIONS = {"pAlive", "pAliveAt", "conditionalExpected",
      "conditionalPmf", "expected", "pmf"};

  private static AbstractBetaGeoModel model(Point p, boolean modified) {
    double r = p.d(0);
    double alpha = p.d(1);
    double a = p.d(2);
    double b = p.d(3);
    return modified ? MbgNbdModel.of(r, alpha, a, b, ModelTimeUnit.WEEKS)
        : BgNbdModel.of(r, alpha, a, b, ModelTimeUnit.WEEKS);
  }

  private static RecencyFrequencyData one(int x, double tx, double age) {
    return RecencyFrequencyData.of(new double[] {x}, new double[] {tx}, new double[] {age},
        ModelTimeUnit.WEEKS);
  }

  @Test
  void bgNbd() {
    checkAll("/refgrid/bgnbd.tsv.gz", false, BG_COUNTS);
  }

  @Test
  void mbgNbd() {
    checkAll("/refgrid/mbgnbd.tsv.gz", true, MBG_COUNTS);
  }

  private static void checkAll(String resource, boolean modified, int[] counts) {
    ReferenceGrid g = ReferenceGrid.load(resource);
    boolean m = modified;
    g.check("pAlive", counts[0], p -> {
      double v = model(p, m).probabilityAlive(p.i(4), p.d(5), p.d(6));
      assertTrue(v >= 0 && v <= 1, p + ": " + v);
      return v;
    });
    g.check("pAlive", counts[0], p -> model(p, m).probabilityAlive(one(p.i(4), p.d(5), p.d(6)))[0]);
    g.check("pAliveAt", counts[1], p -> {
      double v = model(p, m).probabilityAliveAt(p.i(4), p.d(5), p.d(6), p.d(7));
      assertTrue(v >= 0 && v <= 1, p + ": " + v);
      return v;
    });
    g.check("conditionalExpected", counts[2], p -> {
      AbstractBetaGeoModel md = model(p, m);
      int x = p.i(4);
      double v = md.conditionalExpectedPurchases(x, p.d(5), p.d(6), p.d(7));
      // bound: E[Y] <= P(alive) (r+x) t/(alpha+T) <= (r+x) t/(alpha+T)
      double bound = (md.r() + x) * p.d(7) / (md.alpha() + p.d(6));
      assertTrue(v >= 0 && v <= bound * (1 + 1e-12), p + ": " + v + " > bound " + bound);
      return v;
    });
    g.check("conditionalExpected", counts[2], p -> {
      AbstractBetaGeoModel md = model(p, m);
      RecencyFrequencyData d = one(p.i(4), p.d(5), p.d(6));
      double[] pa = new double[1];
      double[] e = new double[1];
      md.score(d, p.d(7), pa, e, false);
      double scalar = md.conditionalExpectedPurchases(p.i(4), p.d(5), p.d(6), p.d(7));
      assertEquals(scalar, e[0], 0.0, "score vs scalar at " + p);
      assertEquals(md.probabilityAlive(p.i(4), p.d(5), p.d(6)), pa[0], 0.0, "pAlive at " + p);
      double[] out = new double[2];
      md.cumulativeExpectedPurchases(d, new double[] {p.d(7) / 2, p.d(7)}, out, false);
      assertEquals(scalar, out[1], 0.0, "cumulative vs scalar at " + p);
      assertEquals(md.conditionalExpectedPurchases(p.i(4), p.d(5), p.d(6), p.d(7) / 2), out[0],
          0.0, "cumulative vs scalar at half the horizon of " + p);
      return e[0];
    });
    g.check("conditionalPmf", counts[3], p -> {
      double v = model(p, m).conditionalProbabilityOfPurchases(p.i(4), p.i(5), p.d(6), p.d(7),
          p.d(8));
      assertTrue(v >= 0 && v <= 1, p + ": " + v);
      return v;
    });
    g.check("expected", counts[4], p -> {
      AbstractBetaGeoModel md = model(p, m);
      double v = md.expectedPurchases(p.d(4));
      assertTrue(v >= 0 && v <= md.r() * p.d(4) / md.alpha() * (1 + 1e-12), p + ": " + v);
      return v;
    });
    g.check("pmf", counts[5], p -> {
      double v = model(p, m).probabilityOfPurchases(p.i(4), p.d(5));
      assertTrue(v >= 0 && v <= 1, p + ": " + v);
      return v;
    });
    // at least 25 % of the points of the conditional predictions lie where t > alpha + T and
    // x > 27, where eq. 10 used to fail
    int hard = 0;
    int all = 0;
    for (String name : List.of("pAliveAt", "conditionalExpected")) {
      for (Point p : g.points(name)) {
        all++;
        if (p.i(4) > 27 && p.d(7) > p.d(1) + p.d(6)) {
          hard++;
        }
      }
    }
    for (Point p : g.points("conditionalPmf")) {
      all++;
      if (p.i(5) > 27 && p.d(8) > p.d(1) + p.d(7)) {
        hard++;
      }
    }
    assertTrue(hard >= 0.25 * all, resource + ": " + hard + " of " + all + " hard points");
    for (String name : PREDICTIONS) {
      assertTrue(!g.points(name).isEmpty(), name);
    }
  }

  /**
   * The conditional PMF sums to 1 and its mean is E[Y(t) | x, t_x, T]: two independent code paths
   * (negative-binomial PMF and incomplete beta vs. the Beta expectation) agree. Customers: CDNOW
   * parameters (FHL 2005) and the issue's model, light and heavy buyers, t below and above α + T.
   */
  @Test
  void conditionalPmfSumsToOneWithTheConditionalMean() {
    double[][] params = {{0.2426, 4.4135, 0.7929, 2.4258},
        {0.5787282909697888, 2.5744378664481378, 1.4485734959289642, 12.56074016455556}};
    double[][] customers = {{0, 0, 30, 52}, {3, 20, 30, 39}, {66, 242 / 7.0, 247 / 7.0, 52},
        {150, 70, 78, 200}, {2, 1, 40, 4.348}};
    for (boolean modified : new boolean[] {false, true}) {
      for (double[] q : params) {
        AbstractBetaGeoModel m = modified
            ? MbgNbdModel.of(q[0], q[1], q[2], q[3], ModelTimeUnit.WEEKS)
            : BgNbdModel.of(q[0], q[1], q[2], q[3], ModelTimeUnit.WEEKS);
        for (double[] c : customers) {
          int x = (int) c[0];
          double sum = 0;
          double mean = 0;
          for (int n = 0; n <= 4000; n++) {
            double pn = m.conditionalProbabilityOfPurchases(n, x, c[1], c[2], c[3]);
            sum += pn;
            mean += n * pn;
          }
          double e = m.conditionalExpectedPurchases(x, c[1], c[2], c[3]);
          String where = m + " at " + java.util.Arrays.toString(c);
          assertEquals(1.0, sum, 1e-12, where);
          assertEquals(e, mean, 1e-10 * Math.max(1, e), where);
        }
      }
    }
  }

  /** The issue's examples, read in their own words (also points of the grid). */
  @Test
  void issueExamples() {
    BgNbdModel m = BgNbdModel.of(0.5787282909697888, 2.5744378664481378, 1.4485734959289642,
        12.56074016455556, ModelTimeUnit.WEEKS);
    // FHL 2005 eq. 10 at 50 digits (the issue; gen_betageo.py): 48.234006
    assertEquals(48.234006, m.conditionalExpectedPurchases(66, 242 / 7.0, 247 / 7.0,
        52.142857142857146), 5e-7);
    // x = 55, 60, 65, 70 at t_x = 34, T = 35, t = 52: 39.73, 42.79, 45.78, 48.68 (the issue)
    assertEquals(39.73, m.conditionalExpectedPurchases(55, 34, 35, 52), 5e-3);
    assertEquals(42.79, m.conditionalExpectedPurchases(60, 34, 35, 52), 5e-3);
    assertEquals(45.78, m.conditionalExpectedPurchases(65, 34, 35, 52), 5e-3);
    assertEquals(48.68, m.conditionalExpectedPurchases(70, 34, 35, 52), 5e-3);
  }
}
