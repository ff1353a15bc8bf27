package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmSegmentTableTest {

  @Test
  void rPackageTableFirstMatchWins() {
    // Rules from the R rfm 0.2.2 reference manual example of rfm_segment, checked by hand:
    RfmSegmentTable t = RfmSegmentTable.rPackage();
    assertEquals("Champions", t.segmentOf(5, 5, 5));
    assertEquals("Champions", t.segmentOf(4, 4, 4));
    assertEquals("Loyal Customers", t.segmentOf(3, 3, 3)); // R 2-5, F 3-5, M 3-5
    assertEquals("Loyal Customers", t.segmentOf(5, 3, 5)); // Champions needs F >= 4
    assertEquals("Potential Loyalist", t.segmentOf(5, 1, 1)); // shadows New Customers
    assertEquals("Potential Loyalist", t.segmentOf(3, 1, 1)); // shadows Promising
    assertEquals("Need Attention", t.segmentOf(2, 2, 2));
    assertEquals("About To Sleep", t.segmentOf(2, 1, 2)); // Need Attention needs F >= 2
    assertEquals("At Risk", t.segmentOf(2, 5, 2));
    assertEquals("At Risk", t.segmentOf(1, 5, 5)); // shadows Can't Lose Them
    assertEquals("Lost", t.segmentOf(1, 1, 1));
  }

  @Test
  void rPackageTableCornerCases() {
    RfmSegmentTable t = RfmSegmentTable.rPackage();
    // (2,1,1): About To Sleep (R 2-3, F 1-2, M 1-2) comes before Lost in the table.
    assertEquals("About To Sleep", t.segmentOf(2, 1, 1));
    // (3,4,1): no rule has F 4 with M 1 at R 3 -> Other
    assertEquals("Other", t.segmentOf(3, 4, 1));
    assertEquals("Other", t.segmentOf(5, 4, 1));
    assertEquals("Prospects", t.segmentOf(0, 0, 0));
    // The three shadowed segments are never produced (as in the R package's own output for
    // this table in the rfm 0.2.2 release notes, which lists no New Customers, Promising or
    // Can't Lose Them): scan all 125 scores.
    int others = 0;
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          String s = t.segmentOf(r, f, m);
          assertNotEquals("New Customers", s);
          assertNotEquals("Promising", s);
          assertNotEquals("Can't Lose Them", s);
          if (s.equals("Other")) {
            others++;
          }
        }
      }
    }
    // Hand count of the unmatched codes, per R, of the (F, M) cells no rule covers:
    //   R=5,4: covered: F,M in 4-5 (Champ), 3-5 (Loyal), 1-3 (Pot.Loyalist) -> uncovered are
    //          (F,M) with one in 1-2 and the other in 4-5: 2*2*2 = 8 each -> 16
    //   R=3:   Loyal 3-5/3-5, Pot.Loyalist 1-3/1-3, Need Attention and About To Sleep add
    //          nothing new -> uncovered 8
    //   R=2:   Loyal 3-5/3-5, Need Att 2-3/2-3, About To Sleep 1-2/1-2, At Risk 2-5/2-5 ->
    //          uncovered: F=1 with M 3-5 (3) and M=1 with F 3-5 (3) -> 6
    //   R=1:   At Risk 2-5/2-5, Lost 1-2/1-2 -> uncovered: (1,3..5) and (3..5,1) -> 6
    //   total 16 + 8 + 6 + 6 = 36
    assertEquals(36, others);
  }

  @Test
  void pymcMarketingTable() {
    // PyMC-Marketing _default_rfm_segment_config (pymc-labs/pymc-marketing clv/utils.py)
    RfmSegmentTable t = RfmSegmentTable.pymcMarketing();
    assertEquals("Premium Customer", t.segmentOf(4, 4, 4));
    assertEquals("Premium Customer", t.segmentOf(3, 3, 3));
    assertEquals("Repeat Customer", t.segmentOf(2, 4, 4));
    assertEquals("Repeat Customer", t.segmentOf(1, 4, 3));
    assertEquals("Top Spender", t.segmentOf(4, 2, 4));
    assertEquals("Top Spender", t.segmentOf(1, 3, 4));
    assertEquals("At Risk Customer", t.segmentOf(2, 1, 4));
    assertEquals("At Risk Customer", t.segmentOf(1, 2, 2));
    assertEquals("Inactive Customer", t.segmentOf(4, 1, 1));
    assertEquals("Inactive Customer", t.segmentOf(1, 1, 4));
    assertEquals("Other", t.segmentOf(4, 4, 1));
    // lists have 8 + 7 + 13 + 11 + 7 = 46 codes of the 64, so 18 are Other
    int others = 0;
    for (int r = 1; r <= 4; r++) {
      for (int f = 1; f <= 4; f++) {
        for (int m = 1; m <= 4; m++) {
          if (t.segmentOf(r, f, m).equals("Other")) {
            others++;
          }
        }
      }
    }
    assertEquals(18, others);
  }

  @Test
  void gridCoversEveryScoreAndMatchesTheDocumentedTable() {
    RfmSegmentTable t = RfmSegmentTable.recencyFmGrid();
    // Rows R, columns (F+M)/2 as in the class javadoc
    assertEquals("Champions", t.segmentOf(5, 4, 4)); // avg 4
    assertEquals("Loyal", t.segmentOf(5, 3, 4)); // avg 3.5
    assertEquals("Promising", t.segmentOf(5, 2, 3)); // avg 2.5
    assertEquals("New", t.segmentOf(5, 1, 2)); // avg 1.5
    assertEquals("Loyal", t.segmentOf(4, 5, 3)); // avg 4
    assertEquals("Active", t.segmentOf(4, 2, 2)); // avg 2
    assertEquals("Promising", t.segmentOf(4, 1, 1));
    assertEquals("Needs attention", t.segmentOf(3, 3, 3));
    assertEquals("Almost lost", t.segmentOf(3, 1, 1));
    assertEquals("At risk", t.segmentOf(2, 3, 3));
    assertEquals("Almost lost", t.segmentOf(2, 2, 2));
    assertEquals("Dormant", t.segmentOf(2, 1, 2)); // avg 1.5
    assertEquals("Previously loyal", t.segmentOf(1, 5, 5));
    assertEquals("Dormant", t.segmentOf(1, 2, 3)); // avg 2.5
    assertEquals("Prospects", t.segmentOf(0, 0, 0));
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          assertNotEquals("Other", t.segmentOf(r, f, m), r + "" + f + m);
        }
      }
    }
  }

  @Test
  void callerTableAndExplanations() {
    RfmSegmentTable t = RfmSegmentTable.of("mine", List.of(
        RfmRule.ranges("Best", 3, 3, 3, 3, 3, 3),
        RfmRule.codes("Odd", 111, 333),
        RfmRule.recencyAndFmAverage("Rest", 1, 3, 1, 3)))
        .withOtherLabel("Unmatched");
    assertEquals("Best", t.segmentOf(3, 3, 3)); // first match wins over Odd
    assertEquals("Odd", t.segmentOf(1, 1, 1));
    assertEquals("Rest", t.segmentOf(2, 1, 3));
    assertEquals(List.of("Best", "Odd", "Rest", "Unmatched", "Prospects"), t.segmentNames());
    // scores for two customers, 3 bins: orders 1 and 5, recency 10 and 1, net 5 and 50
    // -> N=2, L in {0,1}, score = 1 + floor(3L/2) -> worse 1, better 2
    RfmInput in = RfmInput.of(LocalDate.of(2024, 1, 1), new String[] {"a", "b"},
        new int[] {10, 1}, new int[] {1, 5}, new long[] {5, 50});
    Segmentation s = t.assign(RfmScorer.quantiles(3).score(in));
    assertEquals("Odd", s.segment(0)); // 111
    assertEquals("Rest", s.segment(1)); // 222: (2+2)/2 = 2
    assertTrue(s.explain(0).startsWith("Odd: R=1 F=1 M=1 matched rule 2 (code in [111, 333])"),
        s.explain(0));
    assertEquals(1, s.count("Odd"));
  }

  @Test
  void presetRefusesScoresWithOtherBins() {
    RfmInput in = RfmInput.of(LocalDate.of(2024, 1, 1), new String[] {"a"}, new int[] {1},
        new int[] {1}, new long[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RfmSegmentTable.pymcMarketing().assign(RfmScorer.quintiles().score(in)));
    assertTrue(e.getMessage().contains("must have 4 bins"), e.getMessage());
  }

  @Test
  void badRulesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RfmRule.ranges("x", 3, 2, 1, 1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> RfmRule.codes("x", 101));
    assertThrows(IllegalArgumentException.class,
        () -> RfmRule.recencyAndFmAverage("x", 1, 2, 1.25, 3));
    assertThrows(IllegalArgumentException.class,
        () -> RfmSegmentTable.rPackage().withOtherLabel("Lost"));
  }
}
