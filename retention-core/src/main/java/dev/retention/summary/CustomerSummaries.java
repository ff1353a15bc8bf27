package dev.retention.summary;

import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import dev.retention.time.ModelTimeUnit;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The recency–frequency–monetary table that every model and segmenter reads: one row per customer
 * with at least one purchase in the observation window, in the log's customer order.
 *
 * <h2>Definitions</h2>
 *
 * Let the window be the days {@code [from, asOf]} of a {@link SummarySpec}, and for one customer
 * let the <em>purchase periods</em> be the distinct periods of the spec's {@link
 * SummarySpec#period() granularity} that contain at least one purchase (refunds never make a
 * purchase period). With {@code p0} the start day of the first purchase period and {@code pL} the
 * start day of the last one:
 *
 * <ul>
 *   <li>{@code orders}: purchase rows in the window (an order is counted even when its amount is
 *       0);
 *   <li>{@code grossRevenue}: the sum of purchase amounts; {@code netRevenue}: gross minus the
 *       refunds dated in the window (both exact, minor units);
 *   <li>{@code x} ({@link #frequency(int)}): the number of purchase periods minus one, i.e. the
 *       number of <em>repeat</em> purchase periods;
 *   <li>{@code t_x} ({@link #recency(int)}): {@code (pL - p0)} in days, divided by the time unit's
 *       length in days; 0 when {@code x = 0};
 *   <li>{@code T} ({@link #age(int)}): {@code (asOf - p0)} in days, in the time unit;
 *   <li>{@link #meanRepeatSpendMinor(int)}: the mean over the repeat purchase periods of each
 *       period's summed purchase amounts (the first purchase period excluded), 0 when {@code x =
 *       0}; {@link #meanSpendMinor(int)}: the same mean over all purchase periods.
 * </ul>
 *
 * <p>With daily periods, {@code p0} and {@code pL} are the first and last purchase days, and these
 * are exactly the definitions of Fader, Hardie &amp; Lee (2005, "Counting your customers the easy
 * way"), of their CDNOW summary files and of lifetimes' {@code summary_data_from_transaction_data}
 * (with {@code freq='D'} and a {@code freq_multiplier} of 7 for weeks): the 2,357-customer CDNOW
 * calibration summary is reproduced to its two printed decimals by {@code
 * SummarySpec.asOf(1997-09-30).withTimeUnit(WEEKS)}, {@code zbar} being {@link
 * #meanRepeatSpendMinor(int)} / 100. With coarser periods, measuring from the period starts keeps
 * {@code t_x = 0} whenever {@code x = 0} and {@code t_x <= T}, as the models require.
 *
 * <p>Monetary means use purchase amounts, not net of refunds: a refund is dated when it is issued,
 * not in the period of the order it reverses, so netting it per period would produce negative
 * periods. Net revenue per customer is kept exactly in {@link #netRevenueMinor(int)}.
 *
 * <p><b>Supported input:</b> the spec's days in {@link dev.retention.time.SupportedRange} (checked
 * by {@link SummarySpec}) and a log, whose rows are in that range and whose sum of |amounts| is at
 * most {@link Long#MAX_VALUE}: gross and net revenue per customer are sums over some of its rows,
 * so they are exact and cannot overflow, and recency and age fit an {@code int} number of days.
 *
 * <h2>Cost</h2>
 *
 * <p>One pass over the log's rows, no per-row allocation; {@link #compute(TransactionLog,
 * SummarySpec, boolean) parallel} computation splits customers into ranges. The table holds about
 * 64 bytes per customer. Instances are immutable and thread-safe.
 */
public final class CustomerSummaries {
  private final TransactionLog log;
  private final SummarySpec spec;
  private final int[] logIndex;
  private final int[] firstDay;
  private final int[] lastDay;
  private final int[] orders;
  private final long[] gross;
  private final long[] net;
  private final int[] x;
  private final double[] tx;
  private final double[] age;
  private final double[] meanRepeat;
  private final double[] meanAll;

  private CustomerSummaries(
      TransactionLog log, SummarySpec spec, int[] logIndex, int[] firstDay, int[] lastDay,
      int[] orders, long[] gross, long[] net, int[] x, double[] tx, double[] age,
      double[] meanRepeat, double[] meanAll) {
    this.log = log;
    this.spec = spec;
    this.logIndex = logIndex;
    this.firstDay = firstDay;
    this.lastDay = lastDay;
    this.orders = orders;
    this.gross = gross;
    this.net = net;
    this.x = x;
    this.tx = tx;
    this.age = age;
    this.meanRepeat = meanRepeat;
    this.meanAll = meanAll;
  }

  /**
   * Summarises a log sequentially.
   *
   * @param log the transactions
   * @param spec the window, purchase period and time unit
   * @return one row per customer with a purchase in the window
   */
  public static CustomerSummaries of(TransactionLog log, SummarySpec spec) {
    return compute(log, spec, false);
  }

  /**
   * Summarises a log, optionally splitting the customers over the common fork-join pool. The
   * result is identical either way.
   *
   * @param log the transactions
   * @param spec the window, purchase period and time unit
   * @param parallel whether to use several threads
   * @return one row per customer with a purchase in the window
   */
  public static CustomerSummaries compute(TransactionLog log, SummarySpec spec, boolean parallel) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(spec, "spec");
    int cc = log.customerCount();
    Scratch s = new Scratch(cc);
    long lo = spec.from().map(d -> d.toEpochDay()).orElse(Long.MIN_VALUE);
    long hi = spec.asOf().toEpochDay();
    int chunk = 1 << 14;
    int chunks = (cc + chunk - 1) / chunk;
    if (parallel && chunks > 1) {
      IntStream.range(0, chunks).parallel().forEach(
          k -> summarise(log, spec, lo, hi, s, k * chunk, Math.min(cc, (k + 1) * chunk)));
    } else {
      summarise(log, spec, lo, hi, s, 0, cc);
    }
    int n = 0;
    for (int c = 0; c < cc; c++) {
      if (s.included[c]) {
        n++;
      }
    }
    int[] idx = new int[n];
    int w = 0;
    for (int c = 0; c < cc; c++) {
      if (s.included[c]) {
        idx[w++] = c;
      }
    }
    double unitDays = spec.timeUnit().days();
    int[] first = new int[n];
    int[] last = new int[n];
    int[] ord = new int[n];
    long[] gr = new long[n];
    long[] nt = new long[n];
    int[] xx = new int[n];
    double[] rec = new double[n];
    double[] tt = new double[n];
    double[] mr = new double[n];
    double[] ma = new double[n];
    for (int i = 0; i < n; i++) {
      int c = idx[i];
      first[i] = s.firstDay[c];
      last[i] = s.lastDay[c];
      ord[i] = s.orders[c];
      gr[i] = s.gross[c];
      nt[i] = s.net[c];
      xx[i] = s.x[c];
      rec[i] = (s.lastPeriodStart[c] - s.firstPeriodStart[c]) / unitDays;
      tt[i] = (hi - s.firstPeriodStart[c]) / unitDays;
      mr[i] = s.x[c] == 0 ? 0.0 : (double) (s.gross[c] - s.firstPeriodSpend[c]) / s.x[c];
      ma[i] = (double) s.gross[c] / (s.x[c] + 1);
    }
    return new CustomerSummaries(log, spec, idx, first, last, ord, gr, nt, xx, rec, tt, mr, ma);
  }

  /** Per-log-customer working columns, written by disjoint customer ranges. */
  private static final class Scratch {
    final boolean[] included;
    final int[] firstDay;
    final int[] lastDay;
    final int[] firstPeriodStart;
    final int[] lastPeriodStart;
    final int[] orders;
    final int[] x;
    final long[] gross;
    final long[] net;
    final long[] firstPeriodSpend;

    Scratch(int n) {
      included = new boolean[n];
      firstDay = new int[n];
      lastDay = new int[n];
      firstPeriodStart = new int[n];
      lastPeriodStart = new int[n];
      orders = new int[n];
      x = new int[n];
      gross = new long[n];
      net = new long[n];
      firstPeriodSpend = new long[n];
    }
  }

  private static void summarise(
      TransactionLog log, SummarySpec spec, long lo, long hi, Scratch s, int fromC, int toC) {
    Granularity g = spec.period();
    boolean daily = g == Granularity.DAY;
    for (int c = fromC; c < toC; c++) {
      int end = log.end(c);
      int orders = 0;
      int periods = 0;
      long gross = 0;
      long net = 0;
      long firstSpend = 0;
      long firstPeriod = Long.MIN_VALUE;
      long lastPeriod = Long.MIN_VALUE;
      int firstDay = 0;
      int lastDay = 0;
      boolean ordered = true;
      for (int r = log.start(c); r < end; r++) {
        int day = log.epochDay(r);
        if (day < lo || day > hi) {
          continue;
        }
        long amount = log.amountMinor(r);
        net += amount;
        if (amount < 0) {
          continue;
        }
        long p = daily ? day : g.index(day);
        if (orders == 0) {
          firstPeriod = p;
          lastPeriod = p;
          firstDay = day;
          periods = 1;
        } else if (p != lastPeriod) {
          if (p < lastPeriod) {
            ordered = false; // local day went backwards at a midnight DST transition
          }
          periods++;
          lastPeriod = p;
        }
        if (p == firstPeriod) {
          firstSpend += amount;
        }
        if (orders == 0 || day > lastDay) {
          lastDay = day;
        }
        orders++;
        gross += amount;
      }
      if (orders == 0) {
        continue;
      }
      if (!ordered) {
        long[] ps = distinctPeriods(log, c, lo, hi, g);
        periods = ps.length;
        firstPeriod = ps[0];
        lastPeriod = ps[ps.length - 1];
        firstDay = (int) Math.min(firstDay, firstDayOf(log, c, lo, hi));
        firstSpend = spendIn(log, c, lo, hi, g, firstPeriod);
      }
      s.included[c] = true;
      s.firstDay[c] = firstDay;
      s.lastDay[c] = lastDay;
      s.firstPeriodStart[c] = daily ? (int) firstPeriod : (int) g.start(firstPeriod).toEpochDay();
      s.lastPeriodStart[c] = daily ? (int) lastPeriod : (int) g.start(lastPeriod).toEpochDay();
      s.orders[c] = orders;
      s.x[c] = periods - 1;
      s.gross[c] = gross;
      s.net[c] = net;
      s.firstPeriodSpend[c] = firstSpend;
    }
  }

  private static long[] distinctPeriods(
      TransactionLog log, int c, long lo, long hi, Granularity g) {
    long[] ps = new long[log.end(c) - log.start(c)];
    int n = 0;
    for (int r = log.start(c); r < log.end(c); r++) {
      int day = log.epochDay(r);
      if (day >= lo && day <= hi && log.amountMinor(r) >= 0) {
        ps[n++] = g.index(day);
      }
    }
    long[] sorted = Arrays.copyOf(ps, n);
    Arrays.sort(sorted);
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[m++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, m);
  }

  private static long firstDayOf(TransactionLog log, int c, long lo, long hi) {
    long min = Long.MAX_VALUE;
    for (int r = log.start(c); r < log.end(c); r++) {
      int day = log.epochDay(r);
      if (day >= lo && day <= hi && log.amountMinor(r) >= 0) {
        min = Math.min(min, day);
      }
    }
    return min;
  }

  private static long spendIn(
      TransactionLog log, int c, long lo, long hi, Granularity g, long period) {
    long sum = 0;
    for (int r = log.start(c); r < log.end(c); r++) {
      int day = log.epochDay(r);
      if (day >= lo && day <= hi && log.amountMinor(r) >= 0 && g.index(day) == period) {
        sum += log.amountMinor(r);
      }
    }
    return sum;
  }

  /**
   * The log these summaries were computed from.
   *
   * @return the log
   */
  public TransactionLog log() {
    return log;
  }

  /**
   * The window, period and unit.
   *
   * @return the spec
   */
  public SummarySpec spec() {
    return spec;
  }

  /**
   * The unit of {@link #recency(int)} and {@link #age(int)}.
   *
   * @return the time unit
   */
  public ModelTimeUnit timeUnit() {
    return spec.timeUnit();
  }

  /**
   * The number of customers summarised.
   *
   * @return the row count
   */
  public int size() {
    return logIndex.length;
  }

  /**
   * The customer id of row {@code i}.
   *
   * @param i a row in {@code [0, size())}
   * @return the id
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String customerId(int i) {
    Objects.checkIndex(i, logIndex.length);
    return log.customerId(logIndex[i]);
  }

  /**
   * The log's customer index of row {@code i}.
   *
   * @param i a row
   * @return the index in {@link #log()}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int logIndex(int i) {
    Objects.checkIndex(i, logIndex.length);
    return logIndex[i];
  }

  /**
   * The day of the first purchase in the window.
   *
   * @param i a row
   * @return epoch day
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int firstPurchaseEpochDay(int i) {
    Objects.checkIndex(i, firstDay.length);
    return firstDay[i];
  }

  /**
   * The day of the last purchase in the window.
   *
   * @param i a row
   * @return epoch day
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int lastPurchaseEpochDay(int i) {
    Objects.checkIndex(i, lastDay.length);
    return lastDay[i];
  }

  /**
   * The number of purchase rows (orders) in the window.
   *
   * @param i a row
   * @return the order count, at least 1
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int orders(int i) {
    Objects.checkIndex(i, orders.length);
    return orders[i];
  }

  /**
   * The sum of purchase amounts in the window.
   *
   * @param i a row
   * @return minor units
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public long grossRevenueMinor(int i) {
    Objects.checkIndex(i, gross.length);
    return gross[i];
  }

  /**
   * Purchases minus refunds dated in the window.
   *
   * @param i a row
   * @return minor units (negative when refunds of earlier orders exceed the window's purchases)
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public long netRevenueMinor(int i) {
    Objects.checkIndex(i, net.length);
    return net[i];
  }

  /**
   * The number of repeat purchase periods {@code x}.
   *
   * @param i a row
   * @return purchase periods minus one
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int frequency(int i) {
    Objects.checkIndex(i, x.length);
    return x[i];
  }

  /**
   * The recency {@code t_x}: from the first to the last purchase period, in {@link #timeUnit()}.
   *
   * @param i a row
   * @return the recency, in {@code [0, age(i)]}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public double recency(int i) {
    Objects.checkIndex(i, tx.length);
    return tx[i];
  }

  /**
   * The age {@code T}: from the first purchase period to the end of observation, in {@link
   * #timeUnit()}.
   *
   * @param i a row
   * @return the age, at least 0
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public double age(int i) {
    Objects.checkIndex(i, age.length);
    return age[i];
  }

  /**
   * The mean spend per repeat purchase period (the Gamma-Gamma model's {@code zbar}, in minor
   * units).
   *
   * @param i a row
   * @return the mean, 0 when {@code x = 0}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public double meanRepeatSpendMinor(int i) {
    Objects.checkIndex(i, meanRepeat.length);
    return meanRepeat[i];
  }

  /**
   * The mean spend per purchase period, the first included.
   *
   * @param i a row
   * @return gross revenue / (x + 1), in minor units
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public double meanSpendMinor(int i) {
    Objects.checkIndex(i, meanAll.length);
    return meanAll[i];
  }

  /**
   * A copy of the {@code x} column as doubles, for models.
   *
   * @return a new array of length {@link #size()}
   */
  public double[] frequencies() {
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = x[i];
    }
    return out;
  }

  /**
   * A copy of the {@code t_x} column.
   *
   * @return a new array of length {@link #size()}
   */
  public double[] recencies() {
    return tx.clone();
  }

  /**
   * A copy of the {@code T} column.
   *
   * @return a new array of length {@link #size()}
   */
  public double[] ages() {
    return age.clone();
  }

  /**
   * A copy of the mean repeat spend column (minor units).
   *
   * @return a new array of length {@link #size()}
   */
  public double[] meanRepeatSpends() {
    return meanRepeat.clone();
  }

  /**
   * Whether two tables hold the same rows for the same spec (the logs themselves are not
   * compared).
   *
   * @param o another object
   * @return whether the tables are equal
   */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerSummaries)) {
      return false;
    }
    CustomerSummaries s = (CustomerSummaries) o;
    if (!spec.equals(s.spec) || size() != s.size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!customerId(i).equals(s.customerId(i))) {
        return false;
      }
    }
    return Arrays.equals(firstDay, s.firstDay) && Arrays.equals(lastDay, s.lastDay)
        && Arrays.equals(orders, s.orders) && Arrays.equals(gross, s.gross)
        && Arrays.equals(net, s.net) && Arrays.equals(x, s.x) && Arrays.equals(tx, s.tx)
        && Arrays.equals(age, s.age) && Arrays.equals(meanRepeat, s.meanRepeat)
        && Arrays.equals(meanAll, s.meanAll);
  }

  @Override
  public int hashCode() {
    return Objects.hash(spec, Arrays.hashCode(x), Arrays.hashCode(gross));
  }

  @Override
  public String toString() {
    return "CustomerSummaries{" + size() + " customers, " + spec + "}";
  }
}
