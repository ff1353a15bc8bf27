package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fitting data simulated from known parameters recovers them: each estimate within
 * {@value #SE_BOUND} standard errors (from the fit's Hessian) of the truth, for 20,000 customers,
 * several seeds and two parameter sets per model. With ~90 checks at 4 SE the chance of a false
 * failure is below 1% (and, the seeds being fixed, the outcome is deterministic).
 */
class DiscreteParameterRecoveryTest {

  static final double SE_BOUND = 4.0;
  static final int CUSTOMERS = 20_000;

  static Stream<Arguments> seeds() {
    return Stream.of(1L, 2L, 3L, 4L, 5L).flatMap(seed ->
        Stream.of(Arguments.of(seed, 0), Arguments.of(seed, 1)));
  }

  private static void assertRecovered(
      double[] truth, ModelFit fit, long seed, int set) {
    double[] est = fit.parameters();
    double[] se = fit.standardErrors();
    for (int i = 0; i < truth.length; i++) {
      String what = fit.model() + " seed " + seed + " set " + set + " "
          + fit.parameterNames().get(i) + ": true " + truth[i] + ", est " + est[i] + ", se "
          + se[i];
      assertTrue(se[i] > 0 && Double.isFinite(se[i]), what);
      assertEquals(truth[i], est[i], SE_BOUND * se[i], what);
    }
  }

  @ParameterizedTest(name = "seed {0} set {1}")
  @MethodSource("seeds")
  void bgbb(long seed, int set) {
    double[][] sets = {{1.2, 0.75, 0.66, 2.8}, {0.5, 2.0, 1.5, 5.0}};
    int[] periods = {6, 10};
    double[] t = sets[set];
    BetaGeometricBetaBinomialData data = BetaGeometricBetaBinomialSimulator
        .of(BetaGeometricBetaBinomialModel.of(t[0], t[1], t[2], t[3]))
        .simulate(CUSTOMERS, periods[set], seed);
    assertEquals(CUSTOMERS, data.totalCount(), 0.0, "seed " + seed);
    ModelFit fit = BetaGeometricBetaBinomialModel.fit(data).fitResult().orElseThrow();
    assertRecovered(t, fit, seed, set);
  }

  @ParameterizedTest(name = "seed {0} set {1}")
  @MethodSource("seeds")
  void sbg(long seed, int set) {
    double[][] sets = {{0.7, 1.2}, {2.0, 5.0}};
    int[] periods = {8, 12};
    double[] t = sets[set];
    ShiftedBetaGeometricData data = ShiftedBetaGeometricSimulator
        .of(ShiftedBetaGeometricModel.of(t[0], t[1])).simulate(CUSTOMERS, periods[set], seed);
    ModelFit fit = ShiftedBetaGeometricModel.fit(data).fitResult().orElseThrow();
    assertRecovered(t, fit, seed, set);
  }

  @ParameterizedTest(name = "seed {0} set {1}")
  @MethodSource("seeds")
  void gammaGamma(long seed, int set) {
    double[][] sets = {{6.0, 4.0, 15.0}, {2.0, 8.0, 30.0}};
    double[] t = sets[set];
    SplittableRandom random = new SplittableRandom(seed * 31 + set);
    int[] x = new int[CUSTOMERS];
    for (int i = 0; i < CUSTOMERS; i++) {
      x[i] = 1 + random.nextInt(10);
    }
    GammaGammaData data =
        GammaGammaSimulator.of(GammaGammaModel.of(t[0], t[1], t[2])).simulate(x, seed);
    ModelFit fit = GammaGammaModel.fit(data).fitResult().orElseThrow();
    assertRecovered(t, fit, seed, set);
  }
}
