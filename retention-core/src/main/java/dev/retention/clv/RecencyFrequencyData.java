package dev.retention.clv;

import dev.retention.summary.CustomerSummaries;
import dev.retention.time.ModelTimeUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * The input of the continuous-time customer-base models (BG/NBD, Pareto/NBD, MBG/NBD): for each
 * customer (or each pattern, with a weight = the number of customers sharing it) the repeat
 * frequency {@code x}, the recency {@code t_x} (time of the last repeat purchase since the first
 * purchase) and the age {@code T} (end of the calibration period since the first purchase), in an
 * explicit {@link ModelTimeUnit}.
 *
 * <p>Struct of arrays, immutable: the factories copy their input; accessors of whole columns
 * return copies. Validation, per row, with the row, field, rule and value in the message:
 *
 * <ul>
 *   <li>{@code x} finite, a non-negative integer, at most {@link Integer#MAX_VALUE};
 *   <li>{@code t_x} and {@code T} finite, {@code 0 ≤ t_x ≤ T};
 *   <li>{@code t_x = 0} when {@code x = 0};
 *   <li>weights finite and {@code > 0}.
 * </ul>
 *
 * <p>Thread-safe (immutable).
 */
public final class RecencyFrequencyData {
  private final int[] x;
  private final double[] tx;
  private final double[] age;
  private final double[] weight; // null when unweighted
  private final double totalWeight;
  private final ModelTimeUnit unit;

  private RecencyFrequencyData(
      int[] x, double[] tx, double[] age, double[] weight, double totalWeight,
      ModelTimeUnit unit) {
    this.x = x;
    this.tx = tx;
    this.age = age;
    this.weight = weight;
    this.totalWeight = totalWeight;
    this.unit = unit;
  }

  /**
   * One row per customer.
   *
   * @param x repeat-purchase counts
   * @param tx recencies t_x
   * @param T ages T
   * @param unit the time unit of {@code tx} and {@code T}
   * @return the validated data
   * @throws IllegalArgumentException when a row breaks a rule (see the class documentation) or
   *     the arrays differ in length
   */
  public static RecencyFrequencyData of(double[] x, double[] tx, double[] T, ModelTimeUnit unit) {
    return build(x, tx, T, null, unit);
  }

  /**
   * The model input of a summary table: row {@code i} is customer {@code i} of {@code summaries},
   * with {@code x = frequency(i)}, {@code t_x = recency(i)}, {@code T = age(i)} in the summaries'
   * time unit.
   *
   * @param summaries customer summaries, e.g. of a calibration window
   * @return the data, in the summaries' row order
   */
  public static RecencyFrequencyData from(CustomerSummaries summaries) {
    Objects.requireNonNull(summaries, "summaries");
    return of(summaries.frequencies(), summaries.recencies(), summaries.ages(),
        summaries.timeUnit());
  }

  /**
   * One row per pattern, with the number of customers sharing it as the weight.
   *
   * @param x repeat-purchase counts
   * @param tx recencies t_x
   * @param T ages T
   * @param weights pattern counts, finite and {@code > 0}
   * @param unit the time unit of {@code tx} and {@code T}
   * @return the validated data
   */
  public static RecencyFrequencyData ofWeighted(
      double[] x, double[] tx, double[] T, double[] weights, ModelTimeUnit unit) {
    return build(x, tx, T, Objects.requireNonNull(weights, "weights"), unit);
  }

  private static RecencyFrequencyData build(
      double[] x, double[] tx, double[] T, double[] weights, ModelTimeUnit unit) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(tx, "tx");
    Objects.requireNonNull(T, "T");
    Objects.requireNonNull(unit, "unit");
    int n = x.length;
    if (tx.length != n || T.length != n || (weights != null && weights.length != n)) {
      throw new IllegalArgumentException("x, tx, T" + (weights != null ? ", weights" : "")
          + " must have the same length, were " + n + ", " + tx.length + ", " + T.length
          + (weights != null ? ", " + weights.length : ""));
    }
    int[] xs = new int[n];
    double[] txs = tx.clone();
    double[] ts = T.clone();
    double[] ws = weights == null ? null : weights.clone();
    double total = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      if (!(xi >= 0) || xi != Math.rint(xi) || xi > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "x must be a non-negative integer, was " + xi + " (row " + i + ")");
      }
      xs[i] = (int) xi;
      double ti = ts[i];
      double ri = txs[i];
      if (!Double.isFinite(ti) || ti < 0) {
        throw new IllegalArgumentException(
            "T must be finite and >= 0, was " + ti + " (row " + i + ")");
      }
      if (!Double.isFinite(ri) || ri < 0) {
        throw new IllegalArgumentException(
            "t_x must be finite and >= 0, was " + ri + " (row " + i + ")");
      }
      if (ri > ti) {
        throw new IllegalArgumentException(
            "t_x must be <= T, was " + ri + " > T = " + ti + " (row " + i + ")");
      }
      if (xs[i] == 0 && ri != 0) {
        throw new IllegalArgumentException(
            "t_x must be 0 when x = 0, was " + ri + " (row " + i + ")");
      }
      if (ws != null) {
        double w = ws[i];
        if (!(w > 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException(
              "weight must be finite and > 0, was " + w + " (row " + i + ")");
        }
        total += w;
      }
    }
    return new RecencyFrequencyData(xs, txs, ts, ws, ws == null ? n : total, unit);
  }

  /**
   * The number of rows (customers, or patterns for weighted data).
   *
   * @return the row count
   */
  public int size() {
    return x.length;
  }

  /**
   * The repeat frequency of one row.
   *
   * @param row the row
   * @return x
   */
  public int frequency(int row) {
    Objects.checkIndex(row, x.length);
    return x[row];
  }

  /**
   * The recency of one row.
   *
   * @param row the row
   * @return t_x in {@link #timeUnit()}
   */
  public double recency(int row) {
    Objects.checkIndex(row, x.length);
    return tx[row];
  }

  /**
   * The age of one row.
   *
   * @param row the row
   * @return T in {@link #timeUnit()}
   */
  public double age(int row) {
    Objects.checkIndex(row, x.length);
    return age[row];
  }

  /**
   * The weight of one row (1 for unweighted data).
   *
   * @param row the row
   * @return the weight
   */
  public double weight(int row) {
    Objects.checkIndex(row, x.length);
    return weight == null ? 1.0 : weight[row];
  }

  /**
   * Whether rows carry weights.
   *
   * @return true for {@link #ofWeighted} data
   */
  public boolean isWeighted() {
    return weight != null;
  }

  /**
   * The sum of the weights (the number of customers).
   *
   * @return Σ w
   */
  public double totalWeight() {
    return totalWeight;
  }

  /**
   * The time unit of t_x and T.
   *
   * @return the unit
   */
  public ModelTimeUnit timeUnit() {
    return unit;
  }

  /**
   * A copy of the frequency column.
   *
   * @return x per row
   */
  public int[] frequencies() {
    return x.clone();
  }

  /**
   * A copy of the recency column.
   *
   * @return t_x per row
   */
  public double[] recencies() {
    return tx.clone();
  }

  /**
   * A copy of the age column.
   *
   * @return T per row
   */
  public double[] ages() {
    return age.clone();
  }

  /**
   * A copy of the weight column (all ones for unweighted data).
   *
   * @return weights per row
   */
  public double[] weights() {
    if (weight != null) {
      return weight.clone();
    }
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 1.0);
    return w;
  }

  /**
   * The same data in another time unit (t_x and T rescaled by
   * {@link ModelTimeUnit#convert(double, ModelTimeUnit)}).
   *
   * @param target the unit
   * @return the converted data, or this when the unit is already {@code target}
   */
  public RecencyFrequencyData inUnit(ModelTimeUnit target) {
    Objects.requireNonNull(target, "target");
    if (target == unit) {
      return this;
    }
    double[] t2 = new double[tx.length];
    double[] a2 = new double[tx.length];
    for (int i = 0; i < t2.length; i++) {
      t2[i] = unit.convert(tx[i], target);
      a2[i] = Math.max(t2[i], unit.convert(age[i], target));
    }
    return new RecencyFrequencyData(x, t2, a2, weight, totalWeight, target);
  }

  // Package-private raw access for the model classes of this package (never mutated).
  int[] xRaw() {
    return x;
  }

  double[] txRaw() {
    return tx;
  }

  double[] ageRaw() {
    return age;
  }

  double[] weightRaw() {
    return weight;
  }

  /**
   * A one-line summary for messages: rows, customers, share without repeat purchase, mean and
   * maximum x, range of T, unit. Never contains ids.
   *
   * @return the summary
   */
  public String summary() {
    double zero = 0;
    double sumX = 0;
    int maxX = 0;
    double minT = Double.POSITIVE_INFINITY;
    double maxT = 0;
    for (int i = 0; i < x.length; i++) {
      double w = weight(i);
      if (x[i] == 0) {
        zero += w;
      }
      sumX += w * x[i];
      maxX = Math.max(maxX, x[i]);
      minT = Math.min(minT, age[i]);
      maxT = Math.max(maxT, age[i]);
    }
    if (x.length == 0) {
      return "no customers";
    }
    return String.format(Locale.ROOT,
        "%d rows, %.0f customers, %.1f%% with x = 0, mean x %.3g, max x %d, T from %.4g to %.4g %s",
        x.length, totalWeight, 100.0 * zero / totalWeight, sumX / totalWeight, maxX, minT, maxT,
        unit.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "RecencyFrequencyData{" + summary() + "}";
  }
}
