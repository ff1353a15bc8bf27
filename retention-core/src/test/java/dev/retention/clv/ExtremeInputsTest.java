package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No NaN or infinity for any valid input: x up to 10,000, t_x = T, t_x = 0, T up to 10,000
 * periods, parameters from 1e-3 to 1e3, a = 1 and s = 1 exactly (issue 5). Every prediction must
 * be finite, probabilities in [0, 1], expectations ≥ 0, and the log-likelihood finite.
 */
class ExtremeInputsTest {
  private static final double[] PARAMS = {1e-3, 1.0, 1e3};

  static Stream<CustomerBaseModel> models() {
    List<CustomerBaseModel> out = new ArrayList<>();
    for (double p1 : PARAMS) {
      for (double p2 : PARAMS) {
        for (double p3 : new double[] {1e-3, 1.0, 1e3}) {
          for (double p4 : PARAMS) {
            out.add(BgNbdModel.of(p1, p2, p3, p4, ModelTimeUnit.WEEKS));
            out.add(MbgNbdModel.of(p1, p2, p3, p4, ModelTimeUnit.WEEKS));
            out.add(ParetoNbdModel.of(p1, p2, p3, p4, ModelTimeUnit.WEEKS));
          }
        }
      }
    }
    // near the removable singularities
    out.add(BgNbdModel.of(0.5, 3, 1.0000001, 0.5, ModelTimeUnit.WEEKS));
    out.add(BgNbdModel.of(0.5, 3, 0.9995, 0.5, ModelTimeUnit.WEEKS));
    out.add(ParetoNbdModel.of(0.5, 3, 1.0000001, 5, ModelTimeUnit.WEEKS));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void finiteEverywhere(CustomerBaseModel m) {
    int[] xs = {0, 1, 10, 10_000};
    double[] ages = {0, 1, 100, 10_000};
    double[] ts = {0, 1, 52, 10_000};
    for (int x : xs) {
      for (double age : ages) {
        double[] recs = x == 0 ? new double[] {0} : new double[] {0, age / 2, age};
        for (double tx : recs) {
          String where = m + " x=" + x + " tx=" + tx + " T=" + age;
          double p = m.probabilityAlive(x, tx, age);
          assertTrue(p >= 0 && p <= 1, "P(alive)=" + p + " " + where);
          double ll = m.logLikelihood(x, tx, age);
          assertTrue(Double.isFinite(ll), "LL=" + ll + " " + where);
          for (double t : ts) {
            double e = m.conditionalExpectedPurchases(x, tx, age, t);
            assertTrue(e >= 0 && Double.isFinite(e), "E=" + e + " t=" + t + " " + where);
            double pa = m.probabilityAliveAt(x, tx, age, t);
            assertTrue(pa >= 0 && pa <= p + 1e-12, "P(alive at)=" + pa + " t=" + t + " " + where);
          }
        }
      }
    }
    for (double t : ts) {
      double e = m.expectedPurchases(t);
      assertTrue(e >= 0 && Double.isFinite(e), "E[X(t)]=" + e + " t=" + t + " " + m);
      for (int n : new int[] {0, 1, 10}) {
        double pn = m.probabilityOfPurchases(n, t);
        assertTrue(pn >= 0 && pn <= 1, "P(X=n)=" + pn + " n=" + n + " t=" + t + " " + m);
      }
    }
  }
}
