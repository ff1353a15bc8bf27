/**
 * Calendar periods ({@link dev.retention.time.Granularity}) and the time units of summaries and
 * models ({@link dev.retention.time.ModelTimeUnit}), and the supported range of instants, dates
 * and money sums that every builder and calculator checks ({@link
 * dev.retention.time.SupportedRange}).
 */
package dev.retention.time;
