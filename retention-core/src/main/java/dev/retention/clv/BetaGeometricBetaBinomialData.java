package dev.retention.clv;

import java.util.Objects;

/**
 * Input of the BG/BB model: discrete-time recency/frequency patterns {@code (x, t_x, n)} with the
 * number of customers (or a non-negative weight) sharing each pattern.
 *
 * <p>For a customer observed over {@code n} transaction opportunities (periods 1..n after the
 * first transaction), {@code x} is the number of opportunities with a transaction and {@code t_x}
 * the last such opportunity (0 when {@code x == 0}). Fader, Hardie and Shang (2010) tabulate the
 * 11,104 donors of their example as 22 such patterns with {@code n = 6}.
 *
 * <p>Validation, with a message naming the row, the field, the rule and the value: {@code n >= 0};
 * {@code 0 <= x <= t_x <= n} (at most one transaction per opportunity, so {@code x <= t_x});
 * {@code t_x == 0} when {@code x == 0}; counts finite and {@code >= 0} with a positive total. The
 * {@code double[]} factory also requires every x, t_x, n to be an integer value.
 *
 * <p>Immutable and thread-safe; arrays are copied in and out.
 */
public final class BetaGeometricBetaBinomialData {

  private final int[] x;
  private final int[] recency;
  private final int[] periods;
  private final double[] count;
  private final double totalCount;
  private final int maxPeriods;

  private BetaGeometricBetaBinomialData(int[] x, int[] recency, int[] periods, double[] count) {
    this.x = x;
    this.recency = recency;
    this.periods = periods;
    this.count = count;
    double total = 0.0;
    for (double c : count) {
      total += c;
    }
    this.totalCount = total;
    int max = 0;
    for (int n : periods) {
      max = Math.max(max, n);
    }
    this.maxPeriods = max;
  }

