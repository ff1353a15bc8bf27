package dev.retention.clv;

import dev.retention.time.ModelTimeUnit;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded simulators of the continuous-time customer-base models, drawing each customer from the
 * generative process of the model, for parameter-recovery tests and what-if studies.
 *
 * <ul>
 *   <li>BG/NBD (FHL 2005 §3): λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at exponential(λ)
 *       gaps; after each repeat purchase the customer drops out with probability p.
 *   <li>MBG/NBD (Batislam et al. 2007): as BG/NBD, with a first drop-out chance right after the
 *       first purchase (time 0).
 *   <li>Pareto/NBD (SMC 1987): λ ~ Gamma(r, α), μ ~ Gamma(s, β), lifetime ~ exponential(μ),
 *       purchases at exponential(λ) gaps while alive.
 * </ul>
 *
 * <p>Each customer is observed over (0, T_i] (T_i given by the caller); times can be rounded
 * down to a grid (for example 1/7 week = a day) as real summaries are. The same seed gives the
 * same data. Stateless; allocates the result arrays only. Gamma and beta variates come from
 * {@code RandomVariates} (Marsaglia–Tsang).
 */
public final class CustomerBaseSimulator {
  private CustomerBaseSimulator() {}

  /** Which generative process to draw from. */
  public enum Process {
    /** BG/NBD. */
    BG_NBD,
    /** MBG/NBD. */
    MBG_NBD,
    /** Pareto/NBD. */
    PARETO_NBD
  }

  /**
   * Simulates calibration summaries.
   *
   * @param process the model
   * @param p1 r
   * @param p2 α
   * @param p3 a (BG, MBG) or s (Pareto)
   * @param p4 b (BG, MBG) or β (Pareto)
   * @param ages T per customer, finite and {@code >= 0}
   * @param grid time grid for t_x (0 for none), e.g. 1/7 with weekly time and daily data
   * @param unit the time unit
   * @param seed the seed
   * @return the simulated data, one row per customer
   */
  public static RecencyFrequencyData simulate(Process process, double p1, double p2, double p3,
      double p4, double[] ages, double grid, ModelTimeUnit unit, long seed) {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(ages, "ages");
    Objects.requireNonNull(unit, "unit");
    AbstractCustomerBaseModel.checkParameter("p1", p1);
    AbstractCustomerBaseModel.checkParameter("p2", p2);
    AbstractCustomerBaseModel.checkParameter("p3", p3);
    AbstractCustomerBaseModel.checkParameter("p4", p4);
    if (!(grid >= 0) || Double.isInfinite(grid)) {
      throw new IllegalArgumentException("grid must be finite and >= 0, was " + grid);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = ages.length;
    double[] x = new double[n];
    double[] tx = new double[n];
    for (int i = 0; i < n; i++) {
      double age = ages[i];
      if (!(age >= 0) || Double.isInfinite(age)) {
        throw new IllegalArgumentException("T must be finite and >= 0, was " + age + " (row "
            + i + ")");
      }
      double lambda = RandomVariates.gamma(rnd, p1, p2);
      int count = 0;
      double last = 0;
      if (process == Process.PARETO_NBD) {
        double mu = RandomVariates.gamma(rnd, p3, p4);
        double death = -Math.log(RandomVariates.uniformOpen(rnd)) / mu;
        double end = Math.min(death, age);
        double t = 0;
        while (true) {
          t += -Math.log(RandomVariates.uniformOpen(rnd)) / lambda;
          if (t > end) {
            break;
          }
          count++;
          last = t;
        }
      } else {
        double p = RandomVariates.beta(rnd, p3, p4);
        boolean alive = process != Process.MBG_NBD || rnd.nextDouble() >= p;
        double t = 0;
        while (alive) {
          t += -Math.log(RandomVariates.uniformOpen(rnd)) / lambda;
          if (t > age) {
            break;
          }
          count++;
          last = t;
          alive = rnd.nextDouble() >= p;
        }
      }
      x[i] = count;
      tx[i] = count == 0 ? 0 : (grid > 0 ? Math.min(age, Math.floor(last / grid) * grid) : last);
    }
    return RecencyFrequencyData.of(x, tx, ages.clone(), unit);
  }
}
