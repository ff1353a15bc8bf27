/**
 * Descriptive retention metrics: customer retention and churn ({@link
 * dev.retention.metrics.CustomerRetention}), repeat purchase rate, purchase frequency, average
 * order value, lifespan, loyalty and historical/simple CLV ({@link
 * dev.retention.metrics.PurchaseMetrics}), NPS/CSAT/CES ({@link
 * dev.retention.metrics.SurveyMetrics}) and period-over-period comparisons ({@link
 * dev.retention.metrics.PeriodComparison}). Every rate is a {@link dev.retention.metrics.Ratio}
 * that keeps its numerator and denominator and says whether it is defined.
 */
package dev.retention.metrics;
