/**
 * Segmentation: pure functions from customer data as of a date to one label per customer, each
 * label able to explain itself.
 *
 * <ul>
 *   <li>{@link dev.retention.segment.RfmInput}, {@link dev.retention.segment.RfmScorer},
 *       {@link dev.retention.segment.RfmScores}: recency, frequency and monetary scores by quantile
 *       bins or caller breaks, with documented tie handling (equal values always share a score).
 *   <li>{@link dev.retention.segment.RfmSegmentTable}: named segments as first-match rule tables,
 *       with the R {@code rfm}, PyMC-Marketing and a recency x (F+M)/2 grid preset.
 *   <li>{@link dev.retention.segment.ChurnRisk}: a GREEN/AMBER/RED traffic light with reason codes.
 *   <li>{@link dev.retention.segment.Lifecycle}: lifecycle stages with a documented precedence.
 *   <li>{@link dev.retention.segment.Inactivity}, {@link dev.retention.segment.ValueTiers},
 *       {@link dev.retention.segment.FeatureAdoption}: inactivity lists, value/loyalty tiers,
 *       top-N and Pareto share, feature-adoption breadth.
 *   <li>{@link dev.retention.segment.Segmentation}, {@link dev.retention.segment.SegmentReport},
 *       {@link dev.retention.segment.MigrationMatrix}: the common label table, per-segment reports
 *       with CSV export, and from x to segment migration counts.
 * </ul>
 *
 * <p>Every class here is immutable and thread-safe; nothing does I/O (CSV goes to an
 * {@link java.lang.Appendable} the caller owns).
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
package dev.retention.segment;
