package dev.retention.segment;

import dev.retention.data.TransactionLog;
import dev.retention.internal.Checks;
import dev.retention.summary.CustomerSummaries;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The per-customer inputs of RFM scoring as of one day, as primitive columns: days since the last
 * purchase, number of orders and net revenue in minor units.
 *
 * <h2>Definitions (from a {@link TransactionLog} as of day {@code D}, inclusive)</h2>
 *
 * <ul>
 *   <li>{@code recencyDays = D - lastPurchaseDay} (calendar days in the log's zone; 0 when the last
 *       purchase was on {@code D}). Lower is better.
 *   <li>{@code orders} = the number of purchase rows on or before {@code D} (a zero-amount purchase
 *       counts; refunds do not).
 *   <li>{@code netRevenueMinor} = the signed sum of all rows on or before {@code D} (purchases minus
 *       refunds), exact.
 * </ul>
 *
 * <p>A customer of the log without any purchase on or before {@code D} is not a customer yet and
 * is left out, unless the caller names it among {@code knownCustomers}: known customers without a
 * purchase are kept as <em>prospects</em> with {@code orders == 0} and {@code recencyDays ==}
 * {@link #NO_PURCHASE}; they receive no RFM score (see {@link RfmScores}).
 *
 * <p>Rows are in the log's customer order (lexicographic ids) followed by prospects in the order
 * given. Immutable and thread-safe; the factories copy nothing the caller can change later.
 *
 * <h2>Supported input</h2>
 *
 * <p>{@code asOf} in {@link dev.retention.time.SupportedRange} (1900-01-01 to 2199-12-31). Money:
 * the sum of {@code |netRevenueMinor|} over all rows is at most {@link Long#MAX_VALUE} (true by
 * construction for inputs from a log or summaries, whose log bounds the sum of its |amounts|;
 * checked by {@link #of}), so {@link #totalNetRevenueMinor()} and every segment total derived from
 * these rows are exact and cannot overflow. Messages name the row and the field, never an id.
 */
public final class RfmInput {
  /** The recency of a prospect (a customer without a purchase). */
  public static final int NO_PURCHASE = -1;

  private final LocalDate asOf;
  private final String[] ids;
  private final int[] recencyDays;
  private final int[] orders;
  private final long[] netRevenueMinor;
  private final int prospects;

  private RfmInput(
      LocalDate asOf, String[] ids, int[] recencyDays, int[] orders, long[] netRevenueMinor,
      int prospects) {
    this.asOf = asOf;
    this.ids = ids;
    this.recencyDays = recencyDays;
    this.orders = orders;
    this.netRevenueMinor = netRevenueMinor;
    this.prospects = prospects;
  }

  /**
   * RFM inputs of every log customer with a purchase on or before {@code asOf}. One pass over the
   * log; allocates four arrays of the customer count.
   *
   * @param log the transactions
   * @param asOf the last day counted (inclusive)
   * @return the inputs
   */
  public static RfmInput fromLog(TransactionLog log, LocalDate asOf) {
    return fromLog(log, asOf, Set.of());
  }

  /**
   * RFM inputs of every log customer with a purchase on or before {@code asOf}, plus every known
   * customer without one as a prospect.
   *
   * @param log the transactions
   * @param asOf the last day counted (inclusive)
   * @param knownCustomers ids of all customers the caller knows (may include ids not in the log)
   * @return the inputs
   * @throws IllegalArgumentException if a known id is blank
   */
  public static RfmInput fromLog(
      TransactionLog log, LocalDate asOf, Iterable<String> knownCustomers) {
    Objects.requireNonNull(log, "log");
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(knownCustomers, "knownCustomers");
    int day = Math.toIntExact(asOf.toEpochDay());
    int n = log.customerCount();
    String[] ids = new String[n];
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    boolean[] bought = new boolean[n];
    int k = 0;
    for (int c = 0; c < n; c++) {
      int last = Integer.MIN_VALUE;
      int o = 0;
      long sum = 0;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d > day) {
          break; // rows are sorted by time within a customer
        }
        long a = log.amountMinor(r);
        sum += a; // |sum| <= the log's sum of |amount| <= Long.MAX_VALUE
        if (a >= 0) {
          o++;
          last = d;
        }
      }
      if (o > 0) {
        bought[c] = true;
        ids[k] = log.customerId(c);
        rec[k] = day - last;
        ord[k] = o;
        net[k] = sum;
        k++;
      }
    }
    Set<String> extra = new LinkedHashSet<>();
    for (String id : knownCustomers) {
      Checks.id(id, "knownCustomers element");
      int c = log.indexOf(id);
      if (c < 0 || !bought[c]) {
        extra.add(id);
      }
    }
    int total = k + extra.size();
    ids = Arrays.copyOf(ids, total);
    rec = Arrays.copyOf(rec, total);
    ord = Arrays.copyOf(ord, total);
    net = Arrays.copyOf(net, total);
    for (String id : extra) {
      ids[k] = id;
      rec[k] = NO_PURCHASE;
      ord[k] = 0;
      // a known customer whose only rows by asOf are refunds keeps its (negative) net revenue
      int c = log.indexOf(id);
      long sum = 0;
      if (c >= 0) {
        for (int r = log.start(c); r < log.end(c) && log.epochDay(r) <= day; r++) {
          sum += log.amountMinor(r); // bounded by the log's contract
        }
      }
      net[k] = sum;
      k++;
    }
    return new RfmInput(asOf, ids, rec, ord, net, extra.size());
  }

  /**
   * RFM inputs from customer summaries: {@code recencyDays = asOf - lastPurchaseEpochDay},
   * {@code orders} and {@code netRevenueMinor} of each summary row, as of the summaries' {@link
   * dev.retention.summary.SummarySpec#asOf()}. Equal to {@link #fromLog(TransactionLog,
   * LocalDate)} when the spec has no {@code from} day (refunds are then all in the window).
   *
   * @param summaries the summaries (one row per customer with a purchase in the window)
   * @return the inputs, in the summaries' row order, without prospects
   */
  public static RfmInput fromSummaries(CustomerSummaries summaries) {
    Objects.requireNonNull(summaries, "summaries");
    LocalDate asOf = summaries.spec().asOf();
    int day = Math.toIntExact(asOf.toEpochDay());
    int n = summaries.size();
    String[] ids = new String[n];
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = summaries.customerId(i);
      rec[i] = day - summaries.lastPurchaseEpochDay(i);
      ord[i] = summaries.orders(i);
      net[i] = summaries.netRevenueMinor(i);
    }
    return new RfmInput(asOf, ids, rec, ord, net, 0);
  }

  /**
   * RFM inputs from caller columns (for example from a warehouse query). The arrays are copied.
   *
   * @param asOf the day the recencies are measured from
   * @param ids customer ids, unique and not blank
   * @param recencyDays days since the last purchase, {@code >= 0}, or {@link #NO_PURCHASE} exactly
   *     when {@code orders == 0}
   * @param orders order counts, {@code >= 0}
   * @param netRevenueMinor net revenue in minor units; the sum of their absolute values must not
   *     exceed {@link Long#MAX_VALUE}
   * @return the inputs
   * @throws IllegalArgumentException if lengths differ, {@code asOf} is outside {@link
   *     dev.retention.time.SupportedRange}, an id is blank or repeated, the money sum overflows, or
   *     a value breaks the rules above (the message names the row, never the id)
   */
  public static RfmInput of(
      LocalDate asOf, String[] ids, int[] recencyDays, int[] orders, long[] netRevenueMinor) {
    Checks.date(asOf, "asOf", -1);
    int n = Objects.requireNonNull(ids, "ids").length;
    checkLength(Objects.requireNonNull(recencyDays, "recencyDays").length, n, "recencyDays");
    checkLength(Objects.requireNonNull(orders, "orders").length, n, "orders");
    checkLength(Objects.requireNonNull(netRevenueMinor, "netRevenueMinor").length, n,
        "netRevenueMinor");
    Set<String> seen = new HashSet<>(Math.max(16, n * 2));
    int prospects = 0;
    long absTotal = 0;
    for (int i = 0; i < n; i++) {
      if (ids[i] == null || ids[i].isBlank()) {
        Checks.id(ids[i], "ids[" + i + "]");
      }
      if (!seen.add(ids[i])) {
        int earlier = 0;
        while (!ids[earlier].equals(ids[i])) {
          earlier++; // error path only: find the first occurrence to name it
        }
        throw new IllegalArgumentException(
            "ids must be unique, ids[" + i + "] repeats ids[" + earlier + "] (row " + i + ")");
      }
      // Math.abs(Long.MIN_VALUE) is negative and fails the check, as its magnitude exceeds the bound
      absTotal = Checks.addToTotal(absTotal, Math.abs(netRevenueMinor[i]), "netRevenueMinor", i);
      if (orders[i] < 0) {
        throw new IllegalArgumentException(
            "orders must be >= 0, was " + orders[i] + " (row " + i + ")");
      }
      if (orders[i] == 0) {
        prospects++;
        if (recencyDays[i] != NO_PURCHASE) {
          throw new IllegalArgumentException(
              "recencyDays must be NO_PURCHASE (-1) when orders == 0, was " + recencyDays[i]
                  + " (row " + i + ")");
        }
      } else if (recencyDays[i] < 0) {
        throw new IllegalArgumentException(
            "recencyDays must be >= 0 when orders > 0, was " + recencyDays[i] + " (row " + i
                + ")");
      }
    }
    return new RfmInput(asOf, ids.clone(), recencyDays.clone(), orders.clone(),
        netRevenueMinor.clone(), prospects);
  }

  private static void checkLength(int len, int n, String field) {
    if (len != n) {
      throw new IllegalArgumentException(
          field + ".length must equal ids.length " + n + ", was " + len);
    }
  }

  /**
   * The day recency is measured from.
   *
   * @return the as-of day
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The number of rows (customers with a purchase plus prospects).
   *
   * @return the row count
   */
  public int size() {
    return ids.length;
  }

  /**
   * The number of prospects (rows with {@code orders == 0}).
   *
   * @return the prospect count
   */
  public int prospectCount() {
    return prospects;
  }

  /**
   * The id of row {@code i}.
   *
   * @param i a row
   * @return the customer id
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String customerId(int i) {
    Objects.checkIndex(i, ids.length);
    return ids[i];
  }

  /**
   * Days since the last purchase.
   *
   * @param i a row
   * @return days, or {@link #NO_PURCHASE} for a prospect
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int recencyDays(int i) {
    Objects.checkIndex(i, recencyDays.length);
    return recencyDays[i];
  }

  /**
   * Orders on or before the as-of day.
   *
   * @param i a row
   * @return the order count
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int orders(int i) {
    Objects.checkIndex(i, orders.length);
    return orders[i];
  }

  /**
   * Net revenue on or before the as-of day.
   *
   * @param i a row
   * @return minor units, refunds subtracted
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public long netRevenueMinor(int i) {
    Objects.checkIndex(i, netRevenueMinor.length);
    return netRevenueMinor[i];
  }

  /**
   * Whether row {@code i} is a prospect.
   *
   * @param i a row
   * @return true when the customer has no order
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public boolean isProspect(int i) {
    Objects.checkIndex(i, orders.length);
    return orders[i] == 0;
  }

  /**
   * The sum of net revenue over all rows, exact.
   *
   * @return minor units
   */
  public long totalNetRevenueMinor() {
    long s = 0;
    for (long v : netRevenueMinor) {
      s += v; // |s| <= sum of |v| <= Long.MAX_VALUE (class contract)
    }
    return s;
  }

  /**
   * The sum of orders over all rows.
   *
   * @return the order count
   */
  public long totalOrders() {
    long s = 0;
    for (int v : orders) {
      s += v;
    }
    return s;
  }

  // package-private zero-copy access for the scorer and reports
  int[] recencyArray() {
    return recencyDays;
  }

  int[] ordersArray() {
    return orders;
  }

  long[] netArray() {
    return netRevenueMinor;
  }

  String[] idArray() {
    return ids;
  }
}
