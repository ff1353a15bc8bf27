/**
 * Per-customer recency–frequency–monetary summaries ({@link
 * dev.retention.summary.CustomerSummaries}) and calibration/holdout splits ({@link
 * dev.retention.summary.CalibrationHoldout}): the input of models and segmenters.
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
 */
package dev.retention.summary;
