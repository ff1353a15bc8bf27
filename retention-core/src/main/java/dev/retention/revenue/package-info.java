/**
 * Revenue retention for subscription and repeat-purchase businesses: {@link
 * dev.retention.revenue.RevenueSeries} (revenue per customer per period, from MRR snapshots or a
 * transaction log), {@link dev.retention.revenue.MrrMovement} (new, expansion, contraction, churned,
 * reactivation; churn rates, quick ratio, ARPA), {@link dev.retention.revenue.RevenueRetention}
 * (NRR/DRR and GRR, yearly and per cohort) and {@link dev.retention.revenue.UnitEconomics} (LTV,
 * LTV:CAC, CAC payback). Each type's javadoc states its formula and which vendor convention it
 * follows where vendors differ.
 *
 * <p>Supported input: periods in {@link dev.retention.time.SupportedRange}; a series' money sum at
 * most {@link Long#MAX_VALUE} and its size at most {@link
 * dev.retention.revenue.RevenueSeries#MAX_CELLS} cells (see {@link
 * dev.retention.revenue.RevenueSeries}); the unit-economics formulas bound their double arguments
 * so that every result is finite (see {@link dev.retention.revenue.UnitEconomics}).
 */
package dev.retention.revenue;
