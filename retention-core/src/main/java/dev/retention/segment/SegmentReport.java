package dev.retention.segment;

import dev.retention.internal.Checks;
import com.google.common.collect.ImmutableList;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.CustomerRetention;
import dev.retention.metrics.Ratio;
import dev.retention.metrics.RetentionResult;
import dev.retention.time.DateRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable table with a row per segment of a {@link Segmentation}: customers and their
 * share, net revenue and its share, orders, average order value, and, when a retention period is
 * given, the segment's retention and churn rate over that period. Build it with
 * {@link #builder(TransactionLog)}.
 *
 * <h2>Definitions</h2>
 *
 * For segment {@code s} with customer set {@code C_s}, over the log rows whose day is in the
 * revenue window (default: every row on or before the segmentation's as-of day):
 *
 * <ul>
 *   <li>{@code customers = |C_s|}; {@code customerShare = customers / total customers};
 *   <li>{@code netRevenueMinor} = signed sum of the rows of {@code C_s} (exact);
 *       {@code revenueShare = netRevenue / total net revenue};
 *   <li>{@code orders} = purchase rows of {@code C_s}; {@code aovMinor = netRevenue / orders};
 *   <li>retention over {@code [from, toExclusive)}: {@code retained} = customers of
 *       {@code C_s} with at least one purchase in the period; {@code retentionRate = retained /
 *       customers}, {@code churnRate = (customers - retained) / customers}.
 * </ul>
 *
 * <p>Optionally ({@link Builder#withCustomerRetention}), each segment's retention under the
 * library's period definition of {@link CustomerRetention} ({@code S} customers active in the
 * window before the start, {@code CRR = (E - N) / S}, churn {@code = lost / S}), computed with a
 * customer filter per segment: "churn by plan" or "by ARPU band".
 *
 * <p>Every ratio is a {@link Ratio} with its numerator and denominator; one with a zero denominator
 * (an empty segment, zero total revenue, no orders) is undefined, never NaN. Without a retention
 * period the retention and churn ratios are {@code 0/0}. Log customers that are not in the segmentation but
 * have rows in the window are reported in a last row named {@value #NOT_SEGMENTED} (only when
 * there are some), so the table's totals always equal the log's totals over the window exactly.
 *
 * <p>Immutable and thread-safe. Building makes one pass over the log rows of the segmented
 * customers.
 */
public final class SegmentReport {
  /** The name of the row collecting log customers that are not in the segmentation. */
  public static final String NOT_SEGMENTED = "(not segmented)";

  /**
   * One row of the report (counts and sums; ratios are methods of the report).
   *
   * @param segment the segment name
   * @param customers customers in the segment
   * @param netRevenueMinor net revenue in the window, minor units
   * @param orders purchase rows in the window
   * @param retained customers with a purchase in the retention period (0 without a period)
   */
  public record Row(
      String segment, long customers, long netRevenueMinor, long orders, long retained) {}

  private final String segmenter;
  private final LocalDate asOf;
  private final int fractionDigits;
  private final LocalDate revenueFrom;
  private final LocalDate revenueToExclusive;
  private final LocalDate periodFrom;
  private final LocalDate periodToExclusive;
  private final ImmutableList<Row> rows;
  private final ImmutableList<RetentionResult> crr; // aligned with rows, empty when not asked
  private final long totalCustomers;
  private final long totalNet;
  private final long totalOrders;

  private SegmentReport(
      String segmenter, LocalDate asOf, int fractionDigits, LocalDate revenueFrom,
      LocalDate revenueToExclusive, LocalDate periodFrom, LocalDate periodToExclusive,
      List<Row> rows, List<RetentionResult> crr) {
    this.segmenter = segmenter;
    this.asOf = asOf;
    this.fractionDigits = fractionDigits;
    this.revenueFrom = revenueFrom;
    this.revenueToExclusive = revenueToExclusive;
    this.periodFrom = periodFrom;
    this.periodToExclusive = periodToExclusive;
    this.rows = ImmutableList.copyOf(rows);
    this.crr = ImmutableList.copyOf(crr);
    long c = 0;
    long net = 0;
    long o = 0;
    for (Row r : rows) {
      c += r.customers();
      net = Math.addExact(net, r.netRevenueMinor());
      o += r.orders();
    }
    this.totalCustomers = c;
    this.totalNet = net;
    this.totalOrders = o;
  }

  /**
   * A report builder over a log.
   *
   * @param log the transactions
   * @return a builder with the default revenue window and no retention period
   */
  public static Builder builder(TransactionLog log) {
    return new Builder(Objects.requireNonNull(log, "log"), null, null, null, null, null, 0);
  }

  /**
   * Configures and builds {@link SegmentReport}s. Immutable: every {@code withX} returns a copy.
   */
  public static final class Builder {
    private final TransactionLog log;
    private final LocalDate revFrom;
    private final LocalDate revTo;
    private final LocalDate perFrom;
    private final LocalDate perTo;
    private final DateRange crrPeriod;
    private final int crrWindow;

    private Builder(
        TransactionLog log, LocalDate revFrom, LocalDate revTo, LocalDate perFrom,
        LocalDate perTo, DateRange crrPeriod, int crrWindow) {
      this.log = log;
      this.revFrom = revFrom;
      this.revTo = revTo;
      this.perFrom = perFrom;
      this.perTo = perTo;
      this.crrPeriod = crrPeriod;
      this.crrWindow = crrWindow;
    }

    /**
     * Adds each segment's {@link CustomerRetention} over {@code period} with an active window
     * of {@code activeWindowDays}, on this builder's log.
     *
     * @param period the period
     * @param activeWindowDays the active window {@code w} in days, at least 1
     * @return a copy
     */
    public Builder withCustomerRetention(DateRange period, int activeWindowDays) {
      Objects.requireNonNull(period, "period");
      if (activeWindowDays < 1) {
        throw new IllegalArgumentException(
            "activeWindowDays must be >= 1, was " + activeWindowDays);
      }
      return new Builder(log, revFrom, revTo, perFrom, perTo, period, activeWindowDays);
    }

    /**
     * Counts revenue and orders of rows with a day in {@code [from, toExclusive)} instead of all
     * rows on or before the as-of day.
     *
     * @param from first day
     * @param toExclusive first day not counted
     * @return a copy
     */
    public Builder withRevenueWindow(LocalDate from, LocalDate toExclusive) {
      checkRange(from, toExclusive, "revenue window");
      return new Builder(log, from, toExclusive, perFrom, perTo, crrPeriod, crrWindow);
    }

    /**
     * Adds retention and churn over {@code [from, toExclusive)}.
     *
     * @param from first day of the period (usually the day after the as-of day)
     * @param toExclusive first day after the period
     * @return a copy
     */
    public Builder withRetentionPeriod(LocalDate from, LocalDate toExclusive) {
      checkRange(from, toExclusive, "retention period");
      return new Builder(log, revFrom, revTo, from, toExclusive, crrPeriod, crrWindow);
    }

    private static void checkRange(LocalDate from, LocalDate to, String what) {
      Checks.date(from, "from", -1);
      Checks.date(to, "toExclusive", -1);
      if (!to.isAfter(from)) {
        throw new IllegalArgumentException(
            what + " toExclusive must be after from " + from + ", was " + to);
      }
    }

    /**
     * Builds the report of one segmentation.
     *
     * @param seg the segmentation
     * @return the report
     */
    public SegmentReport report(Segmentation seg) {
      Objects.requireNonNull(seg, "segmentation");
      long lo = revFrom == null ? Long.MIN_VALUE : revFrom.toEpochDay();
      long hi = revTo == null ? seg.asOf().toEpochDay() + 1 : revTo.toEpochDay();
      long pLo = perFrom == null ? 0 : perFrom.toEpochDay();
      long pHi = perTo == null ? 0 : perTo.toEpochDay();
      int k = seg.segmentCount();
      long[] customers = new long[k];
      long[] net = new long[k];
      long[] orders = new long[k];
      long[] retained = new long[k];
      boolean[] seen = new boolean[log.customerCount()];
      int[] segOf = new int[log.customerCount()];
      java.util.Arrays.fill(segOf, -1);
      for (int i = 0; i < seg.size(); i++) {
        int s = seg.segmentIndex(i);
        customers[s]++;
        int c = log.indexOf(seg.customerId(i));
        if (c < 0) {
          continue;
        }
        seen[c] = true;
        segOf[c] = s;
        boolean kept = false;
        for (int r = log.start(c); r < log.end(c); r++) {
          int d = log.epochDay(r);
          long a = log.amountMinor(r);
          if (d >= lo && d < hi) {
            net[s] = Math.addExact(net[s], a);
            if (a >= 0) {
              orders[s]++;
            }
          }
          if (a >= 0 && d >= pLo && d < pHi) {
            kept = true;
          }
        }
        if (kept) {
          retained[s]++;
        }
      }
      List<Row> rows = new ArrayList<>(k + 1);
      for (int s = 0; s < k; s++) {
        rows.add(new Row(seg.segmentNames().get(s), customers[s], net[s], orders[s],
            retained[s]));
      }
      long xNet = 0;
      long xOrders = 0;
      long xCustomers = 0;
      long xRetained = 0;
      for (int c = 0; c < seen.length; c++) {
        if (seen[c]) {
          continue;
        }
        boolean any = false;
        boolean kept = false;
        for (int r = log.start(c); r < log.end(c); r++) {
          int d = log.epochDay(r);
          long a = log.amountMinor(r);
          if (d >= lo && d < hi) {
            any = true;
            xNet = Math.addExact(xNet, a);
            if (a >= 0) {
              xOrders++;
            }
          }
          if (a >= 0 && d >= pLo && d < pHi) {
            kept = true;
          }
        }
        if (any) {
          xCustomers++;
          if (kept) {
            xRetained++;
          }
        }
      }
      if (xCustomers > 0) {
        rows.add(new Row(NOT_SEGMENTED, xCustomers, xNet, xOrders, xRetained));
      }
      List<RetentionResult> crr = new ArrayList<>();
      if (crrPeriod != null) {
        CustomerRetention calc = CustomerRetention.of(log).withActiveWindowDays(crrWindow);
        for (int s = 0; s < rows.size(); s++) {
          final int want = s < k ? s : -1;
          crr.add(calc.retention(crrPeriod, c -> segOf[c] == want));
        }
      }
      return new SegmentReport(seg.segmenter(), seg.asOf(),
          Math.max(0, log.currency().getDefaultFractionDigits()), revFrom, revTo, perFrom,
          perTo, rows, crr);
    }
  }

  /**
   * The segmenter reported.
   *
   * @return its name
   */
  public String segmenter() {
    return segmenter;
  }

  /**
   * The segmentation's as-of day.
   *
   * @return the day
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The rows in segment order.
   *
   * @return the rows
   */
  public ImmutableList<Row> rows() {
    return rows;
  }

  /**
   * The row of a segment.
   *
   * @param segment a segment name
   * @return the row
   * @throws IllegalArgumentException if there is no such segment
   */
  public Row row(String segment) {
    for (Row r : rows) {
      if (r.segment().equals(segment)) {
        return r;
      }
    }
    throw new IllegalArgumentException("segment must be one of the report's, was \"" + segment
        + "\"");
  }

  /**
   * Customers over all rows.
   *
   * @return the total
   */
  public long totalCustomers() {
    return totalCustomers;
  }

  /**
   * Net revenue over all rows, exact.
   *
   * @return minor units
   */
  public long totalNetRevenueMinor() {
    return totalNet;
  }

  /**
   * Orders over all rows.
   *
   * @return the total
   */
  public long totalOrders() {
    return totalOrders;
  }

  /**
   * Whether a retention period was given.
   *
   * @return true when retention columns are defined
   */
  public boolean hasRetentionPeriod() {
    return periodFrom != null;
  }

  /**
   * A row's retention under {@link CustomerRetention}'s definition, when asked for with {@link
   * Builder#withCustomerRetention}.
   *
   * @param r a row of this report; the {@value #NOT_SEGMENTED} row's result covers every log
   *     customer that is not in the segmentation
   * @return the result (S, E, N, lost, CRR and churn as ratios), or empty when not asked for
   */
  public Optional<RetentionResult> customerRetention(Row r) {
    int i = rows.indexOf(r);
    if (i < 0) {
      throw new IllegalArgumentException("row must belong to this report, was " + r);
    }
    return crr.isEmpty() ? Optional.empty() : Optional.of(crr.get(i));
  }

  /**
   * The customer share of a row.
   *
   * @param r a row of this report
   * @return {@code customers / totalCustomers}, undefined when there are no customers
   */
  public Ratio customerShare(Row r) {
    return ratio(r.customers(), totalCustomers);
  }

  /**
   * The revenue share of a row.
   *
   * @param r a row
   * @return {@code netRevenue / totalNetRevenue}, undefined when the total is 0
   */
  public Ratio revenueShare(Row r) {
    return ratio(r.netRevenueMinor(), totalNet);
  }

  /**
   * Average order value of a row.
   *
   * @param r a row
   * @return {@code netRevenueMinor / orders} in minor units, undefined without orders
   */
  public Ratio aovMinor(Row r) {
    return ratio(r.netRevenueMinor(), r.orders());
  }

  /**
   * Retention of a row over the retention period.
   *
   * @param r a row
   * @return {@code retained / customers}, undefined without a period or customers
   */
  public Ratio retentionRate(Row r) {
    return periodFrom == null ? Ratio.of(0, 0) : ratio(r.retained(), r.customers());
  }

  /**
   * Churn of a row over the retention period.
   *
   * @param r a row
   * @return {@code (customers - retained) / customers}, undefined without a period or customers
   */
  public Ratio churnRate(Row r) {
    return periodFrom == null ? Ratio.of(0, 0)
        : ratio(r.customers() - r.retained(), r.customers());
  }

  private static Ratio ratio(long num, long den) {
    return Ratio.of(num, den);
  }

  /**
   * Writes the table as CSV (RFC 4180: comma separated, CRLF line ends, fields with a comma,
   * quote or line break quoted). Header: {@code segment, customers, customer_share,
   * net_revenue, revenue_share, orders, aov, retained, retention_rate, churn_rate}. Money is in
   * major units with the currency's fraction digits (exact); shares and rates have 6 decimals
   * (locale-independent); an undefined value is an empty field; retention columns are empty
   * without a period. With {@link Builder#withCustomerRetention} three more columns follow:
   * {@code customers_at_start, customer_retention_rate, customer_churn_rate}. No file I/O: the
   * caller owns the {@link Appendable}.
   *
   * @param out where to write
   * @throws UncheckedIOException if {@code out} throws an {@link IOException}
   */
  public void writeCsv(Appendable out) {
    Objects.requireNonNull(out, "out");
    try {
      out.append("segment,customers,customer_share,net_revenue,revenue_share,orders,aov,"
          + "retained,retention_rate,churn_rate"
          + (crr.isEmpty() ? "" : ",customers_at_start,customer_retention_rate,"
              + "customer_churn_rate") + "\r\n");
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        out.append(csvField(r.segment())).append(',')
            .append(Long.toString(r.customers())).append(',')
            .append(fmt(customerShare(r))).append(',')
            .append(money(r.netRevenueMinor())).append(',')
            .append(fmt(revenueShare(r))).append(',')
            .append(Long.toString(r.orders())).append(',')
            .append(moneyFmt(aovMinor(r))).append(',')
            .append(periodFrom == null ? "" : Long.toString(r.retained())).append(',')
            .append(fmt(retentionRate(r))).append(',')
            .append(fmt(churnRate(r)));
        if (!crr.isEmpty()) {
          RetentionResult x = crr.get(i);
          out.append(',').append(Long.toString(x.atStart())).append(',')
              .append(fmt(x.retentionRate())).append(',').append(fmt(x.churnRate()));
        }
        out.append("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CSV of {@link #writeCsv(Appendable)} as a string.
   *
   * @return the CSV text
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    writeCsv(sb);
    return sb.toString();
  }

  private String money(long minor) {
    return BigDecimal.valueOf(minor, fractionDigits).toPlainString();
  }

  private String moneyFmt(Ratio minor) {
    if (!minor.isDefined()) {
      return "";
    }
    double scale = Math.pow(10, fractionDigits);
    return String.format(Locale.ROOT, "%." + (fractionDigits + 2) + "f", minor.value() / scale);
  }

  private static String fmt(Ratio v) {
    return v.isDefined() ? String.format(Locale.ROOT, "%.6f", v.value()) : "";
  }

  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0
        && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return "SegmentReport{" + segmenter + ", asOf=" + asOf + ", " + rows.size() + " rows}";
  }
}
