package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.testing.ReferenceGrid;
import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Pareto/NBD prediction against {@code refgrid/paretonbd.tsv.gz}: 50/80-digit mpmath
 * evaluations of the published closed forms (Fader &amp; Hardie 2005 note; Fader, Hardie &amp; Lee
 * 2005 and 2006), with quadrature of the defining integrals where those do not converge, written by
 * {@code tools/refgrid/gen_pareto.py} (seeded runs listed in its docstring, the corners first).
 * Tolerance per point
 * {@code max(1e-10, 16·κ·2⁻⁵³)} relative ({@link ReferenceGrid}). The vectorised paths
 * ({@code score}, {@code cumulativeExpectedPurchases}) are checked on the same points.
 */
class ParetoNbdReferenceGridTest {
  private static ReferenceGrid grid;

  @BeforeAll
  static void load() {
    grid = ReferenceGrid.load("/refgrid/paretonbd.tsv.gz");
  }

  private static ParetoNbdModel model(ReferenceGrid.Point p) {
    return ParetoNbdModel.of(p.d(0), p.d(1), p.d(2), p.d(3), ModelTimeUnit.WEEKS);
  }

  private static RecencyFrequencyData one(ReferenceGrid.Point p) {
    return RecencyFrequencyData.of(new double[] {p.i(4)}, new double[] {p.d(5)},
        new double[] {p.d(6)}, ModelTimeUnit.WEEKS);
  }

  @Test
  void probabilityAlive() {
    grid.check("palive", Counts.PALIVE, p -> model(p).probabilityAlive(p.i(4), p.d(5), p.d(6)));
  }

  @Test
  void probabilityAliveVectorised() {
    grid.check("palive", Counts.PALIVE, p -> model(p).probabilityAlive(one(p))[0]);
  }

  @Test
  void probabilityAliveAt() {
    grid.check("palive_at", Counts.PALIVE_AT,
        p -> model(p).probabilityAliveAt(p.i(4), p.d(5), p.d(6), p.d(7)));
  }

  @Test
  void conditionalExpectedPurchases() {
    grid.check("cexp", Counts.CEXP,
        p -> model(p).conditionalExpectedPurchases(p.i(4), p.d(5), p.d(6), p.d(7)));
  }

  @Test
  void conditionalExpectedPurchasesVectorised() {
    grid.check("cexp", Counts.CEXP, p -> {
      ParetoNbdModel m = model(p);
      RecencyFrequencyData d = one(p);
      double[] pa = new double[1];
      double[] e = new double[1];
      m.score(d, p.d(7), pa, e, false);
      double[] c = new double[2];
      m.cumulativeExpectedPurchases(d, new double[] {0.5 * p.d(7), p.d(7)}, c, false);
      assertEquals(e[0], c[1], 1e-13 * e[0], "score and cumulative paths at " + p);
      return e[0];
    });
  }

  @Test
  void expectedPurchases() {
    grid.check("ex", Counts.EX, p -> model(p).expectedPurchases(p.d(4)));
  }

  @Test
  void probabilityOfPurchases() {
    grid.check("pmf", Counts.PMF, p -> model(p).probabilityOfPurchases(p.i(4), p.d(5)));
  }

  @Test
  void dert() {
    grid.check("dert", Counts.DERT, p -> model(p).dert(p.i(4), p.d(5), p.d(6), p.d(7)));
  }

  @Test
  void conditionalProbabilityOfPurchases() {
    grid.check("cpmf", Counts.CPMF, p -> model(p).conditionalProbabilityOfPurchases(p.i(4),
        p.i(5), p.d(6), p.d(7), p.d(8)));
  }

  /** Points per prediction written by the generator (its printed counts). */
  private static final class Counts {
    static final int PALIVE = 2000;
    static final int PALIVE_AT = 2000;
    static final int CEXP = 2000;
    static final int EX = 3000;
    static final int PMF = 2800;
    static final int DERT = 2000;
    static final int CPMF = 2500;
  }
}
