package dev.retention.internal;

import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Argument checks shared by the value types and builders. The fast checks (instants, running
 * money sums) are one or two comparisons that inline; the message is formatted only on failure.
 * Messages name the field, the rule, the value and (where given) the row, never a customer or
 * order id. Not API.
 */
public final class Checks {
  /** {@code MAX_EPOCH_SECOND - MIN_EPOCH_SECOND}: one unsigned comparison tests the range. */
  private static final long SECOND_SPAN =
      SupportedRange.MAX_EPOCH_SECOND - SupportedRange.MIN_EPOCH_SECOND;

  private Checks() {}

  /**
   * Checks that an identifier is present and not blank.
   *
   * @param value the identifier
   * @param field the field name used in the message
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty or only whitespace
   */
  public static String id(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      // a blank value carries no personal data: its length tells the caller what was seen
      throw new IllegalArgumentException(
          field + " must not be blank, was a blank string of length " + value.length());
    }
    return value;
  }

  /**
   * Checks that a count or amount is not negative.
   *
   * @param value the value
   * @param field the field name used in the message
   * @return {@code value}
   */
  public static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, was " + value);
    }
    return value;
  }

  /**
   * Checks that a double is finite and in {@code [lo, hi]}.
   *
   * @param value the value
   * @param lo the lowest allowed value
   * @param hi the highest allowed value
   * @param field the field name used in the message
   * @return {@code value}
   */
  public static double inRange(double value, double lo, double hi, String field) {
    if (!(value >= lo && value <= hi)) {
      throw new IllegalArgumentException(
          field + " must be a finite number in [" + lo + ", " + hi + "], was " + value);
    }
    return value;
  }

  /**
   * Checks that an epoch second is in the supported range {@link SupportedRange#MIN_EPOCH_SECOND}
   * .. {@link SupportedRange#MAX_EPOCH_SECOND} (one subtraction and one unsigned comparison).
   *
   * @param value seconds since the epoch
   * @param field the field name used in the message
   * @param row the row index named in the message, or -1 for none
   * @return {@code value}
   */
  public static long epochSecond(long value, String field, long row) {
    if (Long.compareUnsigned(value - SupportedRange.MIN_EPOCH_SECOND, SECOND_SPAN) > 0) {
      throw epochSecondOutOfRange(value, field, row);
    }
    return value;
  }

  private static IllegalArgumentException epochSecondOutOfRange(long value, String field, long row) {
    String hint = value > SupportedRange.MAX_EPOCH_SECOND && value / 1000 <= SupportedRange.MAX_EPOCH_SECOND
        ? "; milliseconds passed as seconds?" : value > SupportedRange.MAX_EPOCH_SECOND
        ? "; microseconds or nanoseconds passed as seconds?" : "";
    return new IllegalArgumentException(field + " must be in [" + SupportedRange.MIN_EPOCH_SECOND
        + ", " + SupportedRange.MAX_EPOCH_SECOND + "] seconds (1900-01-01T00:00:00Z to "
        + "2199-12-31T23:59:59Z), was " + value + where(row) + hint);
  }

  /**
   * Checks that an instant is present and in the supported range.
   *
   * @param value the instant
   * @param field the field name used in the message
   * @param row the row index named in the message, or -1 for none
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   */
  public static Instant instant(Instant value, String field, long row) {
    Objects.requireNonNull(value, field);
    long s = value.getEpochSecond();
    if (Long.compareUnsigned(s - SupportedRange.MIN_EPOCH_SECOND, SECOND_SPAN) > 0) {
      throw new IllegalArgumentException(field + " must be in [" + SupportedRange.MIN_INSTANT
          + ", " + SupportedRange.MAX_INSTANT + "], was " + value + where(row));
    }
    return value;
  }

  /**
   * Checks that a date is present and in the supported range {@link SupportedRange#MIN_DATE} ..
   * {@link SupportedRange#MAX_DATE}.
   *
   * @param value the date
   * @param field the field name used in the message
   * @param row the row index named in the message, or -1 for none
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   */
  public static LocalDate date(LocalDate value, String field, long row) {
    Objects.requireNonNull(value, field);
    if (value.isBefore(SupportedRange.MIN_DATE) || value.isAfter(SupportedRange.MAX_DATE)) {
      throw new IllegalArgumentException(field + " must be in [" + SupportedRange.MIN_DATE + ", "
          + SupportedRange.MAX_DATE + "], was " + value + where(row));
    }
    return value;
  }

  /**
   * Adds a non-negative amount to a running non-negative money total, failing when the total would
   * exceed {@link SupportedRange#MAX_TOTAL_MINOR}.
   *
   * @param total the running total, {@code >= 0}
   * @param amount the amount added, {@code >= 0}
   * @param field the field name used in the message
   * @param row the row index named in the message, or -1 for none
   * @return the new total
   */
  public static long addToTotal(long total, long amount, String field, long row) {
    long t = total + amount; // both in [0, 2^63): the sum wraps negative exactly on overflow
    if (t < 0) {
      throw new IllegalArgumentException("the sum of |" + field + "| over the rows must be <= "
          + SupportedRange.MAX_TOTAL_MINOR + " minor units (SupportedRange.MAX_TOTAL_MINOR), was "
          + total + " before adding " + amount + where(row));
    }
    return t;
  }

  /**
   * Checks that an index names an element of a collection of the given size.
   *
   * @param index the index
   * @param size the number of elements
   * @param field the field name used in the message
   * @return {@code index}
   */
  public static int index(int index, int size, String field) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          field + " must be in [0, " + size + "), was " + index);
    }
    return index;
  }

  private static String where(long row) {
    return row < 0 ? "" : " (row " + row + ")";
  }
}
