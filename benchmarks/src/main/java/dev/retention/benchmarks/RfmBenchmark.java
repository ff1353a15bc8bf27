package dev.retention.benchmarks;

import dev.retention.segment.RfmInput;
import dev.retention.segment.RfmRule;
import dev.retention.segment.RfmScorer;
import dev.retention.segment.RfmSegmentTable;
import dev.retention.segment.Segmentation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * RFM quintile scoring plus the R {@code rfm} ten-segment table for 1M and 5M customers, from
 * prebuilt per-customer columns (what {@link RfmInput#fromSummaries} gives):
 *
 * <ul>
 *   <li>{@code NAIVE_BOXED}: the baseline. One object per customer (built in setup); per
 *       dimension the list is copied and sorted with a {@link Comparator}, each customer's rank
 *       {@code L} (customers strictly worse) is read off the sorted list, scores are {@code 1 +
 *       floor(5 L / N)}, and each customer is matched against the rule list;
 *   <li>{@code SORTED_PRIMITIVE}: the obvious primitive alternative: sort a copy of each column
 *       ({@link Arrays#sort}), binary-search {@code L} per customer, then the table's lookup;
 *   <li>{@code LIBRARY}: {@link RfmScorer#quintiles()} and {@link RfmSegmentTable#assign}
 *       (histograms for recency and orders, multi-rank quickselect for monetary, a 1000-entry
 *       lookup for segments).
 * </ul>
 *
 * All three compute the same scores and labels (checked in setup on every row). The issue's
 * targets: {@code LIBRARY} at least 10x {@code NAIVE_BOXED} and under 1 s for 5M customers.
 * Score: ms per scoring-and-segmenting of all customers.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar RfmBenchmark -f 1 -wi 3 -i 5 -w 1s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class RfmBenchmark {

  /** What is measured. */
  public enum Impl {
    /** Boxed objects sorted per dimension with comparators, rules checked per customer. */
    NAIVE_BOXED,
    /** Sorted primitive copies plus binary search. */
    SORTED_PRIMITIVE,
    /** The library. */
    LIBRARY
  }

  /** Customers. */
  @Param({"1000000", "5000000"})
  public int customers;

  /** Implementation. */
  @Param({"NAIVE_BOXED", "SORTED_PRIMITIVE", "LIBRARY"})
  public Impl impl;

  private RfmInput input;
  private List<NaiveCustomer> objects;
  private RfmSegmentTable table;

  /** A boxed per-customer row of the baseline. */
  static final class NaiveCustomer {
    final String id;
    final Integer recencyDays;
    final Integer orders;
    final Long netRevenueMinor;
    int r;
    int f;
    int m;

    NaiveCustomer(String id, Integer recencyDays, Integer orders, Long netRevenueMinor) {
      this.id = id;
      this.recencyDays = recencyDays;
      this.orders = orders;
      this.netRevenueMinor = netRevenueMinor;
    }
  }

  /** Builds seeded inputs and checks that the three implementations agree. */
  @Setup
  public void setup() {
    SplittableRandom rnd = new SplittableRandom(20_240_331L);
    int n = customers;
    String[] ids = new String[n];
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "cust-" + i;
      rec[i] = rnd.nextInt(730);
      // geometric-ish order counts with a long tail
      int o = 1;
      while (o < 200 && rnd.nextInt(100) < 45) {
        o++;
      }
      ord[i] = o;
      long spend = 0;
      for (int k = 0; k < Math.min(o, 5); k++) {
        spend += 500 + (long) Math.exp(rnd.nextGaussian() * 0.8 + 8);
      }
      net[i] = spend * o / Math.min(o, 5) - (rnd.nextInt(20) == 0 ? rnd.nextInt(2000) : 0);
    }
    input = RfmInput.of(LocalDate.of(2025, 12, 31), ids, rec, ord, net);
    objects = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      objects.add(new NaiveCustomer(ids[i], rec[i], ord[i], net[i]));
    }
    table = RfmSegmentTable.rPackage();
    Segmentation lib = library();
    String[] prim = sortedPrimitive();
    String[] naive = naive();
    for (int i = 0; i < n; i++) {
      if (!lib.segment(i).equals(naive[i]) || !lib.segment(i).equals(prim[i])) {
        throw new IllegalStateException("implementations disagree on row " + i + ": "
            + lib.segment(i) + " / " + prim[i] + " / " + naive[i]);
      }
    }
  }

  /**
   * Scores and segments every customer.
   *
   * @param bh the sink
   */
  @Benchmark
  public void scoreAndSegment(Blackhole bh) {
    switch (impl) {
      case NAIVE_BOXED:
        bh.consume(naive());
        break;
      case SORTED_PRIMITIVE:
        bh.consume(sortedPrimitive());
        break;
      default:
        bh.consume(library());
    }
  }

  private Segmentation library() {
    return table.assign(RfmScorer.quintiles().score(input));
  }

  private String[] naive() {
    int n = objects.size();
    List<NaiveCustomer> byR = new ArrayList<>(objects);
    // worst first: more days is worse
    byR.sort(Comparator.comparing((NaiveCustomer c) -> c.recencyDays).reversed());
    assignRanks(byR, (a, b) -> a.recencyDays.equals(b.recencyDays), 0);
    List<NaiveCustomer> byF = new ArrayList<>(objects);
    byF.sort(Comparator.comparing((NaiveCustomer c) -> c.orders));
    assignRanks(byF, (a, b) -> a.orders.equals(b.orders), 1);
    List<NaiveCustomer> byM = new ArrayList<>(objects);
    byM.sort(Comparator.comparing((NaiveCustomer c) -> c.netRevenueMinor));
    assignRanks(byM, (a, b) -> a.netRevenueMinor.equals(b.netRevenueMinor), 2);
    String[] out = new String[n];
    List<RfmRule> rules = table.rules();
    for (int i = 0; i < n; i++) {
      NaiveCustomer c = objects.get(i);
      String s = table.otherLabel();
      for (RfmRule r : rules) {
        if (r.matches(c.r, c.f, c.m)) {
          s = r.name();
          break;
        }
      }
      out[i] = s;
    }
    return out;
  }

  private interface Same {
    boolean same(NaiveCustomer a, NaiveCustomer b);
  }

  /** Sorted worst to best: L = index of the first element equal to this one. */
  private static void assignRanks(List<NaiveCustomer> sorted, Same same, int dim) {
    int n = sorted.size();
    int first = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && !same.same(sorted.get(i), sorted.get(i - 1))) {
        first = i;
      }
      int score = (int) (1 + 5L * first / n);
      NaiveCustomer c = sorted.get(i);
      if (dim == 0) {
        c.r = score;
      } else if (dim == 1) {
        c.f = score;
      } else {
        c.m = score;
      }
    }
  }

  private String[] sortedPrimitive() {
    int n = input.size();
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    for (int i = 0; i < n; i++) {
      rec[i] = input.recencyDays(i);
      ord[i] = input.orders(i);
      net[i] = input.netRevenueMinor(i);
    }
    int[] sr = rec.clone();
    int[] so = ord.clone();
    long[] sm = net.clone();
    Arrays.sort(sr);
    Arrays.sort(so);
    Arrays.sort(sm);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      // recency: L = customers with strictly more days = n - (first index > value)
      int lr = n - upper(sr, rec[i]);
      int lf = lower(so, ord[i]);
      int lm = lowerLong(sm, net[i]);
      int r = (int) (1 + 5L * lr / n);
      int f = (int) (1 + 5L * lf / n);
      int m = (int) (1 + 5L * lm / n);
      out[i] = table.segmentOf(r, f, m);
    }
    return out;
  }

  private static int upper(int[] a, int v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lower(int[] a, int v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int lowerLong(long[] a, long v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
