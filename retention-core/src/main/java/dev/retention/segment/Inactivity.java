package dev.retention.segment;

import dev.retention.internal.Checks;
import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Customers with no purchase (or no activity of given types) for at least {@code N} days as of a
 * day, ordered by the value at stake. Immutable result; the static factories are pure functions.
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li>{@link #noPurchase}: customers of the log with a purchase on or before {@code asOf} whose
 *       last purchase is at least {@code days} days before {@code asOf} ({@code asOf - last >=
 *       days}). Value at stake = the customer's net revenue on or before {@code asOf}.
 *   <li>{@link #noActivity}: customers of the activity log with an event on or before
 *       {@code asOf} whose last event of the given types (any type when the set is empty) is at
 *       least {@code days} days before {@code asOf}, or who never had one ({@link #NEVER}).
 *       Value at stake = net revenue on or before {@code asOf} from an optional transaction log,
 *       else 0.
 * </ul>
 *
 * Order: value at stake descending, then days inactive descending ({@link #NEVER} first), then id
 * ascending, so the order does not depend on input order.
 */
public final class Inactivity {
  /** Days inactive of a customer who never had an event of the given types. */
  public static final int NEVER = Integer.MAX_VALUE;

  private final LocalDate asOf;
  private final int minDays;
  private final String[] ids;
  private final int[] days;
  private final long[] value;

  private Inactivity(LocalDate asOf, int minDays, String[] ids, int[] days, long[] value) {
    this.asOf = asOf;
    this.minDays = minDays;
    this.ids = ids;
    this.days = days;
    this.value = value;
  }

  /**
   * Customers without a purchase for at least {@code days} days.
   *
   * @param log the transactions
   * @param asOf the as-of day (inclusive)
   * @param days the minimum days since the last purchase, {@code >= 1}
   * @return the inactive customers by value at stake
   */
  public static Inactivity noPurchase(TransactionLog log, LocalDate asOf, int days) {
    Objects.requireNonNull(log, "log");
    Checks.date(asOf, "asOf", -1);
    checkDays(days);
    int day = (int) Checks.date(asOf, "asOf", -1).toEpochDay(); // in range: fits an int
    int n = log.customerCount();
    String[] ids = new String[n];
    int[] inactive = new int[n];
    long[] val = new long[n];
    int k = 0;
    for (int c = 0; c < n; c++) {
      int last = Integer.MIN_VALUE;
      long sum = 0;
      for (int r = log.start(c); r < log.end(c) && log.epochDay(r) <= day; r++) {
        sum = Math.addExact(sum, log.amountMinor(r));
        if (log.amountMinor(r) >= 0) {
          last = log.epochDay(r);
        }
      }
      if (last != Integer.MIN_VALUE && day - last >= days) {
        ids[k] = log.customerId(c);
        inactive[k] = day - last;
        val[k] = sum;
        k++;
      }
    }
    return sorted(asOf, days, ids, inactive, val, k);
  }

  /**
   * Customers without activity of the given types for at least {@code days} days.
   *
   * @param log the activity events
   * @param types event type names that count as activity; empty means any type
   * @param asOf the as-of day (inclusive)
   * @param days the minimum days since the last such event, {@code >= 1}
   * @param revenue a transaction log for the value at stake, or null for 0
   * @return the inactive customers by value at stake
   */
  public static Inactivity noActivity(
      ActivityLog log, Set<String> types, LocalDate asOf, int days, TransactionLog revenue) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(types, "types");
    Checks.date(asOf, "asOf", -1);
    checkDays(days);
    boolean[] counts = new boolean[log.typeCount()];
    if (types.isEmpty()) {
      Arrays.fill(counts, true);
    } else {
      for (String t : types) {
        int ti = log.typeIndex(Objects.requireNonNull(t, "types element"));
        if (ti >= 0) {
          counts[ti] = true;
        }
      }
    }
    int day = (int) Checks.date(asOf, "asOf", -1).toEpochDay(); // in range: fits an int
    int n = log.customerCount();
    String[] ids = new String[n];
    int[] inactive = new int[n];
    long[] val = new long[n];
    int k = 0;
    for (int c = 0; c < n; c++) {
      boolean any = false;
      int last = Integer.MIN_VALUE;
      for (int r = log.start(c); r < log.end(c) && log.epochDay(r) <= day; r++) {
        any = true;
        if (counts[log.type(r)]) {
          last = log.epochDay(r);
        }
      }
      if (!any) {
        continue;
      }
      int d = last == Integer.MIN_VALUE ? NEVER : day - last;
      if (d >= days) {
        ids[k] = log.customerId(c);
        inactive[k] = d;
        val[k] = revenue == null ? 0 : netOnOrBefore(revenue, ids[k], day);
        k++;
      }
    }
    return sorted(asOf, days, ids, inactive, val, k);
  }

  private static long netOnOrBefore(TransactionLog log, String id, int day) {
    int c = log.indexOf(id);
    long sum = 0;
    if (c >= 0) {
      for (int r = log.start(c); r < log.end(c) && log.epochDay(r) <= day; r++) {
        sum = Math.addExact(sum, log.amountMinor(r));
      }
    }
    return sum;
  }

  private static void checkDays(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1, was " + days);
    }
  }

  private static Inactivity sorted(
      LocalDate asOf, int minDays, String[] ids, int[] inactive, long[] val, int k) {
    int[] order = Ranking.order(k, (a, b) -> {
      int c = Long.compare(val[b], val[a]);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(inactive[b], inactive[a]);
      return c != 0 ? c : ids[a].compareTo(ids[b]);
    });
    String[] oi = new String[k];
    int[] od = new int[k];
    long[] ov = new long[k];
    for (int i = 0; i < k; i++) {
      oi[i] = ids[order[i]];
      od[i] = inactive[order[i]];
      ov[i] = val[order[i]];
    }
    return new Inactivity(asOf, minDays, oi, od, ov);
  }

  /**
   * The as-of day.
   *
   * @return the day
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The minimum days inactive asked for.
   *
   * @return days
   */
  public int minDays() {
    return minDays;
  }

  /**
   * The number of inactive customers.
   *
   * @return the count
   */
  public int size() {
    return ids.length;
  }

  /**
   * The id at position {@code i} (0 = most value at stake).
   *
   * @param i a position
   * @return the id
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String customerId(int i) {
    Objects.checkIndex(i, ids.length);
    return ids[i];
  }

  /**
   * Days inactive at position {@code i}.
   *
   * @param i a position
   * @return days, or {@link #NEVER}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int daysInactive(int i) {
    Objects.checkIndex(i, days.length);
    return days[i];
  }

  /**
   * Value at stake at position {@code i}.
   *
   * @param i a position
   * @return net revenue in minor units
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public long valueAtStakeMinor(int i) {
    Objects.checkIndex(i, value.length);
    return value[i];
  }

  /**
   * The total value at stake, exact.
   *
   * @return minor units
   */
  public long totalValueAtStakeMinor() {
    long s = 0;
    for (long v : value) {
      s = Math.addExact(s, v);
    }
    return s;
  }
}
