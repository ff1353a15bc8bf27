package dev.retention.segment;

import com.google.common.collect.ImmutableList;
import dev.retention.internal.Checks;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * One label per customer from one segmenter as of one day: the common result of every segmenter
 * in this package and the input of {@link SegmentReport} and {@link MigrationMatrix}.
 *
 * <p>Segments are numbered {@code 0 .. segmentCount()-1} in a fixed order chosen by the segmenter
 * (a rule table's order, an enum's order); a segment may have no customers. Every row has exactly
 * one segment. {@link #explain(int)} says why a row got its label.
 *
 * <p>Immutable and thread-safe. The id lookup {@link #indexOf(String)} builds a hash map on first
 * use (once, published safely).
 */
public final class Segmentation {
  private final String segmenter;
  private final LocalDate asOf;
  private final String[] ids;
  private final ImmutableList<String> names;
  private final int[] segmentOf;
  private final int[] counts;
  private final IntFunction<String> explainer;
  private volatile Map<String, Integer> index;

  Segmentation(
      String segmenter, LocalDate asOf, String[] ids, ImmutableList<String> names,
      int[] segmentOf, IntFunction<String> explainer) {
    this.segmenter = segmenter;
    this.asOf = asOf;
    this.ids = ids;
    this.names = names;
    this.segmentOf = segmentOf;
    this.explainer = explainer;
    int[] c = new int[names.size()];
    for (int s : segmentOf) {
      c[s]++;
    }
    this.counts = c;
  }

  /**
   * A segmentation from caller labels, for segmenters outside this package (plan, ARPU band,
   * region). Segments are ordered by first appearance in {@code labels}' iteration order.
   *
   * @param segmenter a name for the segmenter (used in reports)
   * @param asOf the day the labels describe
   * @param labels customer id to label; ids and labels not blank
   * @return the segmentation; {@link #explain(int)} returns "label given by the caller"
   */
  public static Segmentation of(String segmenter, LocalDate asOf, Map<String, String> labels) {
    Checks.id(segmenter, "segmenter");
    Checks.date(asOf, "asOf", -1);
    Objects.requireNonNull(labels, "labels");
    String[] ids = new String[labels.size()];
    int[] seg = new int[ids.length];
    Map<String, Integer> nameIndex = new HashMap<>();
    ImmutableList.Builder<String> names = ImmutableList.builder();
    int i = 0;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      ids[i] = Checks.id(e.getKey(), "labels key");
      String label = Checks.id(e.getValue(), "labels value for row " + i);
      Integer k = nameIndex.get(label);
      if (k == null) {
        k = nameIndex.size();
        nameIndex.put(label, k);
        names.add(label);
      }
      seg[i] = k;
      i++;
    }
    return new Segmentation(segmenter, asOf, ids, names.build(), seg,
        row -> "label given by the caller");
  }

  static Segmentation create(
      String segmenter, LocalDate asOf, String[] ids, List<String> names, int[] segmentOf,
      IntFunction<String> explainer) {
    Set<String> distinct = new HashSet<>(names);
    if (distinct.size() != names.size()) {
      throw new IllegalArgumentException("segment names must be distinct, were " + names);
    }
    return new Segmentation(segmenter, asOf, ids, ImmutableList.copyOf(names), segmentOf,
        explainer);
  }

  /**
   * The segmenter's name.
   *
   * @return the name, e.g. {@code "RFM (R rfm package segments)"}
   */
  public String segmenter() {
    return segmenter;
  }

  /**
   * The day the labels describe.
   *
   * @return the as-of day
   */
  public LocalDate asOf() {
    return asOf;
  }

  /**
   * The number of customers.
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
   * @return the customer id
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String customerId(int i) {
    Objects.checkIndex(i, ids.length);
    return ids[i];
  }

  /**
   * The row of a customer id.
   *
   * @param customerId an id
   * @return the row, or -1 when the customer is not in this segmentation
   */
  public int indexOf(String customerId) {
    Objects.requireNonNull(customerId, "customerId");
    Map<String, Integer> m = index;
    if (m == null) {
      Map<String, Integer> built = new HashMap<>(Math.max(16, ids.length * 2));
      for (int i = 0; i < ids.length; i++) {
        built.put(ids[i], i);
      }
      index = m = built;
    }
    Integer i = m.get(customerId);
    return i == null ? -1 : i;
  }

  /**
   * The segment names in segment order.
   *
   * @return the names
   */
  public ImmutableList<String> segmentNames() {
    return names;
  }

  /**
   * The number of segments (including empty ones).
   *
   * @return the segment count
   */
  public int segmentCount() {
    return names.size();
  }

  /**
   * The segment index of a row.
   *
   * @param i a row
   * @return an index into {@link #segmentNames()}
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public int segmentIndex(int i) {
    Objects.checkIndex(i, segmentOf.length);
    return segmentOf[i];
  }

  /**
   * The segment name of a row.
   *
   * @param i a row
   * @return the label
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String segment(int i) {
    Objects.checkIndex(i, segmentOf.length);
    return names.get(segmentOf[i]);
  }

  /**
   * The number of customers in segment {@code k}.
   *
   * @param k a segment index
   * @return the count
   * @throws IndexOutOfBoundsException if {@code k} is not in {@code [0, segmentCount())}
   */
  public int count(int k) {
    Objects.checkIndex(k, counts.length);
    return counts[k];
  }

  /**
   * The number of customers in a named segment.
   *
   * @param name a segment name
   * @return the count, 0 for an unknown name
   */
  public int count(String name) {
    int k = names.indexOf(name);
    return k < 0 ? 0 : counts[k];
  }

  /**
   * Why row {@code i} got its label.
   *
   * @param i a row
   * @return an explanation (allocates)
   * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, size())}
   */
  public String explain(int i) {
    Objects.checkIndex(i, ids.length);
    return segment(i) + ": " + explainer.apply(i);
  }

  int[] segmentArray() {
    return segmentOf;
  }

  String[] idArray() {
    return ids;
  }

  @Override
  public String toString() {
    return "Segmentation{" + segmenter + ", asOf=" + asOf + ", " + ids.length + " customers, "
        + names.size() + " segments}";
  }
}
