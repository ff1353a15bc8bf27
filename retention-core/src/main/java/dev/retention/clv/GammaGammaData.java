package dev.retention.clv;

import dev.retention.summary.CustomerSummaries;
import java.util.Arrays;
import java.util.Objects;

/**
 * Input of the Gamma-Gamma spend model: for each customer with at least one repeat transaction,
 * the number of transactions {@code x} whose values are averaged and their mean value
 * {@code mbar}, with an optional non-negative weight (a count of identical customers).
 *
 * <p>Validation (in the factories): {@code x >= 1}, {@code mbar} finite and {@code > 0}, weight
 * finite and {@code >= 0}, at least one positive weight; the exception names the row, the field,
 * the rule and the value. Customers without repeat transactions carry no spend information in this
 * model; {@link #ofRepeatCustomers(double[], double[])} skips them explicitly (rows with
 * {@code x == 0}) and says so in its contract, nothing else is ever dropped.
 *
 * <p>Immutable and thread-safe; the arrays are copied in and out. The constructor also groups the
 * rows by distinct {@code x} (used by the fitter so that special functions are evaluated once per
 * distinct frequency, not once per customer).
 */
public final class GammaGammaData {

  private final int[] x;
  private final double[] meanSpend;
  private final double[] weight;
  /** Sorted distinct values of x. */
  private final int[] distinctX;
  /** Total weight per distinct x. */
  private final double[] distinctWeight;
  private final double totalWeight;
  /** Per row: total spend x·mbar. */
  private final double[] totalSpend;
  /** Per row: weight · x. */
  private final double[] weightedX;
  /** Σ w ln(x·mbar), a constant of the log-likelihood's q term. */
  private final double sumWeightedLogTotal;
  /** Σ w ln(mbar), a constant of the log-likelihood. */
  private final double sumWeightedLogMean;

  private GammaGammaData(int[] x, double[] meanSpend, double[] weight) {
    this.x = x;
    this.meanSpend = meanSpend;
    this.weight = weight;
    this.totalSpend = new double[x.length];
    this.weightedX = new double[x.length];
    double c1 = 0.0;
    double c0 = 0.0;
    // c1 = Σ w ln(x·mbar), c0 = Σ w ln(mbar)
    for (int i = 0; i < x.length; i++) {
      totalSpend[i] = x[i] * meanSpend[i];
      weightedX[i] = weight[i] * x[i];
      if (weight[i] != 0.0) {
        c1 += weight[i] * Math.log(totalSpend[i]);
        c0 += weight[i] * Math.log(meanSpend[i]);
      }
    }
    this.sumWeightedLogTotal = c1;
    this.sumWeightedLogMean = c0;
    int[] sorted = x.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    this.distinctX = Arrays.copyOf(sorted, distinct);
    this.distinctWeight = new double[distinct];
    double total = 0.0;
    for (int i = 0; i < x.length; i++) {
      distinctWeight[Arrays.binarySearch(distinctX, x[i])] += weight[i];
      total += weight[i];
    }
    this.totalWeight = total;
  }

  /**
   * Customers with unit weights.
   *
   * @param x number of transactions averaged per customer, each {@code >= 1}
   * @param meanSpend mean transaction value per customer, each finite and {@code > 0}
   * @return the validated data
   * @throws IllegalArgumentException naming the row, field, rule and value of the first bad row,
   *     or when the arrays differ in length or are empty
   */
  public static GammaGammaData of(int[] x, double[] meanSpend) {
    Objects.requireNonNull(x, "x");
    double[] ones = new double[x.length];
    Arrays.fill(ones, 1.0);
    return of(x, meanSpend, ones);
  }

