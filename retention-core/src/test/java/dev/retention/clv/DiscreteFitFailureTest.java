package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Data that cannot identify the parameters makes the fit throw, saying why and on what data. */
class DiscreteFitFailureTest {

  @Test
  void sbgWithoutChurnCannotBeFitted() {
    // no customer ever churns: the likelihood increases as the churn probabilities go to 0
    // (α → 0 or β → ∞), there is no interior maximum
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> ShiftedBetaGeometricModel.fit(ShiftedBetaGeometricData.of(1000, 1000, 1000, 1000)));
    System.out.println(e.getMessage());
    assertEquals("sBG", e.model());
    assertTrue(e.dataSummary().contains("0 churned"), e.getMessage());
  }

  @Test
  void sbgWithEveryoneChurningAtOnceCannotBeFitted() {
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> ShiftedBetaGeometricModel.fit(ShiftedBetaGeometricData.of(1000, 0, 0)));
    System.out.println(e.getMessage());
    assertTrue(e.dataSummary().contains("1000 churned"), e.getMessage());
  }

  @Test
  void bgbbWithoutAnyRepeatTransactionCannotBeFitted() {
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> BetaGeometricBetaBinomialModel.fit(BetaGeometricBetaBinomialData.of(
            new int[] {0}, new int[] {0}, new int[] {6}, new double[] {500})));
    System.out.println(e.getMessage());
    assertEquals("BG/BB", e.model());
    assertTrue(e.dataSummary().contains("100.0% with x = 0"), e.getMessage());
  }

  @Test
  void gammaGammaWithIdenticalSpendsCannotBeFitted() {
    // every customer spends exactly the same: no variation within or across customers, the
    // likelihood grows without bound as the spread goes to 0 (p, q → ∞)
    int[] x = {1, 2, 3, 1, 2, 3};
    double[] m = {10, 10, 10, 10, 10, 10};
    ModelFitException e = assertThrows(ModelFitException.class,
        () -> GammaGammaModel.fit(GammaGammaData.of(x, m)));
    System.out.println(e.getMessage());
    assertEquals("Gamma-Gamma", e.model());
    assertTrue(e.dataSummary().contains("mean spend in [10.0000, 10.0000]"), e.getMessage());
  }

  @Test
  void gammaGammaWithoutWithinCustomerSpreadReportsWhereItStopped() {
    // 20 simulated customers whose likelihood keeps rising as p → ∞, γ → 0 with pγ fixed (no
    // evidence of spread within a customer): the fit must fail and say where it was heading
    GammaGammaData spend = GammaGammaSimulator.of(GammaGammaModel.of(6, 4, 15))
        .simulate(new int[] {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 1, 1, 2, 2, 7, 9, 3, 3, 1}, 5L);
    ModelFitException e = assertThrows(ModelFitException.class, () -> GammaGammaModel.fit(spend));
    System.out.println(e.getMessage());
    assertTrue(e.reason().contains("p="), e.getMessage());
    assertTrue(e.dataSummary().startsWith("20 rows"), e.getMessage());
  }

  @Test
  void penaltyShrinksTowardsZeroAndIsReported() {
    // lifetimes-style L2 penalty λ·N·Σθ²: a positive λ must pull the estimates' squared norm
    // down (it is the only term that differs between the two objectives) and be recorded
    BetaGeometricBetaBinomialData data =
        BetaGeometricBetaBinomialSimulator.of(BetaGeometricBetaBinomialModel.of(1.2, 0.75, 0.66,
            2.8)).simulate(5000, 6, 99L);
    BetaGeometricBetaBinomialModel plain = BetaGeometricBetaBinomialModel.fit(data);
    BetaGeometricBetaBinomialModel penalised =
        BetaGeometricBetaBinomialModel.fit(data, FitOptions.defaults().withPenalty(0.01));
    assertTrue(norm(penalised) < norm(plain), plain + " vs " + penalised);
    assertEquals(0.01, penalised.fitResult().orElseThrow().penalty(), 0.0);
    // the reported log-likelihood is the unpenalised one, hence below the MLE's
    assertTrue(penalised.fitResult().orElseThrow().logLikelihood()
        < plain.fitResult().orElseThrow().logLikelihood());
    int[] x = new int[500];
    for (int i = 0; i < x.length; i++) {
      x[i] = 1 + i % 7;
    }
    GammaGammaData spend = GammaGammaSimulator.of(GammaGammaModel.of(6, 4, 15)).simulate(x, 5L);
    GammaGammaModel a = GammaGammaModel.fit(spend, FitOptions.defaults().withPenalty(0.0));
    GammaGammaModel b = GammaGammaModel.fit(spend, FitOptions.defaults().withPenalty(0.001));
    double na = a.p() * a.p() + a.q() * a.q() + a.gamma() * a.gamma();
    double nb = b.p() * b.p() + b.q() * b.q() + b.gamma() * b.gamma();
    assertTrue(nb < na, a + " vs " + b);
  }

  private static double norm(BetaGeometricBetaBinomialModel m) {
    return m.alpha() * m.alpha() + m.beta() * m.beta() + m.gamma() * m.gamma()
        + m.delta() * m.delta();
  }
}