  /**
   * Patterns with counts.
   *
   * @param x transactions per pattern
   * @param recency {@code t_x}, the opportunity of the last transaction (0 if none)
   * @param periods {@code n}, the number of opportunities observed
   * @param counts customers (or weight) per pattern
   * @return the validated data
   * @throws IllegalArgumentException naming the first bad row, field, rule and value, or for
   *     arrays of different lengths, or no positive count
   */
  public static BetaGeometricBetaBinomialData of(
      int[] x, int[] recency, int[] periods, double[] counts) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(recency, "recency");
    Objects.requireNonNull(periods, "periods");
    Objects.requireNonNull(counts, "counts");
    int rows = x.length;
    if (recency.length != rows || periods.length != rows || counts.length != rows) {
      throw new IllegalArgumentException(
          "x, recency, periods and counts must have the same length, were " + rows + ", "
              + recency.length + ", " + periods.length + ", " + counts.length);
    }
    double total = 0.0;
    for (int i = 0; i < rows; i++) {
      checkRow(x[i], recency[i], periods[i], counts[i], i);
      total += counts[i];
    }
    if (!(total > 0.0)) {
      throw new IllegalArgumentException(
          "counts must have a positive total, had " + rows + " rows summing to " + total);
    }
    return new BetaGeometricBetaBinomialData(
        x.clone(), recency.clone(), periods.clone(), counts.clone());
  }

  /**
   * Patterns with unit counts (one customer per row).
   *
   * @param x transactions per customer
   * @param recency {@code t_x} per customer
   * @param periods {@code n} per customer
   * @return the validated data
   */
  public static BetaGeometricBetaBinomialData of(int[] x, int[] recency, int[] periods) {
    Objects.requireNonNull(x, "x");
    double[] ones = new double[x.length];
    java.util.Arrays.fill(ones, 1.0);
    return of(x, recency, periods, ones);
  }

  /**
   * Patterns read as floating-point columns (for example from a CSV file), each of x, t_x and n
   * required to be an integer value.
   *
   * @param x transactions per pattern, integer-valued
   * @param recency {@code t_x}, integer-valued
   * @param periods {@code n}, integer-valued
   * @param counts customers (or weight) per pattern
   * @return the validated data
   * @throws IllegalArgumentException naming the first non-integer or out-of-range value and row
   */
  public static BetaGeometricBetaBinomialData of(
      double[] x, double[] recency, double[] periods, double[] counts) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(recency, "recency");
    Objects.requireNonNull(periods, "periods");
    int rows = x.length;
    if (recency.length != rows || periods.length != rows) {
      throw new IllegalArgumentException(
          "x, recency and periods must have the same length, were " + rows + ", "
              + recency.length + ", " + periods.length);
    }
    int[] xi = new int[rows];
    int[] ti = new int[rows];
    int[] ni = new int[rows];
    for (int i = 0; i < rows; i++) {
      xi[i] = toInt("x", x[i], i);
      ti[i] = toInt("recency", recency[i], i);
      ni[i] = toInt("periods", periods[i], i);
    }
    return of(xi, ti, ni, counts);
  }

  private static int toInt(String field, double value, int row) {
    if (!(value >= 0.0) || value != Math.rint(value) || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          field + " must be a non-negative integer, was " + value + " (row " + row + ")");
    }
    return (int) value;
  }

  /** Validates one pattern; {@code row < 0} means a single pattern, named without a row. */
  static void checkRow(int x, int tx, int n, double count, int row) {
    String where = row < 0 ? "" : " (row " + row + ")";
    if (n < 0) {
      throw new IllegalArgumentException("periods must be >= 0, was " + n + where);
    }
    if (x < 0) {
      throw new IllegalArgumentException(
          "x must be a non-negative integer, was " + x + where);
    }
    if (tx < 0 || tx > n) {
      throw new IllegalArgumentException(
          "recency must be in [0, periods = " + n + "], was " + tx + where);
    }
    if (x > tx) {
      throw new IllegalArgumentException(
          "x must be <= recency (at most one transaction per opportunity), was x = " + x
              + " > recency = " + tx + where);
    }
    if (x == 0 && tx != 0) {
      throw new IllegalArgumentException(
          "recency must be 0 when x = 0, was " + tx + where);
    }
    if (!(count >= 0.0) || Double.isInfinite(count)) {
      throw new IllegalArgumentException(
          "count must be finite and >= 0, was " + count + where);
    }
  }

  /**
   * The same patterns in a canonical order that does not depend on the order of the rows, for
   * the fitter: sorted by n, then x, then t_x, then count; rows with the same (x, t_x, n) merged
   * into one whose count is their sum, taken in ascending order of the counts. Every permutation
   * of the rows gives bit-identical arrays, and so a bit-identical log-likelihood and fit.
   * Allocates O(rows).
   *
   * @return the canonical data (a new instance; this one keeps the caller's order)
   */
  BetaGeometricBetaBinomialData canonical() {
    int rows = x.length;
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (u, v) -> {
      int c = Integer.compare(periods[u], periods[v]);
      if (c == 0) {
        c = Integer.compare(x[u], x[v]);
      }
      if (c == 0) {
        c = Integer.compare(recency[u], recency[v]);
      }
      return c != 0 ? c : Double.compare(count[u], count[v]);
    });
    int[] cx = new int[rows];
    int[] ct = new int[rows];
    int[] cn = new int[rows];
    double[] cc = new double[rows];
    int m = -1;
    for (int k = 0; k < rows; k++) {
      int i = order[k];
      if (m >= 0 && cn[m] == periods[i] && cx[m] == x[i] && ct[m] == recency[i]) {
        cc[m] += count[i];
      } else {
        m++;
        cx[m] = x[i];
        ct[m] = recency[i];
        cn[m] = periods[i];
        cc[m] = count[i];
      }
    }
    m++;
    return new BetaGeometricBetaBinomialData(java.util.Arrays.copyOf(cx, m),
        java.util.Arrays.copyOf(ct, m), java.util.Arrays.copyOf(cn, m),
        java.util.Arrays.copyOf(cc, m));
  }

  /**
   * Number of patterns (rows).
   *
   * @return number of patterns (rows)
   */
  public int size() {
    return x.length;
  }

  /**
   * Sum of the counts (the number of customers).
   *
   * @return sum of the counts (the number of customers)
   */
  public double totalCount() {
    return totalCount;
  }

  /**
   * A copy of the x column.
   *
   * @return a copy of the x column
   */
  public int[] x() {
    return x.clone();
  }

  /**
   * A copy of the t_x column.
   *
   * @return a copy of the t_x column
   */
  public int[] recency() {
    return recency.clone();
  }

  /**
   * A copy of the n column.
   *
   * @return a copy of the n column
   */
  public int[] periods() {
    return periods.clone();
  }

  /**
   * A copy of the counts.
   *
   * @return a copy of the counts
   */
  public double[] counts() {
    return count.clone();
  }

  /**
   * The largest n over the patterns.
   *
   * @return the largest n over the patterns
   */
  public int maxPeriods() {
    return maxPeriods;
  }

  int[] xArray() {
    return x;
  }

  int[] recencyArray() {
    return recency;
  }

  int[] periodsArray() {
    return periods;
  }

  double[] countArray() {
    return count;
  }
}
