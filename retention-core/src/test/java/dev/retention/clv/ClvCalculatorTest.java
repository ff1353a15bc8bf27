package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import org.junit.jupiter.api.Test;

class ClvCalculatorTest {
  private static final double R = 0.55;
  private static final double ALPHA = 10.58;
  private static final double S = 0.61;
  private static final double BETA = 11.67;
  private static final ParetoNbdModel PNBD = ParetoNbdModel.of(R, ALPHA, S, BETA,
      ModelTimeUnit.WEEKS);

  /** Pareto/NBD E[X(t)] for a new customer, closed form (SMC 1987): rβ/(α(s−1))[1−(β/(β+t))^(s−1)]. */
  private static double ex(double t) {
    return R * BETA / (ALPHA * (S - 1)) * (1 - Math.pow(BETA / (BETA + t), S - 1));
  }

  @Test
  void monthlyPeriodsOnWeeklyModelWithAnnualRate() {
    // a customer just acquired (x = 0, t_x = 0, T = 0): P(alive) = 1 and E[Y(t)] = E[X(t)]
    RecencyFrequencyData d = RecencyFrequencyData.of(new double[] {0}, new double[] {0},
        new double[] {0}, ModelTimeUnit.WEEKS);
    ClvCalculator c = ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.MONTHS).withPeriods(3)
        .withDiscountRate(0.12, ModelTimeUnit.YEARS).withMargin(0.3);
    // by hand: month = 30.436875 days = 4.348125 weeks; monthly rate = 1.12^(1/12) - 1
    double l = 30.436875 / 7;
    double d12 = Math.pow(1.12, 1.0 / 12) - 1;
    assertEquals(l, c.periodLengthInModelUnits(), 1e-12);
    assertEquals(d12, c.discountRatePerPeriod(), 1e-15);
    double expected = 0;
    double[] per = new double[3];
    for (int k = 1; k <= 3; k++) {
      per[k - 1] = (ex(k * l) - ex((k - 1) * l)) * 50 * 0.3 / Math.pow(1 + d12, k);
      expected += per[k - 1];
    }
    ClvResult r = c.compute(d, new double[] {50}, false);
    assertEquals(expected, r.total(0), 1e-12 * expected);
    for (int k = 0; k < 3; k++) {
      assertEquals(per[k], r.value(0, k), 1e-12 * per[k], "period " + k);
    }
    double[] out = new double[1];
    c.totals(d, new double[] {50}, out, true);
    assertEquals(expected, out[0], 1e-12 * expected);
  }

  @Test
  void horizonMustBeWholePeriods() {
    ClvCalculator c = ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.MONTHS);
    assertEquals(12, c.withHorizon(1, ModelTimeUnit.YEARS).periods());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.withHorizon(10, ModelTimeUnit.WEEKS));
    assertEquals(true, e.getMessage().contains("whole number of periods"), e.getMessage());
  }

  @Test
  void monthlyRateWithWeeklyPeriodsIsCompounded() {
    ClvCalculator c = ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.WEEKS)
        .withDiscountRate(0.01, ModelTimeUnit.MONTHS);
    // 1.01^(7 / 30.436875) - 1
    assertEquals(Math.pow(1.01, 7 / 30.436875) - 1, c.discountRatePerPeriod(), 1e-15);
  }

  @Test
  void dataInAnotherUnitIsRefused() {
    RecencyFrequencyData days = RecencyFrequencyData.of(new double[] {1}, new double[] {3},
        new double[] {10}, ModelTimeUnit.DAYS);
    assertThrows(IllegalArgumentException.class,
        () -> ClvCalculator.of(PNBD).compute(days, new double[] {1}, false));
  }

  @Test
  void dertMatchesClosedFormAtSEqualsOne() {
    // s = 1: mu ~ Gamma(1, B) is exponential, E[1/(delta+mu)] = B e^{B delta} E_1(B delta).
    // With r = 1, alpha = 2, beta = B = 5, delta = 0.2 and a new customer (x = 0, t_x = T = 0,
    // P(alive) = 1): DERT = (r/alpha) * B * e * E_1(1) = 0.5 * 5 * 0.5963473623 (e E_1(1) is the
    // Gompertz constant 0.596347362323194; A&S Table 5.1: E_1(1) = 0.219383934)
    ParetoNbdModel m = ParetoNbdModel.of(1, 2, 1, 5, ModelTimeUnit.WEEKS);
    double expected = 0.5 * 5 * 0.596347362323194;
    assertEquals(expected, m.dert(0, 0, 0, 0.2), 1e-9 * expected);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "DERT x={4} tx={5} T={6} delta={7}")
  @org.junit.jupiter.params.provider.CsvSource({
    // mpmath 1.3.0 (dps 30): P(alive) from the note's 2F1 form times (r+x)/(alpha+T) times
    // quad(exp(-delta u) ((beta+T)/(beta+T+u))^s, 0..inf)
    "0.5534, 10.5802, 0.6061, 11.6562, 2, 30.43, 38.86, 0.0018, 8.2426063433586533384",
    "0.5534, 10.5802, 0.6061, 11.6562, 0, 0, 38.86, 0.01, 0.2004008651713649056",
    "1.2, 3, 2.5, 40, 10, 20, 25, 0.05, 2.6495021193304502781"
  })
  void dertAgainstQuadrature(double r, double alpha, double s, double beta, int x, double tx,
      double age, double delta, double expected) {
    ParetoNbdModel m = ParetoNbdModel.of(r, alpha, s, beta, ModelTimeUnit.WEEKS);
    // Gauss-Legendre on geometric panels: ~1e-10 relative
    assertEquals(expected, m.dert(x, tx, age, delta), 1e-9 * expected);
  }

  // ---- hostile-input regressions (issue: "withPeriod(1e300, WEEKS) says 'z must be < 1, was
  // 1.0'" and "CLV with spend 1e308 gives Infinity")

  @Test
  void withPeriod1e300WeeksNamesThePeriodRuleAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClvCalculator.of(PNBD).withPeriod(1e300, ModelTimeUnit.WEEKS));
    assertEquals("periods × period must be <= 100000.0 WEEKS (the model's unit), was 12 × 1.0E300"
        + " WEEKS = 1.2E301 WEEKS", e.getMessage());
    // the same rule through the number of periods and the horizon
    ClvCalculator yearly = ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.YEARS);
    e = assertThrows(IllegalArgumentException.class, () -> yearly.withPeriods(10_000));
    assertTrue(e.getMessage().startsWith("periods × period must be <= 100000.0 WEEKS"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> yearly.withHorizon(5000, ModelTimeUnit.YEARS));
    // 1917 years = 100,028 weeks: refused; 1900 years: accepted
    assertThrows(IllegalArgumentException.class, () -> yearly.withPeriods(1917));
    assertEquals(1900, yearly.withPeriods(1900).periods());
  }

  @Test
  void clvWithSpend1e308IsRefusedNotInfinite() {
    RecencyFrequencyData d = RecencyFrequencyData.of(new double[] {2}, new double[] {10},
        new double[] {20}, ModelTimeUnit.WEEKS);
    ClvCalculator c = ClvCalculator.of(PNBD);
    for (double spend : new double[] {1e308, Double.MAX_VALUE, 1.000001e12, Double.NaN, -1}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> c.totals(d, new double[] {spend}, new double[1], false));
      assertEquals("expectedSpend must be finite and in [0, 1.0E12], was " + spend + " (row 0)",
          e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> c.compute(d, new double[] {spend}, false));
    }
    // the largest spend and margin give a finite CLV, exactly proportional to them
    ClvCalculator big = c.withMargin(ClvCalculator.MAX_MARGIN);
    double[] out = new double[1];
    big.totals(d, new double[] {ClvCalculator.MAX_SPEND}, out, false);
    double[] unit = new double[1];
    c.totals(d, new double[] {1.0}, unit, false);
    assertTrue(Double.isFinite(out[0]) && out[0] > 0, "CLV " + out[0]);
    assertEquals(unit[0] * 1e14, out[0], 1e-14 * out[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> c.withMargin(1e308));
    assertEquals("margin must be in [0, 100.0], was 1.0E308", e.getMessage());
  }

  @Test
  void discountRateThatCompoundsToInfinityIsRefused() {
    // 1e10 per day compounded over a year of days: (1 + 1e10)^365.2425 overflows
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.YEARS)
            .withDiscountRate(1e10, ModelTimeUnit.DAYS));
    assertTrue(e.getMessage().startsWith("discount rate per period must be finite, was 1.0E10"
        + " per DAYS"), e.getMessage());
  }

  @Test
  void negativeIncrementsOnlyWithinRoundingAreZero() {
    // the only tolerated decrease of cumulative expected purchases is rounding: 1e-12 relative
    assertEquals(0.0, ClvCalculator.increment(1.0 - 1e-12, 1.0, 0, 0));
    assertEquals(0.5, ClvCalculator.increment(1.5, 1.0, 0, 0));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ClvCalculator.increment(1.0 - 3e-12, 1.0, 7, 2));
    assertTrue(e.getMessage().contains("(row 7)") && e.getMessage().contains("period 3"),
        e.getMessage());
    e = assertThrows(IllegalStateException.class,
        () -> ClvCalculator.increment(Double.NaN, 1.0, 0, 0));
    assertTrue(e.getMessage().contains("are NaN"), e.getMessage());
  }

  @Test
  void totalBySummationByPartsEqualsTheSumOfPerPeriodValues() {
    RecencyFrequencyData d = RecencyFrequencyData.of(new double[] {0, 3, 12},
        new double[] {0, 5, 30}, new double[] {10, 20, 31}, ModelTimeUnit.WEEKS);
    ClvCalculator c = ClvCalculator.of(PNBD).withPeriod(1, ModelTimeUnit.MONTHS).withPeriods(24)
        .withDiscountRate(0.1, ModelTimeUnit.YEARS).withMargin(0.4);
    double[] spend = {10, 20, 30};
    ClvResult r = c.compute(d, spend, false);
    double[] totals = new double[3];
    c.totals(d, spend, totals, false);
    for (int i = 0; i < 3; i++) {
      double sum = 0;
      for (double v : r.perPeriod(i)) {
        sum += v;
      }
      // the two evaluation orders of the same finite sum: 24 terms, a few ulps each
      assertEquals(sum, r.total(i), 1e-14 * sum);
      assertEquals(r.total(i), totals[i], 1e-15 * sum);
    }
  }
}
