package dev.retention.benchmarks;

import dev.retention.data.Transaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated benchmark input: {@code size} purchases of {@code size / 10} customers over three years,
 * held as primitive columns (the shape a backend's JDBC cursor or a columnar file gives) and, on
 * request, as {@link Transaction} objects.
 *
 * <p>Customer ids are {@code "c0000123"}-style strings, one {@code String} instance per customer
 * shared by all its rows (as a backend that caches its ids would pass them); rows are in random
 * order (neither by customer nor by time), which is the worst case for the log's sort. Times are
 * uniform epoch seconds in {@code [2023-01-01, 2026-01-01)} UTC, amounts uniform in {@code [5.00,
 * 205.00)} cents-exact. Deterministic for a seed. Not thread-safe while generating; the arrays are
 * read-only afterwards.
 */
public final class BenchmarkData {
  /** The currency of every generated amount. */
  public static final Currency USD = Currency.getInstance("USD");

  /** The first instant of the generated window. */
  public static final long START_SECOND =
      LocalDate.of(2023, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

  /** The first instant after the generated window (three years later). */
  public static final long END_SECOND =
      LocalDate.of(2026, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();

  /** The customer id of each row (shared instances per customer). */
  public final String[] customerIds;
  /** The epoch second of each row. */
  public final long[] epochSeconds;
  /** The amount of each row in cents. */
  public final long[] amountsMinor;
  /** The number of distinct customers. */
  public final int customers;

  private BenchmarkData(String[] customerIds, long[] epochSeconds, long[] amountsMinor, int customers) {
    this.customerIds = customerIds;
    this.epochSeconds = epochSeconds;
    this.amountsMinor = amountsMinor;
    this.customers = customers;
  }

  /**
   * Generates purchases.
   *
   * @param size the number of rows
   * @param customers the number of customers (every one gets rows with high probability when
   *     {@code size >> customers})
   * @param seed the seed of the {@link SplittableRandom}
   * @return the columns
   */
  public static BenchmarkData generate(int size, int customers, long seed) {
    if (size < 1 || customers < 1) {
      throw new IllegalArgumentException(
          "size and customers must be >= 1, were " + size + " and " + customers);
    }
    SplittableRandom r = new SplittableRandom(seed);
    String[] pool = new String[customers];
    for (int c = 0; c < customers; c++) {
      pool[c] = String.format(java.util.Locale.ROOT, "c%07d", c);
    }
    String[] ids = new String[size];
    long[] sec = new long[size];
    long[] amt = new long[size];
    for (int i = 0; i < size; i++) {
      ids[i] = pool[r.nextInt(customers)];
      sec[i] = r.nextLong(START_SECOND, END_SECOND);
      amt[i] = r.nextLong(500, 20_500);
    }
    return new BenchmarkData(ids, sec, amt, customers);
  }

  /**
   * The number of rows.
   *
   * @return the row count
   */
  public int size() {
    return epochSeconds.length;
  }

  /**
   * The rows as purchase objects with order ids {@code "o0"}, {@code "o1"}, ... (allocates one
   * {@link Transaction}, one {@link Instant} and one order id per row).
   *
   * @return a new list in row order
   */
  public List<Transaction> transactions() {
    List<Transaction> out = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      out.add(Transaction.purchase(
          "o" + i, customerIds[i], Instant.ofEpochSecond(epochSeconds[i]), amountsMinor[i], USD));
    }
    return out;
  }
}
