package dev.retention.time;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The ranges of input this library supports, in one place: every builder, value type and
 * calculator checks its instants, dates and money against these bounds where the value enters (the
 * append call or the factory), before doing any work proportional to the value, and fails with an
 * {@link IllegalArgumentException} naming the field, the rule and the value.
 *
 * <h2>Instants: {@value #MIN_EPOCH_SECOND} to {@value #MAX_EPOCH_SECOND} seconds</h2>
 *
 * <p>From 1900-01-01T00:00:00Z inclusive to 2200-01-01T00:00:00Z exclusive. The bound is chosen so
 * that a unit error fails at once instead of producing a plausible-looking result or a huge table:
 * an epoch time in milliseconds passed as seconds is above the bound for every instant after
 * 1970-03-25 (milliseconds of 2024 read as seconds fall in the year 56379), and microseconds or
 * nanoseconds passed as seconds are above it for every instant after 1970-01-01T02:00:58Z. It
 * also bounds every table indexed by day (at most 109,575 days, about 428 KB of {@code int}s),
 * so no row can make a cohort or summary allocate in proportion to a wrong timestamp.
 *
 * <h2>Dates: {@link #MIN_DATE} to {@link #MAX_DATE}</h2>
 *
 * <p>1900-01-01 to 2199-12-31 inclusive, for dates given directly (as-of and observation dates,
 * acquisition dates, period starts). The calendar date of a supported instant in any zone (offsets
 * are at most 18 hours) lies between 1899-12-31 and 2200-01-01; such dates appear in logs and are
 * accepted.
 *
 * <h2>Money</h2>
 *
 * <p>Amounts are {@code long} minor units. A single amount may be any non-negative {@code long};
 * the rule is on sums: the sum of the absolute amounts of all rows of one log (purchases plus
 * refunds) must not exceed {@value #MAX_TOTAL_MINOR} ({@link Long#MAX_VALUE}, about 9.2 x
 * 10<sup>18</sup> minor units: 92 quadrillion dollars in cents). Every money figure the library
 * derives from a log (gross, refunds and net per customer, per cohort cell, per period, per
 * segment, and their totals) is a sum over a subset of the rows, so its absolute value is at most
 * that sum, and no exact sum can overflow once the log is built. The builders check the running
 * sum in the append call (one add and one predictable branch per row) and report the row that
 * breaks it. Calculators that take money from the caller directly (arrays of monetary values,
 * recurring-revenue snapshots) apply the same rule to their input.
 *
 * <p>Not instantiable.
 */
public final class SupportedRange {
  /** 1900-01-01T00:00:00Z in seconds since the epoch: the first supported instant. */
  public static final long MIN_EPOCH_SECOND = -2_208_988_800L;
  /** 2199-12-31T23:59:59Z in seconds since the epoch: the last supported instant. */
  public static final long MAX_EPOCH_SECOND = 7_258_118_399L;
  /** The first supported instant, 1900-01-01T00:00:00Z. */
  public static final Instant MIN_INSTANT = Instant.ofEpochSecond(MIN_EPOCH_SECOND);
  /** The last supported instant, 2199-12-31T23:59:59.999999999Z. */
  public static final Instant MAX_INSTANT = Instant.ofEpochSecond(MAX_EPOCH_SECOND, 999_999_999);
  /** The first supported date given directly, 1900-01-01. */
  public static final LocalDate MIN_DATE = LocalDate.of(1900, 1, 1);
  /** The last supported date given directly, 2199-12-31. */
  public static final LocalDate MAX_DATE = LocalDate.of(2199, 12, 31);
  /** The largest sum of absolute amounts (minor units) over the rows of one log. */
  public static final long MAX_TOTAL_MINOR = Long.MAX_VALUE;

  private SupportedRange() {}
}
