package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.time.ModelTimeUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Evidence for the conditional expectation where the old series failed (heavy buyers, horizons
 * beyond α + T): 100,000 customers drawn from the Pareto/NBD process itself (SMC 1987: λ ~
 * Gamma(r, α), μ ~ Gamma(s, β), exponential lifetime, Poisson purchases while alive), observed
 * over (0, T] and a holdout (T, T + t*]. With the true parameters, Σ E[Y(t*) | x, t_x, T] must
 * match the simulated holdout purchases Σ y within four standard errors √Σ(y − ŷ)² (the sum of
 * independent per-customer errors with mean 0 given the histories), and every prediction must be
 * finite, expectations ≥ 0 and probabilities in [0, 1].
 */
class ParetoNbdHoldoutEvidenceTest {

  @Test
  void heavyBuyersHoldoutMatchesConditionalExpectations() {
    long seed = 20261127L;
    double r = 5;
    double alpha = 0.5;
    double s = 0.8;
    double beta = 12;
    double holdout = 39;
    int n = 100_000;
    ParetoNbdModel m = ParetoNbdModel.of(r, alpha, s, beta, ModelTimeUnit.WEEKS);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] ages = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double age = 1 + 51 * rnd.nextDouble();
      double lambda = RandomVariates.gamma(rnd, r, alpha);
      double mu = RandomVariates.gamma(rnd, s, beta);
      double death = -Math.log(RandomVariates.uniformOpen(rnd)) / mu;
      double end = Math.min(death, age + holdout);
      double t = 0;
      int cal = 0;
      int hold = 0;
      double last = 0;
      while (true) {
        t += -Math.log(RandomVariates.uniformOpen(rnd)) / lambda;
        if (t > end) {
          break;
        }
        if (t <= age) {
          cal++;
          last = t;
        } else {
          hold++;
        }
      }
      x[i] = cal;
      tx[i] = last;
      ages[i] = age;
      y[i] = hold;
    }
    RecencyFrequencyData d = RecencyFrequencyData.of(x, tx, ages, ModelTimeUnit.WEEKS);
    double[] pa = new double[n];
    double[] e = new double[n];
    m.score(d, holdout, pa, e, false);
    double sumY = 0;
    double sumE = 0;
    double sq = 0;
    int heavy = 0;
    for (int i = 0; i < n; i++) {
      String w = "seed " + seed + " row " + i + " (x = " + x[i] + ", t_x = " + tx[i] + ", T = "
          + ages[i] + ")";
      assertTrue(pa[i] >= 0 && pa[i] <= 1, "P(alive) " + pa[i] + " " + w);
      assertTrue(e[i] >= 0 && Double.isFinite(e[i]), "E[Y] " + e[i] + " " + w);
      if (i % 100 == 0) {
        double pat = m.probabilityAliveAt((int) x[i], tx[i], ages[i], holdout);
        assertTrue(pat >= 0 && pat <= pa[i], "P(alive at T+t) " + pat + " " + w);
        double p0 = m.conditionalProbabilityOfPurchases(0, (int) x[i], tx[i], ages[i], holdout);
        assertTrue(p0 >= 0 && p0 <= 1, "P(Y = 0) " + p0 + " " + w);
      }
      if (x[i] > 27 && holdout > alpha + ages[i]) {
        heavy++;
      }
      sumY += y[i];
      sumE += e[i];
      sq += (y[i] - e[i]) * (y[i] - e[i]);
    }
    double se = Math.sqrt(sq);
    System.out.printf("Pareto/NBD holdout evidence: sum y = %.0f, sum E[Y] = %.1f, se %.1f,"
        + " %d customers with x > 27 and t > alpha + T%n", sumY, sumE, se, heavy);
    assertTrue(heavy > n / 4, "heavy buyers beyond alpha + T: " + heavy);
    assertTrue(Math.abs(sumY - sumE) <= 4 * se, "seed " + seed + ": sum y = " + sumY
        + ", sum E[Y] = " + sumE + ", 4 se = " + 4 * se);
  }
}
