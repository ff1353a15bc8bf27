package dev.retention.time;

import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open range of calendar days {@code [start, endExclusive)}: the period a metric is computed
 * over. A range made by {@link #period(Granularity, LocalDate)} remembers its granularity, so that
 * {@link #previous()} is the previous calendar period (the quarter before, not 91 days before).
 * Immutable and thread-safe.
 *
 * @param start the first day in the range
 * @param endExclusive the first day after the range
 * @param granularity the calendar period this range is, or null for an arbitrary range
 */
public record DateRange(LocalDate start, LocalDate endExclusive, Granularity granularity) {

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if {@code endExclusive} is not after {@code start}, {@code
   *     start} is outside {@link SupportedRange} (1900-01-01 to 2199-12-31) or {@code
   *     endExclusive} is after 2200-01-01
   */
  public DateRange {
    Checks.date(start, "start", -1);
    Objects.requireNonNull(endExclusive, "endExclusive");
    if (endExclusive.isAfter(SupportedRange.MAX_DATE.plusDays(1))) {
      throw new IllegalArgumentException("endExclusive must be <= "
          + SupportedRange.MAX_DATE.plusDays(1) + " (SupportedRange), was " + endExclusive);
    }
    if (!endExclusive.isAfter(start)) {
      throw new IllegalArgumentException(
          "endExclusive must be after start " + start + ", was " + endExclusive);
    }
  }

  /**
   * An arbitrary range.
   *
   * @param start the first day
   * @param endExclusive the first day after the range
   * @return the range
   */
  public static DateRange of(LocalDate start, LocalDate endExclusive) {
    return new DateRange(start, endExclusive, null);
  }

  /**
   * The calendar period of a granularity that contains a day, e.g. the quarter of 1998-02-14 is
   * [1998-01-01, 1998-04-01).
   *
   * @param granularity the period length
   * @param day a day inside the period
   * @return the range
   * @throws NullPointerException if {@code granularity} or {@code day} is null
   * @throws IllegalArgumentException if {@code day} is outside {@link SupportedRange} (1900-01-01
   *     to 2199-12-31), or the period ends after 2200-01-01
   */
  public static DateRange period(Granularity granularity, LocalDate day) {
    Objects.requireNonNull(granularity, "granularity");
    Checks.date(day, "day", -1);
    LocalDate s = granularity.truncate(day);
    return new DateRange(s, granularity.plus(s, 1), granularity);
  }

  /**
   * The number of days in the range.
   *
   * @return {@code endExclusive - start} in days
   */
  public long days() {
    return ChronoUnit.DAYS.between(start, endExclusive);
  }

  /**
   * Whether a day is in the range.
   *
   * @param epochDay a day as {@link LocalDate#toEpochDay()}
   * @return {@code start <= day < endExclusive}
   */
  public boolean contains(long epochDay) {
    return epochDay >= start.toEpochDay() && epochDay < endExclusive.toEpochDay();
  }

  /**
   * The range immediately before: the previous calendar period for a calendar range, otherwise the
   * same number of days ending at {@code start}.
   *
   * @return the previous range
   */
  public DateRange previous() {
    if (granularity != null) {
      LocalDate s = granularity.plus(start, -1);
      return new DateRange(s, start, granularity);
    }
    return new DateRange(start.minusDays(days()), start, null);
  }

  /**
   * The same range a year earlier ({@link LocalDate#minusYears(long)} on both ends; 29 February
   * becomes 28 February).
   *
   * @return the range one year before
   */
  public DateRange yearEarlier() {
    return new DateRange(start.minusYears(1), endExclusive.minusYears(1), granularity);
  }

  @Override
  public String toString() {
    return "[" + start + ", " + endExclusive + ")";
  }
}
