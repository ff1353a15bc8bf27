package dev.retention.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.internal.LikelihoodObjective;
import dev.retention.time.ModelTimeUnit;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Individual log-likelihoods against high-precision quadrature, and analytic gradients. */
class LikelihoodTest {

  @ParameterizedTest(name = "Pareto/NBD LL r={0} alpha={1} s={2} beta={3} x={4} tx={5} T={6}")
  @CsvSource({
    // mpmath 1.3.0 (dps 40): ln[ G(r+x) a^r b^s / G(r) ((a+T)^-(r+x) (b+T)^-s
    //   + s * quad((a+u)^-(r+x) (b+u)^-(s+1), tx..T)) ] -- the model's definition, not the 2F1 form
    "0.5534, 10.5802, 0.6061, 11.6562, 2, 30.43, 38.86, -9.5545106946144220909",
    "0.5534, 10.5802, 0.6061, 11.6562, 0, 0, 38.86, -0.52112919597328549014",
    // this one from the note's 2F1 form with mpmath hyp2f1 (the quadrature is stiff here)
    "1000, 1000, 1, 1, 10, 50, 100, -57.096320925724819955",
    "0.5, 1000, 0.7, 0.001, 0, 0, 30, -0.000034687806930383807936",
    "0.5, 1000, 0.7, 0.001, 3, 0.5, 30, -24.461662837069764211",
    "2, 0.01, 1, 500, 5, 2, 20, -14.835698625036083425",
    "1, 1, 1, 1, 1, 0, 0.5, -0.63324903897887634211",
    "0.3, 5, 3.3, 0.002, 0, 0, 1, -0.000052154434124733192188"
  })
  void paretoNbdAgainstQuadrature(double r, double alpha, double s, double beta, int x,
      double tx, double age, double expected) {
    double ll = ParetoNbdModel.of(r, alpha, s, beta, ModelTimeUnit.WEEKS)
        .logLikelihood(x, tx, age);
    // 1e-9 relative (absolute 1e-12 near 0): the series branches are accurate to ~1e-14, the
    // quadrature branch (cases 4, 5) to ~1e-10
    assertEquals(expected, ll, Math.max(1e-12, 1e-9 * Math.abs(expected)));
  }

  static RecencyFrequencyData randomData(long seed, int n, double maxT, int maxX) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] tx = new double[n];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = rnd.nextDouble() * maxT;
      x[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(maxX + 1);
      tx[i] = x[i] == 0 ? 0 : rnd.nextDouble() * t[i];
    }
    return RecencyFrequencyData.of(x, tx, t, ModelTimeUnit.WEEKS);
  }

  private static void checkGradient(LikelihoodObjective f, double[] p, String what) {
    double[] g = new double[p.length];
    f.logLikelihood(p, g);
    for (int i = 0; i < p.length; i++) {
      double h = 1e-6 * p[i];
      double[] up = p.clone();
      double[] dn = p.clone();
      up[i] += h;
      dn[i] -= h;
      double fd = (f.logLikelihood(up, null) - f.logLikelihood(dn, null)) / (2 * h);
      // central difference: truncation O(h^2), rounding ~1e-16 |LL| / h -> ~1e-6 relative
      assertEquals(fd, g[i], 1e-5 * Math.max(1.0, Math.abs(fd)), what + " d/dp" + i);
    }
  }

  @ParameterizedTest(name = "gradients, seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void analyticGradientsMatchFiniteDifferences(long seed) {
    RecencyFrequencyData data = randomData(seed, 300, 60, 25);
    SplittableRandom rnd = new SplittableRandom(seed * 31);
    Function<SplittableRandom, double[]> params = r -> new double[] {
        Math.exp(r.nextDouble(-3, 3)), Math.exp(r.nextDouble(-3, 4)),
        Math.exp(r.nextDouble(-3, 3)), Math.exp(r.nextDouble(-3, 4))};
    for (int k = 0; k < 4; k++) {
      double[] p = params.apply(rnd);
      String w = "seed " + seed + " params " + java.util.Arrays.toString(p);
      checkGradient(BgNbdModel.likelihood(data), p, "BG/NBD " + w);
      checkGradient(MbgNbdModel.likelihood(data), p, "MBG/NBD " + w);
      checkGradient(ParetoNbdModel.likelihood(data), p, "Pareto/NBD " + w);
    }
  }
}
