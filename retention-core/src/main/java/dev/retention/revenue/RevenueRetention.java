package dev.retention.revenue;

import dev.retention.metrics.Ratio;
import java.time.LocalDate;

/**
 * Net and gross revenue retention of a base-period customer set. Immutable and thread-safe.
 *
 * <p>Definitions (the point-to-point "cohort" method used by KeyBanc's SaaS survey and most
 * investor benchmarks): over the customers {@code i} with revenue {@code base_i > 0} in the base
 * period,
 *
 * <ul>
 *   <li>NRR (net revenue retention, also net dollar retention or DRR, "the dollars that renew")
 *       {@code = sum_i current_i / sum_i base_i}; new customers acquired after the base period are
 *       excluded, expansion counts;
 *   <li>GRR (gross revenue retention) {@code = sum_i min(current_i, base_i) / sum_i base_i}:
 *       expansion is capped, so GRR is at most 1 for non-negative revenue.
 * </ul>
 *
 * <p>Other vendors average or compound monthly rates instead (e.g. NRR as the product of 12
 * monthly {@code (1 - net MRR churn)}); those differ when the customer base changes within the
 * year. We follow the point-to-point definition.
 *
 * @param basePeriod the first day of the base period
 * @param currentPeriod the first day of the measured period
 * @param baseCustomers customers with revenue in the base period
 * @param retainedCustomers of those, customers with revenue in the measured period
 * @param baseRevenueMinor their base-period revenue
 * @param currentRevenueMinor their measured-period revenue
 * @param cappedRevenueMinor {@code sum min(current, base)}
 */
public record RevenueRetention(
    LocalDate basePeriod,
    LocalDate currentPeriod,
    long baseCustomers,
    long retainedCustomers,
    long baseRevenueMinor,
    long currentRevenueMinor,
    long cappedRevenueMinor) {

  /**
   * Net revenue retention.
   *
   * @return {@code current / base}; undefined when the base revenue is 0
   */
  public Ratio nrr() {
    return Ratio.of(currentRevenueMinor, baseRevenueMinor);
  }

  /**
   * Gross revenue retention.
   *
   * @return {@code capped / base}; undefined when the base revenue is 0
   */
  public Ratio grr() {
    return Ratio.of(cappedRevenueMinor, baseRevenueMinor);
  }

  /**
   * Logo retention of the base set: {@code retainedCustomers / baseCustomers}.
   *
   * @return the rate; undefined when the base set is empty
   */
  public Ratio customerRetention() {
    return Ratio.of(retainedCustomers, baseCustomers);
  }
}
