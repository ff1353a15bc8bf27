package dev.retention.clv;

import java.util.Objects;

/**
 * Per-period and total predicted CLV for a table of customers (see {@link ClvCalculator} for the
 * definition, reference and accuracy). Row-major n × K matrix of discounted per-period values
 * {@code (E[Y(kL)] − E[Y((k−1)L)]) · spend · margin/(1+d)^k}, each non-negative, and per-row totals
 * computed by summation by parts (equal to the sum of the per-period values up to rounding, and
 * more accurate than that sum). Immutable and thread-safe; accessors copy arrays.
 */
public final class ClvResult {
  private final int rows;
  private final int periods;
  private final double[] perPeriod;
  private final double[] totals;
  private final double periodLength;
  private final double discountRate;

  ClvResult(int rows, int periods, double[] perPeriod, double[] totals, double periodLength,
      double discountRate) {
    this.rows = rows;
    this.periods = periods;
    this.perPeriod = perPeriod;
    this.totals = totals;
    this.periodLength = periodLength;
    this.discountRate = discountRate;
  }

  /** @return the number of rows */
  public int rows() {
    return rows;
  }

  /** @return the number of periods K */
  public int periods() {
    return periods;
  }

  /**
   * The discounted value of one row in one period.
   *
   * @param row the row
   * @param period the period, 0-based (period 0 is the first, discounted once)
   * @return the value
   */
  public double value(int row, int period) {
    Objects.checkIndex(row, totals.length);
    if (period < 0 || period >= periods) {
      throw new IndexOutOfBoundsException("period must be in 0.." + (periods - 1) + ", was "
          + period);
    }
    return perPeriod[row * periods + period];
  }

  /**
   * The per-period values of one row.
   *
   * @param row the row, in {@code [0, rows)}
   * @return a fresh array of K values
   */
  public double[] perPeriod(int row) {
    Objects.checkIndex(row, totals.length);
    double[] v = new double[periods];
    System.arraycopy(perPeriod, row * periods, v, 0, periods);
    return v;
  }

  /**
   * The CLV of one row: the sum of its per-period values (evaluated by summation by parts).
   *
   * @param row the row, in {@code [0, rows)}
   * @return the total
   */
  public double total(int row) {
    Objects.checkIndex(row, totals.length);
    return totals[row];
  }

  /** @return a fresh array of per-row totals */
  public double[] totals() {
    return totals.clone();
  }

  /** @return per-period sums over all rows, K values */
  public double[] periodTotals() {
    double[] s = new double[periods];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < periods; k++) {
        s[k] += perPeriod[i * periods + k];
      }
    }
    return s;
  }

  /** @return the period length in the model's time unit */
  public double periodLength() {
    return periodLength;
  }

  /** @return the discount rate per period used */
  public double discountRatePerPeriod() {
    return discountRate;
  }
}
