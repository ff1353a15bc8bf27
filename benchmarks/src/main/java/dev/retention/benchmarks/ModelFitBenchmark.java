package dev.retention.benchmarks;

import dev.retention.clv.BgNbdModel;
import dev.retention.clv.FitOptions;
import dev.retention.clv.GammaGammaData;
import dev.retention.clv.GammaGammaModel;
import dev.retention.clv.ModelFit;
import dev.retention.clv.ParetoNbdModel;
import dev.retention.clv.RecencyFrequencyData;
import dev.retention.internal.Hypergeometric;
import dev.retention.internal.LikelihoodObjective;
import dev.retention.internal.MaximumLikelihood;
import dev.retention.time.ModelTimeUnit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hipparchus.special.Beta;
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
 * Time to fit BG/NBD, Pareto/NBD and Gamma-Gamma on the CDNOW sample (2,357 customers, weeks;
 * Gamma-Gamma on its 946 repeat customers), each fit including the Hessian and standard errors.
 *
 * <p>Implementations ({@link Impl}):
 * <ul>
 *   <li>{@code LIBRARY}: the model's {@code fit}: identical (x, t_x, T) patterns merged,
 *       Gamma-function ratios once per distinct x, analytic gradient, BFGS, Hessian from
 *       differences of the analytic gradient (Gamma-Gamma: {@code GammaGammaModel.fit}, damped Newton
 *       with its exact Hessian).
 *   <li>{@code NAIVE}: the textbook baseline: the published per-customer likelihood (FHL 2005
 *       eq. 6 with {@code Math.pow}, log-gamma and log-beta per customer; Fader-Hardie's
 *       Pareto/NBD note eq. 22–23 with a 2F1 per term; the Gamma-Gamma note's density), no
 *       pattern merging, gradients by central finite differences, the same BFGS and Hessian.
 * </ul>
 * The peer figures (lifetimes 0.11.3 on the reference machine: 37 ms BG/NBD with Hessian,
 * 217 ms Pareto/NBD, 18 ms Gamma-Gamma) are quoted from issue 5, not run here.
 *
 * <p>Data: {@code ../shared/data} relative to the working directory (the checkout root), or
 * {@code -Dretention.data=DIR}.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ModelFitBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class ModelFitBenchmark {

  /** Which model. */
  public enum Model {
    BG_NBD,
    PARETO_NBD,
    GAMMA_GAMMA
  }

  /** Which implementation. */
  public enum Impl {
    LIBRARY,
    NAIVE
  }

  @Param({"BG_NBD", "PARETO_NBD", "GAMMA_GAMMA"})
  public Model model;

  @Param({"LIBRARY", "NAIVE"})
  public Impl impl;

  private RecencyFrequencyData data;
  private GammaGammaData spend;
  private double[] x;
  private double[] tx;
  private double[] age;
  private double[] gx;
  private double[] gm;

  @Setup
  public void setup() throws IOException {
    Path dir = Path.of(System.getProperty("retention.data", "../shared/data"));
    List<String> lines = Files.readAllLines(
        dir.resolve("cdnow_customers_summary_with_transactions.csv"), StandardCharsets.UTF_8);
    int n = lines.size() - 1;
    x = new double[n];
    tx = new double[n];
    age = new double[n];
    double[] z = new double[n];
    int repeat = 0;
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).trim().split(",");
      x[i] = Double.parseDouble(f[1]);
      tx[i] = Double.parseDouble(f[2]);
      age[i] = Double.parseDouble(f[3]);
      z[i] = Double.parseDouble(f[4]);
      if (x[i] > 0) {
        repeat++;
      }
    }
    data = RecencyFrequencyData.of(x, tx, age, ModelTimeUnit.WEEKS);
    gx = new double[repeat];
    gm = new double[repeat];
    for (int i = 0, j = 0; i < n; i++) {
      if (x[i] > 0) {
        gx[j] = x[i];
        gm[j++] = z[i];
      }
    }
    spend = GammaGammaData.ofRepeatCustomers(gx, gm);
  }

  @Benchmark
  public void fit(Blackhole bh) {
    if (impl == Impl.LIBRARY) {
      switch (model) {
        case BG_NBD:
          bh.consume(BgNbdModel.fit(data).fitResult().orElseThrow().standardErrors());
          return;
        case PARETO_NBD:
          bh.consume(ParetoNbdModel.fit(data).fitResult().orElseThrow().standardErrors());
          return;
        default:
          bh.consume(GammaGammaModel.fit(spend).fitResult().orElseThrow().standardErrors());
          return;
      }
    }
    ModelFit f = MaximumLikelihood.fit(naive(), FitOptions.defaults());
    bh.consume(f.standardErrors());
  }

  private LikelihoodObjective naive() {
    switch (model) {
      case BG_NBD:
        return new Naive("r", "alpha", "a", "b") {
          @Override
          double ll(double[] p) {
            double r = p[0];
            double al = p[1];
            double a = p[2];
            double b = p[3];
            double lb = Beta.logBeta(a, b);
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double xi = x[i];
              double c = Math.exp(Gamma.logGamma(r + xi) - Gamma.logGamma(r)) * Math.pow(al, r);
              double l = Math.exp(Beta.logBeta(a, b + xi) - lb) * c / Math.pow(al + age[i], r + xi);
              if (xi > 0) {
                l += Math.exp(Beta.logBeta(a + 1, b + xi - 1) - lb) * c
                    / Math.pow(al + tx[i], r + xi);
              }
              s += Math.log(l);
            }
            return s;
          }
        };
      case PARETO_NBD:
        return new Naive("r", "alpha", "s", "beta") {
          @Override
          double ll(double[] p) {
            double r = p[0];
            double al = p[1];
            double ss = p[2];
            double be = p[3];
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double xi = x[i];
              double a1 = r + ss + xi;
              double a0;
              if (al >= be) {
                a0 = Hypergeometric.value(a1, ss + 1, a1 + 1, (al - be) / (al + tx[i]))
                    / Math.pow(al + tx[i], a1)
                    - Hypergeometric.value(a1, ss + 1, a1 + 1, (al - be) / (al + age[i]))
                    / Math.pow(al + age[i], a1);
              } else {
                a0 = Hypergeometric.value(a1, r + xi, a1 + 1, (be - al) / (be + tx[i]))
                    / Math.pow(be + tx[i], a1)
                    - Hypergeometric.value(a1, r + xi, a1 + 1, (be - al) / (be + age[i]))
                    / Math.pow(be + age[i], a1);
              }
              double l = Math.exp(Gamma.logGamma(r + xi) - Gamma.logGamma(r)) * Math.pow(al, r)
                  * Math.pow(be, ss) * (1 / (Math.pow(al + age[i], r + xi)
                  * Math.pow(be + age[i], ss)) + ss / a1 * a0);
              s += Math.log(l);
            }
            return s;
          }
        };
      default:
        return new Naive("p", "q", "gamma") {
          @Override
          double ll(double[] p) {
            double pp = p[0];
            double q = p[1];
            double g = p[2];
            double s = 0;
            for (int i = 0; i < gx.length; i++) {
              double px = pp * gx[i];
              // Fader, Hardie & Lee Gamma-Gamma note: density of the mean spend zbar
              s += Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q)
                  + q * Math.log(g) + (px - 1) * Math.log(gm[i]) + px * Math.log(gx[i])
                  - (px + q) * Math.log(g + gm[i] * gx[i]);
            }
            return s;
          }
        };
    }
  }

  /** Per-customer likelihood with central finite-difference gradients. */
  private abstract class Naive implements LikelihoodObjective {
    private final List<String> names;

    Naive(String... names) {
      this.names = List.of(names);
    }

    abstract double ll(double[] p);

    @Override
    public String modelName() {
      return "naive " + model;
    }

    @Override
    public List<String> parameterNames() {
      return names;
    }

    @Override
    public double[] startingPoint() {
      double[] s = new double[names.size()];
      java.util.Arrays.fill(s, 1.0);
      return s;
    }

    @Override
    public double observations() {
      return model == Model.GAMMA_GAMMA ? gx.length : x.length;
    }

    @Override
    public ModelTimeUnit timeUnit() {
      return null;
    }

    @Override
    public String dataSummary() {
      return "CDNOW";
    }

    @Override
    public double logLikelihood(double[] p, double[] g) {
      double v = ll(p);
      if (g != null) {
        double[] q = p.clone();
        for (int i = 0; i < p.length; i++) {
          double h = 1e-6 * p[i];
          q[i] = p[i] + h;
          double up = ll(q);
          q[i] = p[i] - h;
          double dn = ll(q);
          q[i] = p[i];
          g[i] = (up - dn) / (2 * h);
        }
      }
      return v;
    }
  }
}
