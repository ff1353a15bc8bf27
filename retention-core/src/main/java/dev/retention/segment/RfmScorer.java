package dev.retention.segment;

import java.util.Arrays;
import java.util.Objects;

/**
 * Scores recency, frequency and monetary value {@code 1 .. n} (5 = best by default) by quantile
 * bins over the customers scored, or by caller-given breaks. Immutable and thread-safe;
 * configure by copies ({@code withX}).
 *
 * <h2>Values scored</h2>
 *
 * Recency: {@link RfmInput#recencyDays} (lower is better). Frequency: {@link RfmInput#orders}.
 * Monetary: total net revenue ({@link Monetary#TOTAL}, the default, as in the R {@code rfm}
 * package) or net revenue per order ({@link Monetary#MEAN}, as in PyMC-Marketing's
 * {@code rfm_segments}). Prospects ({@code orders == 0}) are not scored and do not take part in the
 * quantiles; their scores are 0.
 *
 * <h2>Quantile bins (the default)</h2>
 *
 * For a dimension with {@code n} bins over the {@code N} scored customers, let {@code L(i)} be the
 * number of scored customers strictly worse than customer {@code i} (for frequency and monetary:
 * a strictly smaller value; for recency: strictly more days since the last purchase). Then
 *
 * <pre>  score(i) = 1 + floor(n * L(i) / N)</pre>
 *
 * <p>Ties: equal values have equal {@code L}, so they always get equal scores, whatever the input
 * order; a tie never splits across bins. When a value is shared by many customers, some scores
 * are skipped (for example, if half the customers have one order, they all score F=1 and the
 * next value scores F=3). Monotone: a strictly better value has a strictly larger {@code L} and
 * therefore a score that is never lower. {@code L(i) / N} is the empirical distribution function
 * just below the customer's value, binned into {@code n} equal-width intervals. It is computed
 * with {@code n-1} order statistics (the values at ascending rank {@code ceil(k N / n) - 1}; a
 * value scores above {@code k} exactly when it is strictly better than that order statistic), not
 * a full sort.
 *
 * <p>This differs from the R {@code rfm} package, which cuts at sample quantiles and assigns
 * half-open intervals {@code [lower, upper)}; both keep ties together, but the bins can differ
 * on heavily tied data.
 *
 * <h2>Caller breaks</h2>
 *
 * With ascending breaks {@code b_1 < .. < b_{n-1}} (as in R {@code rfm}'s custom thresholds,
 * half-open intervals {@code [b_k, b_{k+1})}):
 *
 * <ul>
 *   <li>frequency and monetary: {@code score = 1 + #{k : value >= b_k}};
 *   <li>recency (days): {@code score = 1 + #{k : days < b_k}}, so fewer days than {@code b_1}
 *       scores {@code n}.
 * </ul>
 *
 * <h2>Cost</h2>
 *
 * {@link #score(RfmInput)} makes O(N) passes: a histogram for recency and frequency (or a sort of
 * a copy when their range is huge), a multi-rank quickselect on a copy of the monetary values,
 * and one scoring loop with at most {@code n-1} comparisons per dimension. It allocates the
 * three score arrays ({@code 3N} bytes), one {@code double[N]} scratch array of monetary values,
 * the recency/frequency histograms and, with prospects, compacted copies of the two int columns.
 */
public final class RfmScorer {

  /** Which monetary value is scored. */
  public enum Monetary {
    /** Total net revenue (purchases minus refunds) in minor units. */
    TOTAL,
    /** Net revenue per order, {@code netRevenueMinor / orders}. */
    MEAN
  }

  /** Which dimension. */
  public enum Dimension {
    /** Days since the last purchase; fewer is better. */
    RECENCY,
    /** Number of orders. */
    FREQUENCY,
    /** Total or mean net revenue. */
    MONETARY
  }

  /** The largest number of bins (scores stay single digits so the code R*100+F*10+M is exact). */
  public static final int MAX_BINS = 9;

  private static final double MAX_EXACT = 9007199254740992.0; // 2^53

