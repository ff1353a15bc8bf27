/**
 * Descriptive retention metrics: customer retention and churn ({@link
 * dev.retention.metrics.CustomerRetention}), repeat purchase rate, purchase frequency, average
 * order value, lifespan, loyalty and historical/simple CLV ({@link
 * dev.retention.metrics.PurchaseMetrics}), NPS/CSAT/CES ({@link
 * dev.retention.metrics.SurveyMetrics}) and period-over-period comparisons ({@link
 * dev.retention.metrics.PeriodComparison}). Every rate is a {@link dev.retention.metrics.Ratio}
 * that keeps its numerator and denominator and says whether it is defined.
 *
 * <h2>Supported input (every type in this package)</h2>
 *
 * <p>Dates and instants lie in {@link dev.retention.time.SupportedRange} (1900-01-01 to
 * 2199-12-31); each entry point that takes a date checks it ({@code asOf}, period bounds,
 * acquisition and observation dates), and the logs hold only rows in that range. Money comes from
 * a {@link dev.retention.data.TransactionLog} (or caller columns checked the same way), whose sum
 * of |amounts| is at most {@link Long#MAX_VALUE}; every money figure computed here is a sum over
 * some of those rows and is exact, never wrapped. Exceptions name the argument, the rule, the value
 * and a row or position, never a customer id.
 *
 * <p>Formulas on caller doubles ({@link dev.retention.metrics.PurchaseMetrics#simpleClv}) bound
 * their arguments so that a finite input never gives an infinite result.
 */
package dev.retention.metrics;
