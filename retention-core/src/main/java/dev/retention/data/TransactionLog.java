package dev.retention.data;

import dev.retention.internal.Checks;
import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An immutable, columnar log of purchases and refunds in one currency, sorted by customer and then
 * by time: the input of every summary, cohort and metric in this library.
 *
 * <h2>Layout</h2>
 *
 * <p>Customers are numbered densely {@code 0 .. customerCount()-1} in the lexicographic order of
 * their ids ({@link String#compareTo}), so the numbering does not depend on input order. The rows
 * of customer {@code c} are {@code start(c) .. end(c)-1}, sorted by epoch second and then by signed
 * amount. Per row the log stores the epoch second ({@code long}), the calendar day in the log's
 * {@link ZoneId} ({@code int}) and the signed amount in minor units ({@code long}: purchases
 * {@code >= 0}, refunds {@code < 0}); per customer one {@code int} offset and the id string (for a
 * log built from numeric ids, the id as a {@code long}, its string made on first access).
 *
 * <h2>Supported input (checked in every append call, before the row is stored)</h2>
 *
 * <ul>
 *   <li><b>Instants:</b> {@link SupportedRange#MIN_EPOCH_SECOND} to {@link
 *       SupportedRange#MAX_EPOCH_SECOND} (1900-01-01T00:00:00Z to 2199-12-31T23:59:59Z), so a time
 *       in milliseconds or microseconds passed as seconds fails at its row, and no table indexed by
 *       day can exceed 109,575 days whatever the data.
 *   <li><b>Amounts and their sums:</b> a purchase is {@code >= 0}, a refund returns {@code > 0};
 *       the sum of |amount| over all rows given to one builder (merged line items included) is at
 *       most {@link SupportedRange#MAX_TOTAL_MINOR} = {@link Long#MAX_VALUE}. Every money figure
 *       derived from the log (per customer, cohort cell, period, segment and their totals) is a sum
 *       over a subset of these rows, so none can overflow; the check is one add and one predictable
 *       branch per row. A single amount may be as large as the sum allows.
 *   <li><b>Sizes:</b> at most {@code Integer.MAX_VALUE - 8} rows (Java array length); numeric ids
 *       {@code >= 0}; string ids not null and not blank.
 * </ul>
 *
 * <p>A failed check throws {@link IllegalArgumentException} (or {@link NullPointerException} for a
 * null) naming the field, the rule, the value and the row: the 0-based index of the call among this
 * builder's row calls ({@code purchase}, {@code refund}, {@code add} and the handle variants,
 * merged line items included). No message carries a customer or order id. A builder whose call
 * failed is unchanged by that call.
 *
 * <h2>Memory</h2>
 *
 * <p>The log: exactly 20 bytes per transaction plus 4 bytes and the id {@code String} per customer
 * (see {@link #estimatedBytes()}); order ids are used for validation while building and are not
 * kept. Building with numeric ids (measured by allocation, {@code BuilderMemoryTest}): appending
 * stores 24 bytes per row; without {@link Builder#expectedSize} the columns grow by chunks, never
 * by copying, so at most 36 bytes per row of capacity exist (the last chunk's unused tail is at most
 * half the rows and at most 24 MiB). {@link Builder#build()} takes the builder's columns over and
 * adds about 12 bytes per row plus at most 75 bytes per distinct customer, and, when the rows came
 * in more than one chunk, 8 bytes per row for the moment it joins a column. So the peak is about 36
 * bytes per row with ten rows per customer: a presized 20-million-row build completes in a 0.7 GB
 * heap, an unsized one in 1 GB (both measured with G1; before chunked growth the unsized build ran
 * out of memory at 1 GB). String ids cost about 28 bytes per row while appending (4-byte customer
 * number, second, amount; the id strings are the caller's) and grow by copying (half again), and
 * {@link Builder#build()} adds about 17 bytes per row presized.
 *
 * <h2>Building</h2>
 *
 * <p>From value objects: {@link #from(Iterable, Currency, ZoneId)} or {@link Builder#add}. From
 * primitive columns without a {@link Transaction} per row: {@link Builder#purchase(String, long,
 * long)} and {@link Builder#refund(String, long, long)}, or, fastest, with numeric ids ({@link
 * Builder#purchase(long, long, long)}) or customer handles ({@link Builder#customer(String)}). The
 * same transactions in any order build an {@linkplain #equals equal} log. Checks (each failure
 * names the row, field, rule and value):
 *
 * <ul>
 *   <li>every transaction has the log's currency (mixing currencies is an error, never a sum);
 *   <li>an order id occurs once, unless {@link DuplicateOrders#MERGE_LINE_ITEMS} is chosen, which
 *       merges purchases with the same order id and customer into one order (amounts summed, the
 *       earliest timestamp kept);
 *   <li>refunds of an order named by {@link Transaction#refundedOrderId()} that is in the log
 *       belong to the same customer and together never exceed the order's amount. A refund of an
 *       order that is not in the log is accepted (the order may predate the log's window).
 * </ul>
 *
 * <p><b>Cost of building:</b> no comparison sort over all rows. String ids cost one hash lookup
 * per row (skipped while consecutive rows repeat the same {@code String} instance) and a radix
 * sort of the distinct ids; numeric ids that span at most about four values per row cost no
 * hashing at all. Rows are then put in order by two counting passes over packed (second, amount)
 * words; see {@code BENCHMARKS.md} for measured rates (20 to 27 million rows per second on one
 * core with numeric ids, 7 to 16 million with string ids).
 *
 * <p>Instances are immutable and thread-safe. Builders are not thread-safe.
 */
public final class TransactionLog {

  /** What to do when two transactions share an order id. */
  public enum DuplicateOrders {
    /** Reject the second occurrence with an {@link IllegalArgumentException} (the default). */
    REJECT,
    /**
     * Treat purchases that share an order id as line items of one order: their amounts are summed
     * and the earliest timestamp is kept. They must belong to the same customer; refunds are never
     * merged.
     */
    MERGE_LINE_ITEMS
  }

  private final ZoneId zone;
  private final Currency currency;
  /**
   * The id strings; for a log built from numeric ids, filled on first access from {@link
   * #numericIds} (a benign race: every thread computes an equal immutable string).
   */
  private final String[] ids;
  /** The numeric ids in customer order, or null when the log was built from strings. */
  private final long[] numericIds;
  private final int[] offsets;
  private final long[] seconds;
  private final int[] days;
  private final long[] amounts;

  private TransactionLog(
      ZoneId zone, Currency currency, String[] ids, int[] offsets, long[] seconds, int[] days,
      long[] amounts) {
    this(zone, currency, ids, null, offsets, seconds, days, amounts);
  }

  private TransactionLog(ZoneId zone, Currency currency, String[] ids, long[] numericIds,
      int[] offsets, long[] seconds, int[] days, long[] amounts) {
    this.zone = zone;
    this.currency = currency;
    this.ids = ids;
    this.numericIds = numericIds;
    this.offsets = offsets;
    this.seconds = seconds;
    this.days = days;
    this.amounts = amounts;
  }

  /**
   * A builder for a log in one currency whose calendar days are taken in {@code zone}.
   *
   * @param currency the currency of every amount
   * @param zone the zone that decides which calendar day a timestamp falls on
   * @return a new builder
   */
  public static Builder builder(Currency currency, ZoneId zone) {
    return new Builder(currency, zone);
  }

  /**
   * Builds a log from transactions, rejecting duplicate order ids.
   *
   * @param transactions the transactions, in any order
   * @param currency the log's currency
   * @param zone the zone for calendar days
   * @return the log
   * @throws IllegalArgumentException if a transaction breaks a rule listed in the class
   *     documentation
   */
  public static TransactionLog from(
      Iterable<Transaction> transactions, Currency currency, ZoneId zone) {
    Builder b = builder(currency, zone);
    if (transactions instanceof Collection) {
      b.expectedSize(((Collection<Transaction>) transactions).size());
    }
    for (Transaction t : transactions) {
      b.add(t);
    }
    return b.build();
  }

  /**
   * Builds a log from a stream of transactions, rejecting duplicate order ids. The stream is
   * consumed sequentially.
   *
   * @param transactions the transactions, in any order
   * @param currency the log's currency
   * @param zone the zone for calendar days
   * @return the log
   */
  public static TransactionLog from(
      Stream<Transaction> transactions, Currency currency, ZoneId zone) {
    Builder b = builder(currency, zone);
    transactions.sequential().forEachOrdered(b::add);
    return b.build();
  }

  /**
   * The zone that decided calendar days.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
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
   * The number of rows (purchases and refunds).
   *
   * @return the row count
   */
  public int size() {
    return seconds.length;
  }

  /**
   * The number of distinct customers.
   *
   * @return the customer count
   */
  public int customerCount() {
    return ids.length;
  }

  /**
   * The id of customer {@code c}.
   *
   * @param c a customer index in {@code [0, customerCount())}
   * @return the backend's id
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public String customerId(int c) {
    Objects.checkIndex(c, ids.length);
    String id = ids[c];
    if (id == null) {
      id = Long.toString(numericIds[c]);
      ids[c] = id;
    }
    return id;
  }

  /**
   * The index of a customer id, by binary search (O(log customers), no allocation).
   *
   * @param customerId a customer id
   * @return its index, or -1 when the log has no transaction of that customer
   */
  public int indexOf(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    int lo = 0;
    int hi = ids.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = customerId(mid).compareTo(customerId);
      if (cmp < 0) {
        lo = mid + 1;
      } else if (cmp > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * The first row of customer {@code c}.
   *
   * @param c a customer index
   * @return the index of the customer's earliest row
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public int start(int c) {
    Objects.checkIndex(c, ids.length);
    return offsets[c];
  }

  /**
   * One past the last row of customer {@code c}.
   *
   * @param c a customer index
   * @return the exclusive end of the customer's rows
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public int end(int c) {
    Objects.checkIndex(c, ids.length);
    return offsets[c + 1];
  }

  /**
   * The timestamp of a row in seconds.
   *
   * @param row a row index in {@code [0, size())}
   * @return seconds since the epoch
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public long epochSecond(int row) {
    Objects.checkIndex(row, seconds.length);
    return seconds[row];
  }

  /**
   * The calendar day of a row in the log's zone.
   *
   * @param row a row index
   * @return days since 1970-01-01 ({@link LocalDate#toEpochDay()})
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public int epochDay(int row) {
    Objects.checkIndex(row, days.length);
    return days[row];
  }

  /**
   * The signed amount of a row.
   *
   * @param row a row index
   * @return minor units, {@code >= 0} for a purchase and {@code < 0} for a refund
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public long amountMinor(int row) {
    Objects.checkIndex(row, amounts.length);
    return amounts[row];
  }

  /**
   * Whether a row is a refund.
   *
   * @param row a row index
   * @return true for a refund, false for a purchase
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public boolean isRefund(int row) {
    Objects.checkIndex(row, amounts.length);
    return amounts[row] < 0;
  }

  /**
   * The calendar date of a row.
   *
   * @param row a row index
   * @return the local date in the log's zone (allocates a {@link LocalDate})
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public LocalDate date(int row) {
    Objects.checkIndex(row, days.length);
    return LocalDate.ofEpochDay(days[row]);
  }

  /**
   * The number of purchase rows (orders).
   *
   * @return the order count
   */
  public long orderCount() {
    long n = 0;
    for (long a : amounts) {
      if (a >= 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * Net revenue: purchases minus refunds, exactly.
   *
   * @return the sum of signed amounts in minor units; exact, as the sum of |amount| over the log is
   *     at most {@link Long#MAX_VALUE} (see the class documentation)
   */
  public long netRevenueMinor() {
    long s = 0;
    for (long a : amounts) {
      s += a;
    }
    return s;
  }

  /**
   * The estimated heap size of this log's columns: 20 bytes per row, 4 bytes per customer offset,
   * and for each id string its object header, fields and characters (compact Latin-1 strings,
   * compressed oops). A log built from numeric ids holds them as 8-byte {@code long}s and counts
   * each id string as if created (they are created on first access). Order ids are not stored.
   *
   * @return the estimate in bytes
   */
  public long estimatedBytes() {
    long bytes = 16L * 5 + 20L * size() + 4L * (customerCount() + 1) + 4L * customerCount();
    if (numericIds != null) {
      bytes += 16 + 8L * customerCount();
    }
    for (int c = 0; c < ids.length; c++) {
      int length = ids[c] != null ? ids[c].length() : decimalLength(numericIds[c]);
      bytes += 24 + 16 + ((length + 7) & ~7);
    }
    return bytes;
  }

  private static int decimalLength(long nonNegative) {
    int digits = 1;
    for (long v = nonNegative; v >= 10; v /= 10) {
      digits++;
    }
    return digits;
  }

  /**
   * A log with the rows of this log and of {@code other}, as if built from both inputs at once.
   * Order ids are not kept in a log, so this does not re-check duplicates or refund totals across
   * the two logs.
   *
   * @param other a log in the same currency and zone
   * @return the combined log
   * @throws IllegalArgumentException if the currencies or zones differ
   */
  public TransactionLog combine(TransactionLog other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "other.currency must equal " + currency + ", was " + other.currency);
    }
    if (!zone.equals(other.zone)) {
      throw new IllegalArgumentException("other.zone must equal " + zone + ", was " + other.zone);
    }
    Builder b = builder(currency, zone).expectedSize(size() + other.size());
    for (TransactionLog log : new TransactionLog[] {this, other}) {
      for (int c = 0; c < log.customerCount(); c++) {
        String id = log.customerId(c);
        for (int r = log.offsets[c]; r < log.offsets[c + 1]; r++) {
          b.row(id, log.seconds[r], log.amounts[r]);
        }
      }
    }
    return b.build();
  }

  /**
   * A log with only the rows whose calendar day is in {@code [from, toExclusive)}; customers
   * without such rows are left out.
   *
   * @param from the first day kept
   * @param toExclusive the first day no longer kept
   * @return the window of this log
   * @throws NullPointerException if {@code from} or {@code toExclusive} is null
   * @throws IllegalArgumentException if {@code toExclusive} is before {@code from}
   */
  public TransactionLog window(LocalDate from, LocalDate toExclusive) {
    long lo = Objects.requireNonNull(from, "from").toEpochDay();
    long hi = Objects.requireNonNull(toExclusive, "toExclusive").toEpochDay();
    if (hi < lo) {
      throw new IllegalArgumentException(
          "toExclusive must not be before from (" + from + "), was " + toExclusive);
    }
    int n = 0;
    for (int d : days) {
      if (d >= lo && d < hi) {
        n++;
      }
    }
    long[] s = new long[n];
    int[] dd = new int[n];
    long[] a = new long[n];
    int[] off = new int[ids.length + 1];
    String[] keep = new String[ids.length];
    long[] keepNumeric = numericIds == null ? null : new long[ids.length];
    int kept = 0;
    int w = 0;
    for (int c = 0; c < ids.length; c++) {
      int before = w;
      for (int r = offsets[c]; r < offsets[c + 1]; r++) {
        if (days[r] >= lo && days[r] < hi) {
          s[w] = seconds[r];
          dd[w] = days[r];
          a[w] = amounts[r];
          w++;
        }
      }
      if (w > before) {
        keep[kept] = ids[c];
        if (keepNumeric != null) {
          keepNumeric[kept] = numericIds[c];
        }
        off[++kept] = w;
      }
    }
    return new TransactionLog(zone, currency, Arrays.copyOf(keep, kept),
        keepNumeric == null ? null : Arrays.copyOf(keepNumeric, kept), Arrays.copyOf(off, kept + 1),
        s, dd, a);
  }

  /**
   * Two logs are equal when they have the same zone, currency, customers and rows.
   *
   * @param o another object
   * @return whether {@code o} is an equal log
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof TransactionLog)) {
      return false;
    }
    TransactionLog that = (TransactionLog) o;
    return zone.equals(that.zone)
        && currency.equals(that.currency)
        && sameCustomers(that)
        && Arrays.equals(offsets, that.offsets)
        && Arrays.equals(seconds, that.seconds)
        && Arrays.equals(amounts, that.amounts);
  }

  @Override
  public int hashCode() {
    int idHash = 1;
    for (int c = 0; c < ids.length; c++) {
      idHash = 31 * idHash + customerId(c).hashCode(); // as Arrays.hashCode of the id strings
    }
    return Objects.hash(zone, currency, idHash, Arrays.hashCode(seconds),
        Arrays.hashCode(amounts));
  }

  private boolean sameCustomers(TransactionLog that) {
    if (ids.length != that.ids.length) {
      return false;
    }
    if (numericIds != null && that.numericIds != null) {
      return Arrays.equals(numericIds, that.numericIds);
    }
    for (int c = 0; c < ids.length; c++) {
      if (!customerId(c).equals(that.customerId(c))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TransactionLog{" + size() + " rows, " + customerCount() + " customers, " + currency
        + ", " + zone + "}";
  }

  /**
   * Collects transactions into a {@link TransactionLog}. Rows may be added in any order. Every
   * append call checks its row against the supported input of the class documentation (instant
   * range, sign of the amount, running sum of |amount|, ids) before storing it, and names the row
   * on failure; memory per row is stated there too. Not thread-safe; one builder builds one log.
   */
  public static final class Builder {
    private final Currency currency;
    private final ZoneId zone;
    private DuplicateOrders duplicates = DuplicateOrders.REJECT;

    private final IdTable customerIndex = new IdTable();
    /**
     * The id of the previous string row, compared by identity to skip the lookup; starts as a
     * private sentinel so that a null id is never mistaken for a repeat (it reaches {@link
     * #customer(String)}, which throws {@link NullPointerException}).
     */
    private String lastId = NO_ID;
    private int lastIndex = -1;

    private int n;
    private int[] rowCustomer = new int[16];
    private long[] rowSecond = new long[16];
    private long[] rowAmount = new long[16];

    // Only used on the Transaction path: order id -> row, refunded order id -> refund rows.
    private Map<String, Integer> orderRow;
    private Map<String, Long> refundedTotal;
    /** Refunded order id to the input index (named in messages) and the slot of its first refund. */
    private Map<String, Integer> refundFirstRow;
    private Map<String, Integer> refundFirstSlot;

    // Rows added with numeric customer ids (kept apart: grouped by a table, no string per row).
    // They grow by chunks, never by copying: the current chunk is numKey/numSecond/numAmount with
    // numPos rows; full chunks wait in the lists until build() joins them into exact-size columns.
    private int numN;
    private int numPos;
    private long[] numKey = new long[0];
    private long[] numSecond = new long[0];
    private long[] numAmount = new long[0];
    private java.util.List<long[]> fullKeys;
    private java.util.List<long[]> fullSeconds;
    private java.util.List<long[]> fullAmounts;
    private int expected;

    private boolean built;
    /** Line items merged into an earlier row: inputs that hold no row of their own. */
    private int merged;
    /** Running sum of |amount| over every input (see {@link SupportedRange#MAX_TOTAL_MINOR}). */
    private long absTotal;

    /** The supported seconds span {@code MAX - MIN} (one comparison tests the range). */
    private static final long SECOND_SPAN =
        SupportedRange.MAX_EPOCH_SECOND - SupportedRange.MIN_EPOCH_SECOND;

    /** The largest chunk of numeric rows (8 MiB per column). */
    private static final int MAX_CHUNK = 1 << 20;

    /** A string no caller can pass (compared by identity only). */
    private static final String NO_ID = new String("");

    private Builder(Currency currency, ZoneId zone) {
      this.currency = Objects.requireNonNull(currency, "currency");
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Chooses how duplicate order ids are handled (default {@link DuplicateOrders#REJECT}).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder duplicateOrders(DuplicateOrders policy) {
      this.duplicates = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Pre-sizes the row arrays.
     *
     * @param rows the expected number of rows
     * @return this builder
     */
    public Builder expectedSize(int rows) {
      Checks.nonNegative(rows, "rows");
      expected = rows;
      return this;
    }

    /**
     * Adds a purchase from primitive values (no order id, so no duplicate check).
     *
     * @param customerId the customer id, not blank
     * @param epochSecond the purchase time in seconds since the epoch
     * @param amountMinor the order value in minor units, {@code >= 0}
     * @return this builder
     */
    public Builder purchase(String customerId, long epochSecond, long amountMinor) {
      row(customerId, epochSecond, purchaseAmount(amountMinor, inputs()));
      return this;
    }

    /**
     * Adds a purchase at the start of a calendar day in the builder's zone.
     *
     * @param customerId the customer id, not blank
     * @param date the purchase date
     * @param amountMinor the order value in minor units, {@code >= 0}
     * @return this builder
     */
    public Builder purchase(String customerId, LocalDate date, long amountMinor) {
      Checks.date(date, "date", inputs());
      return purchase(customerId, date.atStartOfDay(zone).toEpochSecond(), amountMinor);
    }

    /**
     * Adds a refund from primitive values (no refunded order, so no refund-total check).
     *
     * @param customerId the customer id, not blank
     * @param epochSecond the refund time in seconds since the epoch
     * @param amountMinor the amount returned in minor units, {@code > 0}
     * @return this builder
     */
    public Builder refund(String customerId, long epochSecond, long amountMinor) {
      row(customerId, epochSecond, refundAmount(amountMinor, inputs()));
      return this;
    }

    /**
     * Adds a transaction, checking its currency, its order id and the refunded order.
     *
     * @param t the transaction
     * @return this builder
     * @throws IllegalArgumentException if the currency differs from the log's, the order id is a
     *     duplicate (under {@link DuplicateOrders#REJECT}), or a line item names another customer
     */
    public Builder add(Transaction t) {
      checkOpen();
      Objects.requireNonNull(t, "transaction");
      int row = inputs();
      if (!t.currency().equals(currency)) {
        throw new IllegalArgumentException(
            "currency must be " + currency.getCurrencyCode() + " in this log, was "
                + t.currency().getCurrencyCode() + " (row " + row + ")");
      }
      if (orderRow == null) {
        orderRow = new HashMap<>();
        refundedTotal = new HashMap<>();
        refundFirstRow = new HashMap<>();
        refundFirstSlot = new HashMap<>();
      }
      Integer existing = orderRow.get(t.orderId());
      long epochSecond = t.timestamp().getEpochSecond();
      if (existing != null) {
        int r = existing;
        boolean merge = duplicates == DuplicateOrders.MERGE_LINE_ITEMS
            && t.kind() == TransactionKind.PURCHASE && rowAmount[r] >= 0;
        if (!merge) {
          throw new IllegalArgumentException(
              "orderId must be unique in a log, was the orderId of an earlier row again (row "
                  + row + "; use DuplicateOrders.MERGE_LINE_ITEMS to merge line items of one "
                  + "order)");
        }
        if (!customerIndex.key(rowCustomer[r]).equals(t.customerId())) {
          throw new IllegalArgumentException(
              "customerId of a line item must match that of the earlier line item with the same "
                  + "orderId, was another customer (row " + row + ")");
        }
        absTotal = Checks.addToTotal(absTotal, t.amountMinor(), "amountMinor", row);
        rowAmount[r] += t.amountMinor(); // at most absTotal: cannot overflow
        rowSecond[r] = Math.min(rowSecond[r], epochSecond);
        merged++;
        return this;
      }
      // the row is checked before any map records it
      long signed = t.signedAmountMinor();
      checkRow(epochSecond, signed, row);
      orderRow.put(t.orderId(), n);
      if (t.kind() == TransactionKind.REFUND && t.refundedOrderId() != null) {
        refundedTotal.merge(t.refundedOrderId(), t.amountMinor(), Long::sum); // <= absTotal
        refundFirstRow.putIfAbsent(t.refundedOrderId(), row);
        refundFirstSlot.putIfAbsent(t.refundedOrderId(), n);
      }
      appendRow(t.customerId(), epochSecond, signed);
      return this;
    }

    /**
     * Adds every transaction.
     *
     * @param transactions the transactions
     * @return this builder
     */
    public Builder addAll(Iterable<Transaction> transactions) {
      for (Transaction t : transactions) {
        add(t);
      }
      return this;
    }

    /**
     * Adds a purchase at an instant (no order id, so no duplicate check).
     *
     * @param customerId the customer id
     * @param timestamp the purchase time
     * @param amountMinor the order value in minor units
     * @return this builder
     */
    public Builder purchase(String customerId, Instant timestamp, long amountMinor) {
      return purchase(
          customerId, Checks.instant(timestamp, "timestamp", inputs()).getEpochSecond(),
          amountMinor);
    }

    /**
     * Adds a purchase for a numeric customer id: the fastest path. When a builder's numeric ids span
     * at most about four values per row (database sequences, row numbers), {@link #build()} counts
     * them in a direct table with no hashing and no string per row; sparser ids are numbered by an
     * open-addressing hash table. The id is the same customer as the string {@code
     * Long.toString(customerId)}; a builder may mix both forms (then every row takes the string
     * path).
     *
     * @param customerId the customer id, {@code >= 0}
     * @param epochSecond the purchase time in seconds since the epoch
     * @param amountMinor the order value in minor units, {@code >= 0}
     * @return this builder
     */
    public Builder purchase(long customerId, long epochSecond, long amountMinor) {
      // every check of the row in one branch (sign bits OR-ed; see numChecksFailed): the id and the
      // amount are >= 0, the second is in range, the running sum of |amount| does not overflow
      long d = epochSecond - SupportedRange.MIN_EPOCH_SECOND;
      long total = absTotal + amountMinor;
      if ((customerId | amountMinor | d | (SECOND_SPAN - d) | total) < 0 | built) {
        throw numChecksFailed(customerId, epochSecond, amountMinor, false);
      }
      absTotal = total;
      numRow(customerId, epochSecond, amountMinor);
      return this;
    }

    /**
     * Adds a refund for a numeric customer id (see {@link #purchase(long, long, long)}).
     *
     * @param customerId the customer id, {@code >= 0}
     * @param epochSecond the refund time in seconds since the epoch
     * @param amountMinor the amount returned in minor units, {@code > 0}
     * @return this builder
     */
    public Builder refund(long customerId, long epochSecond, long amountMinor) {
      long d = epochSecond - SupportedRange.MIN_EPOCH_SECOND;
      long total = absTotal + amountMinor;
      // amountMinor > 0: both amountMinor and amountMinor - 1 are >= 0
      if ((customerId | amountMinor | (amountMinor - 1) | d | (SECOND_SPAN - d) | total) < 0
          | built) {
        throw numChecksFailed(customerId, epochSecond, amountMinor, true);
      }
      absTotal = total;
      numRow(customerId, epochSecond, -amountMinor);
      return this;
    }

    /**
     * Slow path of the numeric appends: runs the checks one by one to throw the exception that
     * names the first broken rule. A value is out of range exactly when one of the OR-ed words of
     * the fast test is negative: {@code d = second - MIN} and {@code SPAN - d} are both {@code >=
     * 0} exactly when the second is in range (an overflowing {@code d} is negative), and the sum of
     * two non-negative {@code long}s is negative exactly when it overflows.
     */
    private RuntimeException numChecksFailed(
        long customerId, long epochSecond, long amountMinor, boolean refund) {
      checkOpen();
      int row = inputs();
      if (customerId < 0) {
        return new IllegalArgumentException(
            "customerId must be >= 0 when numeric, was a negative number (row " + row
                + "); pass it as a String instead");
      }
      long signed = refund ? refundAmount(amountMinor, row) : purchaseAmount(amountMinor, row);
      Checks.epochSecond(epochSecond, "epochSecond", row);
      Checks.addToTotal(absTotal, Math.abs(signed), "amountMinor", row);
      throw new AssertionError("no check failed for row " + row); // unreachable
    }

    /** Stores a checked numeric row. */
    private void numRow(long customerId, long epochSecond, long signedAmount) {
      if (numPos == numKey.length) {
        nextNumericChunk();
      }
      numKey[numPos] = customerId;
      numSecond[numPos] = epochSecond;
      numAmount[numPos] = signedAmount;
      numPos++;
      numN++;
    }

    /**
     * Starts a new chunk of numeric rows: the first holds {@code max(expected, 16)} rows, later ones
     * half the rows so far, between 16 and {@value #MAX_CHUNK} rows. Nothing is copied, so growing
     * costs no transient second copy of the columns, and the unused tail of the last chunk is at
     * most half the rows and at most {@value #MAX_CHUNK} rows (24 MiB).
     */
    private void nextNumericChunk() {
      int size;
      if (numN == 0) {
        size = Math.max(expected, 16);
      } else {
        if (fullKeys == null) {
          fullKeys = new java.util.ArrayList<>();
          fullSeconds = new java.util.ArrayList<>();
          fullAmounts = new java.util.ArrayList<>();
        }
        fullKeys.add(numKey);
        fullSeconds.add(numSecond);
        fullAmounts.add(numAmount);
        size = Math.max(Math.max(16, expected - numN), Math.min(numN >> 1, MAX_CHUNK));
      }
      numKey = new long[size];
      numSecond = new long[size];
      numAmount = new long[size];
      numPos = 0;
    }

    /**
     * Joins the numeric chunks into single columns of exactly {@code numN} rows, one column at a
     * time, dropping each chunk once copied (peak: the chunks plus one 8-byte column). A single
     * chunk is kept as it is.
     */
    private void joinNumericChunks() {
      if (fullKeys == null) {
        return;
      }
      fullKeys.add(numKey);
      fullSeconds.add(numSecond);
      fullAmounts.add(numAmount);
      numKey = numSecond = numAmount = null;
      numKey = join(fullKeys);
      fullKeys = null;
      numSecond = join(fullSeconds);
      fullSeconds = null;
      numAmount = join(fullAmounts);
      fullAmounts = null;
      numPos = numN;
    }

    private long[] join(java.util.List<long[]> chunks) {
      long[] out = new long[numN];
      int w = 0;
      for (int i = 0; i < chunks.size(); i++) {
        long[] c = chunks.get(i);
        int len = Math.min(c.length, numN - w);
        System.arraycopy(c, 0, out, w, len);
        w += len;
        chunks.set(i, null); // garbage from here on
      }
      return out;
    }

    /**
     * A handle for a customer id, for callers that add many rows per customer: look the id up once
     * and add its rows with {@link #purchaseByHandle} and {@link #refundByHandle}, which do no
     * hashing. Handles are small non-negative integers valid for this builder only.
     *
     * @param customerId the customer id, not blank
     * @return the handle
     */
    public int customer(String customerId) {
      return customerIndex.internIf(
          Objects.requireNonNull(customerId, "customerId"), Checks::id, "customerId");
    }

    /**
     * Adds a purchase for a customer handle from {@link #customer(String)}.
     *
     * @param handle the handle
     * @param epochSecond the purchase time in seconds since the epoch
     * @param amountMinor the order value in minor units, {@code >= 0}
     * @return this builder
     */
    public Builder purchaseByHandle(int handle, long epochSecond, long amountMinor) {
      handleRow(handle, epochSecond, purchaseAmount(amountMinor, inputs()));
      return this;
    }

    /**
     * Adds a refund for a customer handle from {@link #customer(String)}.
     *
     * @param handle the handle
     * @param epochSecond the refund time in seconds since the epoch
     * @param amountMinor the amount returned in minor units, {@code > 0}
     * @return this builder
     */
    public Builder refundByHandle(int handle, long epochSecond, long amountMinor) {
      handleRow(handle, epochSecond, refundAmount(amountMinor, inputs()));
      return this;
    }

    private void handleRow(int handle, long epochSecond, long signedAmount) {
      checkOpen();
      if (handle < 0 || handle >= customerIndex.size()) {
        throw new IllegalArgumentException(
            "handle must come from customer(String) of this builder, was " + handle + " (row "
                + inputs() + ")");
      }
      checkRow(epochSecond, signedAmount, inputs());
      ensure(n + 1);
      rowCustomer[n] = handle;
      rowSecond[n] = epochSecond;
      rowAmount[n] = signedAmount;
      n++;
    }

    void row(String customerId, long epochSecond, long signedAmount) {
      checkOpen();
      int row = inputs();
      Objects.requireNonNull(customerId, "customerId");
      Checks.epochSecond(epochSecond, "epochSecond", row);
      long total = Checks.addToTotal(absTotal, Math.abs(signedAmount), "amountMinor", row);
      appendRow(customerId, epochSecond, signedAmount); // throws for a blank new id
      absTotal = total;
    }

    /**
     * The index of the next input in call order (rows of every path, merged line items included):
     * the "row" that messages name.
     */
    private int inputs() {
      return n + numN + merged;
    }

    /**
     * The checks every input row passes before it changes any state: its second is in the
     * supported range and the running sum of |amount| stays within a {@code long}.
     */
    private void checkRow(long epochSecond, long signedAmount, int row) {
      Checks.epochSecond(epochSecond, "epochSecond", row);
      absTotal = Checks.addToTotal(absTotal, Math.abs(signedAmount), "amountMinor", row);
    }

    private void appendRow(String customerId, long epochSecond, long signedAmount) {
      if (customerId != lastId) {
        lastIndex = customer(customerId);
        lastId = customerId;
      }
      ensure(n + 1);
      rowCustomer[n] = lastIndex;
      rowSecond[n] = epochSecond;
      rowAmount[n] = signedAmount;
      n++;
    }

    /** The signed amount of a purchase row, which must not be negative. */
    private static long purchaseAmount(long amountMinor, int row) {
      if (amountMinor < 0) {
        throw new IllegalArgumentException(
            "amountMinor must be >= 0 for a PURCHASE, was " + amountMinor + " (row " + row + ")");
      }
      return amountMinor;
    }

    /** The signed (negative) amount of a refund row, whose amount returned must be positive. */
    private static long refundAmount(long amountMinor, int row) {
      if (amountMinor <= 0) {
        throw new IllegalArgumentException(
            "amountMinor must be > 0 for a REFUND (the amount returned), was " + amountMinor
                + " (row " + row + ")");
      }
      return -amountMinor;
    }

    /** A built log may own the builder's columns: no row may be added afterwards. */
    private void checkOpen() {
      if (built) {
        throw new IllegalStateException("build() was already called: this builder takes no rows");
      }
    }

    private void ensure(int capacity) {
      if (capacity > rowSecond.length) {
        int cap = Math.max(Math.max(capacity, expected),
            rowSecond.length + (rowSecond.length >> 1) + 16);
        rowCustomer = Arrays.copyOf(rowCustomer, cap);
        rowSecond = Arrays.copyOf(rowSecond, cap);
        rowAmount = Arrays.copyOf(rowAmount, cap);
      }
    }

    /**
     * Sorts and freezes the rows. A builder builds once.
     *
     * @return the log
     * @throws IllegalStateException if called twice
     * @throws IllegalArgumentException if refunds of an order exceed it or name another customer
     */
    public TransactionLog build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      built = true;
      checkRefunds();
      joinNumericChunks();
      if (numN > 0 && n == 0) {
        long[] k = numKey;
        long[] s = numSecond;
        long[] a = numAmount;
        numKey = numSecond = numAmount = null; // the log may take these columns over
        return NumericRows.build(k, s, a, numN, currency, zone);
      }
      for (int i = 0; i < numN; i++) {
        appendRow(Long.toString(numKey[i]), numSecond[i], numAmount[i]);
      }
      numKey = numSecond = numAmount = null;
      dropCustomersWithoutRows();
      int customerCount = customerIndex.size();
      int[] rank = new int[customerCount];
      String[] sorted = Grouping.sortedNames(customerIndex, rank);
      int[] count = new int[customerCount];
      int[] offsets = Grouping.rankRows(rowCustomer, n, rank, count);
      long[] s = rowSecond;
      long[] a = rowAmount;
      rowSecond = rowAmount = null; // the log may take these columns over
      RowGrouper.Columns cols =
          RowGrouper.group(rowCustomer, customerCount, count, offsets, s, a, n, zone);
      return new TransactionLog(
          zone, currency, sorted, offsets, cols.seconds, cols.days, cols.amounts);
    }

    /** Handles taken with {@link #customer(String)} but never given a row leave no trace. */
    private void dropCustomersWithoutRows() {
      int cc = customerIndex.size();
      boolean[] used = new boolean[cc];
      int usedCount = 0;
      for (int i = 0; i < n; i++) {
        if (!used[rowCustomer[i]]) {
          used[rowCustomer[i]] = true;
          usedCount++;
        }
      }
      if (usedCount == cc) {
        return;
      }
      int[] remap = customerIndex.retain(used);
      lastId = NO_ID;
      for (int i = 0; i < n; i++) {
        rowCustomer[i] = remap[rowCustomer[i]];
      }
    }

    private void checkRefunds() {
      if (refundedTotal == null) {
        return;
      }
      for (Map.Entry<String, Long> e : refundedTotal.entrySet()) {
        Integer orderRowIndex = orderRow.get(e.getKey());
        if (orderRowIndex == null) {
          continue; // the order predates the log's window: documented as accepted
        }
        int o = orderRowIndex;
        int firstRefund = refundFirstRow.get(e.getKey());
        if (rowAmount[o] < 0) {
          throw new IllegalArgumentException(
              "refundedOrderId must name a purchase, was the orderId of a refund (row "
                  + firstRefund + ")");
        }
        if (rowCustomer[o] != rowCustomer[refundFirstSlot.get(e.getKey())]) {
          throw new IllegalArgumentException(
              "customerId of a refund must match its order's, was another customer (row "
                  + firstRefund + ")");
        }
        if (e.getValue() > rowAmount[o]) {
          throw new IllegalArgumentException(
              "refunds of one order must not exceed its amount " + rowAmount[o] + ", were "
                  + e.getValue() + " in total (refundedOrderId of the refund at row "
                  + firstRefund + " and of any later refund of the same order)");
        }
      }
    }
  }

  /**
   * Builds a log from rows with numeric customer ids. When the ids span at most {@link
   * #DENSE_SLACK} plus four times the row count (database sequences, row numbers), a table indexed
   * by {@code id - min} counts the rows per id with no hashing; otherwise an open-addressing hash
   * table numbers the distinct ids. Customers are put in the lexicographic order of their decimal
   * ids by merging the runs of equal digit count (each run is in numeric order, which within one
   * digit count is the lexicographic order); {@link RowGrouper} then orders the rows.
   */
  static final class NumericRows {
    /** Ids spanning up to this many values beyond four per row use the direct table. */
    static final long DENSE_SLACK = 1 << 16;
    private static final long[] POW10 = new long[19];

    static {
      POW10[0] = 1;
      for (int i = 1; i < 19; i++) {
        POW10[i] = POW10[i - 1] * 10;
      }
    }

    private NumericRows() {}

    static TransactionLog build(
        long[] key, long[] sec, long[] amt, int n, Currency currency, ZoneId zone) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      long minSec = Long.MAX_VALUE;
      long maxSec = Long.MIN_VALUE;
      long minAmt = Long.MAX_VALUE;
      long maxAmt = Long.MIN_VALUE;
      for (int i = 0; i < n; i++) {
        min = Math.min(min, key[i]);
        max = Math.max(max, key[i]);
        minSec = Math.min(minSec, sec[i]);
        maxSec = Math.max(maxSec, sec[i]);
        minAmt = Math.min(minAmt, amt[i]);
        maxAmt = Math.max(maxAmt, amt[i]);
      }
      int[] rowKey = new int[n];
      long[] ids;
      int[] count;
      int[] start;
      long[] lexIds;
      int[] offsets;
      if (max - min <= 4L * n + DENSE_SLACK && max - min < Integer.MAX_VALUE - 8) {
        // key = id - min: the direct table; keys of one digit count keep the lexicographic order,
        // so pass 2 of the grouping writes near-sequentially
        int range = (int) (max - min) + 1;
        count = new int[range];
        for (int i = 0; i < n; i++) {
          int k = (int) (key[i] - min);
          rowKey[i] = k;
          count[k]++;
        }
        int distinct = 0;
        for (int k = 0; k < range; k++) {
          if (count[k] > 0) {
            distinct++;
          }
        }
        ids = new long[distinct];
        int d = 0;
        for (int k = 0; k < range; k++) {
          if (count[k] > 0) {
            ids[d++] = min + k;
          }
        }
        int[] lex = lexicographicOrderOfAscending(ids);
        start = new int[range];
        lexIds = new long[distinct];
        offsets = new int[distinct + 1];
        int w = 0;
        for (int r = 0; r < distinct; r++) {
          long id = ids[lex[r]];
          int k = (int) (id - min);
          lexIds[r] = id;
          start[k] = w;
          w += count[k];
          offsets[r + 1] = w;
        }
      } else {
        // sparse ids: number them by hashing, then key = lexicographic rank
        LongTable table = new LongTable(Math.min(n, 1 << 20));
        for (int i = 0; i < n; i++) {
          rowKey[i] = table.intern(key[i]);
        }
        int distinct = table.size();
        ids = Arrays.copyOf(table.keys(), distinct);
        Arrays.sort(ids);
        int[] lex = lexicographicOrderOfAscending(ids);
        int[] rankOfNumber = new int[distinct];
        lexIds = new long[distinct];
        for (int r = 0; r < distinct; r++) {
          long id = ids[lex[r]];
          lexIds[r] = id;
          rankOfNumber[table.get(id)] = r;
        }
        count = new int[distinct];
        offsets = Grouping.rankRows(rowKey, n, rankOfNumber, count);
        start = offsets;
      }
      // the builder is spent: its id column is free scratch space, its second and amount columns
      // may become the log's
      RowGrouper.Columns cols = RowGrouper.group(rowKey, count.length, count, start, sec, amt, n,
          zone, minSec, maxSec, minAmt, maxAmt, key);
      // id strings are made on first access: a numeric log keeps 8 bytes per customer id
      return new TransactionLog(zone, currency, new String[lexIds.length], lexIds, offsets,
          cols.seconds, cols.days, cols.amounts);
    }

    /**
     * The lexicographic order of the decimal strings of distinct non-negative ids given in
     * ascending numeric order: ids with the same number of digits form consecutive runs already in
     * lexicographic order, and the runs are merged by comparing the ids padded with zeros to 19
     * digits (unsigned, as {@code 10^19 > Long.MAX_VALUE}), a tie ("1" and "10") going to the
     * shorter id.
     *
     * @param ids distinct ids, ascending, {@code >= 0}
     * @return {@code order} with {@code ids[order[0]]} the lexicographically first
     */
    static int[] lexicographicOrderOfAscending(long[] ids) {
      int c = ids.length;
      int[] head = new int[20];
      int[] end = new int[20];
      int digits = 1;
      int i = 0;
      for (; digits <= 19; digits++) {
        head[digits] = i;
        while (i < c && (digits == 19 || ids[i] < POW10[digits])) {
          i++;
        }
        end[digits] = i;
      }
      // the non-empty runs by ascending digit count; padded[q] is the head of run live[q]
      int[] live = new int[19];
      long[] padded = new long[19];
      int runs = 0;
      for (int d = 1; d <= 19; d++) {
        if (head[d] < end[d]) {
          live[runs] = d;
          padded[runs++] = ids[head[d]] * POW10[19 - d];
        }
      }
      int[] order = new int[c];
      for (int p = 0; p < c; p++) {
        int best = 0;
        for (int q = 1; q < runs; q++) {
          if (Long.compareUnsigned(padded[q], padded[best]) < 0) {
            best = q; // strictly less: on a tie the shorter id (lower q) stays first
          }
        }
        int d = live[best];
        order[p] = head[d]++;
        if (head[d] < end[d]) {
          padded[best] = ids[head[d]] * POW10[19 - d];
        } else {
          runs--;
          System.arraycopy(live, best + 1, live, best, runs - best);
          System.arraycopy(padded, best + 1, padded, best, runs - best);
        }
      }
      return order;
    }
  }

  /**
   * Numbers distinct non-negative {@code long} keys densely in first-seen order (open addressing,
   * linear probing, {@code -1} marks an empty slot). Not thread-safe.
   */
  static final class LongTable {
    private long[] slots;
    private int[] numbers;
    private long[] byNumber;
    private int size;
    private int mask;

    LongTable(int expected) {
      int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
      slots = new long[cap];
      Arrays.fill(slots, -1L);
      numbers = new int[cap];
      byNumber = new long[Math.max(16, expected)];
      mask = cap - 1;
    }

    int size() {
      return size;
    }

    long[] keys() {
      return byNumber;
    }

    int get(long key) {
      int slot = spread(key) & mask;
      while (slots[slot] != key) {
        if (slots[slot] == -1L) {
          return -1;
        }
        slot = (slot + 1) & mask;
      }
      return numbers[slot];
    }

    int intern(long key) {
      int slot = spread(key) & mask;
      while (true) {
        long k = slots[slot];
        if (k == key) {
          return numbers[slot];
        }
        if (k == -1L) {
          break;
        }
        slot = (slot + 1) & mask;
      }
      int number = size++;
      slots[slot] = key;
      numbers[slot] = number;
      if (number == byNumber.length) {
        byNumber = Arrays.copyOf(byNumber, number * 2);
      }
      byNumber[number] = key;
      if (size * 2 > slots.length) {
        rehash();
      }
      return number;
    }

    private void rehash() {
      long[] oldSlots = slots;
      int[] oldNumbers = numbers;
      slots = new long[oldSlots.length * 2];
      Arrays.fill(slots, -1L);
      numbers = new int[slots.length];
      mask = slots.length - 1;
      for (int s = 0; s < oldSlots.length; s++) {
        if (oldSlots[s] != -1L) {
          int slot = spread(oldSlots[s]) & mask;
          while (slots[slot] != -1L) {
            slot = (slot + 1) & mask;
          }
          slots[slot] = oldSlots[s];
          numbers[slot] = oldNumbers[s];
        }
      }
    }

    private static int spread(long key) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> 32);
    }
  }
}
