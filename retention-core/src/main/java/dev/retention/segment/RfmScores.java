package dev.retention.segment;

import dev.retention.segment.RfmScorer.Dimension;
import java.util.Arrays;
import java.util.Objects;

/**
 * The RFM scores of one {@link RfmInput}: per row a recency, frequency and monetary score in
 * {@code 1 .. bins} (0 for a prospect), the combined code {@code R*100 + F*10 + M}, and the cuts
 * that produced them so that every score can explain itself. Immutable and thread-safe.
 */
public final class RfmScores {
  private final RfmInput input;
  private final RfmScorer scorer;
  private final byte[] r;
  private final byte[] f;
  private final byte[] m;
  private final double[][] cuts;
  private final boolean[] quantile;

  RfmScores(
      RfmInput input, RfmScorer scorer, byte[] r, byte[] f, byte[] m, double[][] cuts,
      boolean[] quantile) {
    this.input = input;
    this.scorer = scorer;
    this.r = r;
    this.f = f;
    this.m = m;
    this.cuts = cuts;
    this.quantile = quantile;
  }

  /**
   * The inputs scored.
   *
   * @return the input
   */
  public RfmInput input() {
    return input;
  }

  /**
   * The scorer used.
   *
   * @return the scorer
   */
  public RfmScorer scorer() {
    return scorer;
  }

  /**
   * The number of rows.
   *
   * @return rows, equal to {@code input().size()}
   */
  public int size() {
    return r.length;
  }

  /**
   * The recency score.
   *
   * @param i a row
   * @return {@code 1 .. bins}, or 0 for a prospect
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int recency(int i) {
    Objects.checkIndex(i, r.length);
    return r[i];
  }

  /**
   * The frequency score.
   *
   * @param i a row
   * @return {@code 1 .. bins}, or 0 for a prospect
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int frequency(int i) {
    Objects.checkIndex(i, f.length);
    return f[i];
  }

  /**
   * The monetary score.
   *
   * @param i a row
   * @return {@code 1 .. bins}, or 0 for a prospect
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int monetary(int i) {
    Objects.checkIndex(i, m.length);
    return m[i];
  }

  /**
   * The combined score {@code R*100 + F*10 + M} (0 for a prospect).
   *
   * @param i a row
   * @return the three-digit code
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int code(int i) {
    Objects.checkIndex(i, r.length);
    return r[i] * 100 + f[i] * 10 + m[i];
  }

  /**
   * The cuts of one dimension, in value space (days, orders, minor units). For recency a score
   * is {@code 1 + #{k : days < cut_k}}; for frequency and monetary it is {@code 1 + #{k : value >
   * cut_k}} with quantile bins and {@code 1 + #{k : value >= cut_k}} with caller breaks.
   *
   * @param d the dimension
   * @return a copy of the cuts
   */
  public double[] cuts(Dimension d) {
    return cuts[d.ordinal()].clone();
  }

  /**
   * Why row {@code i} got its scores: the values and the cuts they were compared with.
   *
   * @param i a row
   * @return a one-line explanation (allocates)
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String explain(int i) {
    Objects.checkIndex(i, r.length);
    if (input.isProspect(i)) {
      return "prospect: no order on or before " + input.asOf() + ", not scored";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("R=").append(r[i]).append(" (").append(input.recencyDays(i))
        .append(" days since last purchase; +1 per cut it is below: ")
        .append(Arrays.toString(cuts[0])).append(") F=").append(f[i]).append(" (")
        .append(input.orders(i)).append(" orders; +1 per cut it ")
        .append(quantile[1] ? "exceeds: " : "reaches: ").append(Arrays.toString(cuts[1]))
        .append(") M=").append(m[i]).append(" (");
    if (scorer.monetary() == RfmScorer.Monetary.TOTAL) {
      sb.append(input.netRevenueMinor(i)).append(" net minor units");
    } else {
      sb.append((double) input.netRevenueMinor(i) / input.orders(i))
          .append(" net minor units per order");
    }
    sb.append("; +1 per cut it ").append(quantile[2] ? "exceeds: " : "reaches: ")
        .append(Arrays.toString(cuts[2])).append(')');
    return sb.toString();
  }

  byte[] recencyArray() {
    return r;
  }

  byte[] frequencyArray() {
    return f;
  }

  byte[] monetaryArray() {
    return m;
  }
}
