package dev.retention.clv;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws spend data from the Gamma-Gamma generative process (Fader, Hardie and Lee 2005 note,
 * section 2): each customer gets a rate ν ~ Gamma(q, γ) (shape q, rate γ); each of the customer's
 * x transactions has value z ~ Gamma(p, ν); the customer's mean value is the mean of the x draws.
 * The numbers of transactions x are given by the caller (the spend model is conditional on them).
 *
 * <p>Deterministic for a given seed. Immutable and thread-safe; {@link #simulate} allocates only
 * its result.
 */
public final class GammaGammaSimulator {

  private final GammaGammaModel model;

  private GammaGammaSimulator(GammaGammaModel model) {
    this.model = model;
  }

  /**
   * A simulator for the given model.
   *
   * @param model the parameters to draw from
   * @return the simulator
   */
  public static GammaGammaSimulator of(GammaGammaModel model) {
    return new GammaGammaSimulator(Objects.requireNonNull(model, "model"));
  }

  /**
   * Simulates one mean transaction value per customer.
   *
   * @param x the number of transactions of each customer, each {@code >= 1}
   * @param seed the random seed
   * @return the data, with unit weights
   * @throws IllegalArgumentException when an x is below 1 (row named), or when a simulated mean
   *     underflows to 0 (possible only for extreme parameters; the row is named)
   */
  public GammaGammaData simulate(int[] x, long seed) {
    Objects.requireNonNull(x, "x");
    SplittableRandom random = new SplittableRandom(seed);
    double[] mean = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 1) {
        throw new IllegalArgumentException("x must be >= 1, was " + x[i] + " (row " + i + ")");
      }
      double nu = RandomVariates.gamma(random, model.q(), model.gamma());
      // the sum of x i.i.d. Gamma(p, ν) values is Gamma(px, ν)
      double total = RandomVariates.gamma(random, model.p() * x[i], nu);
      mean[i] = total / x[i];
    }
    return GammaGammaData.of(x, mean);
  }
}
