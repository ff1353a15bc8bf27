package dev.retention.summary;

import dev.retention.internal.Checks;
import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A calibration/holdout split: customer summaries over a calibration window and, for each of those
 * customers, what they bought in the holdout window that follows. Used to validate a model fitted
 * on the calibration summaries (Fader, Hardie &amp; Lee 2005 use 39 + 39 weeks of CDNOW).
 *
 * <p>The calibration window is the {@link SummarySpec}'s {@code [from, asOf]}; the holdout window is
 * the days {@code (asOf, holdoutEnd]}. Holdout columns, per calibration customer row {@code i}:
 *
 * <ul>
 *   <li>{@link #holdoutPurchases(int)}: distinct purchase periods (of the spec's granularity) in
 *       the holdout window, the quantity a model's conditional expectation predicts (lifetimes'
 *       {@code frequency_holdout});
 *   <li>{@link #holdoutOrders(int)}: purchase rows in the holdout window;
 *   <li>{@link #holdoutGrossMinor(int)}: their summed amount; {@link #holdoutNetMinor(int)}: minus
 *       the refunds dated in the holdout window.
 * </ul>
 *
 * <p>A purchase period that straddles {@code asOf} (possible with coarser periods than days) is
 * counted in the holdout only for its holdout days. Customers whose first purchase falls in the
 * holdout window are not calibration customers and do not appear. Immutable and thread-safe.
 *
 * <p><b>Supported input:</b> {@code holdoutEnd} and the spec's days in {@link
 * dev.retention.time.SupportedRange} (1900-01-01 to 2199-12-31). Money: the log bounds the sum of
 * its |amounts| by {@link Long#MAX_VALUE}, so the holdout gross and net of any customer (a sum over
 * some of those rows) is exact and cannot overflow.
 */
public final class CalibrationHoldout {
  private final CustomerSummaries calibration;
  private final LocalDate holdoutEnd;
  private final int[] purchases;
  private final int[] orders;
  private final long[] gross;
  private final long[] net;

  private CalibrationHoldout(
      CustomerSummaries calibration, LocalDate holdoutEnd, int[] purchases, int[] orders,
      long[] gross, long[] net) {
    this.calibration = calibration;
    this.holdoutEnd = holdoutEnd;
    this.purchases = purchases;
    this.orders = orders;
    this.gross = gross;
    this.net = net;
  }

  /**
   * Splits a log.
   *
   * @param log the transactions
   * @param calibration the calibration window, period and unit
   * @param holdoutEnd the last day of the holdout window (inclusive), after {@code
   *     calibration.asOf()}
   * @return the split
   */
  public static CalibrationHoldout of(
      TransactionLog log, SummarySpec calibration, LocalDate holdoutEnd) {
    Checks.date(holdoutEnd, "holdoutEnd", -1);
    if (!holdoutEnd.isAfter(calibration.asOf())) {
      throw new IllegalArgumentException(
          "holdoutEnd must be after the calibration's asOf " + calibration.asOf() + ", was "
              + holdoutEnd);
    }
    CustomerSummaries cal = CustomerSummaries.of(log, calibration);
    long lo = calibration.asOf().toEpochDay() + 1;
    long hi = holdoutEnd.toEpochDay();
    Granularity g = calibration.period();
    int n = cal.size();
    int[] purchases = new int[n];
    int[] orders = new int[n];
    long[] gross = new long[n];
    long[] net = new long[n];
    for (int i = 0; i < n; i++) {
      int c = cal.logIndex(i);
      long lastPeriod = Long.MIN_VALUE;
      for (int r = log.start(c); r < log.end(c); r++) {
        int day = log.epochDay(r);
        if (day < lo || day > hi) {
          continue;
        }
        long a = log.amountMinor(r);
        net[i] += a;
        if (a < 0) {
          continue;
        }
        long p = g.index(day);
        if (p != lastPeriod) {
          // rows are in time order; a local day going back at a DST midnight stays in its period
          if (p > lastPeriod) {
            purchases[i]++;
          }
          lastPeriod = Math.max(lastPeriod, p);
        }
        orders[i]++;
        gross[i] += a;
      }
    }
    return new CalibrationHoldout(cal, holdoutEnd, purchases, orders, gross, net);
  }

  /**
   * The calibration summaries.
   *
   * @return the summaries, one row per calibration customer
   */
  public CustomerSummaries calibration() {
    return calibration;
  }

  /**
   * The last holdout day, inclusive.
   *
   * @return the day
   */
  public LocalDate holdoutEnd() {
    return holdoutEnd;
  }

  /**
   * The length of the holdout window in the calibration's time unit.
   *
   * @return {@code (holdoutEnd - asOf)} days in the time unit
   */
  public double holdoutLength() {
    return calibration.timeUnit().fromDays(
        holdoutEnd.toEpochDay() - calibration.spec().asOf().toEpochDay());
  }

  /**
   * Purchase periods in the holdout window.
   *
   * @param i a calibration row
   * @return the count
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, calibration().size())}
   */
  public int holdoutPurchases(int i) {
    Objects.checkIndex(i, purchases.length);
    return purchases[i];
  }

  /**
   * Purchase rows in the holdout window.
   *
   * @param i a calibration row
   * @return the count
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, calibration().size())}
   */
  public int holdoutOrders(int i) {
    Objects.checkIndex(i, orders.length);
    return orders[i];
  }

  /**
   * Purchase amounts in the holdout window.
   *
   * @param i a calibration row
   * @return minor units
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, calibration().size())}
   */
  public long holdoutGrossMinor(int i) {
    Objects.checkIndex(i, gross.length);
    return gross[i];
  }

  /**
   * Purchases minus refunds in the holdout window.
   *
   * @param i a calibration row
   * @return minor units
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, calibration().size())}
   */
  public long holdoutNetMinor(int i) {
    Objects.checkIndex(i, net.length);
    return net[i];
  }
}
