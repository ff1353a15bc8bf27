/**
 * Cohort analysis: {@link dev.retention.cohort.CohortSpec} says how customers form cohorts and what
 * counts as retained, {@link dev.retention.cohort.CohortAccumulator} aggregates (mergeable, one
 * row-major {@code long[]} per measure), {@link dev.retention.cohort.CohortMatrix} is the immutable
 * result with censoring and weighted-average curves, and {@link dev.retention.cohort.CohortTables}
 * writes it as CSV, Markdown or plain text.
 *
 * <p>Conventions that differ between tools and the one followed here: offset 0 is the cohort
 * period itself (Mixpanel, Amplitude "day 0"); a period that the observation end cuts short is
 * censored by default (configurable); "unbounded" retention counts a member in column {@code k}
 * when active in period {@code k} or any later observed period (Amplitude's definition); refunds
 * reduce revenue but never make a customer active.
 *
 * <p>Supported input and memory: see {@link dev.retention.cohort.CohortSpec} (dates 1900 to 2199,
 * exact money, at most {@link dev.retention.cohort.CohortSpec#MAX_CELLS} cells at 48 bytes per
 * cell, so a matrix that passes the cap fits in a 1 GB heap besides its logs).
 */
package dev.retention.cohort;
