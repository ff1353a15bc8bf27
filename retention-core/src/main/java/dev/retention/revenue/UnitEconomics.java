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
 *
 * <h2>Supported range</h2>
 *
 * <p>Every result is finite, because the inputs are bounded: money per period ({@code arpaMinor},
 * {@code cacMinor}) is 0 or in {@code [1e-6, 1e19]} minor units (the upper bound exceeds {@link
 * Long#MAX_VALUE}, so any amount measured from a log fits); {@code ltvMinor} is in {@code [0,
 * 1e30]}; a margin or a churn rate is 0 or in {@code [1e-9, 1]}. Hence LTV is at most {@code 1e19
 * / 1e-9 = 1e28}, the CAC payback at most {@code 1e19 / (1e-6 x 1e-9) = 1e34} periods and LTV/CAC
 * at most {@code 1e30 / 1e-6 = 1e36}. A value between 0 and the lower bound (a subnormal churn
 * rate, say) is rejected: it would make a finite input give an infinite or meaningless LTV. A zero
 * denominator gives an undefined {@link Ratio}, never an infinity.
 */
public final class UnitEconomics {
  private UnitEconomics() {}

  /**
   * Customer lifetime value: {@code LTV = ARPA x grossMargin / revenueChurnRate}.
   *
   * @param arpaMinor average revenue per account per period: 0 or in {@code [1e-6, 1e19]}
   * @param grossMargin gross margin: 0 or in {@code [1e-9, 1]}
   * @param revenueChurnRate revenue churn per period: 0 or in {@code [1e-9, 1]}
   * @return LTV in minor units, at most 1e28; undefined when the churn rate is 0 (infinite
   *     lifetime)
   * @throws IllegalArgumentException if an argument is out of range or not finite
   */
  public static Ratio ltv(double arpaMinor, double grossMargin, double revenueChurnRate) {
    money(arpaMinor, "arpaMinor");
    unit(grossMargin, "grossMargin");
    unit(revenueChurnRate, "revenueChurnRate");
    return Ratio.of(arpaMinor * grossMargin, revenueChurnRate);
  }

  /**
   * LTV to CAC ratio: {@code LTV / CAC} (a common target is 3).
   *
   * @param ltvMinor the lifetime value, in {@code [0, 1e30]}
   * @param cacMinor the customer acquisition cost: 0 or in {@code [1e-6, 1e19]}
   * @return the ratio, at most 1e36; undefined when CAC is 0
   * @throws IllegalArgumentException if an argument is out of range or not finite
   */
  public static Ratio ltvToCac(double ltvMinor, double cacMinor) {
    if (!(ltvMinor >= 0 && ltvMinor <= 1e30)) {
      throw new IllegalArgumentException(
          "ltvMinor must be a finite number in [0, 1e30], was " + ltvMinor);
    }
    money(cacMinor, "cacMinor");
    return Ratio.of(ltvMinor, cacMinor);
  }

  /**
   * CAC payback in periods: {@code CAC / (ARPA x grossMargin)}, the periods of gross profit that
   * repay the acquisition cost.
   *
   * @param cacMinor the acquisition cost: 0 or in {@code [1e-6, 1e19]}
   * @param arpaMinor average revenue per account per period: 0 or in {@code [1e-6, 1e19]}
   * @param grossMargin gross margin: 0 or in {@code [1e-9, 1]}
   * @return periods (months for monthly ARPA), at most 1e34; undefined when ARPA or margin is 0
   * @throws IllegalArgumentException if an argument is out of range or not finite
   */
  public static Ratio cacPaybackPeriods(double cacMinor, double arpaMinor, double grossMargin) {
    money(cacMinor, "cacMinor");
    money(arpaMinor, "arpaMinor");
    unit(grossMargin, "grossMargin");
    return Ratio.of(cacMinor, arpaMinor * grossMargin);
  }

  /** Money per period: 0 or in [1e-6, 1e19] minor units. */
  private static void money(double v, String name) {
    if (!(v == 0 || (v >= 1e-6 && v <= 1e19))) {
      throw new IllegalArgumentException(
          name + " must be 0 or a finite number in [1e-6, 1e19] minor units, was " + v);
    }
  }

  /** A margin or rate: 0 or in [1e-9, 1]. */
  private static void unit(double v, String name) {
    if (!(v == 0 || (v >= 1e-9 && v <= 1))) {
      throw new IllegalArgumentException(
          name + " must be 0 or a finite number in [1e-9, 1], was " + v);
    }
  }
}
