package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Evidence for the heavy-buyer fault, by simulation from the models themselves: 100,000
 * customers drawn from the BG/NBD or MBG/NBD generative process (FHL 2005 §3; Batislam et al.
 * 2007) with λ ~ Gamma(r = 5, α = 0.5), so that x reaches the hundreds, observed over (0, T] and
 * a holdout (T, T + t]. With the true parameters the sum over customers of E[Y(t) | x, t_x, T]
 * must match the simulated holdout purchases within four standard errors
 * {@code √Σ(yᵢ − ŷᵢ)²}, and every prediction must be finite, ≥ 0 and at most its bound
 * {@code (r + x) t/(α + T)} (probabilities in [0, 1]). Seeded; the seed is printed on failure.
 */
class BetaGeoHeavyBuyerSimulationTest {

  @ParameterizedTest(name = "{0} r={1} alpha={2} a={3} b={4} seed={5}")
  @CsvSource({
      "BG_NBD, 5, 0.5, 1.2, 40, 20261127",
      "MBG_NBD, 5, 0.5, 0.4, 3, 20261130"})
  void holdoutSumMatches(String process, double r, double alpha, double a, double b, long seed) {
    boolean modified = process.equals("MBG_NBD");
    AbstractBetaGeoModel m = modified ? MbgNbdModel.of(r, alpha, a, b, ModelTimeUnit.WEEKS)
        : BgNbdModel.of(r, alpha, a, b, ModelTimeUnit.WEEKS);
    int n = 100_000;
    double holdout = 26;
    SplittableRandom rnd = new SplittableRandom(seed);
    double sumY = 0;
    double sumE = 0;
    double sumSq = 0;
    int maxX = 0;
    int[] xs = new int[n];
    double[] txs = new double[n];
    double[] ages = new double[n];
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      // T: whole days over 1 to 52 weeks
      double age = Math.floor(7 + rnd.nextDouble() * 357) / 7;
      double lambda = RandomVariates.gamma(rnd, r, alpha);
      double p = RandomVariates.beta(rnd, a, b);
      boolean alive = !modified || rnd.nextDouble() >= p;
      double time = 0;
      int x = 0;
      double last = 0;
      int y = 0;
      while (alive) {
        time += -Math.log(RandomVariates.uniformOpen(rnd)) / lambda;
        if (time > age + holdout) {
          break;
        }
        if (time <= age) {
          x++;
          last = time;
        } else {
          y++;
        }
        alive = rnd.nextDouble() >= p;
      }
      xs[i] = x;
      txs[i] = x == 0 ? 0 : last;
      ages[i] = age;
      ys[i] = y;
      maxX = Math.max(maxX, x);
    }
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      double e = m.conditionalExpectedPurchases(x, txs[i], ages[i], holdout);
      double bound = (r + x) * holdout / (alpha + ages[i]);
      double pa = m.probabilityAlive(x, txs[i], ages[i]);
      double pat = i % 10 == 0 ? m.probabilityAliveAt(x, txs[i], ages[i], holdout) : pa;
      String where = "seed " + seed + ", row " + i + " (x=" + x + ", t_x=" + txs[i] + ", T="
          + ages[i] + ")";
      assertTrue(Double.isFinite(e) && e >= 0 && e <= bound, where + ": E[Y] = " + e
          + ", bound " + bound);
      assertTrue(pa >= 0 && pa <= 1 && pat >= 0 && pat <= pa, where + ": P(alive) = " + pa
          + ", P(alive at) = " + pat);
      sumY += ys[i];
      sumE += e;
      sumSq += (ys[i] - e) * (ys[i] - e);
    }
    double se = Math.sqrt(sumSq);
    System.out.printf("%s seed %d: max x %d, holdout purchases %.0f, expected %.1f, se %.1f%n",
        process, seed, maxX, sumY, sumE, se);
    assertTrue(maxX >= 200, "seed " + seed + ": heavy buyers expected, max x " + maxX);
    assertTrue(Math.abs(sumY - sumE) <= 4 * se, "seed " + seed + ": simulated " + sumY
        + " vs expected " + sumE + ", 4 se = " + 4 * se);
  }
}
