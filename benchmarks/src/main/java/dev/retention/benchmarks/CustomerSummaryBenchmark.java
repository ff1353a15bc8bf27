package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.ModelTimeUnit;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Customer summaries (x, t_x, T, mean repeat spend, orders, net revenue per customer; daily purchase
 * periods, weeks, observed to 2025-12-31) for 1M and 10M generated purchases ({@link BenchmarkData}:
 * size / 10 customers, three years), in UTC:
 *
 * <ul>
 *   <li>{@code LIBRARY_SEQUENTIAL}: {@link CustomerSummaries#of} on a prebuilt {@link
 *       TransactionLog}, one thread;
 *   <li>{@code LIBRARY_PARALLEL}: {@link CustomerSummaries#compute} with {@code parallel = true}
 *       (common fork-join pool; on the 2-core machine that is 2 threads);
 *   <li>{@code LIBRARY_BUILD_AND_PARALLEL}: building the log from primitive columns plus the parallel
 *       summary, the end-to-end cost for a caller who starts from raw rows;
 *   <li>{@code NAIVE_GROUPING_BY}: the baseline {@link NaiveSummaries}, {@code
 *       Collectors.groupingBy} over prebuilt {@link Transaction} objects, one thread;
 *   <li>{@code NAIVE_GROUPING_BY_PARALLEL}: the same with a parallel stream and {@code
 *       groupingByConcurrent}.
 * </ul>
 *
 * <p>The targets: {@code LIBRARY_PARALLEL} at least 20× {@code NAIVE_GROUPING_BY} and at
 * least 50 million transactions per second. Score: ms per summary table; transactions per second =
 * size / score × 1000. {@code BenchmarkTest} checks that the baseline computes the same table.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar CustomerSummaryBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s}; the 10M
 * size is better run as single shots: {@code ... CustomerSummaryBenchmark -p size=10000000 -bm ss
 * -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class CustomerSummaryBenchmark {

  /** The last observed day of every run. */
  static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);

  /** What is measured. */
  public enum Impl {
    /** {@code CustomerSummaries.of} on a prebuilt log. */
    LIBRARY_SEQUENTIAL,
    /** {@code CustomerSummaries.compute(log, spec, true)} on a prebuilt log. */
    LIBRARY_PARALLEL,
    /** Log build from primitive columns plus the parallel summary. */
    LIBRARY_BUILD_AND_PARALLEL,
    /** {@code Collectors.groupingBy} over objects: the naive baseline. */
    NAIVE_GROUPING_BY,
    /** Parallel stream with {@code groupingByConcurrent}: a tuned naive alternative. */
    NAIVE_GROUPING_BY_PARALLEL
  }

  /** Rows in the input. */
  @Param({"1000000", "10000000"})
  public int size;

  /** The implementation. */
  @Param({
    "LIBRARY_SEQUENTIAL", "LIBRARY_PARALLEL", "LIBRARY_BUILD_AND_PARALLEL", "NAIVE_GROUPING_BY",
    "NAIVE_GROUPING_BY_PARALLEL"
  })
  public Impl impl;

  private final ZoneId zone = ZoneId.of("UTC");
  private final SummarySpec spec = SummarySpec.asOf(AS_OF).withTimeUnit(ModelTimeUnit.WEEKS);
  private BenchmarkData data;
  private TransactionLog log;
  private List<Transaction> transactions;

  /** Builds the input once per trial: the log, or the objects for the naive implementations. */
  @Setup(Level.Trial)
  public void setUp() {
    data = BenchmarkData.generate(size, Math.max(1, size / 10), 42L);
    if (impl == Impl.NAIVE_GROUPING_BY || impl == Impl.NAIVE_GROUPING_BY_PARALLEL) {
      transactions = data.transactions();
    } else {
      log = buildLog(data, zone);
    }
  }

  /** Releases the input. */
  @TearDown(Level.Trial)
  public void tearDown() {
    data = null;
    log = null;
    transactions = null;
  }

  static TransactionLog buildLog(BenchmarkData data, ZoneId zone) {
    TransactionLog.Builder b = TransactionLog.builder(BenchmarkData.USD, zone)
        .expectedSize(data.size());
    for (int i = 0; i < data.size(); i++) {
      b.purchase(data.customerIds[i], data.epochSeconds[i], data.amountsMinor[i]);
    }
    return b.build();
  }

  /**
   * Computes the summary table once.
   *
   * @param bh consumes the result
   */
  @Benchmark
  public void summarise(Blackhole bh) {
    switch (impl) {
      case LIBRARY_SEQUENTIAL:
        bh.consume(CustomerSummaries.of(log, spec));
        break;
      case LIBRARY_PARALLEL:
        bh.consume(CustomerSummaries.compute(log, spec, true));
        break;
      case LIBRARY_BUILD_AND_PARALLEL:
        bh.consume(CustomerSummaries.compute(buildLog(data, zone), spec, true));
        break;
      case NAIVE_GROUPING_BY:
        bh.consume(NaiveSummaries.summarise(transactions, zone, AS_OF, 7.0, false));
        break;
      case NAIVE_GROUPING_BY_PARALLEL:
        bh.consume(NaiveSummaries.summarise(transactions, zone, AS_OF, 7.0, true));
        break;
      default:
        throw new AssertionError(impl);
    }
  }
}
