package dev.retention.revenue;

import dev.retention.metrics.Ratio;
import java.time.LocalDate;

/**
 * The movement of recurring revenue into one period from the previous one (ChartMogul's MRR
 * movement categories), in minor units, with the customer counts behind it. Identity: {@code
 * endMrr = startMrr + newMrr + expansionMrr + reactivationMrr - contractionMrr - churnedMrr}.
 * Immutable and thread-safe. See {@link RevenueSeries#movement(int)} for the classification.
 *
 * <p>Rates are {@link Ratio}s over the start-of-period values: undefined (not NaN) when the period
 * starts with no revenue or no customers. Vendor conventions differ on two points; this class
 * follows ChartMogul: reactivation is its own category (Baremetrics folds it into new), and net
 * MRR churn subtracts both expansion and reactivation.
 *
 * @param period the first day of the period
 * @param startMrr revenue in the previous period (0 for the first period of a series)
 * @param endMrr revenue in this period
 * @param newMrr revenue of customers with revenue for the first time
 * @param expansionMrr increases of continuing customers
 * @param contractionMrr decreases of continuing customers (still paying)
 * @param churnedMrr previous revenue of customers that stopped paying
 * @param reactivationMrr revenue of returning customers (no revenue in the previous period, some
 *     earlier)
 * @param startCustomers customers with revenue in the previous period
 * @param endCustomers customers with revenue in this period
 * @param newCustomers first-time customers
 * @param reactivatedCustomers returning customers
 * @param churnedCustomers customers that stopped paying
 */
public record MrrMovement(
    LocalDate period,
    long startMrr,
    long endMrr,
    long newMrr,
    long expansionMrr,
    long contractionMrr,
    long churnedMrr,
    long reactivationMrr,
    long startCustomers,
    long endCustomers,
    long newCustomers,
    long reactivatedCustomers,
    long churnedCustomers) {

  /**
   * Net new MRR: {@code new + expansion + reactivation - contraction - churned} (equals {@code
   * endMrr - startMrr}).
   *
   * @return minor units
   */
  public long netNewMrr() {
    return newMrr + expansionMrr + reactivationMrr - contractionMrr - churnedMrr;
  }

  /**
   * Customer (logo) churn rate: {@code churnedCustomers / startCustomers}.
   *
   * @return the rate; undefined when no customer paid in the previous period
   */
  public Ratio customerChurnRate() {
    return Ratio.of(churnedCustomers, startCustomers);
  }

  /**
   * Gross MRR churn rate, also called revenue churn rate: {@code (contraction + churned) /
   * startMrr}.
   *
   * @return the rate in [0, 1]; undefined when {@code startMrr = 0}
   */
  public Ratio grossMrrChurnRate() {
    return Ratio.of(contractionMrr + churnedMrr, startMrr);
  }

  /**
   * Net MRR churn rate: {@code (contraction + churned - expansion - reactivation) / startMrr}
   * (negative when expansion outweighs losses: "net negative churn").
   *
   * @return the rate; undefined when {@code startMrr = 0}
   */
  public Ratio netMrrChurnRate() {
    return Ratio.of(contractionMrr + churnedMrr - expansionMrr - reactivationMrr, startMrr);
  }

  /**
   * SaaS quick ratio: {@code (new + expansion) / (contraction + churned)}, as in the issue's
   * definition. Mamoon Hamid's original (Social Capital, 2015) also adds reactivation to the
   * numerator; use {@link #quickRatioWithReactivation()} for that.
   *
   * @return the ratio; undefined when nothing was lost
   */
  public Ratio quickRatio() {
    return Ratio.of(newMrr + expansionMrr, contractionMrr + churnedMrr);
  }

  /**
   * Quick ratio counting reactivation as growth: {@code (new + expansion + reactivation) /
   * (contraction + churned)}.
   *
   * @return the ratio; undefined when nothing was lost
   */
  public Ratio quickRatioWithReactivation() {
    return Ratio.of(newMrr + expansionMrr + reactivationMrr, contractionMrr + churnedMrr);
  }

  /**
   * Average revenue per account in this period: {@code endMrr / endCustomers}.
   *
   * @return minor units per paying customer; undefined when nobody pays
   */
  public Ratio arpa() {
    return Ratio.of(endMrr, endCustomers);
  }
}
