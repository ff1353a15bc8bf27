package dev.retention.clv;

import java.util.Arrays;
import java.util.Objects;

/**
 * Input of the shifted-beta-geometric (sBG) contract-duration model: the number of customers of
 * one cohort still active at the start of each period {@code 0, 1, …, m}, where period 0 is the
 * acquisition period ({@code survivors[0]} is the cohort size).
 *
 * <p>The customers lost between the starts of periods {@code t − 1} and {@code t},
 * {@code survivors[t − 1] − survivors[t]}, churned after {@code t} periods (their contract
 * lasted {@code T = t} periods); the {@code survivors[m]} still active are right-censored at
 * {@code T > m}.
 *
 * <p>Validation: at least two periods (one transition), every count {@code >= 0}, the cohort size
 * {@code > 0}, and counts non-increasing (a cohort cannot gain members); the exception names the
 * period, the rule and the values. Immutable and thread-safe; arrays are copied in and out.
 */
public final class ShiftedBetaGeometricData {

  private final long[] survivors;

  private ShiftedBetaGeometricData(long[] survivors) {
    this.survivors = survivors;
  }

  /**
   * Survivor counts at the start of periods {@code 0..m}.
   *
   * @param survivors {@code survivors[0]} the cohort size, then the customers still active at the
   *     start of each following period
   * @return the validated data
   * @throws IllegalArgumentException when fewer than two counts are given, a count is negative,
   *     the cohort is empty or a count exceeds the previous one (named)
   */
  public static ShiftedBetaGeometricData of(long... survivors) {
    Objects.requireNonNull(survivors, "survivors");
    if (survivors.length < 2) {
      throw new IllegalArgumentException(
          "survivors must hold at least 2 periods (the cohort size and one later count), had "
              + survivors.length);
    }
    if (survivors[0] <= 0) {
      throw new IllegalArgumentException(
          "survivors[0] (the cohort size) must be > 0, was " + survivors[0]);
    }
    for (int t = 1; t < survivors.length; t++) {
      if (survivors[t] < 0) {
        throw new IllegalArgumentException(
            "survivors[" + t + "] must be >= 0, was " + survivors[t]);
      }
      if (survivors[t] > survivors[t - 1]) {
        throw new IllegalArgumentException(
            "survivors must be non-increasing, survivors[" + t + "] was " + survivors[t]
                + " > survivors[" + (t - 1) + "] = " + survivors[t - 1]);
      }
    }
    return new ShiftedBetaGeometricData(survivors.clone());
  }

  /**
   * The first periods only, {@code survivors[0..lastPeriod]} (to fit on a calibration window and
   * project the rest).
   *
   * @param lastPeriod the last period kept, {@code 1 <= lastPeriod <= periods()}
   * @return the truncated data
   */
  public ShiftedBetaGeometricData throughPeriod(int lastPeriod) {
    if (lastPeriod < 1 || lastPeriod > periods()) {
      throw new IllegalArgumentException(
          "lastPeriod must be in [1, " + periods() + "], was " + lastPeriod);
    }
    return new ShiftedBetaGeometricData(Arrays.copyOf(survivors, lastPeriod + 1));
  }

  /**
   * The index m of the last period observed (the number of renewal opportunities).
   *
   * @return the index m of the last period observed (the number of renewal opportunities)
   */
  public int periods() {
    return survivors.length - 1;
  }

  /**
   * The cohort size {@code survivors[0]}.
   *
   * @return the cohort size {@code survivors[0]}
   */
  public long cohortSize() {
    return survivors[0];
  }

  /**
   * Customers active at the start of period {@code t}.
   *
   * @param t a period in {@code [0, periods()]}
   * @return the count
   */
  public long survivors(int t) {
    Objects.checkIndex(t, survivors.length);
    return survivors[t];
  }

  /**
   * A copy of all counts.
   *
   * @return a copy of all counts
   */
  public long[] survivors() {
    return survivors.clone();
  }

  long[] survivorsArray() {
    return survivors;
  }
}
