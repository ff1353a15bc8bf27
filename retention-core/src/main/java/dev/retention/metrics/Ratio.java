package dev.retention.metrics;

/**
 * A rate that keeps its numerator and denominator, so that an undefined rate (a zero denominator)
 * is visible instead of a silent {@code NaN}. Immutable and thread-safe.
 *
 * @param numerator the numerator (exact for counts up to 2^53)
 * @param denominator the denominator
 */
public record Ratio(double numerator, double denominator) {

  /**
   * Validates that both parts are finite.
   *
   * @throws IllegalArgumentException if a part is NaN or infinite
   */
  public Ratio {
    if (!Double.isFinite(numerator)) {
      throw new IllegalArgumentException("numerator must be finite, was " + numerator);
    }
    if (!Double.isFinite(denominator)) {
      throw new IllegalArgumentException("denominator must be finite, was " + denominator);
    }
  }

  /**
   * A ratio.
   *
   * @param numerator the numerator
   * @param denominator the denominator
   * @return the ratio
   */
  public static Ratio of(double numerator, double denominator) {
    return new Ratio(numerator, denominator);
  }

  /**
   * Whether the ratio has a value.
   *
   * @return {@code denominator != 0}
   */
  public boolean isDefined() {
    return denominator != 0;
  }

  /**
   * The value.
   *
   * @return {@code numerator / denominator}
   * @throws IllegalStateException if the denominator is 0
   */
  public double value() {
    if (denominator == 0) {
      throw new IllegalStateException(
          "ratio is undefined: denominator is 0 (numerator " + numerator + ")");
    }
    return numerator / denominator;
  }

  /**
   * The value, or a fallback when undefined.
   *
   * @param whenUndefined returned when the denominator is 0
   * @return the value or {@code whenUndefined}
   */
  public double valueOr(double whenUndefined) {
    return denominator == 0 ? whenUndefined : numerator / denominator;
  }

  /**
   * The value in percent.
   *
   * @return {@code 100 * value()}
   * @throws IllegalStateException if undefined
   */
  public double percent() {
    return 100.0 * value();
  }

  @Override
  public String toString() {
    return isDefined()
        ? String.format(java.util.Locale.ROOT, "%.4f (%s/%s)", value(), fmt(numerator), fmt(denominator))
        : "undefined (" + fmt(numerator) + "/0)";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
