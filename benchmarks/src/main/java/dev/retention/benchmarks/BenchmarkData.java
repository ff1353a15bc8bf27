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
 * order (neither by customer nor by time), which is the worst case for the log's sort, or grouped
 * by customer ({@link #sortedByCustomer()}). Times are
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
  /** The customer number of each row (the number in its id). */
  public final int[] customerIndex;
  /** The number of distinct customers. */
  public final int customers;

  private BenchmarkData(
      String[] customerIds, int[] customerIndex, long[] epochSeconds, long[] amountsMinor,
      int customers) {
    this.customerIds = customerIds;
    this.customerIndex = customerIndex;
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
    int[] idx = new int[size];
    long[] sec = new long[size];
    long[] amt = new long[size];
    for (int i = 0; i < size; i++) {
      idx[i] = r.nextInt(customers);
      ids[i] = pool[idx[i]];
      sec[i] = r.nextLong(START_SECOND, END_SECOND);
      amt[i] = r.nextLong(500, 20_500);
    }
    return new BenchmarkData(ids, idx, sec, amt, customers);
  }

  /**
   * The same rows grouped by customer (in id order) and in time order within a customer, as a
   * backend's {@code ORDER BY customer_id, created_at} export gives them.
   *
   * @return a new data set with the rows reordered
   */
  public BenchmarkData sortedByCustomer() {
    int n = size();
    int[] start = new int[customers + 1];
    for (int c : customerIndex) {
      start[c + 1]++;
    }
    for (int c = 0; c < customers; c++) {
      start[c + 1] += start[c];
    }
    int[] pos = java.util.Arrays.copyOf(start, customers);
    String[] ids = new String[n];
    int[] idx = new int[n];
    long[] sec = new long[n];
    long[] amt = new long[n];
    for (int i = 0; i < n; i++) {
      int d = pos[customerIndex[i]]++;
      ids[d] = customerIds[i];
      idx[d] = customerIndex[i];
      sec[d] = epochSeconds[i];
      amt[d] = amountsMinor[i];
    }
    for (int c = 0; c < customers; c++) {
      for (int i = start[c] + 1; i < start[c + 1]; i++) { // insertion sort by second, then amount
        long s = sec[i];
        long a = amt[i];
        int j = i - 1;
        while (j >= start[c] && (sec[j] > s || (sec[j] == s && amt[j] > a))) {
          sec[j + 1] = sec[j];
          amt[j + 1] = amt[j];
          j--;
        }
        sec[j + 1] = s;
        amt[j + 1] = a;
      }
    }
    return new BenchmarkData(ids, idx, sec, amt, customers);
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
