package dev.retention.benchmarks;

import dev.retention.clv.BetaGeometricBetaBinomialData;
import dev.retention.clv.BetaGeometricBetaBinomialModel;
import dev.retention.clv.GammaGammaData;
import dev.retention.clv.GammaGammaModel;
import dev.retention.clv.ShiftedBetaGeometricData;
import dev.retention.clv.ShiftedBetaGeometricModel;
import dev.retention.internal.Bfgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hipparchus.special.Gamma;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time to fit the spend and discrete-time models on their published data sets, with standard
 * errors: Gamma-Gamma on the 946 repeat customers of the CDNOW sample, BG/BB on the 22 donation
 * patterns (11,104 donors), sBG on Fader and Hardie's "regular" cohort (years 0–7).
 *
 * <p>Implementations ({@link Impl}): {@code LIBRARY} is the model's own {@code fit} (Gamma-Gamma:
 * x-grouped likelihood, analytic gradient and Hessian, damped Newton; BG/BB and sBG: analytic
 * gradient, shared BFGS, Hessian by differences of the analytic gradient). {@code NAIVE} is the
 * straightforward baseline: the likelihood evaluated customer by customer (Gamma-Gamma: three
 * log-gamma calls per customer; BG/BB and sBG: the public per-model log-likelihood), gradients by
 * central finite differences, the same BFGS on log-parameters, and a Hessian by second finite
 * differences for the standard errors. The peer figure, lifetimes 0.11.3
 * {@code GammaGammaFitter.fit} on the same data (median 18 ms on the reference machine), is quoted
 * from the issue, not run here (no Python in the build).
 *
 * <p>Data are read in {@link Setup} from {@code ../shared/data} relative to the working
 * directory (the checkout root), or from the directory named by {@code -Dretention.data=...}.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar SpendAndDiscreteFitBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class SpendAndDiscreteFitBenchmark {

  /** Which fit. */
  public enum Model {
    GAMMA_GAMMA_CDNOW,
    BGBB_DONATIONS,
    SBG_REGULAR
  }

  /** Which implementation. */
  public enum Impl {
    LIBRARY,
    NAIVE
  }

  @Param({"GAMMA_GAMMA_CDNOW", "BGBB_DONATIONS", "SBG_REGULAR"})
  public Model model;

  @Param({"LIBRARY", "NAIVE"})
  public Impl impl;

  private GammaGammaData spend;
  private int[] spendX;
  private double[] spendMean;
  private BetaGeometricBetaBinomialData donations;
  private ShiftedBetaGeometricData regular;

  @Setup
  public void setUp() throws IOException {
    Path dir = Path.of(System.getProperty("retention.data", "../shared/data"));
    List<String> cdnow = read(dir.resolve("cdnow_customers_summary_with_transactions.csv"));
    int n = cdnow.size() - 1;
    double[] x = new double[n];
    double[] zbar = new double[n];
    for (int i = 0; i < n; i++) {
      String[] f = cdnow.get(i + 1).split(",");
      x[i] = Double.parseDouble(f[1]);
      zbar[i] = Double.parseDouble(f[4]);
    }
    spend = GammaGammaData.ofRepeatCustomers(x, zbar);
    spendX = spend.x();
    spendMean = spend.meanSpend();
    List<String> don = read(dir.resolve("donations.csv"));
    int m = don.size() - 1;
    double[] dx = new double[m];
    double[] dt = new double[m];
    double[] dn = new double[m];
    double[] dw = new double[m];
    for (int i = 0; i < m; i++) {
      String[] f = don.get(i + 1).split(",");
      dx[i] = Double.parseDouble(f[0]);
      dt[i] = Double.parseDouble(f[1]);
      dn[i] = Double.parseDouble(f[2]);
      dw[i] = Double.parseDouble(f[3]);
    }
    donations = BetaGeometricBetaBinomialData.of(dx, dt, dn, dw);
    // Fader & Hardie (2007), "regular" segment, years 0..7
    regular = ShiftedBetaGeometricData.of(1000, 631, 468, 382, 326, 289, 262, 241);
  }

  private static List<String> read(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path.toAbsolutePath() + " not found: run from the checkout root with"
          + " ../shared/data beside it, or pass -Dretention.data=DIR");
    }
    return Files.readAllLines(path, StandardCharsets.US_ASCII);
  }

  @Benchmark
  public void fit(Blackhole bh) {
    if (impl == Impl.LIBRARY) {
      switch (model) {
        case GAMMA_GAMMA_CDNOW:
          bh.consume(GammaGammaModel.fit(spend).fitResult().orElseThrow().standardErrors());
          return;
        case BGBB_DONATIONS:
          bh.consume(BetaGeometricBetaBinomialModel.fit(donations).fitResult().orElseThrow()
              .standardErrors());
          return;
        default:
          bh.consume(ShiftedBetaGeometricModel.fit(regular).fitResult().orElseThrow()
              .standardErrors());
          return;
      }
    }
    switch (model) {
      case GAMMA_GAMMA_CDNOW:
        bh.consume(naiveFit(this::naiveGammaGamma, new double[] {1, 1, 1}, spendX.length));
        return;
      case BGBB_DONATIONS:
        bh.consume(naiveFit(p -> BetaGeometricBetaBinomialModel.of(p[0], p[1], p[2], p[3])
            .logLikelihood(donations), new double[] {1, 1, 1, 1}, donations.totalCount()));
        return;
      default:
        bh.consume(naiveFit(p -> ShiftedBetaGeometricModel.of(p[0], p[1]).logLikelihood(regular),
            new double[] {1, 1}, regular.cohortSize()));
    }
  }

  /** Gamma-Gamma log-likelihood, customer by customer (Fader, Hardie & Lee note, eq. 3). */
  private double naiveGammaGamma(double[] params) {
    double p = params[0];
    double q = params[1];
    double g = params[2];
    double ll = 0.0;
    for (int i = 0; i < spendX.length; i++) {
      double x = spendX[i];
      double m = spendMean[i];
      ll += Gamma.logGamma(p * x + q) - Gamma.logGamma(p * x) - Gamma.logGamma(q)
          + q * Math.log(g) + (p * x - 1) * Math.log(m) + p * x * Math.log(x)
          - (p * x + q) * Math.log(g + x * m);
    }
    return ll;
  }

  /** A log-likelihood of natural parameters. */
  interface LogLikelihood {
    double value(double[] params);
  }

  /**
   * The naive baseline: BFGS on log-parameters with central finite-difference gradients, then a
   * finite-difference Hessian for standard errors. Returns the estimates followed by the standard
   * errors.
   */
  static double[] naiveFit(LogLikelihood ll, double[] start, double n) {
    int k = start.length;
    Bfgs.Function f = (u, grad) -> {
      double[] p = new double[k];
      for (int i = 0; i < k; i++) {
        p[i] = Math.exp(u[i]);
      }
      double v = -ll.value(p) / n;
      for (int i = 0; i < k; i++) {
        double h = 1e-6;
        double[] up = u.clone();
        double[] dn = u.clone();
        up[i] += h;
        dn[i] -= h;
        grad[i] = (-ll.value(exp(up)) / n + ll.value(exp(dn)) / n) / (2 * h);
      }
      return v;
    };
    double[] u0 = new double[k];
    for (int i = 0; i < k; i++) {
      u0[i] = Math.log(start[i]);
    }
    Bfgs.Result r = Bfgs.minimize(f, u0, 1e-6, 1000);
    double[] p = exp(r.x());
    double[] out = new double[2 * k];
    System.arraycopy(p, 0, out, 0, k);
    for (int i = 0; i < k; i++) {
      // diagonal of the observed information by second differences (enough for a timing baseline)
      double h = 1e-4 * p[i];
      double[] up = p.clone();
      double[] dn = p.clone();
      up[i] += h;
      dn[i] -= h;
      double second = (ll.value(up) - 2 * ll.value(p) + ll.value(dn)) / (h * h);
      out[k + i] = Math.sqrt(-1.0 / second);
    }
    return out;
  }

  private static double[] exp(double[] u) {
    double[] p = new double[u.length];
    for (int i = 0; i < u.length; i++) {
      p[i] = Math.exp(u[i]);
    }
    return p;
  }
}
