package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TiersAndActivityTest {
  private static final LocalDate D = LocalDate.of(2024, 6, 30);

  private static RfmInput ten() {
    // net revenue 100, 200, ..., 1000 with a tie: c9 = 900 -> 1000 (two 1000s)
    String[] ids = new String[10];
    int[] rec = new int[10];
    int[] ord = new int[10];
    long[] net = new long[10];
    for (int i = 0; i < 10; i++) {
      ids[i] = "c" + i;
      rec[i] = i;
      ord[i] = 1 + i % 3; // 1,2,3,1,2,3,1,2,3,1
      net[i] = 100L * (i + 1);
    }
    net[8] = 1000;
    return RfmInput.of(D, ids, rec, ord, net);
  }

  @Test
  void thresholdTiersBySpendAndPoints() {
    TierRules t = TierRules.of(List.of("Bronze", "Silver", "Gold"), 0, 500, 900);
    assertEquals("None", t.tierOf(-1));
    assertEquals("Bronze", t.tierOf(0));
    assertEquals("Bronze", t.tierOf(499));
    assertEquals("Silver", t.tierOf(500));
    assertEquals("Gold", t.tierOf(900));
    Segmentation s = t.bySpend(ten());
    // 100..400 Bronze (4), 500..800 Silver (4), 1000, 1000 Gold (2)
    assertEquals(4, s.count("Bronze"));
    assertEquals(4, s.count("Silver"));
    assertEquals(2, s.count("Gold"));
    Map<String, Long> points = new LinkedHashMap<>();
    points.put("p", 950L);
    points.put("q", 10L);
    Segmentation lp = t.withBelowLabel("Member").byValues("loyalty", D, points);
    assertEquals("Gold", lp.segment(0));
    assertEquals("Bronze", lp.segment(1));
    assertThrows(IllegalArgumentException.class,
        () -> TierRules.of(List.of("A", "B"), 5, 5));
  }

  @Test
  void percentileTiersKeepTiesTogether() {
    // N = 10; top 10%: m = 1, edge = largest = 1000 -> both 1000s (c8, c9) are "Top 10%".
    // top 30%: m = 3, edge = 3rd largest = 800 -> c7 (800) joins; 700 and below "Rest".
    Segmentation s = ValueTiers.byPercentile(ten(), 0.1, 0.3);
    assertEquals(List.of("Top 10%", "Top 30%", "Rest"), s.segmentNames());
    assertEquals("Top 10%", s.segment(8));
    assertEquals("Top 10%", s.segment(9));
    assertEquals("Top 30%", s.segment(7));
    assertEquals("Rest", s.segment(6));
    assertEquals(2, s.count("Top 10%"));
  }

  @Test
  void topNAndPareto() {
    RfmInput in = ten();
    // by net: c8 and c9 tie at 1000 -> id order c8, c9; then c7 (800)
    assertArrayEquals(new int[] {8, 9, 7}, ValueTiers.topByNetRevenue(in, 3));
    // by orders: 3 orders: c2, c5, c8 (id order)
    assertArrayEquals(new int[] {2, 5, 8}, ValueTiers.topByOrders(in, 3));
    assertEquals(10, ValueTiers.topByOrders(in, 99).length);
    // top 20% = 2 customers: 1000 + 1000 = 2000 of total 100+...+800+1000+1000 = 5600
    ValueTiers.ParetoShare p = ValueTiers.paretoShare(in, 0.2);
    assertEquals(2, p.topCustomers());
    assertEquals(2000, p.topRevenueMinor());
    assertEquals(5600, p.totalRevenueMinor());
    assertEquals(2000.0 / 5600, p.share().value(), 0.0);
  }

  @Test
  void inactivityOrderedByValueAtStake() {
    TransactionLog log = TransactionLog.builder(Currency.getInstance("USD"), ZoneOffset.UTC)
        .purchase("a", D.minusDays(40), 500)
        .purchase("b", D.minusDays(100), 9000)
        .purchase("c", D.minusDays(10), 100_000)
        .purchase("d", D.minusDays(30), 500)
        .purchase("e", D.plusDays(1), 100) // after D: not a customer yet
        .build();
    Inactivity in = Inactivity.noPurchase(log, D, 30);
    // a (40 days, 500), b (100 days, 9000), d (30 days, 500); c bought 10 days ago
    assertEquals(3, in.size());
    assertEquals("b", in.customerId(0));
    assertEquals("a", in.customerId(1)); // ties on value: more days first
    assertEquals("d", in.customerId(2));
    assertEquals(100, in.daysInactive(0));
    assertEquals(10_000, in.totalValueAtStakeMinor());
  }

  private static ActivityLog activity() {
    long day = 86_400;
    long t = D.toEpochDay() * day;
    return ActivityLog.builder(ZoneOffset.UTC)
        .add("u1", t - 5 * day, "login")
        .add("u1", t - 50 * day, "export")
        .add("u1", t - 3 * day, "report")
        .add("u2", t - 1 * day, "login")
        .add("u3", t - 70 * day, "export")
        .build();
  }

  @Test
  void inactivityOnActivityTypes() {
    // no "export" for >= 30 days: u1 (50 days), u2 (never), u3 (70 days)
    Inactivity in = Inactivity.noActivity(activity(), Set.of("export"), D, 30, null);
    assertEquals(3, in.size());
    assertEquals("u2", in.customerId(0)); // value 0 for all; NEVER sorts first
    assertEquals(Inactivity.NEVER, in.daysInactive(0));
    assertEquals("u3", in.customerId(1));
    assertEquals("u1", in.customerId(2));
    // any type: only u3 is silent for >= 30 days
    assertEquals(1, Inactivity.noActivity(activity(), Set.of(), D, 30, null).size());
  }

  @Test
  void featureAdoptionBreadth() {
    // features {login, export, report, share}; window the last 30 days (D-29 .. D)
    FeatureAdoption a = FeatureAdoption.of(activity(), Set.of("login", "export", "report",
        "share"), D.minusDays(29), D.plusDays(1));
    // u1: login, report -> 2 of 4; u2: login -> 1 of 4; u3: no event in window -> absent
    assertEquals(2, a.size());
    assertEquals("u1", a.customerId(0));
    assertEquals(0.5, a.breadth(0), 0.0);
    assertEquals(0.25, a.breadth(1), 0.0);
    Segmentation s = a.narrowAdopters(0.25);
    assertEquals("Broad", s.segment(0));
    assertEquals("Narrow", s.segment(1));
  }
}
