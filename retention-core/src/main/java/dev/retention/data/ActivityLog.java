package dev.retention.data;

import dev.retention.internal.Checks;
import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, columnar log of {@link ActivityEvent}s, sorted by customer, then time, then event
 * type: the activity counterpart of {@link TransactionLog}, used for usage retention, "critical
 * event" cohorts and inactivity.
 *
 * <p>Customers are numbered {@code 0 .. customerCount()-1} in lexicographic order of their ids and
 * event types {@code 0 .. typeCount()-1} in lexicographic order of their names, so the numbering
 * does not depend on input order; the rows of customer {@code c} are {@code start(c) .. end(c)-1}.
 * Per row: epoch second ({@code long}), calendar day in the log's zone ({@code int}) and type index
 * ({@code int}), 16 bytes. Immutable and thread-safe; builders are not.
 *
 * <p><b>Supported input:</b> instants in {@link SupportedRange} (1900-01-01T00:00:00Z to
 * 2199-12-31T23:59:59Z), checked in the append call before anything is stored, so a time in
 * milliseconds or microseconds read as seconds fails at once with its row; at most
 * {@code Integer.MAX_VALUE - 8} events. <b>Memory:</b> 16 bytes per event in the log; the builder
 * holds 16 bytes per event of capacity (capacity grows by half, by copying, so up to 24 bytes per
 * event), and {@link Builder#build()} allocates about 36 bytes per event while it sorts (an 8-byte
 * sort key, scratch, and the result columns; measured with 10 events per customer): about 60 bytes
 * per event at the peak. Messages name the row and field, never a customer id.
 */
public final class ActivityLog {
  private final ZoneId zone;
  private final String[] ids;
  private final String[] types;
  private final int[] offsets;
  private final long[] seconds;
  private final int[] days;
  private final int[] typeOf;

  private ActivityLog(
      ZoneId zone, String[] ids, String[] types, int[] offsets, long[] seconds, int[] days,
      int[] typeOf) {
    this.zone = zone;
    this.ids = ids;
    this.types = types;
    this.offsets = offsets;
    this.seconds = seconds;
    this.days = days;
    this.typeOf = typeOf;
  }

  /**
   * Builds a log from events.
   *
   * @param events the events in any order
   * @param zone the zone that decides calendar days
   * @return the log
   */
  public static ActivityLog from(Iterable<ActivityEvent> events, ZoneId zone) {
    Builder b = builder(zone);
    for (ActivityEvent e : events) {
      b.add(e);
    }
    return b.build();
  }

  /**
   * A builder.
   *
   * @param zone the zone that decides calendar days
   * @return a new builder
   */
  public static Builder builder(ZoneId zone) {
    return new Builder(zone);
  }

  /**
   * The zone of the calendar days.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The number of events.
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
   * @param c a customer index
   * @return the id
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public String customerId(int c) {
    Objects.checkIndex(c, ids.length);
    return ids[c];
  }

  /**
   * The index of a customer id (binary search).
   *
   * @param customerId a customer id
   * @return its index, or -1 when the customer has no event
   */
  public int indexOf(String customerId) {
    int i = Arrays.binarySearch(ids, Objects.requireNonNull(customerId, "customerId"));
    return i >= 0 ? i : -1;
  }

  /**
   * The number of distinct event types.
   *
   * @return the type count
   */
  public int typeCount() {
    return types.length;
  }

  /**
   * The name of event type {@code t}.
   *
   * @param t a type index
   * @return the type name
   * @throws IndexOutOfBoundsException if {@code t} is not in {@code [0, typeCount())}
   */
  public String typeName(int t) {
    Objects.checkIndex(t, types.length);
    return types[t];
  }

  /**
   * The index of an event type.
   *
   * @param type a type name
   * @return its index, or -1 when no event has that type
   */
  public int typeIndex(String type) {
    int i = Arrays.binarySearch(types, Objects.requireNonNull(type, "type"));
    return i >= 0 ? i : -1;
  }

  /**
   * The first row of customer {@code c}.
   *
   * @param c a customer index
   * @return the first row
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
   * @return the exclusive end row
   * @throws IndexOutOfBoundsException if {@code c} is not in {@code [0, customerCount())}
   */
  public int end(int c) {
    Objects.checkIndex(c, ids.length);
    return offsets[c + 1];
  }

