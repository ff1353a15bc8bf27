package dev.retention.metrics;

import dev.retention.time.DateRange;
import java.util.Objects;
import java.util.function.Function;

/**
 * A metric over a period, over the period before it and over the same period a year earlier, with
 * the changes: "retention this quarter vs last quarter and vs the same quarter last year". The
 * previous period is the previous calendar period for a calendar {@link DateRange}, otherwise the
 * same number of days before. Immutable.
 *
 * @param current the period of interest
 * @param value the metric over {@code current}
 * @param previousValue the metric over {@link DateRange#previous()}
 * @param yearEarlierValue the metric over {@link DateRange#yearEarlier()}
 */
public record PeriodComparison(
    DateRange current, Ratio value, Ratio previousValue, Ratio yearEarlierValue) {

  /**
   * Computes any metric over the three periods.
   *
   * @param current the period of interest
   * @param metric the metric, e.g. {@code p -> retention.retention(p).retentionRate()}
   * @return the comparison
   */
  public static PeriodComparison of(DateRange current, Function<DateRange, Ratio> metric) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(metric, "metric");
    return new PeriodComparison(
        current, metric.apply(current), metric.apply(current.previous()),
        metric.apply(current.yearEarlier()));
  }

  /**
   * The change from the previous period.
   *
   * @return the change
   */
  public Change vsPrevious() {
    return new Change(previousValue, value);
  }

  /**
   * The change from the same period a year earlier.
   *
   * @return the change
   */
  public Change vsYearEarlier() {
    return new Change(yearEarlierValue, value);
  }
}