  /**
   * Weighted customers (a weight is typically the number of customers sharing the row's values).
   *
   * @param x number of transactions averaged per customer, each {@code >= 1}
   * @param meanSpend mean transaction value per customer, each finite and {@code > 0}
   * @param weights weight per row, each finite and {@code >= 0}, at least one {@code > 0}
   * @return the validated data
   * @throws IllegalArgumentException naming the row, field, rule and value of the first bad row
   */
  public static GammaGammaData of(int[] x, double[] meanSpend, double[] weights) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(meanSpend, "meanSpend");
    Objects.requireNonNull(weights, "weights");
    if (meanSpend.length != x.length || weights.length != x.length) {
      throw new IllegalArgumentException(
          "x, meanSpend and weights must have the same length, were "
              + x.length + ", " + meanSpend.length + ", " + weights.length);
    }
    double total = 0.0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 1) {
        throw new IllegalArgumentException(
            "x must be >= 1 (a repeat customer) for the Gamma-Gamma model, was " + x[i]
                + " (row " + i + ")");
      }
      checkSpend(meanSpend[i], i);
      if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException(
            "weight must be finite and >= 0, was " + weights[i] + " (row " + i + ")");
      }
      total += weights[i];
    }
    if (!(total > 0.0)) {
      throw new IllegalArgumentException(
          "the data must hold at least one row with positive weight, had " + x.length + " rows");
    }
    return new GammaGammaData(x.clone(), meanSpend.clone(), weights.clone());
  }

  /**
   * The repeat customers ({@code x > 0}) of a summary table, with their mean spend per repeat
   * purchase period in the log currency's <em>major</em> units (cents / 100 for USD, yen for JPY),
   * the scale of the published CDNOW fits. Customers with {@code x = 0} are skipped, as in {@link
   * #ofRepeatCustomers(double[], double[])}; row {@code k} of the result is the {@code k}-th repeat
   * customer in summary order.
   *
   * @param summaries customer summaries
   * @return the spend data
   * @throws IllegalArgumentException if no customer has a repeat purchase period, or a repeat
   *     customer's mean spend is not {@code > 0} (e.g. only free orders)
   */
  public static GammaGammaData fromRepeatCustomers(CustomerSummaries summaries) {
    Objects.requireNonNull(summaries, "summaries");
    double scale = Math.pow(10, Math.max(0, summaries.log().currency().getDefaultFractionDigits()));
    double[] spend = summaries.meanRepeatSpends();
    for (int i = 0; i < spend.length; i++) {
      spend[i] /= scale;
    }
    return ofRepeatCustomers(summaries.frequencies(), spend);
  }

  /**
   * All customers of a summary table, of which those with {@code x == 0} (no repeat transaction,
   * hence no spend observation in this model) are skipped; this is the selection that Fader, Hardie
   * and Lee's note and lifetimes make ({@code frequency > 0}).
   *
   * @param x repeat-transaction counts, each a non-negative integer-valued double
   * @param meanSpend mean repeat-transaction value; must be finite and {@code > 0} where
   *     {@code x > 0}, and is ignored (but must be finite and {@code >= 0}) where {@code x == 0}
   * @return the repeat customers, in row order, with unit weights
   * @throws IllegalArgumentException naming the row, field, rule and value of the first bad row,
   *     or when no row has {@code x > 0}
   */
  public static GammaGammaData ofRepeatCustomers(double[] x, double[] meanSpend) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(meanSpend, "meanSpend");
    if (meanSpend.length != x.length) {
      throw new IllegalArgumentException(
          "x and meanSpend must have the same length, were " + x.length + ", " + meanSpend.length);
    }
    int repeat = 0;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      if (!(xi >= 0.0) || xi != Math.rint(xi) || xi > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "x must be a non-negative integer, was " + xi + " (row " + i + ")");
      }
      if (xi > 0.0) {
        checkSpend(meanSpend[i], i);
        repeat++;
      } else if (!(meanSpend[i] >= 0.0) || Double.isInfinite(meanSpend[i])) {
        throw new IllegalArgumentException(
            "meanSpend must be finite and >= 0, was " + meanSpend[i] + " (row " + i + ")");
      }
    }
    if (repeat == 0) {
      throw new IllegalArgumentException(
          "the Gamma-Gamma model needs at least one customer with x > 0, had none in "
              + x.length + " rows");
    }
    int[] xs = new int[repeat];
    double[] ms = new double[repeat];
    double[] ws = new double[repeat];
    int k = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] > 0.0) {
        xs[k] = (int) x[i];
        ms[k] = meanSpend[i];
        ws[k] = 1.0;
        k++;
      }
    }
    return new GammaGammaData(xs, ms, ws);
  }

  /**
   * The same customers in a canonical order that does not depend on the order of the rows, for
   * the fitter: rows sorted by x, then mean spend, then weight; rows with the same x and mean
   * spend merged into one whose weight is their sum, taken in ascending order of the weights.
   * Every permutation of the rows gives bit-identical arrays, and so bit-identical sums in the
   * log-likelihood and a bit-identical fit. Allocates O(rows).
   *
   * @return the canonical data (a new instance; this one keeps the caller's order)
   */
  GammaGammaData canonical() {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (u, v) -> {
      int c = Integer.compare(x[u], x[v]);
      if (c == 0) {
        c = Double.compare(meanSpend[u], meanSpend[v]);
      }
      return c != 0 ? c : Double.compare(weight[u], weight[v]);
    });
    int[] cx = new int[n];
    double[] cm = new double[n];
    double[] cw = new double[n];
    int m = -1;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (m >= 0 && cx[m] == x[i] && Double.compare(cm[m], meanSpend[i]) == 0) {
        cw[m] += weight[i];
      } else {
        m++;
        cx[m] = x[i];
        cm[m] = meanSpend[i];
        cw[m] = weight[i];
      }
    }
    m++;
    return new GammaGammaData(Arrays.copyOf(cx, m), Arrays.copyOf(cm, m), Arrays.copyOf(cw, m));
  }

  private static void checkSpend(double m, int row) {
    if (!(m > 0.0) || Double.isInfinite(m)) {
      throw new IllegalArgumentException(
          "meanSpend must be finite and > 0 for a repeat customer, was " + m + " (row " + row
              + ")");
    }
  }

  /**
   * Number of rows.
   *
   * @return number of rows
   */
  public int size() {
    return x.length;
  }

  /**
   * Sum of the weights (the number of customers when weights are counts).
   *
   * @return sum of the weights (the number of customers when weights are counts)
   */
  public double totalWeight() {
    return totalWeight;
  }

  /**
   * A copy of the transaction counts.
   *
   * @return a copy of the transaction counts
   */
  public int[] x() {
    return x.clone();
  }

  /**
   * A copy of the mean spends.
   *
   * @return a copy of the mean spends
   */
  public double[] meanSpend() {
    return meanSpend.clone();
  }

  /**
   * A copy of the weights.
   *
   * @return a copy of the weights
   */
  public double[] weights() {
    return weight.clone();
  }

  // Package-private zero-copy access for the fitter (never mutated).
  int[] xArray() {
    return x;
  }

  double[] meanSpendArray() {
    return meanSpend;
  }

  double[] weightArray() {
    return weight;
  }

  double[] totalSpendArray() {
    return totalSpend;
  }

  double[] weightedXArray() {
    return weightedX;
  }

  double sumWeightedLogTotal() {
    return sumWeightedLogTotal;
  }

  double sumWeightedLogMean() {
    return sumWeightedLogMean;
  }

  int[] distinctXArray() {
    return distinctX;
  }

  double[] distinctWeightArray() {
    return distinctWeight;
  }
}
