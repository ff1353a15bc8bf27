package dev.retention.time;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Calendar period lengths used to bucket days: cohorts, period metrics and the merging of
 * purchases into purchase periods.
 *
 * <p>Every period is identified by a dense {@code long} <em>period index</em> computed from an
 * epoch day ({@link LocalDate#toEpochDay()}), so that consecutive periods have consecutive
 * indices and the number of periods between two dates is a subtraction:
 *
 * <ul>
 *   <li>{@link #DAY}: the epoch day itself;
 *   <li>{@link #WEEK}: ISO weeks starting on Monday; index = number of Mondays since 1969-12-29;
 *   <li>{@link #MONTH}: {@code year * 12 + (month - 1)};
 *   <li>{@link #QUARTER}: {@code year * 4 + (month - 1) / 3};
 *   <li>{@link #YEAR}: the year.
 * </ul>
 *
 * <p>Converting an {@code Instant} to a day always takes an explicit {@code ZoneId}; this type only
 * works on days. All methods are pure and thread-safe and allocate nothing except
 * {@link #start(long)}, which returns a {@link LocalDate}.
 */
public enum Granularity {
  /** One calendar day. */
  DAY,
  /** One ISO week, Monday to Sunday. */
  WEEK,
  /** One calendar month. */
  MONTH,
  /** One calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec). */
  QUARTER,
  /** One calendar year. */
  YEAR;

  /** Epoch day of Monday 1969-12-29, the first Monday on or before 1970-01-01. */
  private static final long MONDAY_EPOCH_DAY = -3;
  /** {@code LocalDate.MIN.toEpochDay()}. */
  private static final long MIN_EPOCH_DAY = -365_243_219_162L;
  /** {@code LocalDate.MAX.toEpochDay()}. */
  private static final long MAX_EPOCH_DAY = 365_241_780_471L;

  /**
   * The index of the period containing the given epoch day.
   *
   * @param epochDay days since 1970-01-01 ({@link LocalDate#toEpochDay()})
   * @return the dense period index (see the class documentation)
   */
  public long index(long epochDay) {
    switch (this) {
      case DAY:
        return epochDay;
      case WEEK:
        return Math.floorDiv(epochDay - MONDAY_EPOCH_DAY, 7);
      case MONTH:
        return monthIndex(epochDay);
      case QUARTER:
        return Math.floorDiv(monthIndex(epochDay), 3);
      case YEAR:
        return Math.floorDiv(monthIndex(epochDay), 12);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The index of the period containing the given date.
   *
   * @param date a calendar date
   * @return the dense period index
   * @throws NullPointerException if {@code date} is null
   */
  public long index(LocalDate date) {
    return index(Objects.requireNonNull(date, "date").toEpochDay());
  }

  /**
   * The first day of the period with the given index.
   *
   * @param periodIndex a period index as returned by {@link #index(long)}
   * @return the first day of that period
   * @throws IllegalArgumentException if that first day is outside {@link LocalDate}'s range
   *     ({@link LocalDate#MIN} to {@link LocalDate#MAX})
   */
  public LocalDate start(long periodIndex) {
    if (periodIndex < minStartIndex() || periodIndex > maxStartIndex()) {
      throw new IllegalArgumentException("periodIndex must be in [" + minStartIndex() + ", "
          + maxStartIndex() + "] for a " + this + " starting within LocalDate's range, was "
          + periodIndex);
    }
    switch (this) {
      case DAY:
        return LocalDate.ofEpochDay(periodIndex);
      case WEEK:
        return LocalDate.ofEpochDay(MONDAY_EPOCH_DAY + periodIndex * 7);
      case MONTH:
        return LocalDate.of((int) Math.floorDiv(periodIndex, 12), (int) Math.floorMod(periodIndex, 12) + 1, 1);
      case QUARTER:
        return LocalDate.of((int) Math.floorDiv(periodIndex, 4), (int) Math.floorMod(periodIndex, 4) * 3 + 1, 1);
      case YEAR:
        return LocalDate.of((int) periodIndex, 1, 1);
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The first day of the period containing {@code date}.
   *
   * @param date a calendar date
   * @return the start of its period; for {@link #WEEK} the Monday on or before {@code date}
   * @throws NullPointerException if {@code date} is null
   */
  public LocalDate truncate(LocalDate date) {
    Objects.requireNonNull(date, "date");
    if (this == WEEK) {
      // LocalDate.MIN (-999999999-01-01) is a Monday, so every date's Monday is in range.
      long day = date.toEpochDay();
      return LocalDate.ofEpochDay(day - Math.floorMod(day - MONDAY_EPOCH_DAY, 7));
    }
    return start(index(date));
  }

  /**
   * The number of whole periods between the periods of two dates, {@code index(to) - index(from)}.
   *
   * @param from the earlier date
   * @param to the later date
   * @return the period offset; negative when {@code to} lies in an earlier period
   * @throws NullPointerException if {@code from} or {@code to} is null
   */
  public long between(LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return index(to) - index(from);
  }

  /**
   * The length of a period of this granularity as a {@link ChronoUnit}.
   *
   * @return DAYS, WEEKS, MONTHS, a three-month step is represented as MONTHS (use
   *     {@link #plus(LocalDate, long)}), or YEARS
   */
  ChronoUnit chronoUnit() {
    switch (this) {
      case DAY:
        return ChronoUnit.DAYS;
      case WEEK:
        return ChronoUnit.WEEKS;
      case MONTH:
      case QUARTER:
        return ChronoUnit.MONTHS;
      case YEAR:
        return ChronoUnit.YEARS;
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * Adds whole periods to a date.
   *
   * @param date a date
   * @param periods the number of periods to add (may be negative)
   * @return {@code date} moved by {@code periods} periods (month ends are clamped as
   *     {@link LocalDate#plusMonths(long)} does)
   * @throws NullPointerException if {@code date} is null
   * @throws IllegalArgumentException if the result is outside {@link LocalDate}'s range
   *     ({@link LocalDate#MIN} to {@link LocalDate#MAX})
   */
  public LocalDate plus(LocalDate date, long periods) {
    Objects.requireNonNull(date, "date");
    try {
      long steps = this == QUARTER ? Math.multiplyExact(periods, 3) : periods;
      return date.plus(steps, chronoUnit());
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("periods must move " + date + " by whole " + this
          + "s to a date in [" + LocalDate.MIN + ", " + LocalDate.MAX + "], was " + periods, e);
    }
  }

  /** The smallest period index whose first day is on or after {@link LocalDate#MIN}. */
  private long minStartIndex() {
    switch (this) {
      case DAY:
        return MIN_EPOCH_DAY;
      case WEEK:
        // ceil((MIN_EPOCH_DAY - MONDAY_EPOCH_DAY) / 7)
        return -Math.floorDiv(MONDAY_EPOCH_DAY - MIN_EPOCH_DAY, 7);
      case MONTH:
        return Year.MIN_VALUE * 12L;
      case QUARTER:
        return Year.MIN_VALUE * 4L;
      case YEAR:
        return Year.MIN_VALUE;
      default:
        throw new AssertionError(this);
    }
  }

  /** The largest period index whose first day is on or before {@link LocalDate#MAX}. */
  private long maxStartIndex() {
    switch (this) {
      case DAY:
        return MAX_EPOCH_DAY;
      case WEEK:
        return Math.floorDiv(MAX_EPOCH_DAY - MONDAY_EPOCH_DAY, 7);
      case MONTH:
        return Year.MAX_VALUE * 12L + 11;
      case QUARTER:
        return Year.MAX_VALUE * 4L + 3;
      case YEAR:
        return Year.MAX_VALUE;
      default:
        throw new AssertionError(this);
    }
  }

  private static long monthIndex(long epochDay) {
    // Civil-from-days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"), year and month
    // only; avoids allocating a LocalDate in hot loops.
    long z = epochDay + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    return y * 12 + (m - 1);
  }
}
