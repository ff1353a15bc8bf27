package dev.retention.summary;

import dev.retention.time.Granularity;
import dev.retention.time.ModelTimeUnit;
import dev.retention.internal.Checks;
import dev.retention.time.SupportedRange;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link CustomerSummaries} table summarises: the observation window, the purchase period
 * that merges purchases, and the time unit of recency and age. Immutable; configure by copies:
 *
 * <pre>{@code
 * SummarySpec spec = SummarySpec.asOf(LocalDate.of(1997, 9, 30))
 *     .withPeriod(Granularity.DAY)
 *     .withTimeUnit(ModelTimeUnit.WEEKS);
 * }</pre>
 *
 * <ul>
 *   <li>{@link #asOf()}: the last observed day, <em>inclusive</em>; purchases on it count and the
 *       age {@code T} is measured to it (the convention of Fader, Hardie &amp; Lee's CDNOW files
 *       and of lifetimes' {@code observation_period_end});
 *   <li>{@link #from()}: the first observed day, inclusive (default: the whole log up to
 *       {@code asOf});
 *   <li>{@link #period()}: purchases in the same period merge into one purchase period (default
 *       {@link Granularity#DAY}, as in the CLV literature);
 *   <li>{@link #timeUnit()}: the unit of {@code t_x} and {@code T} (default {@link
 *       ModelTimeUnit#DAYS}).
 * </ul>
 *
 * <p><b>Supported range:</b> every day in {@link SupportedRange} (1900-01-01 to 2199-12-31),
 * checked by the factory and each copy method; logs hold only rows in that range, so the window,
 * recency and age of any summary fit an {@code int} number of days (at most 109,575).
 */
public final class SummarySpec {
  private final LocalDate asOf;
  private final LocalDate from;
  private final Granularity period;
  private final ModelTimeUnit timeUnit;

  private SummarySpec(LocalDate asOf, LocalDate from, Granularity period, ModelTimeUnit timeUnit) {
    this.asOf = asOf;
    this.from = from;
    this.period = period;
    this.timeUnit = timeUnit;
  }

  /**
   * A spec observing the whole log up to and including {@code lastDay}, daily periods, time in
   * days.
   *
   * @param lastDay the last observed day (inclusive), in {@link SupportedRange}
   * @return the spec
   * @throws IllegalArgumentException if {@code lastDay} is outside 1900-01-01 .. 2199-12-31
   */
  public static SummarySpec asOf(LocalDate lastDay) {
    return new SummarySpec(
        Checks.date(lastDay, "lastDay", -1), null, Granularity.DAY, ModelTimeUnit.DAYS);
  }

  /**
   * A copy that ignores transactions before {@code firstDay}.
   *
   * @param firstDay the first observed day (inclusive), not after {@link #asOf()}, in {@link
   *     SupportedRange}
   * @return the copy
   */
  public SummarySpec from(LocalDate firstDay) {
    Checks.date(firstDay, "firstDay", -1);
    if (firstDay.isAfter(asOf)) {
      throw new IllegalArgumentException(
          "firstDay must not be after asOf " + asOf + ", was " + firstDay);
    }
    return new SummarySpec(asOf, firstDay, period, timeUnit);
  }

  /**
   * A copy with another purchase period.
   *
   * @param purchasePeriod the period within which purchases merge
   * @return the copy
   */
  public SummarySpec withPeriod(Granularity purchasePeriod) {
    return new SummarySpec(asOf, from, Objects.requireNonNull(purchasePeriod, "period"), timeUnit);
  }

  /**
   * A copy with another time unit.
   *
   * @param unit the unit of recency and age
   * @return the copy
   */
  public SummarySpec withTimeUnit(ModelTimeUnit unit) {
    return new SummarySpec(asOf, from, period, Objects.requireNonNull(unit, "timeUnit"));
  }

  /**
   * A copy observing up to another last day (the same first day, period and unit).
   *
   * @param lastDay the new last observed day (inclusive), in {@link SupportedRange}
   * @return the copy
   */
  public SummarySpec withAsOf(LocalDate lastDay) {
    Checks.date(lastDay, "lastDay", -1);
    if (from != null && from.isAfter(lastDay)) {
      throw new IllegalArgumentException(
          "lastDay must not be before from " + from + ", was " + lastDay);
    }
    return new SummarySpec(lastDay, from, period, timeUnit);
  }

  /**
   * The last observed day, inclusive.
   *
   * @return the day
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The first observed day, inclusive.
   *
   * @return the day, or empty for the whole log
   */
  public Optional<LocalDate> from() {
    return Optional.ofNullable(from);
  }

  /**
   * The purchase period.
   *
   * @return the granularity within which purchases merge
   */
  public Granularity period() {
    return period;
  }

  /**
   * The time unit of recency and age.
   *
   * @return the unit
   */
  public ModelTimeUnit timeUnit() {
    return timeUnit;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SummarySpec)) {
      return false;
    }
    SummarySpec s = (SummarySpec) o;
    return asOf.equals(s.asOf) && Objects.equals(from, s.from) && period == s.period
        && timeUnit == s.timeUnit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(asOf, from, period, timeUnit);
  }

  @Override
  public String toString() {
    return "SummarySpec{from=" + (from == null ? "start of log" : from) + ", asOf=" + asOf
        + ", period=" + period + ", timeUnit=" + timeUnit + "}";
  }
}
