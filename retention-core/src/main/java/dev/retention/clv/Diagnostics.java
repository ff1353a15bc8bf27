package dev.retention.clv;

import java.util.Arrays;
import java.util.Objects;

/**
 * Calibration/holdout diagnostics for the continuous-time models (Fader, Hardie &amp; Lee 2005,
 * figures 2–4): the aggregate tracking curve of cumulative repeat purchases and the observed vs
 * expected repeat-frequency histogram. Per-customer holdout accuracy is
 * {@link HoldoutComparison}.
 *
 * <p>Stateless and thread-safe; allocates the result arrays and a sorted copy of the inputs.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /**
   * The aggregate tracking curve at {@code t_k = k · step}, k = 1..points (time since the start
   * of the cohort's acquisition window, in the model's unit):
   * expected cumulative repeat purchases {@code Σ_i E[X(t_k − b_i)] [t_k > b_i]} (each customer's
   * unconditional expectation from their first purchase b_i, FHL 2005 fig. 2) against the actual
   * number of repeat purchases at or before t_k.
   *
   * @param model the fitted model
   * @param firstPurchase b_i per customer, finite and {@code >= 0}
   * @param repeatPurchaseTimes times of all repeat purchases (any customer), finite
   * @param step grid step, {@code > 0}
   * @param points number of grid points, {@code >= 1}
   * @return {times, expected cumulative, actual cumulative}
   */
  public static TrackingCurve trackingCurve(CustomerBaseModel model, double[] firstPurchase,
      double[] repeatPurchaseTimes, double step, int points) {
    Objects.requireNonNull(model, "model");
    double[] b = sortedFinite(firstPurchase, "firstPurchase");
    double[] rt = sortedFinite(repeatPurchaseTimes, "repeatPurchaseTimes");
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("step must be finite and > 0, was " + step);
    }
    if (points < 1) {
      throw new IllegalArgumentException("points must be >= 1, was " + points);
    }
    if (b.length > 0 && b[0] < 0) {
      throw new IllegalArgumentException("firstPurchase must be >= 0, was " + b[0]);
    }
    double[] times = new double[points];
    double[] expected = new double[points];
    double[] actual = new double[points];
    // distinct first-purchase times with multiplicities
    int m = 0;
    double[] db = new double[b.length];
    int[] cnt = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      if (m > 0 && db[m - 1] == b[i]) {
        cnt[m - 1]++;
      } else {
        db[m] = b[i];
        cnt[m++] = 1;
      }
    }
    int ri = 0;
    for (int k = 0; k < points; k++) {
      double t = (k + 1) * step;
      times[k] = t;
      double e = 0;
      for (int j = 0; j < m && db[j] < t; j++) {
        e += cnt[j] * model.expectedPurchases(t - db[j]);
      }
      expected[k] = e;
      while (ri < rt.length && rt[ri] <= t) {
        ri++;
      }
      actual[k] = ri;
    }
    return new TrackingCurve(times, expected, actual);
  }

  /**
   * Observed vs expected numbers of customers with 0, 1, …, maxCount − 1 and ≥ maxCount repeat
   * purchases in calibration: expected[n] = Σ_i w_i P(X(T_i) = n) (FHL 2005 fig. 3), the last
   * bucket the remainder so both sides sum to the number of customers.
   *
   * @param model the fitted model
   * @param data calibration data in the model's unit
   * @param maxCount the first pooled count, {@code >= 1}
   * @return the histogram
   */
  public static FrequencyHistogram frequencyHistogram(CustomerBaseModel model,
      RecencyFrequencyData data, int maxCount) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(data, "data");
    if (maxCount < 1) {
      throw new IllegalArgumentException("maxCount must be >= 1, was " + maxCount);
    }
    if (data.timeUnit() != model.timeUnit()) {
      throw new IllegalArgumentException("data time unit must equal the model's "
          + model.timeUnit() + ", was " + data.timeUnit());
    }
    double[] observed = new double[maxCount + 1];
    double[] expected = new double[maxCount + 1];
    int n = data.size();
    // group customers by T: P(X(T) = k) depends on T only
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      observed[Math.min(maxCount, data.frequency(i))] += data.weight(i);
    }
    Arrays.sort(order, (u, v) -> Double.compare(data.age(u), data.age(v)));
    int i = 0;
    while (i < n) {
      double t = data.age(order[i]);
      double w = 0;
      int j = i;
      while (j < n && data.age(order[j]) == t) {
        w += data.weight(order[j]);
        j++;
      }
      for (int k = 0; k < maxCount; k++) {
        expected[k] += w * model.probabilityOfPurchases(k, t);
      }
      i = j;
    }
    double sum = 0;
    for (int k = 0; k < maxCount; k++) {
      sum += expected[k];
    }
    expected[maxCount] = Math.max(0.0, data.totalWeight() - sum);
    return new FrequencyHistogram(observed, expected);
  }

  private static double[] sortedFinite(double[] v, String name) {
    Objects.requireNonNull(v, name);
    double[] c = v.clone();
    for (int i = 0; i < c.length; i++) {
      if (!Double.isFinite(c[i])) {
        throw new IllegalArgumentException(name + " must be finite, was " + c[i] + " (row " + i
            + ")");
      }
    }
    Arrays.sort(c);
    return c;
  }

  /**
   * A tracking curve.
   *
   * @param times grid times
   * @param expectedCumulative expected cumulative repeat purchases
   * @param actualCumulative actual cumulative repeat purchases
   */
  public record TrackingCurve(double[] times, double[] expectedCumulative,
      double[] actualCumulative) {}

  /**
   * A repeat-frequency histogram; index k counts customers with k repeat purchases, the last
   * index those with at least {@code length − 1}.
   *
   * @param observed observed customers per bucket
   * @param expected expected customers per bucket
   */
  public record FrequencyHistogram(double[] observed, double[] expected) {}
}
