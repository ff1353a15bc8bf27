package dev.retention.benchmarks;

import dev.retention.clv.BgNbdModel;
import dev.retention.clv.ClvCalculator;
import dev.retention.clv.CustomerBaseModel;
import dev.retention.clv.CustomerBaseSimulator;
import dev.retention.clv.ParetoNbdModel;
import dev.retention.clv.RecencyFrequencyData;
import dev.retention.internal.Hypergeometric;
import dev.retention.time.ModelTimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Scoring a customer base: P(alive) plus conditional expected purchases over the next 52 weeks
 * ({@link Task#ALIVE_AND_EXPECTED_52W}), and 12-month CLV with an annual 10% discount rate and
 * monthly periods ({@link Task#CLV_12_MONTHS}), for BG/NBD (CDNOW parameters, FHL 2005) and
 * Pareto/NBD (Fader-Hardie's CDNOW parameters).
 *
 * <p>Customers: simulated in {@link Setup} from the model itself with ages uniform over 0–78
 * weeks and day-granular t_x and T (as summaries built from a transaction log are), so a
 * million customers share some tens of thousands of (x, T) pairs. {@link Data#CDNOW_LIKE} uses the
 * CDNOW parameters (x ≤ 30 or so); {@link Data#HEAVY_BUYERS} uses a purchase rate of about 10 a
 * week (r = 5, α = 0.5) and long lifetimes (BG/NBD a = 0.5, b = 50; Pareto/NBD s = 0.6, β = 50), so
 * x reaches the hundreds and the 52-week horizon exceeds α + T: the region where exact evaluation
 * needs more than the short series.
 *
 * <p>Implementations ({@link Impl}): {@code SEQUENTIAL} and {@code PARALLEL} (common fork/join
 * pool) are the library's vectorised scoring ({@link CustomerBaseModel#score} and
 * {@link ClvCalculator#totals}); {@code NAIVE} is the baseline a straightforward port produces:
 * a list of boxed per-customer objects, the published closed forms with {@code Math.pow} and one
 * 2F1 per customer and horizon, no sharing between customers. The peer figure (lifetimes 0.11.3:
 * 326 ms for P(alive) + expected purchases over 1M BG/NBD customers on the reference machine)
 * is quoted from issue 5, not run here.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar ClvScoringBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class ClvScoringBenchmark {

  /** Which model. */
  public enum Model {
    BG_NBD,
    PARETO_NBD
  }

  /** What is computed. */
  public enum Task {
    ALIVE_AND_EXPECTED_52W,
    CLV_12_MONTHS
  }

  /** Which customer base. */
  public enum Data {
    CDNOW_LIKE,
    HEAVY_BUYERS
  }

  /** Which implementation. */
  public enum Impl {
    SEQUENTIAL,
    PARALLEL,
    NAIVE
  }

  @Param({"BG_NBD", "PARETO_NBD"})
  public Model model;

  @Param({"ALIVE_AND_EXPECTED_52W", "CLV_12_MONTHS"})
  public Task task;

  @Param({"SEQUENTIAL", "PARALLEL", "NAIVE"})
  public Impl impl;

  @Param({"CDNOW_LIKE", "HEAVY_BUYERS"})
  public Data data;

  @Param({"1000000"})
  public int size;

  private CustomerBaseModel m;
  private RecencyFrequencyData customersData;
  private double[] spend;
  private double[] pAlive;
  private double[] expected;
  private double[] clv;
  private ClvCalculator calculator;
  private List<Customer> customers;

  /** The naive baseline's boxed per-customer record. */
  static final class Customer {
    final Integer x;
    final Double tx;
    final Double age;
    final Double spend;

    Customer(Integer x, Double tx, Double age, Double spend) {
      this.x = x;
      this.tx = tx;
      this.age = age;
      this.spend = spend;
    }
  }

  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(42);
    double[] ages = new double[size];
    for (int i = 0; i < size; i++) {
      ages[i] = Math.floor(rnd.nextDouble() * 78 * 7) / 7;
    }
    boolean heavy = data == Data.HEAVY_BUYERS;
    if (model == Model.BG_NBD) {
      double[] q = heavy ? new double[] {5, 0.5, 0.5, 50} : new double[] {0.2426, 4.4135, 0.7929,
          2.4258};
      m = BgNbdModel.of(q[0], q[1], q[2], q[3], ModelTimeUnit.WEEKS);
      customersData = CustomerBaseSimulator.simulate(CustomerBaseSimulator.Process.BG_NBD, q[0],
          q[1], q[2], q[3], ages, 1.0 / 7, ModelTimeUnit.WEEKS, 7);
    } else {
      double[] q = heavy ? new double[] {5, 0.5, 0.6, 50} : new double[] {0.5534, 10.5802, 0.6061,
          11.6562};
      m = ParetoNbdModel.of(q[0], q[1], q[2], q[3], ModelTimeUnit.WEEKS);
      customersData = CustomerBaseSimulator.simulate(CustomerBaseSimulator.Process.PARETO_NBD,
          q[0], q[1], q[2], q[3], ages, 1.0 / 7, ModelTimeUnit.WEEKS, 7);
    }
    spend = new double[size];
    for (int i = 0; i < size; i++) {
      spend[i] = 10 + 90 * rnd.nextDouble();
    }
    pAlive = new double[size];
    expected = new double[size];
    clv = new double[size];
    calculator = ClvCalculator.of(m).withPeriod(1, ModelTimeUnit.MONTHS).withPeriods(12)
        .withDiscountRate(0.10, ModelTimeUnit.YEARS);
    if (impl == Impl.NAIVE) {
      customers = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        customers.add(new Customer(customersData.frequency(i), customersData.recency(i),
            customersData.age(i), spend[i]));
      }
    }
  }

  @Benchmark
  public void score(Blackhole bh) {
    if (impl != Impl.NAIVE) {
      boolean par = impl == Impl.PARALLEL;
      if (task == Task.ALIVE_AND_EXPECTED_52W) {
        m.score(customersData, 52, pAlive, expected, par);
        bh.consume(pAlive);
        bh.consume(expected);
      } else {
        calculator.totals(customersData, spend, clv, par);
        bh.consume(clv);
      }
      return;
    }
    List<Double> out = new ArrayList<>(size);
    if (task == Task.ALIVE_AND_EXPECTED_52W) {
      for (Customer c : customers) {
        double p = naiveAlive(c);
        out.add(p);
        out.add(p * naiveExpectedIfAlive(c, 52));
      }
    } else {
      double l = 30.436875 / 7;
      double d = Math.pow(1.10, 1.0 / 12) - 1;
      for (Customer c : customers) {
        double p = naiveAlive(c);
        double prev = 0;
        double v = 0;
        for (int k = 1; k <= 12; k++) {
          double e = p * naiveExpectedIfAlive(c, k * l);
          v += (e - prev) * c.spend / Math.pow(1 + d, k);
          prev = e;
        }
        out.add(v);
      }
    }
    bh.consume(out);
  }

  private double naiveAlive(Customer c) {
    if (model == Model.BG_NBD) {
      BgNbdModel b = (BgNbdModel) m;
      if (c.x == 0) {
        return 1.0;
      }
      return 1.0 / (1.0 + b.a() / (b.b() + c.x - 1)
          * Math.pow((b.alpha() + c.age) / (b.alpha() + c.tx), b.r() + c.x));
    }
    ParetoNbdModel p = (ParetoNbdModel) m;
    double r = p.r();
    double al = p.alpha();
    double s = p.s();
    double be = p.beta();
    double a1 = r + s + c.x;
    double a0;
    if (al >= be) {
      a0 = Hypergeometric.value(a1, s + 1, a1 + 1, (al - be) / (al + c.tx))
          / Math.pow(al + c.tx, a1)
          - Hypergeometric.value(a1, s + 1, a1 + 1, (al - be) / (al + c.age))
          / Math.pow(al + c.age, a1);
    } else {
      a0 = Hypergeometric.value(a1, r + c.x, a1 + 1, (be - al) / (be + c.tx))
          / Math.pow(be + c.tx, a1)
          - Hypergeometric.value(a1, r + c.x, a1 + 1, (be - al) / (be + c.age))
          / Math.pow(be + c.age, a1);
    }
    return 1.0 / (1.0 + s / a1 * Math.pow(al + c.age, r + c.x) * Math.pow(be + c.age, s) * a0);
  }

  private double naiveExpectedIfAlive(Customer c, double t) {
    if (model == Model.BG_NBD) {
      BgNbdModel b = (BgNbdModel) m;
      double a = b.a();
      double bb = b.b();
      double al = b.alpha();
      double r = b.r();
      return (a + bb + c.x - 1) / (a - 1) * (1 - Math.pow((al + c.age) / (al + c.age + t),
          r + c.x) * Hypergeometric.value(r + c.x, bb + c.x, a + bb + c.x - 1,
          t / (al + c.age + t)));
    }
    ParetoNbdModel p = (ParetoNbdModel) m;
    double s = p.s();
    return (p.r() + c.x) * (p.beta() + c.age) / ((p.alpha() + c.age) * (s - 1))
        * (1 - Math.pow((p.beta() + c.age) / (p.beta() + c.age + t), s - 1));
  }
}
