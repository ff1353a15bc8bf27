package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Monthly cohort matrix (cohort sizes, distinct active customers, orders, net revenue per cohort
 * and month offset) over generated data of 1M or 10M transactions (100k / 1M customers over three
 * years, see {@link CohortWorkload}), by:
 *
 * <ul>
 *   <li>{@code NAIVE}: Java streams with {@code groupingBy} over {@link Transaction} objects;
 *   <li>{@code DUCKDB}: one SQL query over an in-memory DuckDB table (org.duckdb:duckdb_jdbc 1.1.3,
 *       default threads = all cores), table loaded in setup;
 *   <li>{@code LIBRARY}: {@code CohortMatrix.compute} over a built {@link TransactionLog},
 *       sequential;
 *   <li>{@code LIBRARY_PARALLEL}: the same with {@code withParallel(true)} (all cores).
 * </ul>
 *
 * <p>Inputs are built in {@link Setup} (not measured); each implementation only builds its own.
 * Run:
 *
 * <pre>
 * mvn -q -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar CohortMatrixBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>Throughput in transactions per second is {@code rows / (ms/op) x 1000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Xms2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CohortMatrixBenchmark {

  /** The implementations compared in one run. */
  public enum Impl {
    /** Streams groupingBy over Transaction objects. */
    NAIVE,
    /** One SQL query in an in-memory DuckDB. */
    DUCKDB,
    /** This library, sequential. */
    LIBRARY,
    /** This library, all cores. */
    LIBRARY_PARALLEL
  }

  /** Transactions (10 per customer). */
  @Param({"1000000", "10000000"})
  public int rows;

  /** The implementation. */
  @Param({"NAIVE", "DUCKDB", "LIBRARY", "LIBRARY_PARALLEL"})
  public Impl impl;

  private TransactionLog log;
  private List<Transaction> transactions;
  private Connection duck;
  private PreparedStatement query;

  /**
   * Builds the input of the chosen implementation.
   *
   * @throws SQLException if DuckDB fails
   */
  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    CohortWorkload w = new CohortWorkload(rows, 20261123L);
    switch (impl) {
      case NAIVE:
        transactions = w.transactions();
        break;
      case DUCKDB:
        duck = w.duckDb();
        query = duck.prepareStatement(CohortWorkload.SQL);
        break;
      default:
        log = w.log();
        break;
    }
  }

  /**
   * Closes DuckDB.
   *
   * @throws SQLException if DuckDB fails
   */
  @TearDown(Level.Trial)
  public void tearDown() throws SQLException {
    if (duck != null) {
      query.close();
      duck.close();
    }
  }

  /**
   * Computes the matrix.
   *
   * @param bh the blackhole
   * @throws SQLException if DuckDB fails
   */
  @Benchmark
  public void cohortMatrix(Blackhole bh) throws SQLException {
    switch (impl) {
      case NAIVE:
        bh.consume(CohortWorkload.naive(transactions));
        break;
      case DUCKDB:
        bh.consume(CohortWorkload.duckDbQuery(query));
        break;
      case LIBRARY:
        bh.consume(CohortWorkload.library(log, false));
        break;
      case LIBRARY_PARALLEL:
        bh.consume(CohortWorkload.library(log, true));
        break;
      default:
        throw new AssertionError(impl);
    }
  }
}
