package dev.retention.clv;

import dev.retention.testing.ReferenceGrid;
import dev.retention.time.ModelTimeUnit;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link ClvCalculator} totals against {@code refgrid/clv.tsv.gz}: the CLV sums
 * {@code spend · margin · Σ_k (E[Y(kL)] − E[Y((k−1)L)])/(1+d)^k} evaluated by
 * {@code tools/refgrid/gen_clv.py} with mpmath at 50 and 80 digits from FHL 2005 eq. 10 (BG/NBD),
 * its MBG/NBD analogue and the Pareto/NBD closed forms (the defining integrals where those have no
 * value), independently of this code. Inputs per point: model parameters, x, t_x, T, period
 * length L in the model's unit (weeks), K periods, discount rate per period, spend (an integer)
 * and margin in percent; the grid includes the BG/NBD examples verbatim (K = 1,
 * L = t). Both {@link ClvCalculator#totals} and {@link ClvCalculator#compute} are checked. A
 * model whose E[Y] decreases beyond rounding makes the calculator throw; such a point counts as
 * a failure (NaN), not an error of the whole test.
 */
class ClvReferenceGridTest {
  private static final ReferenceGrid GRID = ReferenceGrid.load("/refgrid/clv.tsv.gz");
  private static final ModelTimeUnit U = ModelTimeUnit.WEEKS;

  private interface ModelFactory {
    CustomerBaseModel of(double r, double alpha, double a, double b);
  }

  private static ToDoubleFunction<ReferenceGrid.Point> clv(ModelFactory factory,
      boolean totals) {
    return p -> {
      CustomerBaseModel model = factory.of(p.d(0), p.d(1), p.d(2), p.d(3));
      ClvCalculator c = ClvCalculator.of(model).withPeriod(p.d(7), U).withPeriods(p.i(8))
          .withDiscountRatePerPeriod(p.d(9)).withMargin(p.i(11) / 100.0);
      RecencyFrequencyData data = RecencyFrequencyData.of(new double[] {p.i(4)},
          new double[] {p.d(5)}, new double[] {p.d(6)}, U);
      double[] spend = {p.i(10)};
      try {
        if (totals) {
          double[] out = new double[1];
          c.totals(data, spend, out, false);
          return out[0];
        }
        return c.compute(data, spend, false).total(0);
      } catch (IllegalStateException e) {
        return Double.NaN; // a decreasing E[Y]: counted as a failing point
      }
    };
  }

  @Test
  void paretoNbd() {
    ModelFactory f = (r, alpha, s, beta) -> ParetoNbdModel.of(r, alpha, s, beta, U);
    GRID.check("clv.pareto", Counts.PARETO, clv(f, true));
    GRID.check("clv.pareto", Counts.PARETO, clv(f, false));
  }

  @Test
  void bgNbd() {
    ModelFactory f = (r, alpha, a, b) -> BgNbdModel.of(r, alpha, a, b, U);
    GRID.check("clv.bgnbd", Counts.BGNBD, clv(f, true));
    GRID.check("clv.bgnbd", Counts.BGNBD, clv(f, false));
  }

  @Test
  void mbgNbd() {
    ModelFactory f = (r, alpha, a, b) -> MbgNbdModel.of(r, alpha, a, b, U);
    GRID.check("clv.mbgnbd", Counts.MBGNBD, clv(f, true));
    GRID.check("clv.mbgnbd", Counts.MBGNBD, clv(f, false));
  }

  /** Points per model, as the generator wrote them. */
  private static final class Counts {
    static final int PARETO = 3409;
    static final int BGNBD = 2295;
    static final int MBGNBD = 2483;
  }
}
