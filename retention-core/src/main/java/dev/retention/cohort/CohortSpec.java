package dev.retention.cohort;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedSet;
import dev.retention.data.Customer;
import dev.retention.internal.Checks;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a cohort matrix measures: how customers are assigned to cohorts, the period length, what
 * counts as active, the retention mode, the observation end and how a partly observed last period
 * is treated. Immutable and thread-safe; every {@code withX} returns a changed copy.
 *
 * <pre>{@code
 * CohortSpec spec = CohortSpec.monthly(ZoneOffset.UTC)
 *     .withRetention(CohortSpec.RetentionMode.UNBOUNDED)
 *     .withObservationEnd(LocalDate.of(1998, 6, 30));
 * CohortMatrix m = CohortMatrix.compute(log, spec);
 * }</pre>
 *
 * <h2>Cohort definitions</h2>
 *
 * <ul>
 *   <li>{@link CohortBy#FIRST_PURCHASE} (default): the day of the customer's first purchase row
 *       (the first non-refund row of the customer in the {@code TransactionLog}). Customers with
 *       only refunds have no cohort and are counted in {@link CohortMatrix#customersWithoutCohort()}.
 *   <li>{@link CohortBy#ACQUISITION_DATE}: a date per customer supplied by the caller
 *       ({@link #withAcquisitionDates(Map)} or {@link #withAcquisitionDates(Collection)} from
 *       {@link Customer#acquiredAt()} in this spec's zone). Every customer with such a date is a
 *       cohort member, also when it never bought anything; a customer of the log without a date is
 *       an error (nothing is dropped silently).
 *   <li>{@link CohortBy#FIRST_EVENT}: the day of the customer's first activity event of a given
 *       type ({@link #withCohortByFirstEvent(String)}); needs an {@code ActivityLog}. Customers
 *       without such an event have no cohort.
 * </ul>
 *
 * <h2>Activity</h2>
 *
 * <p>By default a customer is active in a period when it has at least one purchase row (a purchase
 * of 0 counts; a refund does not). {@link #withActiveEventTypes(Collection)} makes only activity
 * events of the given types count instead (the "critical event": bookings count, browsing does
 * not). Orders and net revenue always come from the transaction log.
 *
 * <h2>Retention modes</h2>
 *
 * <ul>
 *   <li>{@link RetentionMode#CLASSIC} (N-period, default): column {@code k} counts members active in
 *       period {@code k} after the cohort period ({@code k = 0} is the cohort period);
 *   <li>{@link RetentionMode#UNBOUNDED} ("on or after", Amplitude's unbounded retention): column
 *       {@code k} counts members active in period {@code k} or any later observed period;
 *   <li>{@link RetentionMode#BRACKET}: one column per caller-defined inclusive range of period
 *       offsets, e.g. days 1–7, 8–30, 31–90 ({@link #withBrackets(List)}); a member counts when
 *       active in any period of the range.
 * </ul>
 *
 * <h2>Observation end and censoring</h2>
 *
 * <p>The observation end {@code E} is the last observed day, inclusive: by default the latest day
 * of any row in the logs used, or {@link #withObservationEnd(LocalDate)}. Rows after {@code E} are
 * not counted (their number is reported). A period is <em>fully observable</em> when its last day is
 * on or before {@code E}. Under {@link PartialPeriods#CENSOR} (default) the period that contains
 * {@code E} counts as observable only when {@code E} is its last day; under {@link
 * PartialPeriods#INCLUDE} it always counts (its figures then cover only the days up to {@code E}).
 * A cell of cohort period {@code p} and offset {@code k} is <em>censored</em> when period {@code
 * p + k} is not observable; a bracket cell when the bracket's last period is not observable.
 * Censored cells are reported as censored, never as 0. The size of the cohort of the period that
 * contains {@code E} counts only members acquired up to {@code E}.
 *
 * <h2>Supported input</h2>
 *
 * <p>Every date (observation end, first cohort, acquisition dates) lies in {@link
 * dev.retention.time.SupportedRange}, 1900-01-01 to 2199-12-31, checked by the copy methods; the
 * logs hold only rows in that range, so the day-to-period table of a matrix has at most 109,575
 * entries (428 KB) whatever the data. Money: the logs bound the sum of their |amounts| by {@link
 * Long#MAX_VALUE}, and every revenue cell, row or total of a matrix is a sum over some of those
 * rows, so none can overflow (combining accumulators over different logs checks each revenue sum,
 * {@link Math#addExact}).
 *
 * <h2>Memory</h2>
 *
 * <p>A matrix of {@code n} cohort periods has {@code n x n} cells and is refused above {@link
 * #MAX_CELLS} (ten million cells: daily cohorts over 8.6 years, weekly over 60, monthly over 263)
 * before anything of that size is allocated. Per cell: an accumulator holds 32 bytes (active,
 * orders and revenue as {@code long}, plus a packed {@code long} for the default definition); a
 * {@link CohortMatrix} holds 24 bytes; taking the snapshot releases the packed array first, so a
 * sequential computation peaks at 48 bytes per cell, 480 MB at the cap. A parallel computation
 * ({@link #withParallel(boolean)}) runs at most {@code 2 x MAX_CELLS / cells} accumulators at once
 * (fewer cores for a large matrix), so all of them hold at most {@code 2 x MAX_CELLS} cells: at
 * most 640 MB of accumulators plus 240 MB of snapshot, under 0.9 GB at the cap. Hence a matrix
 * that passes the cap fits in a 1 GB heap besides the logs it reads; derived tables ({@link
 * CohortTables}) allocate per cell again when asked for.
 */
public final class CohortSpec {
  /**
   * The most cells ({@code cohorts x offsets}) of a matrix: 10,000,000, set from the memory
   * contract above (48 bytes per cell sequentially, at most 0.9 GB with parallel accumulators).
   */
  public static final long MAX_CELLS = 10_000_000L;

  /** How a customer's cohort is decided. */
  public enum CohortBy {
    /** The day of the first purchase in the transaction log. */
    FIRST_PURCHASE,
    /** A caller-supplied acquisition date per customer. */
    ACQUISITION_DATE,
    /** The day of the first activity event of a given type. */
    FIRST_EVENT
  }

  /** How the active-customer columns are defined. */
  public enum RetentionMode {
    /** Active in exactly period {@code k} after the cohort period. */
    CLASSIC,
    /** Active in period {@code k} or any later observed period. */
    UNBOUNDED,
    /** Active in any period of a caller-defined range of offsets. */
    BRACKET
  }

  /** How the period that contains the observation end is treated when it is only partly observed. */
  public enum PartialPeriods {
    /** A partly observed period is censored (default). */
    CENSOR,
    /** A partly observed period is treated as observed: its figures cover the days seen so far. */
    INCLUDE
  }

  /**
   * An inclusive range of period offsets for {@link RetentionMode#BRACKET}.
   *
   * @param from the first offset, {@code >= 0}
   * @param to the last offset, {@code >= from}
   */
  public record Bracket(int from, int to) {
    /**
     * Validates the range.
     *
     * @throws IllegalArgumentException if {@code from < 0} or {@code to < from}
     */
    public Bracket {
      if (from < 0) {
        throw new IllegalArgumentException("bracket.from must be >= 0, was " + from);
      }
      if (to < from) {
        throw new IllegalArgumentException(
            "bracket.to must be >= from (" + from + "), was " + to);
      }
    }

    /**
     * A bracket.
     *
     * @param from the first offset
     * @param to the last offset (inclusive)
     * @return the bracket
     */
    public static Bracket of(int from, int to) {
      return new Bracket(from, to);
    }

    @Override
    public String toString() {
      return from == to ? Integer.toString(from) : from + "-" + to;
    }
  }

  private final Granularity granularity;
  private final ZoneId zone;
  private final CohortBy cohortBy;
  private final ImmutableMap<String, LocalDate> acquisitionDates;
  private final String cohortEventType;
  private final ImmutableSortedSet<String> activeEventTypes;
  private final RetentionMode mode;
  private final ImmutableList<Bracket> brackets;
  private final LocalDate observationEnd;
  private final LocalDate firstCohort;
  private final PartialPeriods partialPeriods;
  private final boolean parallel;

  private CohortSpec(
      Granularity granularity, ZoneId zone, CohortBy cohortBy,
      ImmutableMap<String, LocalDate> acquisitionDates, String cohortEventType,
      ImmutableSortedSet<String> activeEventTypes, RetentionMode mode,
      ImmutableList<Bracket> brackets, LocalDate observationEnd, LocalDate firstCohort,
      PartialPeriods partialPeriods, boolean parallel) {
    this.granularity = granularity;
    this.zone = zone;
    this.cohortBy = cohortBy;
    this.acquisitionDates = acquisitionDates;
    this.cohortEventType = cohortEventType;
    this.activeEventTypes = activeEventTypes;
    this.mode = mode;
    this.brackets = brackets;
    this.observationEnd = observationEnd;
    this.firstCohort = firstCohort;
    this.partialPeriods = partialPeriods;
    this.parallel = parallel;
  }

  /**
   * Cohorts of the given granularity by first purchase, active = any purchase, classic retention,
   * observation end = the latest day in the data, partial last period censored, sequential.
   *
   * @param granularity the period length
   * @param zone the zone whose calendar days the logs use
   * @return the spec
   */
  public static CohortSpec of(Granularity granularity, ZoneId zone) {
    return new CohortSpec(
        Objects.requireNonNull(granularity, "granularity"), Objects.requireNonNull(zone, "zone"),
        CohortBy.FIRST_PURCHASE, ImmutableMap.of(), null, ImmutableSortedSet.of(),
        RetentionMode.CLASSIC, ImmutableList.of(), null, null, PartialPeriods.CENSOR, false);
  }

  /**
   * Monthly cohorts by first purchase (see {@link #of(Granularity, ZoneId)}).
   *
   * @param zone the zone of the logs' calendar days
   * @return the spec
   */
  public static CohortSpec monthly(ZoneId zone) {
    return of(Granularity.MONTH, zone);
  }

  /**
   * ISO-weekly cohorts by first purchase (see {@link #of(Granularity, ZoneId)}).
   *
   * @param zone the zone of the logs' calendar days
   * @return the spec
   */
  public static CohortSpec weekly(ZoneId zone) {
    return of(Granularity.WEEK, zone);
  }

  private CohortSpec copy(
      Granularity g, CohortBy by, ImmutableMap<String, LocalDate> dates, String eventType,
      ImmutableSortedSet<String> active, RetentionMode m, ImmutableList<Bracket> b, LocalDate end,
      LocalDate first, PartialPeriods partial, boolean par) {
    return new CohortSpec(g, zone, by, dates, eventType, active, m, b, end, first, partial, par);
  }

  /**
   * A copy with another period length.
   *
   * @param g the granularity
   * @return the changed copy
   */
  public CohortSpec withGranularity(Granularity g) {
    return copy(Objects.requireNonNull(g, "granularity"), cohortBy, acquisitionDates,
        cohortEventType, activeEventTypes, mode, brackets, observationEnd, firstCohort,
        partialPeriods, parallel);
  }

  /**
   * A copy whose cohorts are the first-purchase periods (the default).
   *
   * @return the changed copy
   */
  public CohortSpec withCohortByFirstPurchase() {
    return copy(granularity, CohortBy.FIRST_PURCHASE, ImmutableMap.of(), null, activeEventTypes,
        mode, brackets, observationEnd, firstCohort, partialPeriods, parallel);
  }

  /**
   * A copy whose cohorts come from caller-supplied acquisition dates (calendar dates in this
   * spec's zone). The map is copied.
   *
   * @param dates customer id to acquisition date; ids not blank
   * @return the changed copy
   * @throws IllegalArgumentException if an id is blank
   */
  public CohortSpec withAcquisitionDates(Map<String, LocalDate> dates) {
    Objects.requireNonNull(dates, "dates");
    for (Map.Entry<String, LocalDate> e : dates.entrySet()) {
      Checks.id(e.getKey(), "acquisition customer id");
      Checks.date(e.getValue(), "acquisition date of a customer", -1);
    }
    return copy(granularity, CohortBy.ACQUISITION_DATE, ImmutableMap.copyOf(dates), null,
        activeEventTypes, mode, brackets, observationEnd, firstCohort, partialPeriods, parallel);
  }

  /**
   * A copy whose cohorts come from {@link Customer#acquiredAt()}, converted to a calendar date in
   * this spec's zone.
   *
   * @param customers the customers; every one must have an acquisition instant
   * @return the changed copy
   * @throws IllegalArgumentException if a customer has no acquisition instant or appears twice
   *     (the message names the positions in {@code customers}, not the id)
   */
  public CohortSpec withAcquisitionDates(Collection<Customer> customers) {
    Objects.requireNonNull(customers, "customers");
    Map<String, Integer> position = new HashMap<>();
    ImmutableMap.Builder<String, LocalDate> b = ImmutableMap.builder();
    int i = 0;
    for (Customer c : customers) {
      Objects.requireNonNull(c, "customer");
      if (c.acquiredAt() == null) {
        throw new IllegalArgumentException(
            "acquiredAt must be present for an acquisition-date cohort, was null (customer " + i
                + ")");
      }
      Integer earlier = position.putIfAbsent(c.id(), i);
      if (earlier != null) {
        throw new IllegalArgumentException("customers must have distinct ids, customer " + i
            + " has the id of customer " + earlier);
      }
      b.put(c.id(), c.acquiredAt().atZone(zone).toLocalDate());
      i++;
    }
    return withAcquisitionDates(b.buildOrThrow());
  }

  /**
   * A copy whose cohorts are the periods of each customer's first activity event of the given
   * type; compute it with {@link CohortMatrix#compute(dev.retention.data.TransactionLog,
   * dev.retention.data.ActivityLog, CohortSpec)}.
   *
   * @param eventType the event type, not blank
   * @return the changed copy
   */
  public CohortSpec withCohortByFirstEvent(String eventType) {
    Checks.id(eventType, "eventType");
    return copy(granularity, CohortBy.FIRST_EVENT, ImmutableMap.of(), eventType, activeEventTypes,
        mode, brackets, observationEnd, firstCohort, partialPeriods, parallel);
  }

  /**
   * A copy in which a customer is active in a period when it has an activity event of one of these
   * types (an empty collection restores the default: any purchase).
   *
   * @param types event types, not blank
   * @return the changed copy
   */
  public CohortSpec withActiveEventTypes(Collection<String> types) {
    Objects.requireNonNull(types, "types");
    for (String t : types) {
      Checks.id(t, "active event type");
    }
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType,
        ImmutableSortedSet.copyOf(types), mode, brackets, observationEnd, firstCohort,
        partialPeriods, parallel);
  }

  /**
   * A copy with the classic or unbounded retention mode (for brackets use {@link
   * #withBrackets(List)}).
   *
   * @param m {@link RetentionMode#CLASSIC} or {@link RetentionMode#UNBOUNDED}
   * @return the changed copy
   * @throws IllegalArgumentException for {@link RetentionMode#BRACKET}
   */
  public CohortSpec withRetention(RetentionMode m) {
    Objects.requireNonNull(m, "mode");
    if (m == RetentionMode.BRACKET) {
      throw new IllegalArgumentException(
          "mode must be CLASSIC or UNBOUNDED here, was BRACKET (use withBrackets(list))");
    }
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes, m,
        ImmutableList.of(), observationEnd, firstCohort, partialPeriods, parallel);
  }

  /**
   * A copy with bracket retention over the given ranges of period offsets.
   *
   * @param ranges non-empty, in increasing order, not overlapping (gaps are allowed)
   * @return the changed copy
   * @throws IllegalArgumentException if the list is empty, unordered or overlapping
   */
  public CohortSpec withBrackets(List<Bracket> ranges) {
    Objects.requireNonNull(ranges, "ranges");
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("brackets must not be empty, was []");
    }
    for (int i = 0; i < ranges.size(); i++) {
      Objects.requireNonNull(ranges.get(i), "bracket");
      if (i > 0 && ranges.get(i).from() <= ranges.get(i - 1).to()) {
        throw new IllegalArgumentException(
            "brackets must be increasing and not overlap, was " + ranges.get(i - 1) + " then "
                + ranges.get(i) + " (bracket " + i + ")");
      }
    }
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes,
        RetentionMode.BRACKET, ImmutableList.copyOf(ranges), observationEnd, firstCohort,
        partialPeriods, parallel);
  }

  /**
   * A copy with an explicit observation end (the last observed day, inclusive).
   *
   * @param lastObservedDay the observation end, or null for the latest day in the data; in {@link
   *     dev.retention.time.SupportedRange} (1900-01-01 to 2199-12-31)
   * @return the changed copy
   */
  public CohortSpec withObservationEnd(LocalDate lastObservedDay) {
    if (lastObservedDay != null) {
      Checks.date(lastObservedDay, "lastObservedDay", -1);
    }
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes, mode,
        brackets, lastObservedDay, firstCohort, partialPeriods, parallel);
  }

  /**
   * A copy whose first cohort is the period containing {@code day}; members of earlier cohorts
   * are counted in {@link CohortMatrix#customersBeforeFirstCohort()}. Together with an explicit
   * observation end this fixes the matrix frame, so accumulators over different logs combine.
   *
   * @param day a day in the first cohort period, or null for the earliest cohort in the data; in
   *     {@link dev.retention.time.SupportedRange} (1900-01-01 to 2199-12-31)
   * @return the changed copy
   */
  public CohortSpec withFirstCohort(LocalDate day) {
    if (day != null) {
      Checks.date(day, "day", -1);
    }
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes, mode,
        brackets, observationEnd, day, partialPeriods, parallel);
  }

  /**
   * A copy with another treatment of a partly observed last period.
   *
   * @param p the policy
   * @return the changed copy
   */
  public CohortSpec withPartialPeriods(PartialPeriods p) {
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes, mode,
        brackets, observationEnd, firstCohort, Objects.requireNonNull(p, "partialPeriods"),
        parallel);
  }

  /**
   * A copy that computes on all available cores (per-thread accumulators over customer ranges,
   * combined at the end) or sequentially.
   *
   * @param on whether to run in parallel
   * @return the changed copy
   */
  public CohortSpec withParallel(boolean on) {
    return copy(granularity, cohortBy, acquisitionDates, cohortEventType, activeEventTypes, mode,
        brackets, observationEnd, firstCohort, partialPeriods, on);
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
   * The zone the logs' calendar days must be in.
   *
   * @return the zone
   */
  public ZoneId zone() {
    return zone;
  }

  /**
   * How cohorts are decided.
   *
   * @return the cohort definition
   */
  public CohortBy cohortBy() {
    return cohortBy;
  }

  /**
   * The acquisition dates for {@link CohortBy#ACQUISITION_DATE}.
   *
   * @return the immutable map (empty for other definitions)
   */
  public ImmutableMap<String, LocalDate> acquisitionDates() {
    return acquisitionDates;
  }

  /**
   * The event type for {@link CohortBy#FIRST_EVENT}.
   *
   * @return the type, or null for other definitions
   */
  public String cohortEventType() {
    return cohortEventType;
  }

  /**
   * The activity event types that make a customer active.
   *
   * @return the types; empty means "any purchase"
   */
  public ImmutableSortedSet<String> activeEventTypes() {
    return activeEventTypes;
  }

  /**
   * The retention mode.
   *
   * @return the mode
   */
  public RetentionMode mode() {
    return mode;
  }

  /**
   * The brackets of {@link RetentionMode#BRACKET}.
   *
   * @return the brackets (empty for other modes)
   */
  public ImmutableList<Bracket> brackets() {
    return brackets;
  }

  /**
   * The explicit observation end.
   *
   * @return the last observed day, or null for "latest day in the data"
   */
  public LocalDate observationEnd() {
    return observationEnd;
  }

  /**
   * The explicit first cohort day.
   *
   * @return the day, or null for "earliest cohort in the data"
   */
  public LocalDate firstCohort() {
    return firstCohort;
  }

  /**
   * The treatment of a partly observed last period.
   *
   * @return the policy
   */
  public PartialPeriods partialPeriods() {
    return partialPeriods;
  }

  /**
   * Whether computation runs in parallel.
   *
   * @return true for parallel
   */
  public boolean parallel() {
    return parallel;
  }

  /** Whether the activity log is needed. */
  boolean needsActivity() {
    return cohortBy == CohortBy.FIRST_EVENT || !activeEventTypes.isEmpty();
  }

  /**
   * Specs are equal when every setting except {@link #parallel()} is equal (parallelism does not
   * change the result).
   */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CohortSpec)) {
      return false;
    }
    CohortSpec s = (CohortSpec) o;
    return granularity == s.granularity && zone.equals(s.zone) && cohortBy == s.cohortBy
        && acquisitionDates.equals(s.acquisitionDates)
        && Objects.equals(cohortEventType, s.cohortEventType)
        && activeEventTypes.equals(s.activeEventTypes) && mode == s.mode
        && brackets.equals(s.brackets) && Objects.equals(observationEnd, s.observationEnd)
        && Objects.equals(firstCohort, s.firstCohort) && partialPeriods == s.partialPeriods;
  }

  @Override
  public int hashCode() {
    return Objects.hash(granularity, zone, cohortBy, acquisitionDates.size(), cohortEventType,
        activeEventTypes, mode, brackets, observationEnd, firstCohort, partialPeriods);
  }

  @Override
  public String toString() {
    return "CohortSpec{" + granularity + ", " + zone + ", cohort by " + cohortBy
        + (cohortEventType == null ? "" : " " + cohortEventType)
        + (acquisitionDates.isEmpty() ? "" : " (" + acquisitionDates.size() + " dates)")
        + ", active " + (activeEventTypes.isEmpty() ? "any purchase" : activeEventTypes)
        + ", " + mode + (brackets.isEmpty() ? "" : " " + brackets)
        + ", end " + (observationEnd == null ? "data" : observationEnd)
        + ", first " + (firstCohort == null ? "data" : firstCohort)
        + ", partial " + partialPeriods + (parallel ? ", parallel" : "") + "}";
  }
}
