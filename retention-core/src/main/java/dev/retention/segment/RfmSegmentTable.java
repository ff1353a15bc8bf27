package dev.retention.segment;

import com.google.common.collect.ImmutableList;
import dev.retention.internal.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named RFM segments as a rule table: the first {@link RfmRule} that matches a customer's scores
 * names its segment; scores no rule matches get {@linkplain #otherLabel() "Other"}; prospects
 * (no order, scores 0) get {@linkplain #prospectLabel() "Prospects"}. Every customer therefore
 * gets exactly one segment.
 *
 * <p>Segment order (for reports): distinct rule names in first-appearance order, then the other
 * label, then the prospect label. Assignment compiles the table into a 1000-entry lookup by code
 * ({@code R*100+F*10+M}) once per table, so {@link #assign} costs one array read per customer and
 * allocates one {@code int[N]}. Immutable and thread-safe.
 *
 * <h2>Presets</h2>
 *
 * <p><b>{@link #rPackage()}</b> (5 bins): the ten segments of the R {@code rfm} package's
 * documentation of {@code rfm_segment} (rfm 0.2.0 and 0.2.2 reference manual examples and the
 * package's test {@code tests/testthat/test-rfm-segment.R}; rules checked against
 * https://rdocumentation.org/packages/rfm/versions/0.2.2/topics/rfm_segment). In table order:
 *
 * <pre>
 *   segment              R     F     M
 *   Champions            4-5   4-5   4-5
 *   Loyal Customers      2-5   3-5   3-5
 *   Potential Loyalist   3-5   1-3   1-3
 *   New Customers        4-5   1-1   1-1
 *   Promising            3-4   1-1   1-1
 *   Need Attention       2-3   2-3   2-3
 *   About To Sleep       2-3   1-2   1-2
 *   At Risk              1-2   2-5   2-5
 *   Can't Lose Them      1-1   4-5   4-5
 *   Lost                 1-2   1-2   1-2
 * </pre>
 *
 * First match wins, as {@code rfm_segment} does since rfm 0.2.2 (earlier versions let a later
 * row overwrite an earlier one); as a consequence "New Customers" and "Promising" are never
 * reached (Potential Loyalist covers them) and "Can't Lose Them" only catches R=1 customers with
 * F and M of 4-5 that At Risk already took, so those three are always empty, exactly as in the R
 * package with this table. Unmatched scores are "Other" (R prints "Others"). Note that rfm
 * 0.3.0's example uses a different, reordered table; this preset is the one the issue names.
 *
 * <p><b>{@link #pymcMarketing()}</b> (4 bins, use {@code RfmScorer.quantiles(4)}):
 * PyMC-Marketing's default {@code segment_config} of {@code pymc_marketing.clv.utils.rfm_segments}
 * (checked against pymc-labs/pymc-marketing, {@code _default_rfm_segment_config}), as code lists:
 *
 * <pre>
 *   Premium Customer    334 443 444 344 434 433 343 333
 *   Repeat Customer     244 234 232 332 143 233 243
 *   Top Spender         424 414 144 314 324 124 224 423 413 133 323 313 134
 *   At Risk Customer    422 223 212 122 222 132 322 312 412 123 214
 *   Inactive Customer   411 111 113 114 112 211 311
 * </pre>
 *
 * The lists are disjoint, so order does not matter; the 18 of 64 codes they leave out are "Other".
 * Differences from PyMC-Marketing: it bins with {@code pandas.qcut} quartiles (dropping duplicate
 * edges) where we use {@link RfmScorer}'s rank bins, and it counts purchase days and averages
 * spend per purchase day, where {@link RfmInput} counts orders; pair this table with
 * {@link RfmScorer.Monetary#MEAN} to score mean spend as PyMC-Marketing does.
 *
 * <p><b>{@link #recencyFmGrid()}</b> (5 bins): our recency x {@code (F+M)/2} grid in the style of
 * Shopify's RFM customer groups (Shopify's exact cut-offs are not published in a form we could
 * check, so this grid is ours). Rows are R, columns the average of F and M:
 *
 * <pre>
 *   R \ (F+M)/2   4.0-5.0            3.0-3.5            2.0-2.5        1.0-1.5
 *   5             Champions          Loyal              Promising      New
 *   4             Loyal              Active             Active         Promising
 *   3             Needs attention    Needs attention    Almost lost    Almost lost
 *   2             At risk            At risk            Almost lost    Dormant
 *   1             Previously loyal   Previously loyal   Dormant        Dormant
 * </pre>
 *
 * Customers without an order are "Prospects". The grid covers every 5-bin score, so "Other" is
 * always empty.
 */
public final class RfmSegmentTable {
  private final String name;
  private final ImmutableList<RfmRule> rules;
  private final String other;
  private final String prospects;
  private final int bins; // 0 = any
  private final ImmutableList<String> segmentNames;
  private final int[] lut; // code -> segment index
  private final int[] ruleOf; // code -> rule index, -1 none

  private RfmSegmentTable(
      String name, List<RfmRule> rules, String other, String prospects, int bins) {
    this.name = name;
    this.rules = ImmutableList.copyOf(rules);
    this.other = other;
    this.prospects = prospects;
    this.bins = bins;
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (RfmRule r : rules) {
      idx.putIfAbsent(r.name(), idx.size());
    }
    if (idx.containsKey(other) || idx.containsKey(prospects) || other.equals(prospects)) {
      throw new IllegalArgumentException(
          "otherLabel and prospectLabel must differ from each other and from rule names, were \""
              + other + "\" and \"" + prospects + "\"");
    }
    int otherIdx = idx.size();
    idx.put(other, otherIdx);
    idx.put(prospects, otherIdx + 1);
    this.segmentNames = ImmutableList.copyOf(idx.keySet());
    this.lut = new int[1000];
    this.ruleOf = new int[1000];
    java.util.Arrays.fill(lut, otherIdx);
    java.util.Arrays.fill(ruleOf, -1);
    lut[0] = otherIdx + 1;
    for (int r = 1; r <= 9; r++) {
      for (int f = 1; f <= 9; f++) {
        for (int m = 1; m <= 9; m++) {
          for (int k = 0; k < rules.size(); k++) {
            if (rules.get(k).matches(r, f, m)) {
              int code = r * 100 + f * 10 + m;
              lut[code] = idx.get(rules.get(k).name());
              ruleOf[code] = k;
              break;
            }
          }
        }
      }
    }
  }

  /**
   * A caller-defined table usable with any number of bins.
   *
   * @param name a name for reports
   * @param rules the rules, first match wins
   * @return the table, with "Other" and "Prospects" labels
   */
  public static RfmSegmentTable of(String name, List<RfmRule> rules) {
    Checks.id(name, "name");
    Objects.requireNonNull(rules, "rules");
    for (int i = 0; i < rules.size(); i++) {
      Objects.requireNonNull(rules.get(i), "rules[" + i + "]");
    }
    return new RfmSegmentTable(name, rules, "Other", "Prospects", 0);
  }

  /**
   * The R {@code rfm} package's ten-segment table (see the class documentation); for 5 bins.
   *
   * @return the preset
   */
  public static RfmSegmentTable rPackage() {
    List<RfmRule> r = new ArrayList<>();
    r.add(RfmRule.ranges("Champions", 4, 5, 4, 5, 4, 5));
    r.add(RfmRule.ranges("Loyal Customers", 2, 5, 3, 5, 3, 5));
    r.add(RfmRule.ranges("Potential Loyalist", 3, 5, 1, 3, 1, 3));
    r.add(RfmRule.ranges("New Customers", 4, 5, 1, 1, 1, 1));
    r.add(RfmRule.ranges("Promising", 3, 4, 1, 1, 1, 1));
    r.add(RfmRule.ranges("Need Attention", 2, 3, 2, 3, 2, 3));
    r.add(RfmRule.ranges("About To Sleep", 2, 3, 1, 2, 1, 2));
    r.add(RfmRule.ranges("At Risk", 1, 2, 2, 5, 2, 5));
    r.add(RfmRule.ranges("Can't Lose Them", 1, 1, 4, 5, 4, 5));
    r.add(RfmRule.ranges("Lost", 1, 2, 1, 2, 1, 2));
    return new RfmSegmentTable("RFM (R rfm package segments)", r, "Other", "Prospects", 5);
  }

  /**
   * PyMC-Marketing's five quartile segments (see the class documentation); for 4 bins.
   *
   * @return the preset
   */
  public static RfmSegmentTable pymcMarketing() {
    List<RfmRule> r = new ArrayList<>();
    r.add(RfmRule.codes("Premium Customer", 334, 443, 444, 344, 434, 433, 343, 333));
    r.add(RfmRule.codes("Repeat Customer", 244, 234, 232, 332, 143, 233, 243));
    r.add(RfmRule.codes("Top Spender",
        424, 414, 144, 314, 324, 124, 224, 423, 413, 133, 323, 313, 134));
    r.add(RfmRule.codes("At Risk Customer",
        422, 223, 212, 122, 222, 132, 322, 312, 412, 123, 214));
    r.add(RfmRule.codes("Inactive Customer", 411, 111, 113, 114, 112, 211, 311));
    return new RfmSegmentTable("RFM (PyMC-Marketing quartile segments)", r, "Other",
        "Prospects", 4);
  }

  /**
   * The recency x (F+M)/2 grid in the style of Shopify's customer groups (see the class
   * documentation); for 5 bins.
   *
   * @return the preset
   */
  public static RfmSegmentTable recencyFmGrid() {
    List<RfmRule> r = new ArrayList<>();
    r.add(RfmRule.recencyAndFmAverage("Champions", 5, 5, 4, 5));
    r.add(RfmRule.recencyAndFmAverage("Loyal", 5, 5, 3, 3.5));
    r.add(RfmRule.recencyAndFmAverage("Loyal", 4, 4, 4, 5));
    r.add(RfmRule.recencyAndFmAverage("Active", 4, 4, 2, 3.5));
    r.add(RfmRule.recencyAndFmAverage("Needs attention", 3, 3, 3, 5));
    r.add(RfmRule.recencyAndFmAverage("Promising", 5, 5, 2, 2.5));
    r.add(RfmRule.recencyAndFmAverage("Promising", 4, 4, 1, 1.5));
    r.add(RfmRule.recencyAndFmAverage("New", 5, 5, 1, 1.5));
    r.add(RfmRule.recencyAndFmAverage("At risk", 2, 2, 3, 5));
    r.add(RfmRule.recencyAndFmAverage("Previously loyal", 1, 1, 3, 5));
    r.add(RfmRule.recencyAndFmAverage("Almost lost", 3, 3, 1, 2.5));
    r.add(RfmRule.recencyAndFmAverage("Almost lost", 2, 2, 2, 2.5));
    r.add(RfmRule.recencyAndFmAverage("Dormant", 2, 2, 1, 1.5));
    r.add(RfmRule.recencyAndFmAverage("Dormant", 1, 1, 1, 2.5));
    return new RfmSegmentTable("RFM (recency x (F+M)/2 grid)", r, "Other", "Prospects", 5);
  }

  /**
   * A copy with another label for unmatched scores.
   *
   * @param label the label, not blank
   * @return the new table
   */
  public RfmSegmentTable withOtherLabel(String label) {
    return new RfmSegmentTable(name, rules, Checks.id(label, "label"), prospects, bins);
  }

  /**
   * A copy with another label for customers without an order.
   *
   * @param label the label, not blank
   * @return the new table
   */
  public RfmSegmentTable withProspectLabel(String label) {
    return new RfmSegmentTable(name, rules, other, Checks.id(label, "label"), bins);
  }

  /**
   * The table's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The rules in order.
   *
   * @return the rules
   */
  public ImmutableList<RfmRule> rules() {
    return rules;
  }

  /**
   * The label of scores no rule matches.
   *
   * @return "Other" unless changed
   */
  public String otherLabel() {
    return other;
  }

  /**
   * The label of customers without an order.
   *
   * @return "Prospects" unless changed
   */
  public String prospectLabel() {
    return prospects;
  }

  /**
   * The bins the table was written for (every dimension), or 0 for any.
   *
   * @return bins
   */
  public int bins() {
    return bins;
  }

  /**
   * Segment names in report order: rule names, then other, then prospects.
   *
   * @return the names
   */
  public ImmutableList<String> segmentNames() {
    return segmentNames;
  }

  /**
   * The segment of one score triple.
   *
   * @param r recency score (0 with f and m 0 for a prospect)
   * @param f frequency score
   * @param m monetary score
   * @return the segment name
   */
  public String segmentOf(int r, int f, int m) {
    if (r < 0 || r > 9 || f < 0 || f > 9 || m < 0 || m > 9) {
      throw new IllegalArgumentException(
          "scores must be in [0, 9], were R=" + r + " F=" + f + " M=" + m);
    }
    return segmentNames.get(lut[r * 100 + f * 10 + m]);
  }

  /**
   * Assigns every scored customer to a segment.
   *
   * @param scores the scores
   * @return one label per row of {@code scores}
   * @throws IllegalArgumentException if the table was written for a number of bins that differs
   *     from the scorer's on some dimension
   */
  public Segmentation assign(RfmScores scores) {
    Objects.requireNonNull(scores, "scores");
    if (bins != 0) {
      for (RfmScorer.Dimension d : RfmScorer.Dimension.values()) {
        if (scores.scorer().bins(d) != bins) {
          throw new IllegalArgumentException(
              "scores must have " + bins + " bins for table \"" + name + "\", " + d + " had "
                  + scores.scorer().bins(d));
        }
      }
    }
    byte[] r = scores.recencyArray();
    byte[] f = scores.frequencyArray();
    byte[] m = scores.monetaryArray();
    int n = r.length;
    int[] seg = new int[n];
    int[] table = lut;
    for (int i = 0; i < n; i++) {
      seg[i] = table[r[i] * 100 + f[i] * 10 + m[i]];
    }
    return Segmentation.create(name, scores.input().asOf(), scores.input().idArray(),
        segmentNames, seg, i -> explain(scores, i));
  }

  private String explain(RfmScores s, int i) {
    int code = s.code(i);
    if (code == 0) {
      return "no order on or before " + s.input().asOf();
    }
    int k = ruleOf[code];
    String scores = "R=" + s.recency(i) + " F=" + s.frequency(i) + " M=" + s.monetary(i);
    if (k < 0) {
      return scores + " matched no rule of \"" + name + "\"; " + s.explain(i);
    }
    return scores + " matched rule " + (k + 1) + " (" + rules.get(k).condition() + "); "
        + s.explain(i);
  }

  @Override
  public String toString() {
    return "RfmSegmentTable{" + name + ", " + rules.size() + " rules}";
  }
}
