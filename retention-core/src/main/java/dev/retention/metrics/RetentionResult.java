package dev.retention.metrics;

import dev.retention.time.DateRange;

/**
 * Customer counts over one period and the retention and churn rates they give. See {@link
 * CustomerRetention} for who counts as a customer at a date. Immutable.
 *
 * <p>With {@code S} = customers at the start, {@code E} = customers at the end and {@code N} =
 * customers at the end who were not customers at the start ({@link #newCustomers()} plus {@link
 * #reactivated()}):
 *
 * <ul>
 *   <li>customer retention rate {@code CRR = (E - N) / S}, which equals {@link #retained()} / S;
 *   <li>churn rate {@code = lost / S} with {@code lost = S - retained}, so CRR + churn = 1.
 * </ul>
 *
 * <p>Customers who joined and left within the period are neither in {@code S} nor in {@code E}, so
 * they count in neither rate's numerator nor denominator. With {@code S = 0} both rates are
 * undefined ({@link Ratio#isDefined()} is false), never NaN.
 *
 * @param period the period {@code [start, end)}
 * @param atStart S, customers at the start
 * @param atEnd E, customers at the end
 * @param retained customers at the start who are still customers at the end
 * @param newCustomers customers at the end whose first activity ever falls in the period
 * @param reactivated customers at the end who were active before the period but not customers at
 *     its start
 */
public record RetentionResult(
    DateRange period, long atStart, long atEnd, long retained, long newCustomers, long reactivated) {

  /**
   * N: customers at the end who were not customers at the start.
   *
   * @return {@code newCustomers + reactivated}, which equals {@code atEnd - retained}
   */
  public long gained() {
    return newCustomers + reactivated;
  }

  /**
   * Customers at the start who are no longer customers at the end.
   *
   * @return {@code atStart - retained}
   */
  public long lost() {
    return atStart - retained;
  }

  /**
   * Customer retention rate {@code (E - N) / S} (Kumar &amp; Reinartz, Customer Relationship
   * Management, 2018; the formula most SaaS and e-commerce references give).
   *
   * @return the rate, undefined when {@code S = 0}
   */
  public Ratio retentionRate() {
    return Ratio.of(atEnd - gained(), atStart);
  }

  /**
   * Churn rate {@code lost / S}.
   *
   * @return the rate, undefined when {@code S = 0}
   */
  public Ratio churnRate() {
    return Ratio.of(lost(), atStart);
  }
}
