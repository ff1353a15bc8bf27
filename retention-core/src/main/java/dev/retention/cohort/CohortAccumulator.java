package dev.retention.cohort;

import dev.retention.cohort.CohortSpec.RetentionMode;
import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import dev.retention.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * A mergeable cohort aggregation over part of the customers: add customers, {@link
 * #combine(CohortAccumulator) combine} accumulators over disjoint parts, then take a {@link
 * #snapshot()}. The result equals one pass over all customers, whatever the split.
 *
 * <pre>{@code
 * CohortAccumulator a = CohortAccumulator.create(log, spec);
 * CohortAccumulator b = a.emptyCopy();
 * a.addRange(0, half);
 * b.addRange(half, a.customerCount());
 * CohortMatrix m = a.combine(b).snapshot();
 * }</pre>
 *
 * <p><b>Frame.</b> The matrix shape (first cohort period, observation end, columns) is fixed when
 * the accumulator is created: from the spec when it sets both {@link CohortSpec#withFirstCohort}
 * and {@link CohortSpec#withObservationEnd}, otherwise from the data given to {@link #create}.
 * Accumulators combine only when their specs and frames are equal, so accumulators over different
 * logs (e.g. partitions of a larger data set) combine when the spec fixes the frame.
 *
 * <p><b>State.</b> One row-major {@code long[]} of {@code cohorts x offsets} cells per measure
 * (active customers, orders, net revenue, plus a packed orders/active array for the default spec),
 * one {@code long} per cohort for its size, and a few counters of rows and customers outside the
 * frame. Memory: at most {@code 8 x cohorts x (4 x offsets + 1)} bytes (36 monthly cohorts: 41 KB;
 * 32 bytes per cell, 320 MB at {@link CohortSpec#MAX_CELLS}), plus a shared day-to-period {@code
 * int[]} over the data's days (at most 109,575 days, 428 KB, as logs hold only rows in {@link
 * dev.retention.time.SupportedRange}). {@link #snapshot()} copies 24 bytes per cell after releasing
 * the 8-byte packed array, so its peak is 48 bytes per cell.
 *
 * <p><b>Hot path.</b> {@link #addRange(int, int)} walks the customers' rows in one flat pass: the
 * period of a row comes from the day-to-period table, distinct active periods are counted by
 * comparing with the previous purchase's period (rows are sorted by time; the rare case of a
 * local day going backwards across a zone transition is detected and recounted exactly), the
 * purchase/new-period tests are branch-free, and nothing is allocated (the packed array is
 * allocated on first use).
 *
 * <p><b>Contract.</b> Add each customer at most once across all combined accumulators; this is
 * not checked. Not thread-safe: use one accumulator per thread and combine them.
 */
public final class CohortAccumulator {
  private final CohortSource source;
  private final CohortFrame frame;
  private final boolean unbounded;
  private final boolean purchaseActive;

  final long[] size;
  /** CLASSIC/BRACKET: distinct active customers per cell; UNBOUNDED: last active column count. */
  final long[] active;
  final long[] orders;
  final long[] revenue;
  /**
   * Direct classic path only: per cell {@code orders + (active << 32)}, one read-modify-write per
   * row instead of two (a cell never sees 2^31 rows since a log has fewer); folded into {@link
   * #orders} and {@link #active} by {@link #flush()}.
   */
  private long[] packed;
  private boolean dirty;
  long customersWithoutCohort;
  long customersBeforeFirstCohort;
  long customersAfterEnd;
  long rowsBeforeCohort;
  long rowsAfterEnd;

  private CohortAccumulator(CohortSource source, CohortFrame frame) {
    this.source = source;
    this.frame = frame;
    this.unbounded = frame.spec.mode() == RetentionMode.UNBOUNDED;
    this.purchaseActive = source.activeType == null;
    this.size = new long[frame.cohorts];
    this.active = new long[frame.cohorts * frame.columns];
    this.orders = new long[frame.cohorts * frame.offsets];
    this.revenue = new long[frame.cohorts * frame.offsets];
  }

  /**
   * An empty accumulator over the customers of a transaction log, for a spec that needs no
   * activity log. Allocates the frame and the cell arrays; reads each customer's first rows once.
   *
   * @param transactions the log, with calendar days in {@code spec.zone()}
   * @param spec the cohort spec
   * @return an empty accumulator
   * @throws IllegalArgumentException if the zones differ, the spec needs activity events, or the
   *     data and spec give no valid frame
   */
  public static CohortAccumulator create(TransactionLog transactions, CohortSpec spec) {
    return create(transactions, null, spec);
  }

  /**
   * An empty accumulator over the customers of a transaction log and an activity log.
   *
   * @param transactions the purchases and refunds
   * @param activity the activity events, or null when the spec needs none
   * @param spec the cohort spec
   * @return an empty accumulator
   * @throws IllegalArgumentException if a zone differs from the spec's, a customer lacks an
   *     acquisition date, or the data and spec give no valid frame
   */
  public static CohortAccumulator create(
      TransactionLog transactions, ActivityLog activity, CohortSpec spec) {
    CohortSource source = new CohortSource(transactions, activity, spec);
    return new CohortAccumulator(source, source.frame());
  }

  /** The number of cells (cohorts x offsets) of the frame. */
  int cellCount() {
    return orders.length;
  }

  /**
   * An empty accumulator with the same data and frame (for another thread or partition).
   *
   * @return a new empty accumulator
   */
  public CohortAccumulator emptyCopy() {
    return new CohortAccumulator(source, frame);
  }

  /**
   * The number of customers that can be added: the transaction log's customers for the default
   * definition, otherwise the sorted union of the customers of the logs (and of the acquisition
   * dates).
   *
   * @return the customer count
   */
  public int customerCount() {
    return source.size;
  }

  /**
   * The id of customer {@code u}.
   *
   * @param u a customer index in {@code [0, customerCount())}
   * @return the id
   */
  public String customerId(int u) {
    return source.customerId(u);
  }

  /**
   * Adds one customer.
   *
   * @param u a customer index in {@code [0, customerCount())}
   * @return this accumulator
   * @throws IllegalArgumentException naming {@code u}, its range and value if it is outside it
   */
  public CohortAccumulator add(int u) {
    Checks.index(u, source.size, "u (a customer index)");
    return addRange(u, u + 1);
  }

  /**
   * Adds customers {@code from .. to-1}. Allocates nothing.
   *
   * @param from the first customer index
   * @param to one past the last
   * @return this accumulator
   * @throws IllegalArgumentException naming the bound and its value if {@code 0 <= from <= to <=
   *     customerCount()} does not hold
   */
  public CohortAccumulator addRange(int from, int to) {
    if (from < 0 || from > to || to > source.size) {
      throw new IllegalArgumentException("from and to must satisfy 0 <= from <= to <= "
          + source.size + " (customerCount()), were from " + from + ", to " + to);
    }
    TransactionLog tx = source.tx;
    if (source.direct) {
      if (!unbounded && frame.spec.mode() == RetentionMode.CLASSIC) {
        addDirectClassic(from, to);
        return this;
      }
      for (int c = from; c < to; c++) {
        int s = tx.start(c);
        int e = tx.end(c);
        int r = s;
        while (r < e && tx.amountMinor(r) < 0) {
          r++;
        }
        if (r == e) {
          customersWithoutCohort++;
          continue;
        }
        addCustomer(tx.epochDay(r), s, e, 0, 0);
      }
      return this;
    }
    ActivityLog act = source.act;
    for (int u = from; u < to; u++) {
      int d = source.cohortDay[u];
      if (d == CohortSource.NO_COHORT) {
        customersWithoutCohort++;
        continue;
      }
      int t = source.txIndex[u];
      int a = source.actIndex[u];
      addCustomer(d, t < 0 ? 0 : tx.start(t), t < 0 ? 0 : tx.end(t),
          a < 0 ? 0 : act.start(a), a < 0 ? 0 : act.end(a));
    }
    return this;
  }

  /**
   * The hot loop of the default spec (first purchase, active = purchase, classic retention): one
   * pass over the rows of customers {@code from .. to-1}, all state in locals and the cell arrays.
   */
  private void addDirectClassic(int from, int to) {
    if (from >= to) {
      return;
    }
    final TransactionLog tx = source.tx;
    final int[] table = frame.periodOfDay;
    final int tableStart = frame.tableStart;
    final int offsets = frame.offsets;
    final long[] rev = revenue;
    if (packed == null) {
      packed = new long[orders.length];
    }
    final long[] pk = packed;
    dirty = true;
    final int rowEnd = tx.end(to - 1);
    // One flat loop over all rows of the range (customers have few rows each, so a loop per
    // customer would pay loop setup per customer); a customer boundary is a rare branch.
    int c = from - 1;
    int e = tx.start(from);
    int s = e;
    int p = -1; // cohort of the current customer, -1 when it has none
    int base = 0;
    int lastK = -1;
    boolean disordered = false;
    long outside = 0;
    for (int r = e; r < rowEnd; r++) {
      if (r == e) {
        if (outside != 0) {
          classifyOutside(s, e, p);
          outside = 0;
        }
        if (disordered) {
          recountActive(p, s, e, 0, 0);
          disordered = false;
        }
        while (true) {
          c++;
          s = r;
          e = tx.end(c);
          p = cohortOfCustomer(tx, s, e);
          if (p >= 0 || e >= rowEnd) {
            break;
          }
          r = e; // no cohort: skip its rows
        }
        if (p < 0) {
          break; // the last customers of the range have no cohort
        }
        base = p * offsets;
        lastK = -1;
      }
      final int k = table[tx.epochDay(r) - tableStart] - p;
      if (k < 0) {
        outside++;
        continue;
      }
      final long a = tx.amountMinor(r);
      final int cell = base + k;
      rev[cell] += a;
      // Branch-free: whether a row is a purchase, and whether it opens a new active period, are
      // data-dependent and would mispredict; conditional moves do not.
      final long purchase = ~a >>> 63;
      final long opens = k != lastK ? purchase : 0;
      disordered |= k < lastK;
      lastK = purchase != 0 ? k : lastK;
      pk[cell] += purchase + (opens << 32);
    }
    if (p >= 0) {
      if (outside != 0) {
        classifyOutside(s, e, p);
      }
      if (disordered) {
        recountActive(p, s, e, 0, 0);
      }
    }
  }

  /**
   * The cohort of the customer whose rows are {@code [from, to)}, counting it in the size of its
   * cohort; or -1 after counting it as without cohort, before the first cohort or after the end.
   */
  private int cohortOfCustomer(TransactionLog tx, int from, int to) {
    int first = from;
    while (first < to && tx.amountMinor(first) < 0) {
      first++;
    }
    if (first == to) {
      customersWithoutCohort++;
      return -1;
    }
    int p = frame.periodOfDay[tx.epochDay(first) - frame.tableStart];
    if (p < 0) {
      if (p == CohortFrame.AFTER) {
        customersAfterEnd++;
      } else {
        customersBeforeFirstCohort++;
      }
      return -1;
    }
    size[p]++;
    return p;
  }

  /** Slow path: counts a customer's rows outside the frame as before the cohort or after the end. */
  private void classifyOutside(int from, int to, int cohort) {
    for (int r = from; r < to; r++) {
      int q = frame.periodOf(source.tx.epochDay(r));
      if (q == CohortFrame.AFTER) {
        rowsAfterEnd++;
      } else if (q - cohort < 0) {
        rowsBeforeCohort++;
      }
    }
  }

  private void addCustomer(int cohortDay, int txFrom, int txTo, int actFrom, int actTo) {
    final CohortFrame f = frame;
    final int c = f.periodOf(cohortDay);
    if (c == CohortFrame.AFTER) {
      customersAfterEnd++;
      return;
    }
    if (c < 0) {
      customersBeforeFirstCohort++;
      return;
    }
    size[c]++;
    final int base = c * f.offsets;
    final int abase = c * f.columns;
    final int tableStart = f.tableStart;
    final int[] table = f.periodOfDay;
    final int[] colOf = f.colOfOffset;
    final long[] rev = revenue;
    final long[] ord = orders;
    final long[] act = active;
    final TransactionLog tx = source.tx;
    int lastCol = -1;
    int maxCol = -1;
    boolean disordered = false;
    long outside = 0;
    for (int r = txFrom; r < txTo; r++) {
      int k = table[tx.epochDay(r) - tableStart] - c;
      if (k < 0) {
        outside++;
        continue;
      }
      long a = tx.amountMinor(r);
      rev[base + k] += a;
      if (a >= 0) {
        ord[base + k]++;
        if (purchaseActive) {
          int col = colOf[k];
          if (col != lastCol && col >= 0) {
            disordered |= col < lastCol;
            lastCol = col;
            maxCol = Math.max(maxCol, col);
            if (!unbounded) {
              act[abase + col]++;
            }
          }
        }
      }
    }
    if (outside != 0) {
      classifyOutside(txFrom, txTo, c);
    }
    if (!purchaseActive && actTo > actFrom) {
      ActivityLog al = source.act;
      boolean[] types = source.activeType;
      for (int r = actFrom; r < actTo; r++) {
        if (!types[al.type(r)]) {
          continue;
        }
        int k = table[al.epochDay(r) - tableStart] - c;
        if (k < 0) {
          continue;
        }
        int col = colOf[k];
        if (col != lastCol && col >= 0) {
          disordered |= col < lastCol;
          lastCol = col;
          maxCol = Math.max(maxCol, col);
          if (!unbounded) {
            act[abase + col]++;
          }
        }
      }
    }
    if (unbounded) {
      // UNBOUNDED keeps a histogram of the last active column (order-independent).
      if (maxCol >= 0) {
        act[abase + maxCol]++;
      }
    } else if (disordered) {
      recountActive(c, txFrom, txTo, actFrom, actTo);
    }
  }

  /** Folds the packed order/active counts into {@link #orders} and {@link #active}. */
  private void flush() {
    if (!dirty) {
      return;
    }
    for (int i = 0; i < packed.length; i++) {
      long v = packed[i];
      orders[i] += v & 0xffffffffL;
      active[i] += v >>> 32;
      packed[i] = 0;
    }
    dirty = false;
  }

  /**
   * Rare path: local days went backwards within a customer's rows (a zone offset change across
   * midnight), so the previous-period test may have double counted. Removes this customer's marks
   * and counts its distinct active columns exactly.
   */
  private void recountActive(int c, int txFrom, int txTo, int actFrom, int actTo) {
    flush();
    undoMarks(c, txFrom, txTo, actFrom, actTo);
    boolean[] seen = new boolean[frame.columns];
    for (int col : activeColumns(c, txFrom, txTo, actFrom, actTo, seen)) {
      active[c * frame.columns + col]++;
    }
  }

  /** Subtracts exactly the marks the hot loop added for this customer. */
  private void undoMarks(int c, int txFrom, int txTo, int actFrom, int actTo) {
    int abase = c * frame.columns;
    int lastCol = -1;
    if (purchaseActive) {
      for (int r = txFrom; r < txTo; r++) {
        int col = columnOf(source.tx.epochDay(r), c);
        if (col >= 0 && source.tx.amountMinor(r) >= 0 && col != lastCol) {
          lastCol = col;
          active[abase + col]--;
        }
      }
    } else {
      for (int r = actFrom; r < actTo; r++) {
        if (!source.activeType[source.act.type(r)]) {
          continue;
        }
        int col = columnOf(source.act.epochDay(r), c);
        if (col >= 0 && col != lastCol) {
          lastCol = col;
          active[abase + col]--;
        }
      }
    }
  }

  private int[] activeColumns(
      int c, int txFrom, int txTo, int actFrom, int actTo, boolean[] seen) {
    int n = 0;
    int[] out = new int[frame.columns];
    if (purchaseActive) {
      for (int r = txFrom; r < txTo; r++) {
        int col = columnOf(source.tx.epochDay(r), c);
        if (col >= 0 && source.tx.amountMinor(r) >= 0 && !seen[col]) {
          seen[col] = true;
          out[n++] = col;
        }
      }
    } else {
      for (int r = actFrom; r < actTo; r++) {
        if (!source.activeType[source.act.type(r)]) {
          continue;
        }
        int col = columnOf(source.act.epochDay(r), c);
        if (col >= 0 && !seen[col]) {
          seen[col] = true;
          out[n++] = col;
        }
      }
    }
    return Arrays.copyOf(out, n);
  }

  private int columnOf(int day, int c) {
    int k = frame.periodOf(day) - c;
    return k < 0 ? -1 : frame.colOfOffset[k];
  }

  /**
   * Adds the state of {@code other} to this accumulator. Checks compatibility before changing
   * anything; {@code other} is not changed.
   *
   * @param other an accumulator with an equal spec and frame
   * @return this accumulator
   * @throws IllegalArgumentException if the specs or frames differ, or a revenue cell would
   *     overflow a {@code long} (possible only for accumulators over different logs; the message
   *     names the cell)
   */
  public CohortAccumulator combine(CohortAccumulator other) {
    Objects.requireNonNull(other, "other");
    if (!frame.sameShape(other.frame)) {
      throw new IllegalArgumentException(
          "other must have the same spec and frame (" + frame.describe() + "), was "
              + other.frame.describe());
    }
    // money first, before any state changes: cells of accumulators over different logs may sum
    // past a long (within one log they cannot, see CohortSpec)
    for (int i = 0; i < revenue.length; i++) {
      long r = revenue[i] + other.revenue[i];
      if (((revenue[i] ^ r) & (other.revenue[i] ^ r)) < 0) {
        throw new IllegalArgumentException("revenue of cell (cohort " + (i / frame.offsets)
            + ", offset " + (i % frame.offsets) + ") must stay within a long when combined, was "
            + revenue[i] + " + " + other.revenue[i]);
      }
    }
    flush();
    other.flush();
    for (int i = 0; i < size.length; i++) {
      size[i] += other.size[i];
    }
    for (int i = 0; i < active.length; i++) {
      active[i] += other.active[i];
    }
    for (int i = 0; i < orders.length; i++) {
      orders[i] += other.orders[i];
      revenue[i] += other.revenue[i]; // checked above
    }
    customersWithoutCohort += other.customersWithoutCohort;
    customersBeforeFirstCohort += other.customersBeforeFirstCohort;
    customersAfterEnd += other.customersAfterEnd;
    rowsBeforeCohort += other.rowsBeforeCohort;
    rowsAfterEnd += other.rowsAfterEnd;
    return this;
  }

  /**
   * An immutable matrix of the current state (copies the arrays; for {@link
   * RetentionMode#UNBOUNDED} turns the last-active histogram into "active on or after" counts).
   *
   * @return the matrix
   */
  public CohortMatrix snapshot() {
    flush();
    packed = null; // folded: released before the copies are made (allocated again on next use)
    long[] act = active.clone();
    if (unbounded) {
      int cols = frame.columns;
      for (int i = 0; i < frame.cohorts; i++) {
        long run = 0;
        for (int j = cols - 1; j >= 0; j--) {
          run += act[i * cols + j];
          act[i * cols + j] = run;
        }
      }
    }
    return new CohortMatrix(frame, size.clone(), act, orders.clone(), revenue.clone(),
        customersWithoutCohort, customersBeforeFirstCohort, customersAfterEnd, rowsBeforeCohort,
        rowsAfterEnd);
  }
}
