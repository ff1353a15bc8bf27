package dev.retention.metrics;

import dev.retention.data.TransactionLog;
import dev.retention.internal.Checks;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Descriptive purchase metrics over a {@link TransactionLog}: repeat purchase rate, purchase
 * frequency, average order value, customer lifespan, loyal customer rate and historical and simple
 * CLV. Every rate is a {@link Ratio} that keeps numerator and denominator; an empty period gives an
 * undefined ratio, never NaN. Orders are purchase rows (refunds are never orders); net revenue is
 * purchases minus refunds. Each method makes one pass over the log and allocates only its result.
 * Immutable and thread-safe.
 */
public final class PurchaseMetrics {
  /** The largest money argument of {@link #simpleClv}, in the caller's unit. */
  private static final double MAX_MONEY = 1e19;
  private final TransactionLog log;

  private PurchaseMetrics(TransactionLog log) {
    this.log = log;
  }

  /**
   * Metrics over a log.
   *
   * @param log the transactions
   * @return the calculator
   */
  public static PurchaseMetrics of(TransactionLog log) {
    return new PurchaseMetrics(Objects.requireNonNull(log, "log"));
  }

  /**
   * Counts over a period: buyers (customers with at least one order), repeat buyers (two or more
   * orders), orders and net revenue.
   *
   * @param period the period
   * @return the counts
   */
  public PeriodCounts counts(DateRange period) {
    return counts(period.start().toEpochDay(), period.endExclusive().toEpochDay());
  }

