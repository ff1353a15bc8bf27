package dev.retention.revenue;

import dev.retention.metrics.Ratio;

/**
 * Subscription unit economics from per-period figures. All inputs are per period of the same
 * length (e.g. monthly ARPA with a monthly churn rate gives LTV in money and CAC payback in
 * months). Stateless and thread-safe; every method allocates one {@link Ratio}.
 *
 * <p>The LTV formula is the steady-state one (David Skok, "SaaS Metrics 2.0"): it assumes a
 * constant churn rate, so the expected lifetime is {@code 1 / churn} periods. Vendors differ on
 * which churn to use; we take the gross revenue churn rate ({@link MrrMovement#grossMrrChurnRate()})
 * as the issue specifies; customer churn gives the "per logo" variant.
 */
public final class UnitEconomics {
  private UnitEconomics() {}

  /**
   * Customer lifetime value: {@code LTV = ARPA x grossMargin / revenueChurnRate}.
   *
   * @param arpaMinor average revenue per account per period, {@code >= 0}
   * @param grossMargin gross margin in [0, 1]
   * @param revenueChurnRate revenue churn per period in [0, 1]
   * @return LTV in minor units; undefined when the churn rate is 0 (infinite lifetime)
   * @throws IllegalArgumentException if an argument is out of range or not finite
   */
  public static Ratio ltv(double arpaMinor, double grossMargin, double revenueChurnRate) {
    nonNegative(arpaMinor, "arpaMinor");
    unit(grossMargin, "grossMargin");
    unit(revenueChurnRate, "revenueChurnRate");
    return Ratio.of(arpaMinor * grossMargin, revenueChurnRate);
  }

  /**
   * LTV to CAC ratio: {@code LTV / CAC} (a common target is 3).
   *
   * @param ltvMinor the lifetime value, {@code >= 0}
   * @param cacMinor the customer acquisition cost, {@code >= 0}
   * @return the ratio; undefined when CAC is 0
   */
  public static Ratio ltvToCac(double ltvMinor, double cacMinor) {
    nonNegative(ltvMinor, "ltvMinor");
    nonNegative(cacMinor, "cacMinor");
    return Ratio.of(ltvMinor, cacMinor);
  }

  /**
   * CAC payback in periods: {@code CAC / (ARPA x grossMargin)}, the periods of gross profit that
   * repay the acquisition cost.
   *
   * @param cacMinor the acquisition cost, {@code >= 0}
   * @param arpaMinor average revenue per account per period, {@code >= 0}
   * @param grossMargin gross margin in [0, 1]
   * @return periods (months for monthly ARPA); undefined when ARPA or margin is 0
   */
  public static Ratio cacPaybackPeriods(double cacMinor, double arpaMinor, double grossMargin) {
    nonNegative(cacMinor, "cacMinor");
    nonNegative(arpaMinor, "arpaMinor");
    unit(grossMargin, "grossMargin");
    return Ratio.of(cacMinor, arpaMinor * grossMargin);
  }

  private static void nonNegative(double v, String name) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be a finite number >= 0, was " + v);
    }
  }

  private static void unit(double v, String name) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(name + " must be a finite number in [0, 1], was " + v);
    }
  }
}