  /**
   * The timestamp of a row.
   *
   * @param row a row index
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
   * @return days since 1970-01-01
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public int epochDay(int row) {
    Objects.checkIndex(row, days.length);
    return days[row];
  }

  /**
   * The event type of a row.
   *
   * @param row a row index
   * @return the type index (see {@link #typeName(int)})
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public int type(int row) {
    Objects.checkIndex(row, typeOf.length);
    return typeOf[row];
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ActivityLog)) {
      return false;
    }
    ActivityLog that = (ActivityLog) o;
    return zone.equals(that.zone) && Arrays.equals(ids, that.ids)
        && Arrays.equals(types, that.types) && Arrays.equals(offsets, that.offsets)
        && Arrays.equals(seconds, that.seconds) && Arrays.equals(typeOf, that.typeOf);
  }

  @Override
  public int hashCode() {
    return Objects.hash(zone, Arrays.hashCode(ids), Arrays.hashCode(seconds));
  }

  @Override
  public String toString() {
    return "ActivityLog{" + size() + " events, " + customerCount() + " customers, "
        + typeCount() + " types, " + zone + "}";
  }

  /** Collects events into an {@link ActivityLog}; not thread-safe, builds once. */
  public static final class Builder {
    private final ZoneId zone;
    private final IdTable customerIndex = new IdTable();
    private final IdTable typeIndex = new IdTable();
    private int n;
    private int[] rowCustomer = new int[16];
    private int[] rowType = new int[16];
    private long[] rowSecond = new long[16];
    private boolean built;

    private Builder(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Adds an event.
     *
     * @param e the event
     * @return this builder
     */
    public Builder add(ActivityEvent e) {
      Objects.requireNonNull(e, "event");
      return add(e.customerId(), e.timestamp().getEpochSecond(), e.type());
    }

    /**
     * Adds an event at an instant.
     *
     * @param customerId the customer id
     * @param timestamp when it happened
     * @param type the event type
     * @return this builder
     */
    public Builder add(String customerId, Instant timestamp, String type) {
      return add(customerId, Checks.instant(timestamp, "timestamp", n).getEpochSecond(), type);
    }

    /**
     * Adds an event from primitive values.
     *
     * @param customerId the customer id, not blank
     * @param epochSecond when it happened, in {@link SupportedRange}
     * @param type the event type, not blank
     * @return this builder
     * @throws IllegalArgumentException naming the row if the second is outside {@link
     *     SupportedRange} or an id or type is blank
     */
    public Builder add(String customerId, long epochSecond, String type) {
      if (built) {
        // the built log may own this builder's second column
        throw new IllegalStateException("build() was already called: this builder takes no rows");
      }
      Checks.epochSecond(epochSecond, "epochSecond", n);
      int c = customerIndex.internIf(
          Objects.requireNonNull(customerId, "customerId"), Checks::id, "customerId");
      int t = typeIndex.internIf(Objects.requireNonNull(type, "type"), Checks::id, "type");
      if (n == rowSecond.length) {
        int cap = n + (n >> 1) + 16;
        rowCustomer = Arrays.copyOf(rowCustomer, cap);
        rowType = Arrays.copyOf(rowType, cap);
        rowSecond = Arrays.copyOf(rowSecond, cap);
      }
      rowCustomer[n] = c;
      rowType[n] = t;
      rowSecond[n] = epochSecond;
      n++;
      return this;
    }

    /**
     * Sorts and freezes the events.
     *
     * @return the log
     * @throws IllegalStateException if called twice
     */
    public ActivityLog build() {
      if (built) {
        throw new IllegalStateException("build() was already called on this builder");
      }
      built = true;
      int cc = customerIndex.size();
      int[] rank = new int[cc];
      String[] ids = Grouping.sortedNames(customerIndex, rank);
      int tc = typeIndex.size();
      int[] typeRank = new int[tc];
      String[] types = Grouping.sortedNames(typeIndex, typeRank);
      // rows are ordered by (customer, second, type rank): the type rank takes the place of the
      // amount in the transaction log's grouping
      long[] typeKey = new long[n];
      for (int i = 0; i < n; i++) {
        typeKey[i] = typeRank[rowType[i]];
      }
      int[] count = new int[cc];
      int[] offsets = Grouping.rankRows(rowCustomer, n, rank, count);
      RowGrouper.Columns cols =
          RowGrouper.group(rowCustomer, cc, count, offsets, rowSecond, typeKey, n, zone);
      int[] typeOf = new int[n];
      for (int i = 0; i < n; i++) {
        typeOf[i] = (int) cols.amounts[i];
      }
      return new ActivityLog(zone, ids, types, offsets, cols.seconds, cols.days, typeOf);
    }
  }

  /**
   * The calendar date of a row.
   *
   * @param row a row index
   * @return the local date (allocates)
   * @throws IndexOutOfBoundsException if {@code row} is not in {@code [0, size())}
   */
  public LocalDate date(int row) {
    Objects.checkIndex(row, days.length);
    return LocalDate.ofEpochDay(days[row]);
  }
}
