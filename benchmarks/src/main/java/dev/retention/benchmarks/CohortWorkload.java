package dev.retention.benchmarks;

import dev.retention.cohort.CohortMatrix;
import dev.retention.cohort.CohortSpec;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionKind;
import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The monthly-cohort workload of {@link CohortMatrixBenchmark} and its three implementations
 * (naive streams, DuckDB SQL, this library), each reducible to the same {@link Cells} for the
 * agreement test.
 *
 * <p>Data: {@code customers = rows / 10}, each with exactly 10 rows; a customer's first row is a
 * purchase on its acquisition day, uniform over 2021-01-01..2023-12-31 (36 months); the others are
 * uniform between that day and the end; 2% of the later rows are refunds. Seeded, so every run and
 * every implementation sees the same rows. Matrix: monthly cohorts by first purchase in UTC days,
 * per cell the cohort size, distinct active customers (a purchase in the month), orders and net
 * revenue; the observation end 2023-12-31 is a month end, so every cell with {@code cohort + k <=
 * 35} is observable.
 */
public final class CohortWorkload {
  static final Currency USD = Currency.getInstance("USD");
  static final LocalDate FIRST = LocalDate.of(2021, 1, 1);
  static final int DAYS = (int) ChronoUnit.DAYS.between(FIRST, LocalDate.of(2024, 1, 1));
  static final int MONTHS = 36;
  static final int ROWS_PER_CUSTOMER = 10;

  final int rows;
  final int customers;
  final String[] ids;
  final int[] customer;
  final int[] epochDay;
  final long[] epochSecond;
  final long[] amount;

  /**
   * Generates the rows.
   *
   * @param rows the number of transactions, a multiple of 10
   * @param seed the random seed
   */
  public CohortWorkload(int rows, long seed) {
    if (rows % ROWS_PER_CUSTOMER != 0) {
      throw new IllegalArgumentException("rows must be a multiple of 10, was " + rows);
    }
    this.rows = rows;
    this.customers = rows / ROWS_PER_CUSTOMER;
    SplittableRandom rnd = new SplittableRandom(seed);
    ids = new String[customers];
    for (int c = 0; c < customers; c++) {
      ids[c] = String.format("cust%07d", c);
    }
    customer = new int[rows];
    epochDay = new int[rows];
    epochSecond = new long[rows];
    amount = new long[rows];
    int first = (int) FIRST.toEpochDay();
    int i = 0;
    for (int c = 0; c < customers; c++) {
      int acquired = rnd.nextInt(DAYS);
      for (int r = 0; r < ROWS_PER_CUSTOMER; r++, i++) {
        int d = r == 0 ? acquired : acquired + rnd.nextInt(DAYS - acquired);
        customer[i] = c;
        epochDay[i] = first + d;
        // The first row at 00:00:00 stays the earliest; later rows inside their day.
        epochSecond[i] = (first + d) * 86_400L + (r == 0 ? 0 : 1 + rnd.nextInt(86_399));
        boolean refund = r > 0 && rnd.nextInt(50) == 0;
        amount[i] = refund ? -(1 + rnd.nextInt(500)) : 100 + rnd.nextInt(10_000);
      }
    }
  }

  /** The spec all implementations compute. */
  static CohortSpec spec(boolean parallel) {
    return CohortSpec.monthly(ZoneOffset.UTC).withParallel(parallel);
  }

