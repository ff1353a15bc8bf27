package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
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
 * Building a {@link TransactionLog} (sorted by customer then time, columnar) from 1M and 10M
 * generated purchases ({@link BenchmarkData}: size / 10 customers, three years, random row order),
 * single-threaded:
 *
 * <ul>
 *   <li>{@code PRIMITIVE_COLUMNS}: {@link TransactionLog.Builder#purchase(String, long, long)} per
 *       row from three arrays, no object per row (the target: at least 20 million rows/s on
 *       one core);
 *   <li>{@code PRIMITIVE_NUMERIC_IDS}: {@link TransactionLog.Builder#purchase(long, long, long)}
 *       with the customer number as a {@code long} id (no hashing and no string per row: the ids
 *       are counted in a direct table);
 *   <li>{@code TRANSACTION_OBJECTS}: {@link TransactionLog#from(Iterable, java.util.Currency,
 *       ZoneId)} over prebuilt {@link Transaction} objects (includes the order-id duplicate check);
 *   <li>{@code NAIVE_SORT_GROUP}: the baseline {@link NaiveLog#sortAndGroup}, a {@code
 *       List<Transaction>} sorted with a {@code Comparator} and grouped into a {@code
 *       LinkedHashMap} of lists.
 * </ul>
 *
 * <p>The zone is a parameter: {@code UTC} (fixed offset) and {@code America/New_York} (daylight
 * saving time, so the epoch-second to local-day conversion must look up offsets); so is the input
 * order: {@code RANDOM} or {@code BY_CUSTOMER} (then the builder's last-id cache skips the hash
 * lookup). Score: ms per build; transactions per second = size / score × 1000.
 *
 * <p>Run: {@code mvn -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar TransactionLogBenchmark -p size=1000000 -f 1 -wi 3 -i 8 -w 2s
 * -r 2s}; for 10M rows {@code -p size=10000000} the same way, except for the naive baseline
 * (about 40 s per build), which is better run as single shots: {@code -p impl=NAIVE_SORT_GROUP
 * -bm ss -wi 1 -i 3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class TransactionLogBenchmark {

  /** What is measured. */
  public enum Impl {
    /** The builder's primitive-column path with string ids. */
    PRIMITIVE_COLUMNS,
    /** The builder's primitive-column path with numeric ids (radix-sorted, no hashing). */
    PRIMITIVE_NUMERIC_IDS,
    /** {@code TransactionLog.from} over {@code Transaction} objects. */
    TRANSACTION_OBJECTS,
    /** Comparator sort of a list plus grouping into a map: the naive baseline. */
    NAIVE_SORT_GROUP
  }

  /** Rows in the input. */
  @Param({"1000000", "10000000"})
  public int size;

  /** The implementation. */
  @Param({"PRIMITIVE_COLUMNS", "PRIMITIVE_NUMERIC_IDS", "TRANSACTION_OBJECTS", "NAIVE_SORT_GROUP"})
  public Impl impl;

  /** The zone deciding calendar days. */
  @Param({"UTC", "America/New_York"})
  public String zone;

  /**
   * The order of the input rows: {@code RANDOM} (as a time-ordered event export is, from the
   * point of view of customers) or {@code BY_CUSTOMER} (grouped by customer, then by time).
   */
  @Param({"RANDOM", "BY_CUSTOMER"})
  public String inputOrder;

  private BenchmarkData data;
  private List<Transaction> transactions;
  private ZoneId zoneId;

  /** Generates the input once per trial (objects only for the implementations that read them). */
  @Setup(Level.Trial)
  public void setUp() {
    data = BenchmarkData.generate(size, Math.max(1, size / 10), 42L);
    if (inputOrder.equals("BY_CUSTOMER")) {
      data = data.sortedByCustomer();
    }
    zoneId = ZoneId.of(zone);
    if (impl == Impl.TRANSACTION_OBJECTS || impl == Impl.NAIVE_SORT_GROUP) {
      transactions = data.transactions();
    }
  }

  /** Releases the input. */
  @TearDown(Level.Trial)
  public void tearDown() {
    data = null;
    transactions = null;
  }

  /**
   * Builds the log (or the naive grouping) once.
   *
   * @param bh consumes the result
   */
  @Benchmark
  public void build(Blackhole bh) {
    switch (impl) {
      case PRIMITIVE_COLUMNS: {
        TransactionLog.Builder b =
            TransactionLog.builder(BenchmarkData.USD, zoneId).expectedSize(data.size());
        String[] ids = data.customerIds;
        long[] sec = data.epochSeconds;
        long[] amt = data.amountsMinor;
        for (int i = 0; i < ids.length; i++) {
          b.purchase(ids[i], sec[i], amt[i]);
        }
        bh.consume(b.build());
        break;
      }
      case PRIMITIVE_NUMERIC_IDS: {
        TransactionLog.Builder b =
            TransactionLog.builder(BenchmarkData.USD, zoneId).expectedSize(data.size());
        int[] ids = data.customerIndex;
        long[] sec = data.epochSeconds;
        long[] amt = data.amountsMinor;
        for (int i = 0; i < ids.length; i++) {
          b.purchase((long) ids[i], sec[i], amt[i]);
        }
        bh.consume(b.build());
        break;
      }
      case TRANSACTION_OBJECTS:
        bh.consume(TransactionLog.from(transactions, BenchmarkData.USD, zoneId));
        break;
      case NAIVE_SORT_GROUP:
        bh.consume(NaiveLog.sortAndGroup(transactions));
        break;
      default:
        throw new AssertionError(impl);
    }
  }
}
