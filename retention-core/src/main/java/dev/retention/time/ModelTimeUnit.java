package dev.retention.time;

/**
 * The unit in which a customer summary or a probabilistic model measures time (recency
 * {@code t_x}, age {@code T}, prediction horizons).
 *
 * <p>Peer libraries leave the unit implicit, and the most common error in their users' CLV
 * figures is a model fitted in weeks and read in months. Every summary, fit and prediction in this
 * library carries its unit, and conversions go through {@link #convert(double, ModelTimeUnit)}.
 *
 * <p>Months and years are mean Gregorian lengths (a year is 365.2425 days, a month one twelfth of
 * that, 30.436875 days), so that a summary in months is an exact rescaling of one in days.
 */
public enum ModelTimeUnit {
  /** One day. */
  DAYS(1.0),
  /** Seven days. */
  WEEKS(7.0),
  /** A mean Gregorian month: 365.2425 / 12 = 30.436875 days. */
  MONTHS(365.2425 / 12.0),
  /** A mean Gregorian year: 365.2425 days. */
  YEARS(365.2425);

  private final double days;

  ModelTimeUnit(double days) {
    this.days = days;
  }

  /**
   * The length of one unit in days.
   *
   * @return days per unit, for example 7.0 for {@link #WEEKS}
   */
  public double days() {
    return days;
  }

  /**
   * Converts a number of days to this unit.
   *
   * @param dayCount a duration in days
   * @return {@code dayCount / days()}
   */
  public double fromDays(double dayCount) {
    return dayCount / days;
  }

  /**
   * Converts a duration expressed in this unit to another unit.
   *
   * @param amount a duration in this unit
   * @param target the unit to express it in
   * @return the same duration in {@code target} units
   */
  public double convert(double amount, ModelTimeUnit target) {
    return this == target ? amount : amount * days / target.days;
  }
}
