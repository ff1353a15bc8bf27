package dev.retention.segment;

import dev.retention.internal.Checks;
import dev.retention.metrics.Ratio;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Value tiers by percentile, the top-N customers by net revenue and by orders, and the share of
 * revenue from the top {@code k%} (a Pareto check), all over an {@link RfmInput} (net revenue and
 * orders on or before its as-of day). Static pure functions; results are immutable.
 *
 * <h2>Definitions</h2>
 *
 * <ul>
 *   <li>Percentile tiers with shares {@code p_1 < p_2 < ...}: with {@code N} rows, a customer is in
 *       "Top p" when fewer than {@code ceil(p N)} customers have strictly more net revenue; the
 *       smallest such {@code p} wins; others are "Rest". Equal values share a tier, so a tier can
 *       hold more than {@code ceil(p N)} customers when values tie at its edge.
 *   <li>Top-N: the {@code n} rows with the most net revenue (or orders), ties broken by customer
 *       id ascending, so the answer does not depend on input order.
 *   <li>Pareto share: with {@code m = ceil(p N)}, the sum of the {@code m} largest net revenues
 *       divided by the total net revenue (exact numerator and denominator; undefined when the
 *       total is 0).
 * </ul>
 *
 * {@code ceil(p N)} is computed in doubles with a relative tolerance of 1e-12, so that a share
 * such as 0.2 of 10 customers is 2 (0.2 is not exact in binary).
 */
public final class ValueTiers {
  private ValueTiers() {}

  /**
   * The share of net revenue from the top customers.
   *
   * @param topShare the share of customers {@code p} in {@code (0, 1]}
   * @param topCustomers {@code m = ceil(p N)}
   * @param topRevenueMinor the sum of the {@code m} largest net revenues
   * @param totalRevenueMinor the total net revenue
   */
  public record ParetoShare(
      double topShare, int topCustomers, long topRevenueMinor, long totalRevenueMinor) {
    /**
     * {@code topRevenueMinor / totalRevenueMinor}.
     *
     * @return the share, undefined when the total is 0
     */
    public Ratio share() {
      return Ratio.of(topRevenueMinor, totalRevenueMinor);
    }
  }

  private static int topCount(double p, int n) {
    // a relative tolerance of 1e-12 makes 0.2 * 10 (= 2.0000000000000004 in doubles) give 2
    return (int) Math.ceil(p * n * (1 - 1e-12));
  }

  /**
   * Percentile tiers by net revenue.
   *
   * @param in the inputs
   * @param topShares strictly ascending shares in {@code (0, 1)}, e.g. {@code 0.01, 0.2}
   * @return segments "Top 1%", "Top 20%", ..., "Rest"
   */
  public static Segmentation byPercentile(RfmInput in, double... topShares) {
    Objects.requireNonNull(in, "input");
    Objects.requireNonNull(topShares, "topShares");
    if (topShares.length == 0) {
      throw new IllegalArgumentException("topShares must not be empty");
    }
    for (int k = 0; k < topShares.length; k++) {
      Checks.inRange(topShares[k], Double.MIN_VALUE, Math.nextDown(1.0), "topShares[" + k + "]");
      if (k > 0 && topShares[k] <= topShares[k - 1]) {
        throw new IllegalArgumentException("topShares must be strictly ascending, was "
            + topShares[k] + " after " + topShares[k - 1]);
      }
    }
    int n = in.size();
    long[] net = in.netArray();
    long[] desc = net.clone();
    Arrays.sort(desc); // ascending; the m-th largest is desc[n - m]
    long[] edge = new long[topShares.length];
    boolean[] empty = new boolean[topShares.length];
    for (int k = 0; k < topShares.length; k++) {
      int m = topCount(topShares[k], n);
      empty[k] = m == 0;
      edge[k] = m == 0 ? Long.MAX_VALUE : desc[n - m];
    }
    int[] seg = new int[n];
    for (int i = 0; i < n; i++) {
      int s = topShares.length;
      for (int k = 0; k < topShares.length; k++) {
        // fewer than m strictly greater  <=>  value >= m-th largest value
        if (!empty[k] && net[i] >= edge[k]) {
          s = k;
          break;
        }
      }
      seg[i] = s;
    }
    List<String> names = new ArrayList<>();
    for (double p : topShares) {
      names.add("Top " + pct(p));
    }
    names.add("Rest");
    return Segmentation.create("value tiers by percentile", in.asOf(), in.idArray(), names, seg,
        i -> "net revenue " + net[i] + " minor units; tier edges (m-th largest values) "
            + Arrays.toString(edge));
  }

  private static String pct(double p) {
    String s = String.format(Locale.ROOT, "%.4f", p * 100).replaceAll("0+$", "");
    return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "%";
  }

  /**
   * The rows of the top-{@code n} customers by net revenue, best first, ties by id.
   *
   * @param in the inputs
   * @param n how many, {@code >= 0} (fewer when the input is smaller)
   * @return row indices into {@code in}
   */
  public static int[] topByNetRevenue(RfmInput in, int n) {
    long[] v = Objects.requireNonNull(in, "input").netArray();
    return top(in, n, (a, b) -> Long.compare(v[b], v[a]));
  }

  /**
   * The rows of the top-{@code n} customers by orders, best first, ties by id.
   *
   * @param in the inputs
   * @param n how many, {@code >= 0}
   * @return row indices into {@code in}
   */
  public static int[] topByOrders(RfmInput in, int n) {
    int[] v = Objects.requireNonNull(in, "input").ordersArray();
    return top(in, n, (a, b) -> Integer.compare(v[b], v[a]));
  }

  private static int[] top(RfmInput in, int n, Ranking.IndexComparator primary) {
    Checks.nonNegative(n, "n");
    String[] ids = in.idArray();
    int[] order = Ranking.order(in.size(), (a, b) -> {
      int c = primary.compare(a, b);
      return c != 0 ? c : ids[a].compareTo(ids[b]);
    });
    return Arrays.copyOf(order, Math.min(n, order.length));
  }

  /**
   * The share of net revenue from the top {@code p} of customers.
   *
   * @param in the inputs
   * @param topShare {@code p} in {@code (0, 1]}
   * @return numerator, denominator and share
   */
  public static ParetoShare paretoShare(RfmInput in, double topShare) {
    Objects.requireNonNull(in, "input");
    Checks.inRange(topShare, Double.MIN_VALUE, 1, "topShare");
    long[] v = in.netArray().clone();
    Arrays.sort(v);
    int n = v.length;
    int m = topCount(topShare, n);
    long top = 0;
    long total = 0;
    for (int i = 0; i < n; i++) {
      total = Math.addExact(total, v[i]);
      if (i >= n - m) {
        top = Math.addExact(top, v[i]);
      }
    }
    return new ParetoShare(topShare, m, top, total);
  }
}