  private PeriodCounts counts(long lo, long hi) {
    long buyers = 0;
    long repeat = 0;
    long orders = 0;
    long net = 0;
    for (int c = 0; c < log.customerCount(); c++) {
      int n = 0;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d >= lo && d < hi) {
          long a = log.amountMinor(r);
          net = Math.addExact(net, a);
          if (a >= 0) {
            n++;
          }
        }
      }
      if (n > 0) {
        buyers++;
        if (n > 1) {
          repeat++;
        }
        orders += n;
      }
    }
    return new PeriodCounts(buyers, repeat, orders, net);
  }

  /**
   * Repeat purchase rate in a period: customers with two or more orders in the period / customers
   * with at least one order in it.
   *
   * @param period the period
   * @return the rate, undefined when nobody ordered
   */
  public Ratio repeatPurchaseRate(DateRange period) {
    PeriodCounts k = counts(period);
    return Ratio.of(k.repeatBuyers(), k.buyers());
  }

  /**
   * Lifetime-to-date repeat purchase rate: customers with two or more orders before {@code
   * endExclusive} / customers with at least one.
   *
   * @param endExclusive the first day not counted
   * @return the rate, undefined when nobody ordered
   */
  public Ratio repeatPurchaseRateToDate(LocalDate endExclusive) {
    Checks.date(endExclusive, "endExclusive", -1);
    PeriodCounts k = counts(Long.MIN_VALUE, endExclusive.toEpochDay());
    return Ratio.of(k.repeatBuyers(), k.buyers());
  }

  /**
   * Purchase frequency: orders in the period / customers with at least one order in it.
   *
   * @param period the period
   * @return orders per buying customer, undefined when nobody ordered
   */
  public Ratio purchaseFrequency(DateRange period) {
    PeriodCounts k = counts(period);
    return Ratio.of(k.orders(), k.buyers());
  }

  /**
   * Average order value: net revenue in the period (minor units, refunds dated in the period
   * subtracted) / orders in the period.
   *
   * @param period the period
   * @return minor units per order, undefined when there was no order
   */
  public Ratio averageOrderValue(DateRange period) {
    PeriodCounts k = counts(period);
    return Ratio.of(k.netRevenueMinor(), k.orders());
  }

  /**
   * Observed average customer lifespan: the mean over customers with an order before {@code
   * endExclusive} of the days from their first to their last order (0 for one-time buyers). This
   * is a lower bound of the true lifespan for customers still active; for the lifespan used by the
   * simple CLV formula see {@link #expectedLifespan(Ratio)}.
   *
   * @param endExclusive the first day not counted
   * @return days per customer, undefined when nobody ordered
   */
  public Ratio observedLifespanDays(LocalDate endExclusive) {
    Checks.date(endExclusive, "endExclusive", -1);
    long hi = endExclusive.toEpochDay();
    long customers = 0;
    long days = 0;
    for (int c = 0; c < log.customerCount(); c++) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d < hi && log.amountMinor(r) >= 0) {
          first = Math.min(first, d);
          last = Math.max(last, d);
        }
      }
      if (first != Long.MAX_VALUE) {
        customers++;
        days += last - first;
      }
    }
    return Ratio.of(days, customers);
  }

  /**
   * Expected customer lifespan in periods from a per-period churn rate: {@code 1 / churn}, the
   * mean of a geometric lifetime (e.g. 20 % yearly churn gives 5 years).
   *
   * @param churnRate a churn rate per period, e.g. {@link RetentionResult#churnRate()}
   * @return {@code denominator / numerator} as a ratio: undefined when nobody churned
   */
  public static Ratio expectedLifespan(Ratio churnRate) {
    return Ratio.of(churnRate.denominator(), churnRate.numerator());
  }

  /**
   * Loyal customer rate: customers with an order in the period who meet the rule at its end /
   * customers with an order in the period.
   *
   * @param period the period
   * @param rule the loyalty rule
   * @return the rate, undefined when nobody ordered
   */
  public Ratio loyalCustomerRate(DateRange period, LoyaltyRule rule) {
    Objects.requireNonNull(rule, "rule");
    long lo = period.start().toEpochDay();
    long hi = period.endExclusive().toEpochDay();
    long buyers = 0;
    long loyal = 0;
    Granularity g = rule.granularity();
    long lastPeriod = g == null ? 0 : g.index(hi - 1);
    long firstPeriod = lastPeriod - rule.periods() + 1;
    for (int c = 0; c < log.customerCount(); c++) {
      boolean bought = false;
      int ordersToDate = 0;
      long covered = 0; // bit k set when period firstPeriod + k has a purchase (k < 64)
      boolean[] coveredWide = rule.periods() > 64 ? new boolean[rule.periods()] : null;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d >= hi || log.amountMinor(r) < 0) {
          continue;
        }
        ordersToDate++;
        bought |= d >= lo;
        if (g != null) {
          long p = g.index(d);
          if (p >= firstPeriod && p <= lastPeriod) {
            int k = (int) (p - firstPeriod);
            if (coveredWide != null) {
              coveredWide[k] = true;
            } else {
              covered |= 1L << k;
            }
          }
        }
      }
      if (!bought) {
        continue;
      }
      buyers++;
      boolean isLoyal;
      if (g == null) {
        isLoyal = ordersToDate >= rule.minOrders();
      } else if (coveredWide != null) {
        isLoyal = true;
        for (boolean b : coveredWide) {
          isLoyal &= b;
        }
      } else {
        isLoyal = Long.bitCount(covered) == rule.periods();
      }
      if (isLoyal) {
        loyal++;
      }
    }
    return Ratio.of(loyal, buyers);
  }

  /**
   * Historical CLV: per customer, net revenue before {@code endExclusive} times a gross margin.
   *
   * @param endExclusive the first day not counted
   * @param grossMargin the margin in {@code [0, 1]}; 1 gives revenue CLV
   * @return per-customer values and their mean
   */
  public HistoricalClv historicalClv(LocalDate endExclusive, double grossMargin) {
    Checks.date(endExclusive, "endExclusive", -1);
    Checks.inRange(grossMargin, 0, 1, "grossMargin");
    long hi = endExclusive.toEpochDay();
    int n = log.customerCount();
    long[] net = new long[n];
    boolean[] active = new boolean[n];
    for (int c = 0; c < n; c++) {
      long s = 0;
      for (int r = log.start(c); r < log.end(c); r++) {
        if (log.epochDay(r) < hi) {
          s = Math.addExact(s, log.amountMinor(r));
          active[c] |= log.amountMinor(r) >= 0;
        }
      }
      net[c] = s;
    }
    return new HistoricalClv(log, net, active, grossMargin);
  }

  /**
   * The simple CLV formula: average order value × purchases per year × expected lifespan in years
   * × gross margin (e.g. Gupta &amp; Lehmann, "Customers as Assets", 2003, in its simplest form,
   * without discounting).
   *
   * <p><b>Supported range:</b> {@code |averageOrderValue| <= 1e19} (above {@link Long#MAX_VALUE}
   * minor units), {@code purchasesPerYear} and {@code lifespanYears} in {@code [0, 1e10]} (above
   * any count a log can hold), {@code grossMargin} in {@code [0, 1]}; so values measured from a log
   * (its {@link #averageOrderValue}, or {@link #expectedLifespan(Ratio)} of its churn) always fit,
   * and the result is finite: {@code |CLV| <= 1e19 x 1e10 x 1e10 = 1e39}. Outside these ranges the
   * method throws instead of returning an infinite value.
   *
   * @param averageOrderValue value per order, any money unit, {@code |value| <= 1e19}
   * @param purchasesPerYear purchase frequency per customer per year, in {@code [0, 1e10]}
   * @param lifespanYears expected customer lifespan in years, in {@code [0, 1e10]}
   * @param grossMargin the margin in {@code [0, 1]}
   * @return the CLV in the unit of {@code averageOrderValue}, finite
   * @throws IllegalArgumentException naming the argument if one is NaN or outside its range
   */
  public static double simpleClv(
      double averageOrderValue, double purchasesPerYear, double lifespanYears, double grossMargin) {
    Checks.inRange(averageOrderValue, -MAX_MONEY, MAX_MONEY, "averageOrderValue");
    Checks.inRange(purchasesPerYear, 0, 1e10, "purchasesPerYear");
    Checks.inRange(lifespanYears, 0, 1e10, "lifespanYears");
    Checks.inRange(grossMargin, 0, 1, "grossMargin");
    return averageOrderValue * purchasesPerYear * lifespanYears * grossMargin;
  }

  /**
   * Counts over one period.
   *
   * @param buyers customers with at least one order
   * @param repeatBuyers customers with two or more orders
   * @param orders purchase rows
   * @param netRevenueMinor purchases minus refunds, minor units
   */
  public record PeriodCounts(long buyers, long repeatBuyers, long orders, long netRevenueMinor) {}
}