  private final int[] bins;
  private final double[][] breaks; // null entry = quantile bins
  private final Monetary monetary;

  private RfmScorer(int[] bins, double[][] breaks, Monetary monetary) {
    this.bins = bins;
    this.breaks = breaks;
    this.monetary = monetary;
  }

  /**
   * Quintiles on every dimension (5 = best) with total monetary value.
   *
   * @return the default scorer
   */
  public static RfmScorer quintiles() {
    return quantiles(5);
  }

  /**
   * {@code n} quantile bins on every dimension.
   *
   * @param n bins, in {@code [2, 9]}
   * @return the scorer
   */
  public static RfmScorer quantiles(int n) {
    checkBins(n, "n");
    return new RfmScorer(new int[] {n, n, n}, new double[3][], Monetary.TOTAL);
  }

  private static void checkBins(int n, String field) {
    if (n < 2 || n > MAX_BINS) {
      throw new IllegalArgumentException(field + " must be in [2, 9], was " + n);
    }
  }

  /**
   * A copy with {@code n} quantile bins for one dimension (replacing any breaks).
   *
   * @param d the dimension
   * @param n bins, in {@code [2, 9]}
   * @return the new scorer
   */
  public RfmScorer withBins(Dimension d, int n) {
    checkBins(n, "bins");
    int[] b = bins.clone();
    double[][] br = breaks.clone();
    b[d.ordinal()] = n;
    br[d.ordinal()] = null;
    return new RfmScorer(b, br, monetary);
  }

  /**
   * A copy with caller breaks for one dimension: {@code breaks.length + 1} bins. Breaks are in
   * days for recency, orders for frequency and minor units for monetary.
   *
   * @param d the dimension
   * @param breaks strictly ascending finite breaks, 1 to 8 of them
   * @return the new scorer
   * @throws IllegalArgumentException if the breaks are not strictly ascending and finite
   */
  public RfmScorer withBreaks(Dimension d, double... breaks) {
    Objects.requireNonNull(breaks, "breaks");
    if (breaks.length < 1 || breaks.length > MAX_BINS - 1) {
      throw new IllegalArgumentException(
          "breaks.length must be in [1, 8], was " + breaks.length);
    }
    for (int k = 0; k < breaks.length; k++) {
      if (!Double.isFinite(breaks[k])) {
        throw new IllegalArgumentException("breaks[" + k + "] must be finite, was " + breaks[k]);
      }
      if (k > 0 && !(breaks[k] > breaks[k - 1])) {
        throw new IllegalArgumentException(
            "breaks must be strictly ascending, was " + breaks[k] + " after " + breaks[k - 1]
                + " (index " + k + ")");
      }
    }
    int[] b = this.bins.clone();
    double[][] br = this.breaks.clone();
    b[d.ordinal()] = breaks.length + 1;
    br[d.ordinal()] = breaks.clone();
    return new RfmScorer(b, br, monetary);
  }

  /**
   * A copy scoring the given monetary value.
   *
   * @param m total or mean
   * @return the new scorer
   */
  public RfmScorer withMonetary(Monetary m) {
    return new RfmScorer(bins, breaks, Objects.requireNonNull(m, "monetary"));
  }

  /**
   * The monetary value scored.
   *
   * @return total or mean
   */
  public Monetary monetary() {
    return monetary;
  }

  /**
   * The number of bins of a dimension.
   *
   * @param d the dimension
   * @return bins
   */
  public int bins(Dimension d) {
    return bins[d.ordinal()];
  }