  /**
   * The rows as a {@link TransactionLog} (the library's input).
   *
   * @return the log
   */
  public TransactionLog log() {
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC).expectedSize(rows);
    for (int i = 0; i < rows; i++) {
      if (amount[i] >= 0) {
        b.purchase(ids[customer[i]], epochSecond[i], amount[i]);
      } else {
        b.refund(ids[customer[i]], epochSecond[i], -amount[i]);
      }
    }
    return b.build();
  }

  /**
   * The rows as {@link Transaction} objects (the naive baseline's input).
   *
   * @return the transactions
   */
  public List<Transaction> transactions() {
    List<Transaction> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      Instant at = Instant.ofEpochSecond(epochSecond[i]);
      String id = ids[customer[i]];
      out.add(amount[i] >= 0
          ? Transaction.purchase("o" + i, id, at, amount[i], USD)
          : Transaction.refund("o" + i, id, at, -amount[i], USD, null));
    }
    return out;
  }

  // ---------------------------------------------------------------- the common result

  /** A dense 36 x 36 matrix of the four measures; unobservable cells are 0. */
  public record Cells(long[] size, long[] active, long[] orders, long[] revenue) {
    static Cells empty() {
      return new Cells(new long[MONTHS], new long[MONTHS * MONTHS], new long[MONTHS * MONTHS],
          new long[MONTHS * MONTHS]);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cells c && Arrays.equals(size, c.size) && Arrays.equals(active, c.active)
          && Arrays.equals(orders, c.orders) && Arrays.equals(revenue, c.revenue);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(active);
    }

    @Override
    public String toString() {
      return "Cells{size=" + Arrays.toString(size) + ", active=" + Arrays.toString(active)
          + ", orders=" + Arrays.toString(orders) + ", revenue=" + Arrays.toString(revenue) + "}";
    }
  }

  // ---------------------------------------------------------------- this library

  /**
   * This library: one pass over the log's per-customer row ranges.
   *
   * @param log the log
   * @param parallel whether to use all cores
   * @return the matrix
   */
  static CohortMatrix library(TransactionLog log, boolean parallel) {
    return CohortMatrix.compute(log, spec(parallel));
  }

  static Cells cells(CohortMatrix m) {
    Cells out = Cells.empty();
    int shift = (int) (m.cohortPeriod(0) - Granularity.MONTH.index(FIRST));
    for (int i = 0; i < m.cohortCount(); i++) {
      out.size[i + shift] = m.cohortSize(i);
      for (int j = 0; j < m.columnCount(); j++) {
        if (!m.isCensored(i, j)) {
          int cell = (i + shift) * MONTHS + j;
          out.active[cell] = m.activeCustomers(i, j);
          out.orders[cell] = m.orders(i, j);
          out.revenue[cell] = m.netRevenueMinor(i, j);
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- naive Java baseline

  /** A cell key of the naive baseline. */
  record Key(YearMonth cohort, long offset) {}

  /** The naive baseline's result. */
  record Naive(Map<YearMonth, Long> sizes, Map<Key, Long> active, Map<Key, Long> orders,
      Map<Key, Long> revenue) {}

  /**
   * The naive baseline: what a developer writes with streams and {@code groupingBy} over
   * {@link Transaction} objects.
   *
   * @param txs the transactions
   * @return the maps
   */
  static Naive naive(List<Transaction> txs) {
    Map<String, YearMonth> cohortOf = txs.stream()
        .filter(t -> t.kind() == TransactionKind.PURCHASE)
        .collect(Collectors.toMap(Transaction::customerId,
            t -> YearMonth.from(t.timestamp().atZone(ZoneOffset.UTC)),
            (a, b) -> a.isBefore(b) ? a : b));
    Map<YearMonth, Long> sizes = cohortOf.values().stream()
        .collect(Collectors.groupingBy(ym -> ym, Collectors.counting()));
    List<Map.Entry<Key, Transaction>> keyed = txs.stream()
        .filter(t -> cohortOf.containsKey(t.customerId()))
        .map(t -> {
          YearMonth c = cohortOf.get(t.customerId());
          YearMonth m = YearMonth.from(t.timestamp().atZone(ZoneOffset.UTC));
          return Map.entry(new Key(c, ChronoUnit.MONTHS.between(c, m)), t);
        })
        .filter(e -> e.getKey().offset() >= 0)
        .collect(Collectors.toList());
    Map<Key, Set<String>> activeSets = keyed.stream()
        .filter(e -> e.getValue().kind() == TransactionKind.PURCHASE)
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.mapping(e -> e.getValue().customerId(), Collectors.toSet())));
    Map<Key, Long> active = activeSets.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue().size()));
    Map<Key, Long> orders = keyed.stream()
        .filter(e -> e.getValue().kind() == TransactionKind.PURCHASE)
        .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
    Map<Key, Long> revenue = keyed.stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey,
            Collectors.summingLong(e -> e.getValue().signedAmountMinor())));
    return new Naive(sizes, active, orders, revenue);
  }

  static Cells cells(Naive n) {
    Cells out = Cells.empty();
    YearMonth first = YearMonth.from(FIRST);
    n.sizes().forEach((ym, v) -> out.size[(int) ChronoUnit.MONTHS.between(first, ym)] = v);
    n.active().forEach((k, v) -> out.active[index(first, k)] = v);
    n.orders().forEach((k, v) -> out.orders[index(first, k)] = v);
    n.revenue().forEach((k, v) -> out.revenue[index(first, k)] = v);
    return out;
  }

  private static int index(YearMonth first, Key k) {
    return (int) (ChronoUnit.MONTHS.between(first, k.cohort()) * MONTHS + k.offset());
  }

  // ---------------------------------------------------------------- DuckDB

  /** The one SQL query that computes the matrix over the in-memory table {@code tx}. */
  static final String SQL = String.join("\n",
      "WITH firsts AS (",
      "  SELECT customer, date_trunc('month', min(day)) AS cohort",
      "  FROM tx WHERE amount >= 0 GROUP BY customer),",
      "sizes AS (SELECT cohort, count(*) AS n FROM firsts GROUP BY cohort),",
      "cells AS (",
      "  SELECT f.cohort, datediff('month', f.cohort, t.day) AS k,",
      "         count(DISTINCT t.customer) FILTER (WHERE t.amount >= 0) AS active,",
      "         count(*) FILTER (WHERE t.amount >= 0) AS orders,",
      "         sum(t.amount) AS revenue",
      "  FROM tx t JOIN firsts f ON t.customer = f.customer",
      "  WHERE t.day >= f.cohort",
      "  GROUP BY f.cohort, k)",
      "SELECT s.cohort, s.n, c.k, c.active, c.orders, c.revenue",
      "FROM sizes s LEFT JOIN cells c ON s.cohort = c.cohort",
      "ORDER BY s.cohort, c.k");

  /**
   * Opens an in-memory DuckDB and loads the rows into {@code tx(customer INTEGER, day DATE,
   * amount BIGINT)} with the appender (not measured).
   *
   * @return the open connection
   * @throws SQLException if DuckDB fails
   */
  Connection duckDb() throws SQLException {
    Connection conn = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE stage(customer INTEGER, day INTEGER, amount BIGINT)");
    }
    try (DuckDBAppender app =
        conn.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "stage")) {
      for (int i = 0; i < rows; i++) {
        app.beginRow();
        app.append(customer[i]);
        app.append(epochDay[i]);
        app.append(amount[i]);
        app.endRow();
      }
    }
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE tx AS SELECT customer, (DATE '1970-01-01' + day) AS day, amount "
          + "FROM stage");
      st.execute("DROP TABLE stage");
    }
    return conn;
  }

  /**
   * Runs {@link #SQL} and reads the result into cells.
   *
   * @param query a prepared statement of {@link #SQL}
   * @return the cells
   * @throws SQLException if DuckDB fails
   */
  static Cells duckDbQuery(PreparedStatement query) throws SQLException {
    Cells out = Cells.empty();
    long firstMonth = Granularity.MONTH.index(FIRST);
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        int i = (int) (Granularity.MONTH.index(rs.getObject(1, LocalDate.class)) - firstMonth);
        out.size[i] = rs.getLong(2);
        long k = rs.getLong(3);
        if (rs.wasNull()) {
          continue;
        }
        int cell = (int) (i * MONTHS + k);
        out.active[cell] = rs.getLong(4);
        out.orders[cell] = rs.getLong(5);
        out.revenue[cell] = rs.getLong(6);
      }
    }
    return out;
  }
}
