package dev.retention.segment;

import dev.retention.internal.Checks;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of an {@link RfmSegmentTable}: a segment name and a condition on the scores
 * {@code (R, F, M)}. Three kinds:
 *
 * <ul>
 *   <li>{@link #ranges}: {@code rLo <= R <= rHi && fLo <= F <= fHi && mLo <= M <= mHi} (the R
 *       {@code rfm} package's {@code rfm_segment} form);
 *   <li>{@link #codes}: the code {@code R*100 + F*10 + M} is one of a list (PyMC-Marketing's
 *       {@code segment_config} form);
 *   <li>{@link #recencyAndFmAverage}: {@code rLo <= R <= rHi && fmLo <= (F+M)/2 <= fmHi} (a
 *       recency x frequency-monetary grid).
 * </ul>
 *
 * Immutable value type.
 */
public final class RfmRule {
  private enum Kind {
    RANGES,
    CODES,
    GRID
  }

  private final String name;
  private final Kind kind;
  private final int[] bounds; // RANGES: rLo rHi fLo fHi mLo mHi; GRID: rLo rHi 2*fmLo 2*fmHi
  private final int[] codes;

  private RfmRule(String name, Kind kind, int[] bounds, int[] codes) {
    this.name = name;
    this.kind = kind;
    this.bounds = bounds;
    this.codes = codes;
  }

  /**
   * A rule on score ranges, all bounds inclusive.
   *
   * @param name the segment name
   * @param rLo lowest recency score
   * @param rHi highest recency score
   * @param fLo lowest frequency score
   * @param fHi highest frequency score
   * @param mLo lowest monetary score
   * @param mHi highest monetary score
   * @return the rule
   * @throws IllegalArgumentException if a bound is outside {@code [1, 9]} or a range is empty
   */
  public static RfmRule ranges(
      String name, int rLo, int rHi, int fLo, int fHi, int mLo, int mHi) {
    Checks.id(name, "name");
    range(rLo, rHi, "R", name);
    range(fLo, fHi, "F", name);
    range(mLo, mHi, "M", name);
    return new RfmRule(name, Kind.RANGES, new int[] {rLo, rHi, fLo, fHi, mLo, mHi}, null);
  }

  /**
   * A rule listing exact codes {@code R*100 + F*10 + M}.
   *
   * @param name the segment name
   * @param codes three-digit codes with digits in {@code [1, 9]}
   * @return the rule
   */
  public static RfmRule codes(String name, int... codes) {
    Checks.id(name, "name");
    Objects.requireNonNull(codes, "codes");
    if (codes.length == 0) {
      throw new IllegalArgumentException("codes must not be empty (rule \"" + name + "\")");
    }
    for (int c : codes) {
      if (c < 111 || c > 999 || c / 10 % 10 == 0 || c % 10 == 0) {
        throw new IllegalArgumentException(
            "codes must be three digits in [1, 9], was " + c + " (rule \"" + name + "\")");
      }
    }
    int[] sorted = codes.clone();
    Arrays.sort(sorted);
    return new RfmRule(name, Kind.CODES, null, sorted);
  }

  /**
   * A grid rule on recency and the average of frequency and monetary, bounds inclusive.
   *
   * @param name the segment name
   * @param rLo lowest recency score
   * @param rHi highest recency score
   * @param fmLo lowest {@code (F+M)/2}, a multiple of 0.5
   * @param fmHi highest {@code (F+M)/2}, a multiple of 0.5
   * @return the rule
   */
  public static RfmRule recencyAndFmAverage(
      String name, int rLo, int rHi, double fmLo, double fmHi) {
    Checks.id(name, "name");
    range(rLo, rHi, "R", name);
    int lo = half(fmLo, "fmLo", name);
    int hi = half(fmHi, "fmHi", name);
    if (lo > hi || lo < 2 || hi > 18) {
      throw new IllegalArgumentException(
          "(F+M)/2 range must be non-empty within [1, 9], was [" + fmLo + ", " + fmHi
              + "] (rule \"" + name + "\")");
    }
    return new RfmRule(name, Kind.GRID, new int[] {rLo, rHi, lo, hi}, null);
  }

  private static int half(double v, String field, String name) {
    double twice = v * 2;
    if (!Double.isFinite(v) || twice != Math.rint(twice)) {
      throw new IllegalArgumentException(
          field + " must be a multiple of 0.5, was " + v + " (rule \"" + name + "\")");
    }
    return (int) twice;
  }

  private static void range(int lo, int hi, String dim, String name) {
    if (lo < 1 || hi > 9 || lo > hi) {
      throw new IllegalArgumentException(
          dim + " range must satisfy 1 <= lo <= hi <= 9, was [" + lo + ", " + hi + "] (rule \""
              + name + "\")");
    }
  }

  /**
   * The segment name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Whether scores match this rule.
   *
   * @param r recency score
   * @param f frequency score
   * @param m monetary score
   * @return true on a match
   */
  public boolean matches(int r, int f, int m) {
    switch (kind) {
      case RANGES:
        return r >= bounds[0] && r <= bounds[1] && f >= bounds[2] && f <= bounds[3]
            && m >= bounds[4] && m <= bounds[5];
      case CODES:
        return Arrays.binarySearch(codes, r * 100 + f * 10 + m) >= 0;
      default:
        int s = f + m;
        return r >= bounds[0] && r <= bounds[1] && s >= bounds[2] && s <= bounds[3];
    }
  }

  /**
   * The condition in words, e.g. {@code "R 4-5, F 4-5, M 4-5"}.
   *
   * @return the description
   */
  public String condition() {
    switch (kind) {
      case RANGES:
        return "R " + bounds[0] + "-" + bounds[1] + ", F " + bounds[2] + "-" + bounds[3] + ", M "
            + bounds[4] + "-" + bounds[5];
      case CODES:
        return "code in " + Arrays.toString(codes);
      default:
        return "R " + bounds[0] + "-" + bounds[1] + ", (F+M)/2 " + bounds[2] / 2.0 + "-"
            + bounds[3] / 2.0;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RfmRule)) {
      return false;
    }
    RfmRule that = (RfmRule) o;
    return name.equals(that.name) && kind == that.kind && Arrays.equals(bounds, that.bounds)
        && Arrays.equals(codes, that.codes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, Arrays.hashCode(bounds), Arrays.hashCode(codes));
  }

  @Override
  public String toString() {
    return name + " (" + condition() + ")";
  }
}
