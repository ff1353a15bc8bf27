package dev.retention.segment;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import dev.retention.data.ActivityLog;
import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Feature adoption breadth: per customer, the share of a caller-given feature set (event type
 * names) used at least once in a window {@code [from, toExclusive)}.
 *
 * <p>{@code breadth(i) = |features used by i in the window| / |feature set|}. Customers of the
 * activity log with any event in the window are included (with breadth 0 when they used none of
 * the features); features that never occur in the log still count in the denominator. The
 * segment of narrow adopters ({@link #narrowAdopters(double)}) holds customers with breadth at or
 * below a threshold. Immutable and thread-safe; building makes one pass over the window's events
 * and allocates one {@code int} per customer.
 */
public final class FeatureAdoption {
  private final ImmutableSortedSet<String> features;
  private final LocalDate from;
  private final LocalDate toExclusive;
  private final String[] ids;
  private final int[] used;

  private FeatureAdoption(
      ImmutableSortedSet<String> features, LocalDate from, LocalDate toExclusive, String[] ids,
      int[] used) {
    this.features = features;
    this.from = from;
    this.toExclusive = toExclusive;
    this.ids = ids;
    this.used = used;
  }

  /**
   * Computes breadth for every customer active in the window.
   *
   * @param log activity events
   * @param features the feature set (event type names), not empty
   * @param from first day of the window
   * @param toExclusive first day after the window
   * @return the adoption table
   */
  public static FeatureAdoption of(
      ActivityLog log, Set<String> features, LocalDate from, LocalDate toExclusive) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(features, "features");
    Checks.date(from, "from", -1);
    Checks.date(toExclusive, "toExclusive", -1);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("features must not be empty");
    }
    if (!toExclusive.isAfter(from)) {
      throw new IllegalArgumentException(
          "toExclusive must be after from " + from + ", was " + toExclusive);
    }
    ImmutableSortedSet<String> fs = ImmutableSortedSet.copyOf(features);
    int[] slot = new int[log.typeCount()];
    java.util.Arrays.fill(slot, -1);
    int k = 0;
    for (String f : fs) {
      Checks.id(f, "features element");
      int t = log.typeIndex(f);
      if (t >= 0) {
        slot[t] = k;
      }
      k++;
    }
    long lo = from.toEpochDay();
    long hi = toExclusive.toEpochDay();
    int n = log.customerCount();
    String[] ids = new String[n];
    int[] used = new int[n];
    boolean[] seen = new boolean[fs.size()];
    int[] touched = new int[fs.size()];
    int rows = 0;
    for (int c = 0; c < n; c++) {
      boolean any = false;
      int count = 0;
      for (int r = log.start(c); r < log.end(c); r++) {
        int d = log.epochDay(r);
        if (d < lo || d >= hi) {
          continue;
        }
        any = true;
        int s = slot[log.type(r)];
        if (s >= 0 && !seen[s]) {
          seen[s] = true;
          touched[count++] = s;
        }
      }
      for (int j = 0; j < count; j++) {
        seen[touched[j]] = false;
      }
      if (any) {
        ids[rows] = log.customerId(c);
        used[rows] = count;
        rows++;
      }
    }
    return new FeatureAdoption(fs, from, toExclusive, java.util.Arrays.copyOf(ids, rows),
        java.util.Arrays.copyOf(used, rows));
  }

  /**
   * The feature set, sorted.
   *
   * @return the features
   */
  public ImmutableSortedSet<String> features() {
    return features;
  }

  /**
   * The number of customers active in the window.
   *
   * @return rows
   */
  public int size() {
    return ids.length;
  }

  /**
   * The id of a row.
   *
   * @param i a row
   * @return the id
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String customerId(int i) {
    Objects.checkIndex(i, ids.length);
    return ids[i];
  }

  /**
   * The number of distinct features row {@code i} used in the window.
   *
   * @param i a row
   * @return the count
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int featuresUsed(int i) {
    Objects.checkIndex(i, used.length);
    return used[i];
  }

  /**
   * The adoption breadth of a row.
   *
   * @param i a row
   * @return {@code featuresUsed / |features|} in {@code [0, 1]}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public double breadth(int i) {
    Objects.checkIndex(i, used.length);
    return (double) used[i] / features.size();
  }

  /**
   * Splits customers into "Narrow" (breadth {@code <= maxBreadth}) and "Broad".
   *
   * @param maxBreadth the largest breadth still narrow, in {@code [0, 1]}
   * @return the segmentation, as of the last day of the window
   */
  public Segmentation narrowAdopters(double maxBreadth) {
    Checks.inRange(maxBreadth, 0, 1, "maxBreadth");
    int[] seg = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      // compare used / F <= max without rounding surprises: used <= max * F
      seg[i] = used[i] <= maxBreadth * features.size() ? 0 : 1;
    }
    List<String> names = ImmutableList.of("Narrow", "Broad");
    return Segmentation.create("feature adoption", toExclusive.minusDays(1), ids, names, seg,
        i -> used[i] + " of " + features.size() + " features used in [" + from + ", "
            + toExclusive + "), narrow when <= " + maxBreadth);
  }
}
