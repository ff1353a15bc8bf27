package dev.retention.revenue;

import dev.retention.data.RevenueSnapshot;
import dev.retention.data.TransactionLog;
import dev.retention.internal.Checks;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Revenue per customer per period in one currency: the recurring revenue (MRR for monthly
 * periods) of a subscription business from {@link RevenueSnapshot}s, or the net revenue of a
 * repeat-purchase store from a {@link TransactionLog}. The input of MRR movements, NRR/GRR and
 * ARPA. Immutable and thread-safe.
 *
 * <p>Layout: customers in lexicographic id order, periods {@code firstPeriod ..
 * firstPeriod + periodCount() - 1} of a {@link Granularity}, one dense row-major {@code long[]} of
 * minor units ({@code 8 x customers x periods} bytes). A missing snapshot is revenue 0.
 *
 * <p>Conventions: snapshot dates must be period starts (no silent truncation); one snapshot per
 * customer and period. From transactions, a period's revenue is purchases minus refunds in that
 * period, so it can be negative when refunds exceed purchases; {@link #movements()} then refuses
 * the series (a movement needs non-negative revenue), while {@link #retention} applies its
 * formulas to the signed values.
 *
 * <h2>Supported input</h2>
 *
 * <ul>
 *   <li>Dates: period starts in {@link dev.retention.time.SupportedRange} (1900-01-01 to
 *       2199-12-31; {@link RevenueSnapshot} checks its own) and log rows, which are in range by
 *       construction.
 *   <li>Money: the sum of all snapshot amounts of one series must not exceed {@link
 *       Long#MAX_VALUE} minor units (checked while reading the snapshots; the failure names the
 *       snapshot's position); a log bounds the sum of its |amounts| the same way. Every figure
 *       derived here (a period's start, end, new, expansion, contraction or churned MRR, NRR/GRR
 *       sums) is a sum over part of these values, so none can overflow.
 *   <li>Size: {@code customers x periods <= }{@value #MAX_CELLS} cells (8 bytes each, at most 1
 *       GiB; reading snapshots also holds a 1-byte seen flag per cell until the series is made); a
 *       larger series fails at once, before allocating, naming both factors.
 * </ul>
 *
 * <p>Messages name positions and indices, never a customer id.
 */
public final class RevenueSeries {
  /** The most cells (customers x periods) of a series: 1 GiB of {@code long}s. */
  public static final long MAX_CELLS = 1L << 27;
  private final Granularity granularity;
  private final Currency currency;
  private final String[] ids;
  private final long firstPeriod;
  private final int periods;
  private final long[] revenue;

  private RevenueSeries(Granularity granularity, Currency currency, String[] ids, long firstPeriod,
      int periods, long[] revenue) {
    this.granularity = granularity;
    this.currency = currency;
    this.ids = ids;
    this.firstPeriod = firstPeriod;
    this.periods = periods;
    this.revenue = revenue;
  }

  /**
   * A series from recurring-revenue snapshots.
   *
   * @param snapshots at least one snapshot; all in one currency, one per customer and period
   * @param granularity the period length (MONTH for MRR)
   * @return the series, spanning the first to the last snapshot period
   * @throws NullPointerException if {@code snapshots}, an element of it, or {@code granularity} is
   *     null (the message names the element's position: {@code "snapshots[3] must not be null"})
   * @throws IllegalArgumentException if empty, currencies differ, a date is not a period start,
   *     or a customer has two snapshots for a period
   */
  public static RevenueSeries fromSnapshots(
      Iterable<RevenueSnapshot> snapshots, Granularity granularity) {
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(granularity, "granularity");
    List<RevenueSnapshot> list = new ArrayList<>();
    for (RevenueSnapshot s : snapshots) {
      int i = list.size();
      list.add(Objects.requireNonNull(s, () -> "snapshots[" + i + "] must not be null"));
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("snapshots must not be empty, was []");
    }
    Currency currency = list.get(0).currency();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    Map<String, Integer> index = new HashMap<>();
    long total = 0;
    for (int i = 0; i < list.size(); i++) {
      RevenueSnapshot s = list.get(i);
      total = Checks.addToTotal(total, s.recurringRevenueMinor(), "recurringRevenueMinor", i);
      if (!s.currency().equals(currency)) {
        throw new IllegalArgumentException("currency must be " + currency + " in one series, was "
            + s.currency() + " (snapshot " + i + ")");
      }
      if (!granularity.truncate(s.periodStart()).equals(s.periodStart())) {
        throw new IllegalArgumentException("periodStart must be the first day of a " + granularity
            + ", was " + s.periodStart() + " (snapshot " + i + ")");
      }
      long p = granularity.index(s.periodStart());
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
      index.putIfAbsent(s.customerId(), 0);
    }
    String[] ids = index.keySet().toArray(new String[0]);
    Arrays.sort(ids);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    int periods = cells(ids.length, hi - lo + 1);
    long[] rev = new long[ids.length * periods];
    boolean[] seen = new boolean[rev.length];
    for (int i = 0; i < list.size(); i++) {
      RevenueSnapshot s = list.get(i);
      int cell = index.get(s.customerId()) * periods
          + (int) (granularity.index(s.periodStart()) - lo);
      if (seen[cell]) {
        throw new IllegalArgumentException("snapshots must have one per customer and period, was a "
            + "second for period " + s.periodStart() + " (snapshot " + i + ")");
      }
      seen[cell] = true;
      rev[cell] = s.recurringRevenueMinor();
    }
    return new RevenueSeries(granularity, currency, ids, lo, periods, rev);
  }

  /**
   * A series of net revenue (purchases minus refunds) per customer and period from a transaction
   * log, spanning its first to its last row's period. One pass over the rows.
   *
   * @param log a non-empty log
   * @param granularity the period length (YEAR for year-over-year store NRR)
   * @return the series
   * @throws IllegalArgumentException if the log is empty
   */
  public static RevenueSeries fromTransactions(TransactionLog log, Granularity granularity) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(granularity, "granularity");
    if (log.size() == 0) {
      throw new IllegalArgumentException("log must not be empty, was " + log);
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int r = 0; r < log.size(); r++) {
      long p = granularity.index(log.epochDay(r));
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    String[] ids = new String[log.customerCount()];
    int periods = cells(ids.length, hi - lo + 1);
    long[] rev = new long[ids.length * periods];
    for (int c = 0; c < ids.length; c++) {
      ids[c] = log.customerId(c);
      int base = c * periods;
      for (int r = log.start(c); r < log.end(c); r++) {
        int k = (int) (granularity.index(log.epochDay(r)) - lo);
        rev[base + k] += log.amountMinor(r); // |sum| <= the log's sum of |amount|: no overflow
      }
    }
    return new RevenueSeries(granularity, log.currency(), ids, lo, periods, rev);
  }

  /** Checks the size of a series before it is allocated; returns the period count. */
  private static int cells(int customers, long periods) {
    if (periods > MAX_CELLS || customers * periods > MAX_CELLS) {
      throw new IllegalArgumentException("customers x periods must be <= " + MAX_CELLS
          + " cells (1 GiB), was " + customers + " x " + periods
          + " (use a coarser granularity or fewer customers)");
    }
    return (int) periods;
  }

  /**
   * The period length.
   *
   * @return the granularity
   */
  public Granularity granularity() {
    return granularity;
  }

  /**
   * The currency of every amount.
   *
   * @return the currency
   */
  public Currency currency() {
    return currency;
  }

  /**
   * The number of customers.
   *
   * @return the count
   */
  public int customerCount() {
    return ids.length;
  }

  /**
   * The id of customer {@code c} (lexicographic order).
   *
   * @param c a customer index
   * @return the id
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public String customerId(int c) {
    Objects.checkIndex(c, ids.length);
    return ids[c];
  }

  /**
   * The number of periods.
   *
   * @return the count
   */
  public int periodCount() {
    return periods;
  }

  /**
   * The first day of period {@code t}.
   *
   * @param t a period index in {@code [0, periodCount())}
   * @return the date
   */
  public LocalDate periodStart(int t) {
    Objects.checkIndex(t, periods);
    return granularity.start(firstPeriod + t);
  }

  /**
   * The revenue of a customer in a period.
   *
   * @param c a customer index
   * @param t a period index
   * @return minor units
   */
  public long revenueMinor(int c, int t) {
    Objects.checkIndex(c, ids.length);
    Objects.checkIndex(t, periods);
    return revenue[c * periods + t];
  }

  /**
   * The period index of a date.
   *
   * @param date a day in a covered period
   * @return its index
   * @throws IllegalArgumentException if the period is not covered
   */
  public int periodOf(LocalDate date) {
    long t = granularity.index(Objects.requireNonNull(date, "date")) - firstPeriod;
    if (t < 0 || t >= periods) {
      throw new IllegalArgumentException("date must be in a period from " + periodStart(0)
          + " to " + periodStart(periods - 1) + ", was " + date);
    }
    return (int) t;
  }

  /**
   * MRR movements of every period (period 0 treats all revenue as new: no earlier data).
   *
   * @return one movement per period, in order
   * @throws IllegalStateException if some revenue is negative (refunds exceeding purchases)
   */
  public List<MrrMovement> movements() {
    List<MrrMovement> out = new ArrayList<>(periods);
    for (int t = 0; t < periods; t++) {
      out.add(movement(t));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The MRR movement into period {@code t} from period {@code t - 1}. With {@code prev, cur} a
   * customer's revenue in {@code t-1} and {@code t}: new when {@code prev = 0 < cur} and the
   * customer had no revenue before; reactivation when {@code prev = 0 < cur} after earlier
   * revenue; expansion {@code cur - prev} when {@code 0 < prev < cur}; contraction {@code prev -
   * cur} when {@code 0 < cur < prev}; churn {@code prev} when {@code prev > 0 = cur}. Allocates one
   * result; O(customers x t).
   *
   * @param t a period index
   * @return the movement
   * @throws IllegalStateException if some revenue in periods {@code 0..t} is negative
   */
  public MrrMovement movement(int t) {
    Objects.checkIndex(t, periods);
    long start = 0;
    long end = 0;
    long nw = 0;
    long react = 0;
    long exp = 0;
    long contr = 0;
    long churn = 0;
    long startCustomers = 0;
    long endCustomers = 0;
    long newCustomers = 0;
    long reactivated = 0;
    long churned = 0;
    for (int c = 0; c < ids.length; c++) {
      int base = c * periods;
      boolean earlier = false;
      for (int u = 0; u <= t; u++) {
        long v = revenue[base + u];
        if (v < 0) {
          throw new IllegalStateException("revenue must be >= 0 for MRR movements, was " + v
              + " (customer index " + c + ", period " + periodStart(u) + ")");
        }
        if (u < t - 1 && v > 0) {
          earlier = true;
        }
      }
      long prev = t == 0 ? 0 : revenue[base + t - 1];
      long cur = revenue[base + t];
      start += prev;
      end += cur;
      if (prev > 0) {
        startCustomers++;
      }
      if (cur > 0) {
        endCustomers++;
      }
      if (prev == 0 && cur > 0) {
        if (earlier) {
          react += cur;
          reactivated++;
        } else {
          nw += cur;
          newCustomers++;
        }
      } else if (prev > 0 && cur == 0) {
        churn += prev;
        churned++;
      } else if (prev > 0 && cur > prev) {
        exp += cur - prev;
      } else if (prev > 0 && cur < prev) {
        contr += prev - cur;
      }
    }
    return new MrrMovement(periodStart(t), start, end, nw, exp, contr, churn, react,
        startCustomers, endCustomers, newCustomers, reactivated, churned);
  }

  /**
   * Net and gross revenue retention of the customers with revenue in {@code base}, measured in
   * {@code current}: {@code NRR = sum_i cur_i / sum_i base_i}, {@code GRR = sum_i min(cur_i,
   * base_i) / sum_i base_i} over {@code i} with {@code base_i > 0}. O(customers).
   *
   * @param base a day in the base period
   * @param current a day in the measured period (usually later)
   * @return the retention
   */
  public RevenueRetention retention(LocalDate base, LocalDate current) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(current, "current");
    int b = periodOf(base);
    int k = periodOf(current);
    return retention(b, k, -1);
  }

  /**
   * Year-over-year NRR and GRR: {@link #retention} from the period one year before {@code
   * current} (12 months, 4 quarters, 52 weeks, 365 days, or 1 year back).
   *
   * @param current a day in the measured period
   * @return the retention
   * @throws IllegalArgumentException if the base period is not covered
   */
  public RevenueRetention yearlyRetention(LocalDate current) {
    Objects.requireNonNull(current, "current");
    int back;
    switch (granularity) {
      case MONTH:
        back = 12;
        break;
      case QUARTER:
        back = 4;
        break;
      case WEEK:
        back = 52;
        break;
      case DAY:
        back = 365;
        break;
      default:
        back = 1;
    }
    int k = periodOf(current);
    if (k - back < 0) {
      throw new IllegalArgumentException("current must be at least one year after the first "
          + "period " + periodStart(0) + ", was " + current);
    }
    return retention(k - back, k, -1);
  }

  /**
   * Cohort NRR and GRR: the customers whose first period with revenue is {@code cohort}, their
   * revenue {@code periodsAfter} periods later against their first-period revenue.
   *
   * @param cohort a day in the cohort period
   * @param periodsAfter periods after the cohort period, {@code >= 0}
   * @return the retention
   */
  public RevenueRetention cohortRetention(LocalDate cohort, int periodsAfter) {
    Objects.requireNonNull(cohort, "cohort");
    if (periodsAfter < 0) {
      throw new IllegalArgumentException("periodsAfter must be >= 0, was " + periodsAfter);
    }
    int b = periodOf(cohort);
    if (b + (long) periodsAfter >= periods) {
      throw new IllegalArgumentException("periodsAfter must stay within the series ("
          + (periods - 1 - b) + " periods after " + periodStart(b) + "), was " + periodsAfter);
    }
    return retention(b, b + periodsAfter, b);
  }

  private RevenueRetention retention(int b, int k, int cohortFirst) {
    long baseSum = 0;
    long curSum = 0;
    long capped = 0;
    long baseCustomers = 0;
    long retainedCustomers = 0;
    for (int c = 0; c < ids.length; c++) {
      int row = c * periods;
      long bv = revenue[row + b];
      if (bv <= 0) {
        continue;
      }
      if (cohortFirst >= 0) {
        boolean earlier = false;
        for (int u = 0; u < cohortFirst; u++) {
          earlier |= revenue[row + u] > 0;
        }
        if (earlier) {
          continue;
        }
      }
      long cv = revenue[row + k];
      baseCustomers++;
      if (cv > 0) {
        retainedCustomers++;
      }
      baseSum = Math.addExact(baseSum, bv);
      curSum = Math.addExact(curSum, cv);
      capped = Math.addExact(capped, Math.min(cv, bv));
    }
    return new RevenueRetention(periodStart(b), periodStart(k), baseCustomers, retainedCustomers,
        baseSum, curSum, capped);
  }

  @Override
  public String toString() {
    return "RevenueSeries{" + ids.length + " customers, " + periods + " x " + granularity
        + " from " + periodStart(0) + ", " + currency + "}";
  }
}
