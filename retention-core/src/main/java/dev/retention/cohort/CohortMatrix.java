package dev.retention.cohort;

import dev.retention.cohort.CohortSpec.RetentionMode;
import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.Ratio;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A cohort x period matrix: per cohort its size, and per column (a period offset {@code k}, or a
 * bracket of offsets) the active customers, retention, orders, net revenue and the cumulative net
 * revenue per original cohort member (the historical LTV curve); plus weighted-average curves over
 * all cohorts. Immutable and thread-safe.
 *
 * <h2>Definitions</h2>
 *
 * <p>Cohort {@code i} is the period {@code firstPeriod + i}; column {@code j} covers period offsets
 * {@link #columnFrom(int)} .. {@link #columnTo(int)} after it (equal for {@link
 * RetentionMode#CLASSIC} and {@link RetentionMode#UNBOUNDED}, where column {@code j} is offset
 * {@code j}). With {@code n_i} the cohort size and {@code A_ij} the active members (as the {@link
 * CohortSpec.RetentionMode retention mode} defines them):
 *
 * <ul>
 *   <li>retention {@code r_ij = A_ij / n_i};
 *   <li>orders {@code O_ij} and net revenue {@code R_ij} (purchases minus refunds, minor units) of
 *       the cohort's members in the column's periods;
 *   <li>cumulative net revenue per member {@code L_ij = (sum of R_ik over all offsets k <=
 *       columnTo(j)) / n_i};
 *   <li>weighted-average retention {@code r_j = sum_i A_ij / sum_i n_i} over the cohorts whose cell
 *       {@code (i, j)} is not censored (weights = members still observable), and likewise the
 *       average revenue and cumulative revenue per member.
 * </ul>
 *
 * <p>Censoring follows {@link CohortSpec}: a censored cell has no value; its accessors throw
 * {@link IllegalStateException} (never a silent 0), and exports print it as empty. Rates are
 * {@link Ratio}s: undefined (not NaN) for an empty cohort or a column with no observable cohort.
 *
 * <p>Memory: four {@code long} arrays, {@code 8 x cohorts x (3 x offsets + 1)} bytes (24 bytes
 * per cell); computing one peaks at 48 bytes per cell sequentially and at most 0.9 GB at the cap
 * in parallel (see {@link CohortSpec}, Memory). Revenue cells and their sums are exact: the logs
 * bound the sum of their |amounts| by {@link Long#MAX_VALUE}.
 */
public final class CohortMatrix {
  private final CohortFrame frame;
  private final long[] size;
  private final long[] active;
  private final long[] orders;
  private final long[] revenue;
  private final long customersWithoutCohort;
  private final long customersBeforeFirstCohort;
  private final long customersAfterEnd;
  private final long rowsBeforeCohort;
  private final long rowsAfterEnd;

  CohortMatrix(CohortFrame frame, long[] size, long[] active, long[] orders, long[] revenue,
      long customersWithoutCohort, long customersBeforeFirstCohort, long customersAfterEnd,
      long rowsBeforeCohort, long rowsAfterEnd) {
    this.frame = frame;
    this.size = size;
    this.active = active;
    this.orders = orders;
    this.revenue = revenue;
    this.customersWithoutCohort = customersWithoutCohort;
    this.customersBeforeFirstCohort = customersBeforeFirstCohort;
    this.customersAfterEnd = customersAfterEnd;
    this.rowsBeforeCohort = rowsBeforeCohort;
    this.rowsAfterEnd = rowsAfterEnd;
  }

  /**
   * Computes the matrix of a transaction log (for specs that need no activity log). Sequential or,
   * with {@link CohortSpec#withParallel(boolean)}, one accumulator per core over contiguous
   * customer ranges with balanced row counts, combined at the end.
   *
   * @param transactions the log; its zone must equal the spec's
   * @param spec the cohort spec
   * @return the matrix
   * @throws IllegalArgumentException see {@link CohortAccumulator#create(TransactionLog,
   *     ActivityLog, CohortSpec)}
   */
  public static CohortMatrix compute(TransactionLog transactions, CohortSpec spec) {
    return compute(transactions, null, spec);
  }

  /**
   * Computes the matrix of a transaction log and an activity log (cohorts by first event, or
   * activity by event type).
   *
   * @param transactions the purchases and refunds (orders and revenue)
   * @param activity the activity events, or null when the spec needs none
   * @param spec the cohort spec
   * @return the matrix
   */
  public static CohortMatrix compute(
      TransactionLog transactions, ActivityLog activity, CohortSpec spec) {
    CohortAccumulator root = CohortAccumulator.create(transactions, activity, spec);
    int n = root.customerCount();
    int chunks = spec.parallel() ? Math.min(Runtime.getRuntime().availableProcessors(), n) : 1;
    // the memory contract (CohortSpec, Memory): all accumulators together hold at most
    // 2 x MAX_CELLS cells, so a large matrix runs on fewer cores instead of multiplying its state
    long cells = Math.max(1L, (long) root.cellCount());
    chunks = (int) Math.min(chunks, Math.max(1L, 2 * CohortSpec.MAX_CELLS / cells));
    if (chunks <= 1) {
      return root.addRange(0, n).snapshot();
    }
    int[] bounds = balancedBounds(transactions, root, n, chunks);
    // chunk 0 fills the root itself: no idle accumulator holds memory
    CohortAccumulator merged = IntStream.range(0, chunks).parallel()
        .mapToObj(i -> (i == 0 ? root : root.emptyCopy()).addRange(bounds[i], bounds[i + 1]))
        .reduce(CohortAccumulator::combine)
        .orElseThrow();
    return merged.snapshot();
  }

  /** Splits customers into contiguous ranges with about the same number of transaction rows. */
  private static int[] balancedBounds(
      TransactionLog tx, CohortAccumulator acc, int n, int chunks) {
    int[] b = new int[chunks + 1];
    b[chunks] = n;
    boolean byRows = n == tx.customerCount();
    for (int i = 1; i < chunks; i++) {
      if (!byRows) {
        b[i] = (int) ((long) n * i / chunks);
        continue;
      }
      long target = (long) tx.size() * i / chunks;
      int lo = b[i - 1];
      int hi = n;
      while (lo < hi) { // first customer whose start row >= target
        int mid = (lo + hi) >>> 1;
        if (tx.start(mid) < target) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      b[i] = lo;
    }
    return b;
  }

  /**
   * The spec this matrix was computed with.
   *
   * @return the spec
   */
  public CohortSpec spec() {
    return frame.spec;
  }

  /**
   * The period length.
   *
   * @return the granularity
   */
  public Granularity granularity() {
    return frame.granularity;
  }

  /**
   * The number of cohorts: every period from the first cohort to the one containing the
   * observation end, including periods in which nobody was acquired (size 0).
   *
   * @return the cohort count
   */
  public int cohortCount() {
    return frame.cohorts;
  }

  /**
   * The number of columns (offsets {@code 0 .. cohortCount()-1}, or the brackets).
   *
   * @return the column count
   */
  public int columnCount() {
    return frame.columns;
  }

  /**
   * The first period offset of column {@code j}.
   *
   * @param j a column
   * @return the offset
   */
  public int columnFrom(int j) {
    Objects.checkIndex(j, frame.columns);
    return frame.colFrom[j];
  }

  /**
   * The last period offset (inclusive) of column {@code j}.
   *
   * @param j a column
   * @return the offset
   */
  public int columnTo(int j) {
    Objects.checkIndex(j, frame.columns);
    return frame.colTo[j];
  }

  /**
   * A short label of column {@code j}: the offset, or {@code from-to} for a bracket.
   *
   * @param j a column
   * @return the label
   */
  public String columnLabel(int j) {
    int from = columnFrom(j);
    int to = columnTo(j);
    return from == to ? Integer.toString(from) : from + "-" + to;
  }

  /**
   * The period index (see {@link Granularity#index(long)}) of cohort {@code i}.
   *
   * @param i a cohort
   * @return the period index
   */
  public long cohortPeriod(int i) {
    Objects.checkIndex(i, frame.cohorts);
    return frame.firstPeriod + i;
  }

  /**
   * The first day of cohort {@code i}'s period.
   *
   * @param i a cohort
   * @return the date
   */
  public LocalDate cohortStart(int i) {
    return frame.granularity.start(cohortPeriod(i));
  }

  /**
   * The observation end (last observed day, inclusive).
   *
   * @return the date
   */
  public LocalDate observationEnd() {
    return LocalDate.ofEpochDay(frame.endDay);
  }

  /**
   * The number of members of cohort {@code i}.
   *
   * @param i a cohort
   * @return the size
   */
  public long cohortSize(int i) {
    Objects.checkIndex(i, frame.cohorts);
    return size[i];
  }

  /**
   * Whether cell {@code (i, j)} is censored: the last period of column {@code j} after cohort
   * {@code i} is not fully observable at the observation end.
   *
   * @param i a cohort
   * @param j a column
   * @return true when the cell has no value
   */
  public boolean isCensored(int i, int j) {
    Objects.checkIndex(i, frame.cohorts);
    Objects.checkIndex(j, frame.columns);
    return frame.censored(i, j);
  }

  private void requireObserved(int i, int j) {
    if (isCensored(i, j)) {
      throw new IllegalStateException(
          "cell (cohort " + cohortStart(i) + ", column " + columnLabel(j)
              + ") is censored: its last period "
              + frame.granularity.start(frame.firstPeriod + i + frame.colTo[j])
              + " is not fully observed by " + observationEnd() + "; check isCensored first");
    }
  }

  /**
   * Active members in cell {@code (i, j)}.
   *
   * @param i a cohort
   * @param j a column
   * @return the count
   * @throws IllegalStateException if the cell is censored
   */
  public long activeCustomers(int i, int j) {
    requireObserved(i, j);
    return active[i * frame.columns + j];
  }

  /**
   * Retention {@code A_ij / n_i}.
   *
   * @param i a cohort
   * @param j a column
   * @return the ratio; undefined when the cohort is empty
   * @throws IllegalStateException if the cell is censored
   */
  public Ratio retention(int i, int j) {
    return new Ratio(activeCustomers(i, j), size[i]);
  }

  /**
   * Orders (purchase rows) of the cohort's members in the column's periods.
   *
   * @param i a cohort
   * @param j a column
   * @return the count
   * @throws IllegalStateException if the cell is censored
   */
  public long orders(int i, int j) {
    requireObserved(i, j);
    return sumOffsets(orders, i, frame.colFrom[j], frame.colTo[j]);
  }

  /**
   * Net revenue (purchases minus refunds) of the cohort's members in the column's periods.
   *
   * @param i a cohort
   * @param j a column
   * @return minor units
   * @throws IllegalStateException if the cell is censored
   */
  public long netRevenueMinor(int i, int j) {
    requireObserved(i, j);
    return sumOffsets(revenue, i, frame.colFrom[j], frame.colTo[j]);
  }

  /**
   * Net revenue of the cohort's members over all offsets {@code 0 .. columnTo(j)}.
   *
   * @param i a cohort
   * @param j a column
   * @return minor units
   * @throws IllegalStateException if the cell is censored
   */
  public long cumulativeNetRevenueMinor(int i, int j) {
    requireObserved(i, j);
    return sumOffsets(revenue, i, 0, frame.colTo[j]);
  }

  /**
   * The LTV curve: cumulative net revenue per original member, {@code L_ij}.
   *
   * @param i a cohort
   * @param j a column
   * @return minor units per member; undefined when the cohort is empty
   * @throws IllegalStateException if the cell is censored
   */
  public Ratio cumulativeRevenuePerMember(int i, int j) {
    return new Ratio(cumulativeNetRevenueMinor(i, j), size[i]);
  }

  private long sumOffsets(long[] a, int i, int from, int to) {
    long s = 0;
    int base = i * frame.offsets;
    for (int k = from; k <= to && k < frame.offsets; k++) {
      s = Math.addExact(s, a[base + k]);
    }
    return s;
  }

  /**
   * Weighted-average retention of column {@code j}: {@code sum A_ij / sum n_i} over the cohorts
   * whose cell is not censored.
   *
   * @param j a column
   * @return the ratio; undefined when no cohort is observable (or all are empty)
   */
  public Ratio averageRetention(int j) {
    long num = 0;
    long den = 0;
    for (int i = 0; i < frame.cohorts; i++) {
      if (!isCensored(i, j)) {
        num += active[i * frame.columns + j];
        den += size[i];
      }
    }
    return new Ratio(num, den);
  }

  /**
   * Weighted-average net revenue per member in column {@code j}: {@code sum R_ij / sum n_i} over
   * the observable cohorts.
   *
   * @param j a column
   * @return minor units per member; undefined when no cohort is observable
   */
  public Ratio averageRevenuePerMember(int j) {
    long num = 0;
    long den = 0;
    for (int i = 0; i < frame.cohorts; i++) {
      if (!isCensored(i, j)) {
        num += netRevenueMinor(i, j);
        den += size[i];
      }
    }
    return new Ratio(num, den);
  }

  /**
   * Weighted-average cumulative net revenue per member up to column {@code j} (the average LTV
   * curve) over the observable cohorts.
   *
   * @param j a column
   * @return minor units per member; undefined when no cohort is observable
   */
  public Ratio averageCumulativeRevenuePerMember(int j) {
    long num = 0;
    long den = 0;
    for (int i = 0; i < frame.cohorts; i++) {
      if (!isCensored(i, j)) {
        num += cumulativeNetRevenueMinor(i, j);
        den += size[i];
      }
    }
    return new Ratio(num, den);
  }

  /**
   * The total number of cohort members.
   *
   * @return the sum of cohort sizes
   */
  public long totalMembers() {
    long s = 0;
    for (long v : size) {
      s += v;
    }
    return s;
  }

  /**
   * Customers with no cohort: under first purchase those with only refunds (and, when an activity
   * log is used, customers with events but no purchase), under first event those without an event
   * of the type.
   *
   * @return the count
   */
  public long customersWithoutCohort() {
    return customersWithoutCohort;
  }

  /**
   * Customers whose cohort lies before {@link CohortSpec#firstCohort()}; not in the matrix.
   *
   * @return the count
   */
  public long customersBeforeFirstCohort() {
    return customersBeforeFirstCohort;
  }

  /**
   * Customers acquired after the observation end; not in the matrix.
   *
   * @return the count
   */
  public long customersAfterObservationEnd() {
    return customersAfterEnd;
  }

  /**
   * Transaction rows of cohort members in periods before their cohort period (e.g. a refund of an
   * older order, or a purchase before a caller-supplied acquisition date); not in any cell.
   *
   * @return the row count
   */
  public long rowsBeforeCohort() {
    return rowsBeforeCohort;
  }

  /**
   * Transaction rows of cohort members after the observation end; not in any cell.
   *
   * @return the row count
   */
  public long rowsAfterObservationEnd() {
    return rowsAfterEnd;
  }

  /**
   * Matrices are equal when their specs (ignoring parallelism), frames and every count are equal.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CohortMatrix)) {
      return false;
    }
    CohortMatrix m = (CohortMatrix) o;
    return frame.sameShape(m.frame) && Arrays.equals(size, m.size)
        && Arrays.equals(active, m.active) && Arrays.equals(orders, m.orders)
        && Arrays.equals(revenue, m.revenue) && customersWithoutCohort == m.customersWithoutCohort
        && customersBeforeFirstCohort == m.customersBeforeFirstCohort
        && customersAfterEnd == m.customersAfterEnd && rowsBeforeCohort == m.rowsBeforeCohort
        && rowsAfterEnd == m.rowsAfterEnd;
  }

  @Override
  public int hashCode() {
    return Objects.hash(frame.firstPeriod, frame.endDay, Arrays.hashCode(size),
        Arrays.hashCode(active), Arrays.hashCode(revenue));
  }

  @Override
  public String toString() {
    return "CohortMatrix{" + cohortCount() + " cohorts x " + columnCount() + " columns, "
        + totalMembers() + " members, " + frame.describe() + "}";
  }
}
