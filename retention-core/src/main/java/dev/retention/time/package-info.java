/**
 * Calendar periods ({@link dev.retention.time.Granularity}) and the time units of summaries and
 * models ({@link dev.retention.time.ModelTimeUnit}).
 */
package dev.retention.time;
