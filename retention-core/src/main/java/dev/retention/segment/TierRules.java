package dev.retention.segment;

import com.google.common.collect.ImmutableList;
import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Caller-defined tiers by thresholds on one {@code long} value per customer: spend in minor units
 * (value tiers) or points (loyalty tiers). Tier {@code k} holds values {@code >= lowerBounds[k]}
 * and {@code < lowerBounds[k+1]}; a value below the first bound gets the
 * {@linkplain #belowLabel() below label} (default "None"). Immutable and thread-safe.
 *
 * <p>Example: {@code TierRules.of(List.of("Bronze", "Silver", "Gold"), 0, 50_000, 200_000)} puts
 * a customer with 49,999 cents in Bronze and one with 200,000 in Gold.
 */
public final class TierRules {
  private final ImmutableList<String> names;
  private final long[] bounds;
  private final String below;

  private TierRules(List<String> names, long[] bounds, String below) {
    this.names = ImmutableList.copyOf(names);
    this.bounds = bounds;
    this.below = below;
  }

  /**
   * Tiers from names and lower bounds, both ascending.
   *
   * @param names tier names from lowest to highest, distinct and not blank
   * @param lowerBounds the smallest value of each tier, strictly ascending
   * @return the rules
   */
  public static TierRules of(List<String> names, long... lowerBounds) {
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(lowerBounds, "lowerBounds");
    if (names.isEmpty() || names.size() != lowerBounds.length) {
      throw new IllegalArgumentException(
          "names and lowerBounds must have the same non-zero length, were " + names.size()
              + " and " + lowerBounds.length);
    }
    for (int k = 0; k < names.size(); k++) {
      Checks.id(names.get(k), "names[" + k + "]");
      if (k > 0 && lowerBounds[k] <= lowerBounds[k - 1]) {
        throw new IllegalArgumentException("lowerBounds must be strictly ascending, was "
            + lowerBounds[k] + " after " + lowerBounds[k - 1] + " (index " + k + ")");
      }
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("names must be distinct, were " + names);
    }
    return new TierRules(names, lowerBounds.clone(), "None");
  }

  /**
   * A copy with another label for values below the first bound.
   *
   * @param label the label, not among the tier names
   * @return the copy
   */
  public TierRules withBelowLabel(String label) {
    Checks.id(label, "label");
    if (names.contains(label)) {
      throw new IllegalArgumentException("label must differ from tier names, was \"" + label
          + "\"");
    }
    return new TierRules(names, bounds, label);
  }

  /**
   * The label of values below the first bound.
   *
   * @return the label
   */
  public String belowLabel() {
    return below;
  }

  /**
   * Segment names: the below label, then the tiers from lowest to highest.
   *
   * @return the names
   */
  public ImmutableList<String> segmentNames() {
    return ImmutableList.<String>builder().add(below).addAll(names).build();
  }

  /**
   * The tier of one value.
   *
   * @param value the value
   * @return the tier name (or the below label)
   */
  public String tierOf(long value) {
    return segmentNames().get(index(value));
  }

  private int index(long value) {
    int k = Arrays.binarySearch(bounds, value);
    // found: tier k (segment k+1); not found: insertion point p, tier p-1 (segment p)
    return k >= 0 ? k + 1 : -k - 1;
  }

  /**
   * Tiers by net revenue on or before the as-of day (value tiers by spend).
   *
   * @param in the RFM inputs (prospects included with their net revenue)
   * @return one tier per row
   */
  public Segmentation bySpend(RfmInput in) {
    Objects.requireNonNull(in, "input");
    int n = in.size();
    int[] seg = new int[n];
    long[] net = in.netArray();
    for (int i = 0; i < n; i++) {
      seg[i] = index(net[i]);
    }
    return Segmentation.create("tiers by spend", in.asOf(), in.idArray(), segmentNames(), seg,
        i -> "net revenue " + net[i] + " minor units; lower bounds " + Arrays.toString(bounds));
  }

  /**
   * Tiers by caller values, for example loyalty points.
   *
   * @param segmenter a name for reports, e.g. "loyalty tier"
   * @param asOf the day the values describe
   * @param values customer id to value
   * @return one tier per customer, in the map's iteration order
   */
  public Segmentation byValues(String segmenter, LocalDate asOf, Map<String, Long> values) {
    Checks.id(segmenter, "segmenter");
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(values, "values");
    String[] ids = new String[values.size()];
    long[] v = new long[ids.length];
    int[] seg = new int[ids.length];
    int i = 0;
    for (Map.Entry<String, Long> e : values.entrySet()) {
      ids[i] = Checks.id(e.getKey(), "values key");
      v[i] = Objects.requireNonNull(e.getValue(), "value of " + e.getKey());
      seg[i] = index(v[i]);
      i++;
    }
    List<String> names = new ArrayList<>(segmentNames());
    return Segmentation.create(segmenter, asOf, ids, names, seg,
        r -> "value " + v[r] + "; lower bounds " + Arrays.toString(bounds));
  }
}