  /**
   * Scores every customer of {@code input}.
   *
   * @param input the RFM inputs
   * @return the scores (prospects score 0 on every dimension)
   * @throws IllegalArgumentException with {@link Monetary#TOTAL} if a net revenue exceeds
   *     2<sup>53</sup> minor units in magnitude (it could not be compared exactly as a double)
   */
  public RfmScores score(RfmInput input) {
    Objects.requireNonNull(input, "input");
    int size = input.size();
    int[] rec = input.recencyArray();
    int[] ord = input.ordersArray();
    long[] net = input.netArray();
    int n = size - input.prospectCount();
    boolean compact = input.prospectCount() > 0;
    int[] cRec = rec;
    int[] cOrd = ord;
    double[] mon = new double[n];
    if (compact) {
      cRec = new int[n];
      cOrd = new int[n];
    }
    int j = 0;
    for (int i = 0; i < size; i++) {
      int o = ord[i];
      if (o == 0) {
        continue;
      }
      long v = net[i];
      if (monetary == Monetary.TOTAL) {
        if (v > MAX_EXACT || v < -MAX_EXACT) {
          throw new IllegalArgumentException(
              "netRevenueMinor must be within +-2^53 to be scored exactly, was " + v + " (row "
                  + i + ")");
        }
        mon[j] = v;
      } else {
        mon[j] = (double) v / o; // correctly rounded: equal ratios give equal doubles
      }
      if (compact) {
        cRec[j] = rec[i];
        cOrd[j] = o;
      }
      j++;
    }
    // cuts in value space; recency: score = 1 + #{k: days < cut}; F and M: 1 + #{k: v > cut}
    // (quantiles) or 1 + #{k: v >= cut} (breaks)
    double[] rCut;
    double[] fCut;
    double[] mCut;
    int ri = Dimension.RECENCY.ordinal();
    int fi = Dimension.FREQUENCY.ordinal();
    int mi = Dimension.MONETARY.ordinal();
    if (breaks[ri] != null) {
      rCut = breaks[ri];
    } else {
      int[] ranks = Quantiles.cutRanks(bins[ri], n);
      // the k-th cut for recency is the ascending order statistic at rank N - m_k = N-1-rank
      int[] desc = new int[ranks.length];
      for (int k = 0; k < ranks.length; k++) {
        desc[ranks.length - 1 - k] = n - 1 - ranks[k];
      }
      int[] st = n == 0 ? new int[ranks.length] : Quantiles.intOrderStats(cRec, n, desc);
      rCut = new double[ranks.length];
      for (int k = 0; k < ranks.length; k++) {
        rCut[k] = st[ranks.length - 1 - k];
      }
    }
    if (breaks[fi] != null) {
      fCut = breaks[fi];
    } else {
      int[] st = n == 0 ? new int[bins[fi] - 1]
          : Quantiles.intOrderStats(cOrd, n, Quantiles.cutRanks(bins[fi], n));
      fCut = new double[st.length];
      for (int k = 0; k < st.length; k++) {
        fCut[k] = st[k];
      }
    }
    if (breaks[mi] != null) {
      mCut = breaks[mi];
    } else {
      // mon is scratch from here on: the scoring loop recomputes each value from net / orders
      mCut = Quantiles.doubleOrderStats(mon, Quantiles.cutRanks(bins[mi], n));
    }
    byte[] r = new byte[size];
    byte[] f = new byte[size];
    byte[] m = new byte[size];
    boolean fStrict = breaks[fi] == null;
    boolean mStrict = breaks[mi] == null;
    boolean total = monetary == Monetary.TOTAL;
    for (int i = 0; i < size; i++) {
      int o = ord[i];
      if (o == 0) {
        continue;
      }
      int d = rec[i];
      int s = 1;
      for (double c : rCut) {
        if (d < c) {
          s++;
        }
      }
      r[i] = (byte) s;
      s = 1;
      for (double c : fCut) {
        if (fStrict ? o > c : o >= c) {
          s++;
        }
      }
      f[i] = (byte) s;
      double v = total ? (double) net[i] : (double) net[i] / o;
      s = 1;
      for (double c : mCut) {
        if (mStrict ? v > c : v >= c) {
          s++;
        }
      }
      m[i] = (byte) s;
    }
    return new RfmScores(input, this, r, f, m,
        new double[][] {rCut.clone(), fCut.clone(), mCut.clone()}, new boolean[] {
          breaks[ri] == null, breaks[fi] == null, breaks[mi] == null});
  }

  @Override
  public String toString() {
    return "RfmScorer{bins=" + Arrays.toString(bins) + ", monetary=" + monetary + "}";
  }
}
