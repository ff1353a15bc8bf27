package dev.retention.clv;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws a cohort from the sBG generative process (Fader and Hardie 2007, section 3): each customer
 * gets a churn probability θ ~ Beta(α, β) and, at the end of each period while active, cancels
 * with probability θ. The result is the number of customers active at the start of each period,
 * the input of the fit.
 *
 * <p>Deterministic for a given seed. Immutable and thread-safe; {@link #simulate} allocates only
 * its result.
 */
public final class ShiftedBetaGeometricSimulator {

  private final ShiftedBetaGeometricModel model;

  private ShiftedBetaGeometricSimulator(ShiftedBetaGeometricModel model) {
    this.model = model;
  }

  /**
   * A simulator for the given model.
   *
   * @param model the parameters to draw from
   * @return the simulator
   */
  public static ShiftedBetaGeometricSimulator of(ShiftedBetaGeometricModel model) {
    return new ShiftedBetaGeometricSimulator(Objects.requireNonNull(model, "model"));
  }

  /**
   * Simulates one cohort.
   *
   * @param customers cohort size, {@code >= 1}
   * @param periods the last period observed m, {@code >= 1}
   * @param seed the random seed
   * @return survivors at the start of periods {@code 0..m}
   */
  public ShiftedBetaGeometricData simulate(int customers, int periods, long seed) {
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be >= 1, was " + customers);
    }
    if (periods < 1) {
      throw new IllegalArgumentException("periods must be >= 1, was " + periods);
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] survivors = new long[periods + 1];
    for (int c = 0; c < customers; c++) {
      double theta = RandomVariates.beta(random, model.alpha(), model.beta());
      survivors[0]++;
      for (int t = 1; t <= periods; t++) {
        if (random.nextDouble() < theta) {
          break;
        }
        survivors[t]++;
      }
    }
    return ShiftedBetaGeometricData.of(survivors);
  }
}
