package dev.retention.metrics;

import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import dev.retention.time.DateRange;
import java.util.BitSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Customer retention and churn over a period, with an explicit definition of who is a customer at
 * a date.
 *
 * <p><b>Customer at a date {@code d}</b>: someone with at least one qualifying activity on a day in
 * {@code [d - w, d)}, where {@code w} is the active window in days (default 365). Qualifying
 * activity is a purchase ({@link #of(TransactionLog)}; refunds do not count) or, for "critical
 * event" retention, an activity event of one of the given types ({@link #ofActivity(ActivityLog,
 * Set)}).
 *
 * <p>For a period {@code [start, end)}: {@code S} = customers at {@code start}, {@code E} =
 * customers at {@code end}, and the rates of {@link RetentionResult}. Example: 10 customers at the
 * start, 2 of them lost, nobody new: CRR = (8 - 0) / 10 = 80 %, churn = 2 / 10 = 20 %.
 *
 * <p>One pass over the log's rows, no per-row allocation. Immutable and thread-safe.
 */
public final class CustomerRetention {
  private final TransactionLog log;
  private final ActivityLog activity;
  private final BitSet types;
  private final int windowDays;

  private CustomerRetention(
      TransactionLog log, ActivityLog activity, BitSet types, int windowDays) {
    this.log = log;
    this.activity = activity;
    this.types = types;
    this.windowDays = windowDays;
  }

  /**
   * Retention by purchases, with a 365-day active window.
   *
   * @param log the transactions
   * @return the calculator
   */
  public static CustomerRetention of(TransactionLog log) {
    return new CustomerRetention(Objects.requireNonNull(log, "log"), null, null, 365);
  }

  /**
   * Retention by critical activity events, with a 365-day active window.
   *
   * @param activity the activity events
   * @param criticalTypes the event types that make a customer active (e.g. "booking"); types not
   *     present in the log match nothing
   * @return the calculator
   * @throws IllegalArgumentException if {@code criticalTypes} is empty
   */
  public static CustomerRetention ofActivity(ActivityLog activity, Set<String> criticalTypes) {
    Objects.requireNonNull(activity, "activity");
    Objects.requireNonNull(criticalTypes, "criticalTypes");
    if (criticalTypes.isEmpty()) {
      throw new IllegalArgumentException("criticalTypes must not be empty, was []");
    }
    BitSet bits = new BitSet();
    for (String t : criticalTypes) {
      int i = activity.typeIndex(t);
      if (i >= 0) {
        bits.set(i);
      }
    }
    return new CustomerRetention(null, activity, bits, 365);
  }

  /**
   * A copy with another active window.
   *
   * @param days the window {@code w} in days, at least 1
   * @return the copy
   */
  public CustomerRetention withActiveWindowDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("activeWindowDays must be >= 1, was " + days);
    }
    return new CustomerRetention(log, activity, types, days);
  }

  /**
   * The active window.
   *
   * @return {@code w} in days
   */
  public int activeWindowDays() {
    return windowDays;
  }

  /**
   * Retention over a period for all customers.
   *
   * @param period the period
   * @return the counts and rates
   */
  public RetentionResult retention(DateRange period) {
    return retention(period, c -> true);
  }

  /**
   * Retention over a period for the customers a filter accepts.
   *
   * @param period the period
   * @param customerFilter accepts customer indices of the underlying log ({@link
   *     TransactionLog#customerId(int)} or {@link ActivityLog#customerId(int)})
   * @return the counts and rates
   */
  public RetentionResult retention(DateRange period, IntPredicate customerFilter) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(customerFilter, "customerFilter");
    long start = period.start().toEpochDay();
    long end = period.endExclusive().toEpochDay();
    long startLo = start - windowDays;
    long endLo = end - windowDays;
    long s = 0;
    long e = 0;
    long retained = 0;
    long fresh = 0;
    long back = 0;
    int customers = log != null ? log.customerCount() : activity.customerCount();
    for (int c = 0; c < customers; c++) {
      if (!customerFilter.test(c)) {
        continue;
      }
      boolean atStart = false;
      boolean atEnd = false;
      long first = Long.MAX_VALUE;
      int from = log != null ? log.start(c) : activity.start(c);
      int to = log != null ? log.end(c) : activity.end(c);
      for (int r = from; r < to; r++) {
        long day;
        if (log != null) {
          if (log.amountMinor(r) < 0) {
            continue;
          }
          day = log.epochDay(r);
        } else {
          if (!types.get(activity.type(r))) {
            continue;
          }
          day = activity.epochDay(r);
        }
        first = Math.min(first, day);
        atStart |= day >= startLo && day < start;
        atEnd |= day >= endLo && day < end;
      }
      if (atStart) {
        s++;
        if (atEnd) {
          retained++;
        }
      }
      if (atEnd) {
        e++;
        if (!atStart) {
          if (first >= start) {
            fresh++;
          } else {
            back++;
          }
        }
      }
    }
    return new RetentionResult(period, s, e, retained, fresh, back);
  }

}
