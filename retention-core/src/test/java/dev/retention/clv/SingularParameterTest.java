package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The closed forms have removable singularities at a = 1 (BG/NBD) and s = 1 (Pareto/NBD); the
 * predictions there must equal the limit.
 */
class SingularParameterTest {

  @ParameterizedTest(name = "BG/NBD a=1 r={0} alpha={1} b={2} x={3} tx={4} T={5} t={6}")
  @CsvSource({
    // mpmath 1.3.0, dps 60, FHL eq. 10 evaluated at a = 1 + 1e-30 (the limit to 30 digits)
    "0.25, 4.4, 2.4, 3, 20, 30, 52, 2.0227429553470508598",
    "0.25, 4.4, 2.4, 0, 0, 30, 5, 0.035411508188060490842",
    "2, 1, 0.5, 0, 0, 1, 10000, 5.451693718262327318"
  })
  void bgNbdAtAEqualsOne(double r, double alpha, double b, int x, double tx, double age,
      double t, double expected) {
    BgNbdModel m = BgNbdModel.of(r, alpha, 1.0, b, ModelTimeUnit.WEEKS);
    // cubic interpolation across a = 1 +- 1e-3, 2e-3: about 1e-10 relative
    assertEquals(expected, m.conditionalExpectedPurchases(x, tx, age, t), 1e-9 * expected);
  }

  @ParameterizedTest(name = "Pareto/NBD s=1 t={0}")
  @CsvSource({"1", "52", "10000"})
  void paretoAtSEqualsOne(double t) {
    // s = 1: E[X(t)] = (r beta / alpha) ln(1 + t/beta) (limit of SMC 1987 eq. 17, by hand)
    ParetoNbdModel m = ParetoNbdModel.of(0.5, 10, 1.0, 12, ModelTimeUnit.WEEKS);
    double expected = 0.5 * 12 / 10 * Math.log1p(t / 12);
    assertEquals(expected, m.expectedPurchases(t), 1e-14 * expected);
  }
}
