package dev.retention.internal;

import java.util.Objects;

/** Argument checks shared by the value types. Not API. */
public final class Checks {
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
      throw new IllegalArgumentException(field + " must not be blank, was \"" + value + "\"");
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
}
