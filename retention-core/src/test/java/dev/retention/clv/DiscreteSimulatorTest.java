package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulators draw from the distributions the likelihoods describe: observed frequencies
 * against model probabilities, each within 4.5 binomial standard deviations.
 */
class DiscreteSimulatorTest {

  private static void assertFrequency(double expectedProbability, double observed, int trials,
      String what) {
    double sd = Math.sqrt(trials * expectedProbability * (1 - expectedProbability));
    assertEquals(trials * expectedProbability, observed, 4.5 * sd + 1e-9, what);
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 8L})
  void bgbbPatternFrequenciesMatchLikelihood(long seed) {
    BetaGeometricBetaBinomialModel model = BetaGeometricBetaBinomialModel.of(1.2, 0.75, 0.66, 2.8);
    int n = 4;
    int customers = 200_000;
    BetaGeometricBetaBinomialData data =
        BetaGeometricBetaBinomialSimulator.of(model).simulate(customers, n, seed);
    int[] xs = data.x();
    int[] ts = data.recency();
    double[] cs = data.counts();
    // every simulated pattern's frequency vs C(t_x−1, x−1) · L(x, t_x, n)
    for (int i = 0; i < xs.length; i++) {
      double multiplicity = 1.0;
      for (int k = 1; k <= xs[i] - 1; k++) {
        multiplicity = multiplicity * (ts[i] - 1 - (xs[i] - 1) + k) / k;
      }
      double probability = multiplicity * Math.exp(model.logLikelihood(xs[i], ts[i], n));
      assertFrequency(probability, cs[i], customers,
          "seed " + seed + " pattern " + xs[i] + "," + ts[i]);
    }
    // all 1 + n(n+1)/2 = 11 patterns have positive probability and must appear
    assertEquals(11, xs.length, "seed " + seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 8L})
  void sbgSurvivorsMatchSurvivalCurve(long seed) {
    ShiftedBetaGeometricModel model = ShiftedBetaGeometricModel.of(0.7, 1.2);
    int customers = 100_000;
    ShiftedBetaGeometricData data =
        ShiftedBetaGeometricSimulator.of(model).simulate(customers, 10, seed);
    assertEquals(customers, data.cohortSize());
    for (int t = 1; t <= 10; t++) {
      assertFrequency(model.survival(t), data.survivors(t), customers,
          "seed " + seed + " t " + t);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {7L, 8L})
  void gammaGammaMeanSpendMatchesModel(long seed) {
    // E[mbar] = pγ/(q−1) = 2·30/7; Var(mbar | x) = pγ²/(x(q−1)(q−2)) + p²γ²/((q−1)²(q−2))
    GammaGammaModel model = GammaGammaModel.of(2, 8, 30);
    int customers = 100_000;
    int x = 3;
    int[] xs = new int[customers];
    java.util.Arrays.fill(xs, x);
    GammaGammaData data = GammaGammaSimulator.of(model).simulate(xs, seed);
    double[] m = data.meanSpend();
    double sum = 0.0;
    for (double v : m) {
      sum += v;
    }
    double mean = 2.0 * 30 / 7;
    double variance = 2.0 * 900 / (x * 7.0 * 6.0) + 4.0 * 900 / (49.0 * 6.0);
    assertEquals(mean, sum / customers, 4.5 * Math.sqrt(variance / customers), "seed " + seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L})
  void simulatorsAreDeterministicForASeed(long seed) {
    BetaGeometricBetaBinomialSimulator sim =
        BetaGeometricBetaBinomialSimulator.of(BetaGeometricBetaBinomialModel.of(1, 2, 3, 4));
    BetaGeometricBetaBinomialData a = sim.simulate(1000, 6, seed);
    BetaGeometricBetaBinomialData b = sim.simulate(1000, 6, seed);
    assertEquals(java.util.Arrays.toString(a.counts()), java.util.Arrays.toString(b.counts()),
        "seed " + seed);
    // beta variates stay in [0, 1] and are finite even for tiny shapes
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 10_000; i++) {
      double v = RandomVariates.beta(random, 1e-3, 1e-3);
      assertEquals(true, v >= 0 && v <= 1, "seed " + seed + " draw " + v);
    }
  }
}
