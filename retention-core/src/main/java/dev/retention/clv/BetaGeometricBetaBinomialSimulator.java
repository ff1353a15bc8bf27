package dev.retention.clv;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws customers from the BG/BB generative process (Fader, Hardie and Shang 2010, section 2):
 * each customer gets p ~ Beta(α, β) and θ ~ Beta(γ, δ); before each of the n opportunities an
 * active customer drops out with probability θ, and an active customer transacts with probability
 * p. The result is aggregated into {@code (x, t_x, n)} patterns with counts, the input of the fit.
 *
 * <p>Deterministic for a given seed (a {@link SplittableRandom} seeded with it). Immutable and
 * thread-safe; {@link #simulate} allocates O(customers) memory.
 */
public final class BetaGeometricBetaBinomialSimulator {

  private final BetaGeometricBetaBinomialModel model;

  private BetaGeometricBetaBinomialSimulator(BetaGeometricBetaBinomialModel model) {
    this.model = model;
  }

  /**
   * A simulator for the given model.
   *
   * @param model the parameters to draw from
   * @return the simulator
   */
  public static BetaGeometricBetaBinomialSimulator of(BetaGeometricBetaBinomialModel model) {
    return new BetaGeometricBetaBinomialSimulator(Objects.requireNonNull(model, "model"));
  }

  /**
   * Simulates a cohort all observed over the same number of opportunities.
   *
   * @param customers number of customers, {@code >= 1}
   * @param periods opportunities per customer {@code n}, {@code >= 0}
   * @param seed the random seed
   * @return the patterns, sorted by x then t_x, with their counts
   */
  public BetaGeometricBetaBinomialData simulate(int customers, int periods, long seed) {
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be >= 1, was " + customers);
    }
    if (periods < 0) {
      throw new IllegalArgumentException("periods must be >= 0, was " + periods);
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[customers];
    long stride = periods + 1L;
    for (int c = 0; c < customers; c++) {
      double p = RandomVariates.beta(random, model.alpha(), model.beta());
      double theta = RandomVariates.beta(random, model.gamma(), model.delta());
      int x = 0;
      int tx = 0;
      for (int t = 1; t <= periods; t++) {
        if (random.nextDouble() < theta) {
          break;
        }
        if (random.nextDouble() < p) {
          x++;
          tx = t;
        }
      }
      keys[c] = x * stride + tx;
    }
    Arrays.sort(keys);
    int distinct = 0;
    for (int i = 0; i < customers; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        distinct++;
      }
    }
    int[] xs = new int[distinct];
    int[] ts = new int[distinct];
    int[] ns = new int[distinct];
    double[] counts = new double[distinct];
    int k = -1;
    for (int i = 0; i < customers; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        k++;
        xs[k] = (int) (keys[i] / stride);
        ts[k] = (int) (keys[i] % stride);
        ns[k] = periods;
      }
      counts[k]++;
    }
    return BetaGeometricBetaBinomialData.of(xs, ts, ns, counts);
  }
}
