package dev.retention.metrics;

import dev.retention.data.TransactionLog;
import java.util.Objects;

/**
 * Historical customer lifetime value: net revenue to date (purchases minus refunds) times a gross
 * margin, per customer and on average. Customers of the log with no purchase before the cut-off are
 * not counted in the average. Immutable and thread-safe.
 */
public final class HistoricalClv {
  private final TransactionLog log;
  private final long[] netMinor;
  private final boolean[] counted;
  private final double margin;

  HistoricalClv(TransactionLog log, long[] netMinor, boolean[] counted, double margin) {
    this.log = log;
    this.netMinor = netMinor;
    this.counted = counted;
    this.margin = margin;
  }

  /**
   * The historical CLV of one customer.
   *
   * @param customerId a customer id of the log
   * @return net revenue to date × margin, in minor units; 0 for an id with no transaction
   */
  public double valueMinor(String customerId) {
    int c = log.indexOf(customerId);
    return c < 0 ? 0.0 : netMinor[c] * margin;
  }

  /**
   * The historical CLV of customer {@code c} of the log.
   *
   * @param c a customer index of the log
   * @return net revenue to date × margin, in minor units
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, log.customerCount())}
   */
  public double valueMinor(int c) {
    Objects.checkIndex(c, netMinor.length);
    return netMinor[c] * margin;
  }

  /**
   * The mean historical CLV over customers with at least one purchase to date.
   *
   * @return Σ net × margin / customers, minor units; undefined with no customers
   */
  public Ratio average() {
    double sum = 0;
    long n = 0;
    for (int c = 0; c < netMinor.length; c++) {
      if (counted[c]) {
        sum += netMinor[c];
        n++;
      }
    }
    return Ratio.of(sum * margin, n);
  }

  /**
   * The gross margin applied.
   *
   * @return the margin
   */
  public double margin() {
    return margin;
  }
}
