/**
 * Per-customer recency–frequency–monetary summaries ({@link
 * dev.retention.summary.CustomerSummaries}) and calibration/holdout splits ({@link
 * dev.retention.summary.CalibrationHoldout}): the input of models and segmenters.
 */
package dev.retention.summary;
