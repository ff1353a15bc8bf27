package dev.retention.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.ActivityLog;
import dev.retention.data.RandomLogs;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.TransactionLog;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final DateRange Q2 = DateRange.period(Granularity.QUARTER, LocalDate.of(2024, 5, 5));

  @Test
  void issueExampleTenCustomersTwoLostIsEightyPercent() {
    RetentionResult r = CustomerRetention.of(MetricsFixtures.tenCustomersTwoLost())
        .withActiveWindowDays(90).retention(Q2);
    assertEquals(10, r.atStart());
    assertEquals(8, r.atEnd());
    assertEquals(0, r.gained());
    assertEquals(0.80, r.retentionRate().value(), 1e-15);
    assertEquals(0.20, r.churnRate().value(), 1e-15);
  }

  @Test
  void mixedRetentionByHand() {
    RetentionResult r = CustomerRetention.of(MetricsFixtures.mixed()).withActiveWindowDays(90)
        .retention(Q2);
    // S = {r1, r2, r3, lost1, lost2}; E = {r1, r2, r3, new1, back1}; N = {new1, back1}
    assertEquals(5, r.atStart());
    assertEquals(5, r.atEnd());
    assertEquals(3, r.retained());
    assertEquals(1, r.newCustomers());
    assertEquals(1, r.reactivated());
    assertEquals(2, r.lost());
    assertEquals(new Ratio(3, 5), r.retentionRate()); // (E - N) / S = (5 - 2) / 5
    assertEquals(new Ratio(2, 5), r.churnRate());
    // only customers whose id starts with "r"
    TransactionLog log = MetricsFixtures.mixed();
    RetentionResult onlyR = CustomerRetention.of(log).withActiveWindowDays(90)
        .retention(Q2, c -> log.customerId(c).startsWith("r"));
    assertEquals(new Ratio(3, 3), onlyR.retentionRate());
  }

  @Test
  void emptyBaseIsUndefinedNotNaN() {
    RetentionResult r = CustomerRetention.of(MetricsFixtures.mixed())
        .retention(DateRange.of(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 2, 1)));
    assertEquals(0, r.atStart());
    assertFalse(r.retentionRate().isDefined());
    assertThrows(IllegalStateException.class, () -> r.retentionRate().value());
    assertEquals(-1.0, r.churnRate().valueOr(-1.0));
    assertThrows(IllegalArgumentException.class,
        () -> CustomerRetention.of(MetricsFixtures.mixed()).withActiveWindowDays(0));
  }

  @Test
  void criticalEventRetention() {
    ActivityLog a = ActivityLog.builder(ZoneOffset.UTC)
        .add("u1", day(2024, 3, 1), "booking").add("u1", day(2024, 5, 1), "booking")
        .add("u2", day(2024, 3, 1), "booking").add("u2", day(2024, 5, 1), "browse")
        .add("u3", day(2024, 3, 1), "browse").add("u3", day(2024, 5, 1), "booking")
        .build();
    RetentionResult r = CustomerRetention.ofActivity(a, Set.of("booking"))
        .withActiveWindowDays(90).retention(Q2);
    // bookings: at start {u1, u2}; at end {u1, u3}; u3's first booking is in the period -> new
    assertEquals(2, r.atStart());
    assertEquals(1, r.retained());
    assertEquals(1, r.newCustomers());
    assertEquals(new Ratio(1, 2), r.retentionRate());
    assertThrows(IllegalArgumentException.class, () -> CustomerRetention.ofActivity(a, Set.of()));
  }

  @Test
  void purchaseMetricsByHand() {
    PurchaseMetrics m = PurchaseMetrics.of(MetricsFixtures.mixed());
    // Q2 buyers: r1 (2 orders), r2 (1), r3 (1), new1 (1), back1 (1), flash (1) -> 6 buyers, 7 orders
    assertEquals(new Ratio(1, 6), m.repeatPurchaseRate(Q2));
    assertEquals(new Ratio(7, 6), m.purchaseFrequency(Q2));
    // net revenue in Q2: 3000 + 1000 + 1500 + 800 - 300 + 4000 + 600 + 700 = 11300 over 7 orders
    assertEquals(new Ratio(11300, 7), m.averageOrderValue(Q2));
    // to 2024-07-01: r1 (3), r2 (2), r3 (2), back1 (2) repeat; lost1, lost2, new1, flash one-time
    assertEquals(new Ratio(4, 8), m.repeatPurchaseRateToDate(LocalDate.of(2024, 7, 1)));
    // lifespans in days: r1 02-01..05-10 = 99, r2 03-31..06-30 = 91, r3 01-02..06-01 = 151,
    // back1 2023-06-01..2024-06-01 = 366, others 0
    assertEquals(new Ratio(99 + 91 + 151 + 366, 8), m.observedLifespanDays(LocalDate.of(2024, 7, 1)));
    assertFalse(m.repeatPurchaseRate(DateRange.of(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 2))).isDefined());
  }

  @Test
  void loyaltyRules() {
    PurchaseMetrics m = PurchaseMetrics.of(MetricsFixtures.mixed());
    // at least 2 orders to date among the 6 Q2 buyers: r1, r2, r3, back1
    assertEquals(new Ratio(4, 6), m.loyalCustomerRate(Q2, LoyaltyRule.minOrders(2)));
    // default rule (3 orders): r1 only
    assertEquals(new Ratio(1, 6), m.loyalCustomerRate(Q2, LoyaltyRule.defaultRule()));
    // a purchase in each of the last 2 months (May and June 2024): nobody bought in both
    // (r1: Apr+May, r2: Mar+Jun, r3: Jan+Jun) -> 0 of 6; last 3 months for r1: Apr, May but no Jun
    assertEquals(new Ratio(0, 6), m.loyalCustomerRate(Q2, LoyaltyRule.activeInEachOf(2, Granularity.MONTH)));
    DateRange aprMay = DateRange.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 6, 1));
    // Apr-May buyers: r1, new1, flash; r1 bought in April and May -> 1 of 3
    assertEquals(new Ratio(1, 3), m.loyalCustomerRate(aprMay, LoyaltyRule.activeInEachOf(2, Granularity.MONTH)));
    assertThrows(IllegalArgumentException.class, () -> LoyaltyRule.minOrders(0));
    assertThrows(IllegalArgumentException.class, () -> new LoyaltyRule(2, 2, Granularity.DAY));
  }

  @Test
  void clvByHand() {
    PurchaseMetrics m = PurchaseMetrics.of(MetricsFixtures.mixed());
    HistoricalClv h = m.historicalClv(LocalDate.of(2024, 7, 1), 0.5);
    assertEquals((800 + 800 - 300) * 0.5, h.valueMinor("r3"), 1e-12);
    assertEquals(0.0, h.valueMinor("nobody"));
    // total net revenue: 5000 + 2000 + 1300 + 2000 + 100 + 4000 + 1500 + 700 = 16600 over 8
    assertEquals(16600 * 0.5 / 8, h.average().value(), 1e-12);
    // AOV 50 x 4 purchases a year x 1 / 0.25 churn = 4 years x 30 % margin = 240
    double lifespan = PurchaseMetrics.expectedLifespan(new Ratio(1, 4)).value();
    assertEquals(4.0, lifespan);
    assertEquals(240.0, PurchaseMetrics.simpleClv(50, 4, lifespan, 0.3), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PurchaseMetrics.simpleClv(50, 4, 4, 1.5));
    assertThrows(IllegalArgumentException.class, () -> m.historicalClv(LocalDate.of(2024, 7, 1), Double.NaN));
  }

  @Test
  void surveyScoresByHand() {
    List<SurveyResponse> answers = new ArrayList<>();
    int[] nps = {10, 9, 9, 8, 7, 6, 3, 0, 10, 10}; // 5 promoters, 2 passives, 3 detractors
    for (int i = 0; i < nps.length; i++) {
      answers.add(SurveyResponse.of(i < 5 ? "pro" + i : "free" + i, inQ2(i), SurveyKind.NPS, nps[i]));
    }
    answers.add(SurveyResponse.of("x", Instant.parse("2024-01-01T00:00:00Z"), SurveyKind.NPS, 0)); // outside
    int[] csat = {5, 4, 3, 1};
    for (int i = 0; i < csat.length; i++) {
      answers.add(SurveyResponse.of("c" + i, inQ2(i), SurveyKind.CSAT, csat[i]));
    }
    int[] ces = {7, 5, 6};
    for (int i = 0; i < ces.length; i++) {
      answers.add(SurveyResponse.of("c" + i, inQ2(i), SurveyKind.CES, ces[i]));
    }
    SurveyMetrics m = SurveyMetrics.of(answers, ZoneOffset.UTC);
    SurveyScores s = m.scores(SurveyKind.NPS, Q2);
    assertEquals(10, s.count());
    assertEquals(20.0, s.nps().value(), 1e-12); // 100 * (5 - 3) / 10
    // p = .5, d = .3: var = (.8 - .04) / 10 = .076; MoE = 1.96 * 100 * sqrt(.076) = 54.0336...
    assertEquals(1.96 * 100 * Math.sqrt(0.076), s.npsMarginOfError95().value(), 1e-9);
    assertEquals(0.5, m.scores(SurveyKind.CSAT, Q2).csat().value(), 1e-12); // 2 of 4
    assertEquals(50.0, m.scores(SurveyKind.CSAT, Q2).csat().percent(), 1e-12);
    assertEquals(6.0, m.scores(SurveyKind.CES, Q2).ces().value(), 1e-12);
    assertThrows(IllegalStateException.class, () -> s.csat());
    Map<String, SurveyScores> byPlan = m.bySegment(SurveyKind.NPS, Q2,
        id -> id.startsWith("pro") ? "pro" : "free");
    assertEquals(60.0, byPlan.get("pro").nps().value(), 1e-12); // 10 9 9 8 7: 3 promoters, 0 detractors of 5
    assertEquals(-20.0, byPlan.get("free").nps().value(), 1e-12); // 6 3 0 10 10: 100 * (2 - 3) / 5
    assertFalse(m.scores(SurveyKind.NPS, DateRange.of(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 2, 1))).nps().isDefined());
  }

  @Test
  void periodOverPeriod() {
    TransactionLog log = MetricsFixtures.mixed();
    PurchaseMetrics m = PurchaseMetrics.of(log);
    PeriodComparison c = PeriodComparison.of(Q2, m::purchaseFrequency);
    assertEquals(DateRange.period(Granularity.QUARTER, LocalDate.of(2024, 1, 1)), Q2.previous());
    // Q1 2024: r1 (02-01), r2 (03-31), r3 (01-02), lost1, lost2: 5 orders, 5 buyers
    assertEquals(new Ratio(5, 5), c.previousValue());
    assertEquals(7.0 / 6 - 1.0, c.vsPrevious().absolute(), 1e-12);
    assertEquals(7.0 / 6 - 1.0, c.vsPrevious().relative().value(), 1e-12);
    // Q2 2023: back1 (2023-06-01) only
    assertEquals(new Ratio(1, 1), c.yearEarlierValue());
    // a year before that nobody bought: the change is undefined, not NaN
    PeriodComparison old = PeriodComparison.of(Q2.yearEarlier(), m::purchaseFrequency);
    assertFalse(old.vsYearEarlier().isDefined());
    assertFalse(old.vsYearEarlier().relative().isDefined());
  }

  /** Rates stay in [0, 1] and CRR + churn = 1 on random logs. */
  @RepeatedTest(10)
  void ratesStayInBounds(RepetitionInfo info) {
    long seed = 31L * info.getCurrentRepetition();
    TransactionLog log = TransactionLog.from(
        RandomLogs.transactions(new SplittableRandom(seed), 80, 600), MetricsFixtures.USD, ZoneOffset.UTC);
    PurchaseMetrics m = PurchaseMetrics.of(log);
    for (int month = 1; month <= 12; month++) {
      DateRange p = DateRange.period(Granularity.MONTH, LocalDate.of(2024, month, 1));
      String ctx = "seed " + seed + " " + p;
      RetentionResult r = CustomerRetention.of(log).withActiveWindowDays(60).retention(p);
      if (r.retentionRate().isDefined()) {
        double v = r.retentionRate().value();
        assertTrue(v >= 0 && v <= 1, ctx);
        assertEquals(1.0, v + r.churnRate().value(), 1e-12, ctx);
      }
      assertEquals(r.atEnd(), r.retained() + r.gained(), ctx);
      Ratio rep = m.repeatPurchaseRate(p);
      assertTrue(!rep.isDefined() || (rep.value() >= 0 && rep.value() <= 1), ctx);
      Ratio loyal = m.loyalCustomerRate(p, LoyaltyRule.activeInEachOf(2, Granularity.MONTH));
      assertTrue(!loyal.isDefined() || (loyal.value() >= 0 && loyal.value() <= 1), ctx);
    }
  }

  private static Instant inQ2(int i) {
    return Instant.parse("2024-05-01T12:00:00Z").plusSeconds(3600L * i);
  }

  private static long day(int y, int m, int d) {
    return LocalDate.of(y, m, d).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }
}
