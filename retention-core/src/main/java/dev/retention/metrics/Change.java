package dev.retention.metrics;

import java.util.Objects;

/**
 * The change of a metric between two periods: absolute ({@code to − from}) and relative ({@code
 * (to − from) / |from|}). A change is defined only when both values are; the relative change is
 * also undefined when {@code from} is 0. Immutable.
 *
 * @param from the earlier value
 * @param to the later value
 */
public record Change(Ratio from, Ratio to) {

  /**
   * Validates the parts.
   *
   * @throws NullPointerException if a part is null
   */
  public Change {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Whether both values are defined.
   *
   * @return true when the absolute change exists
   */
  public boolean isDefined() {
    return from.isDefined() && to.isDefined();
  }

  /**
   * The absolute change.
   *
   * @return {@code to − from}
   * @throws IllegalStateException if either value is undefined
   */
  public double absolute() {
    return to.value() - from.value();
  }

  /**
   * The relative change.
   *
   * @return {@code (to − from) / |from|}, undefined when either value is undefined or {@code from}
   *     is 0
   */
  public Ratio relative() {
    if (!isDefined()) {
      return Ratio.of(0, 0);
    }
    return Ratio.of(absolute(), Math.abs(from.value()));
  }
}
