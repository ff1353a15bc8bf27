package dev.retention.revenue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.RevenueSnapshot;
import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed MRR movements, NRR/GRR and unit economics; identities on random series. */
class RevenueSeriesTest {
  static final Currency USD = Currency.getInstance("USD");

  static RevenueSnapshot s(String id, String month, long mrr) {
    return RevenueSnapshot.of(id, LocalDate.parse(month + "-01"), mrr, USD);
  }

  /**
   * A: Jan 100, Feb 100, Mar 150, Apr 150. B: Jan 200, Feb 120, (none in Mar), Apr 130. C: Feb 50,
   * Mar 50, Apr 0. D: Apr 70.
   */
  static RevenueSeries fixture() {
    return RevenueSeries.fromSnapshots(List.of(
        s("A", "2024-01", 100), s("A", "2024-02", 100), s("A", "2024-03", 150),
        s("A", "2024-04", 150), s("B", "2024-01", 200), s("B", "2024-02", 120),
        s("B", "2024-04", 130), s("C", "2024-02", 50), s("C", "2024-03", 50),
        s("C", "2024-04", 0), s("D", "2024-04", 70)), Granularity.MONTH);
  }

  @Test
  void movementsByHand() {
    List<MrrMovement> m = fixture().movements();
    assertEquals(4, m.size());
    // January: no earlier data, everything is new: A 100 + B 200.
    assertEquals(300, m.get(0).newMrr());
    assertEquals(2, m.get(0).newCustomers());
    assertFalse(m.get(0).grossMrrChurnRate().isDefined()); // starts at 0
    // February: B contracts 200 -> 120 (80), C is new (50). 300 + 50 - 80 = 270.
    MrrMovement feb = m.get(1);
    assertEquals(new MrrMovement(LocalDate.of(2024, 2, 1), 300, 270, 50, 0, 80, 0, 0, 2, 3, 1, 0,
        0), feb);
    assertEquals(80.0 / 300, feb.grossMrrChurnRate().value(), 1e-15);
    assertEquals(50.0 / 80, feb.quickRatio().value(), 1e-15);
    assertEquals(90.0, feb.arpa().value(), 1e-12); // 270 / 3
    // March: A expands 100 -> 150 (+50), B churns (120). 270 + 50 - 120 = 200.
    MrrMovement mar = m.get(2);
    assertEquals(new MrrMovement(LocalDate.of(2024, 3, 1), 270, 200, 0, 50, 0, 120, 0, 3, 2, 0, 0,
        1), mar);
    assertEquals(1.0 / 3, mar.customerChurnRate().value(), 1e-15);
    assertEquals(120.0 / 270, mar.grossMrrChurnRate().value(), 1e-15);
    assertEquals(70.0 / 270, mar.netMrrChurnRate().value(), 1e-15); // (120 - 50) / 270
    // April: B reactivates (130), C churns (50), D is new (70). 200 + 70 + 130 - 50 = 350.
    MrrMovement apr = m.get(3);
    assertEquals(new MrrMovement(LocalDate.of(2024, 4, 1), 200, 350, 70, 0, 0, 50, 130, 2, 3, 1, 1,
        1), apr);
    assertEquals(-0.4, apr.netMrrChurnRate().value(), 1e-15); // (50 - 130) / 200
    assertEquals(1.4, apr.quickRatio().value(), 1e-15); // 70 / 50
    assertEquals(4.0, apr.quickRatioWithReactivation().value(), 1e-15); // 200 / 50
    assertEquals(350.0 / 3, apr.arpa().value(), 1e-12);
    assertEquals(150, apr.netNewMrr());
  }

  @Test
  void nrrAndGrrByHand() {
    RevenueSeries r = fixture();
    // Base January {A 100, B 200}; April A 150, B 130: NRR 280/300, GRR (100 + 130)/300.
    RevenueRetention jan = r.retention(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 4, 1));
    assertEquals(280.0 / 300, jan.nrr().value(), 1e-15);
    assertEquals(230.0 / 300, jan.grr().value(), 1e-15);
    assertEquals(2, jan.baseCustomers());
    assertEquals(2, jan.retainedCustomers());
    // January cohort after 2 months (March): A 150 + B 0 over 300; GRR 100 / 300.
    RevenueRetention c = r.cohortRetention(LocalDate.of(2024, 1, 1), 2);
    assertEquals(0.5, c.nrr().value(), 1e-15);
    assertEquals(100.0 / 300, c.grr().value(), 1e-15);
    // February cohort is C alone (A and B had revenue before): March 50/50, April 0/50.
    assertEquals(1.0, r.cohortRetention(LocalDate.of(2024, 2, 1), 1).nrr().value(), 0.0);
    assertEquals(0.0, r.cohortRetention(LocalDate.of(2024, 2, 1), 2).nrr().value(), 0.0);
    assertEquals(1, r.cohortRetention(LocalDate.of(2024, 2, 1), 2).baseCustomers());
    assertThrows(IllegalArgumentException.class,
        () -> r.cohortRetention(LocalDate.of(2024, 2, 1), 3));
  }

  @Test
  void yearlyNrrFromSnapshots() {
    // X: 100 -> 120, Y: 50 -> gone, Z: new in 2024 (excluded). NRR 120/150, GRR 100/150.
    RevenueSeries r = RevenueSeries.fromSnapshots(List.of(s("X", "2023-01", 100),
        s("X", "2024-01", 120), s("Y", "2023-01", 50), s("Z", "2024-01", 500)),
        Granularity.MONTH);
    RevenueRetention y = r.yearlyRetention(LocalDate.of(2024, 1, 15));
    assertEquals(LocalDate.of(2023, 1, 1), y.basePeriod());
    assertEquals(0.8, y.nrr().value(), 1e-15);
    assertEquals(100.0 / 150, y.grr().value(), 1e-15);
    assertEquals(0.5, y.customerRetention().value(), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> r.yearlyRetention(LocalDate.of(2023, 6, 1)));
  }

  @Test
  void storeNrrFromTransactions() {
    // p: 2023 1.00 + 0.50, 2024 3.00; q: 2023 2.00, 2024 a refund of 0.30; r: 2024 only.
    TransactionLog log = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("p", LocalDate.of(2023, 3, 1), 100).purchase("p", LocalDate.of(2023, 9, 1), 50)
        .purchase("p", LocalDate.of(2024, 2, 1), 300).purchase("q", LocalDate.of(2023, 5, 5), 200)
        .refund("q", LocalDate.of(2024, 1, 10).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 30)
        .purchase("r", LocalDate.of(2024, 7, 1), 1000).build();
    RevenueSeries y = RevenueSeries.fromTransactions(log, Granularity.YEAR);
    assertEquals(2, y.periodCount());
    assertEquals(-30, y.revenueMinor(1, 1));
    RevenueRetention rr = y.yearlyRetention(LocalDate.of(2024, 1, 1));
    // Base {p 150, q 200} = 350; current p 300 + q -30 = 270; GRR (150 + (-30)) / 350.
    assertEquals(270.0 / 350, rr.nrr().value(), 1e-15);
    assertEquals(120.0 / 350, rr.grr().value(), 1e-15);
    // Movements need non-negative revenue.
    assertThrows(IllegalStateException.class, y::movements);
  }

  @Test
  void badSnapshotsAreRejected() {
    IllegalArgumentException notStart = assertThrows(IllegalArgumentException.class,
        () -> RevenueSeries.fromSnapshots(
            List.of(RevenueSnapshot.of("A", LocalDate.of(2024, 1, 15), 1, USD)),
            Granularity.MONTH));
    assertTrue(notStart.getMessage().contains("periodStart"), notStart.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RevenueSeries.fromSnapshots(
        List.of(s("A", "2024-01", 1), s("A", "2024-01", 2)), Granularity.MONTH));
    assertThrows(IllegalArgumentException.class, () -> RevenueSeries.fromSnapshots(List.of(
        s("A", "2024-01", 1),
        RevenueSnapshot.of("B", LocalDate.of(2024, 1, 1), 1, Currency.getInstance("EUR"))),
        Granularity.MONTH));
    assertThrows(IllegalArgumentException.class,
        () -> RevenueSeries.fromSnapshots(List.of(), Granularity.MONTH));
  }

  @Test
  void unitEconomicsByHand() {
    // ARPA $90.00, 80% margin, 2% monthly revenue churn: 9000 x 0.8 / 0.02 = 360000 cents.
    assertEquals(360_000.0, UnitEconomics.ltv(9000, 0.8, 0.02).value(), 1e-9);
    // LTV $3600 against CAC $1200: 3.
    assertEquals(3.0, UnitEconomics.ltvToCac(360_000, 120_000).value(), 1e-15);
    // Payback: 120000 / (9000 x 0.8) = 16.67 months.
    assertEquals(120_000.0 / 7_200, UnitEconomics.cacPaybackPeriods(120_000, 9000, 0.8).value(),
        1e-12);
    assertFalse(UnitEconomics.ltv(9000, 0.8, 0).isDefined()); // no churn: infinite lifetime
    assertThrows(IllegalArgumentException.class, () -> UnitEconomics.ltv(9000, 1.2, 0.02));
    assertThrows(IllegalArgumentException.class, () -> UnitEconomics.ltv(Double.NaN, 0.5, 0.02));
    assertThrows(IllegalArgumentException.class, () -> UnitEconomics.ltvToCac(1, -1));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void identitiesOnRandomSeries(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<RevenueSnapshot> list = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      for (int m = 0; m < 24; m++) {
        if (rnd.nextInt(3) > 0) {
          list.add(RevenueSnapshot.of("c" + c, LocalDate.of(2022, 1, 1).plusMonths(m),
              rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(10_000), USD));
        }
      }
    }
    RevenueSeries r = RevenueSeries.fromSnapshots(list, Granularity.MONTH);
    List<RevenueSnapshot> shuffled = new ArrayList<>(list);
    Collections.shuffle(shuffled, new Random(seed));
    RevenueSeries r2 = RevenueSeries.fromSnapshots(shuffled, Granularity.MONTH);
    List<MrrMovement> ms = r.movements();
    assertEquals(ms, r2.movements(), "seed " + seed + ": input order changed the movements");
    for (int t = 0; t < ms.size(); t++) {
      MrrMovement m = ms.get(t);
      String ctx = "seed " + seed + " period " + m.period();
      assertEquals(m.endMrr() - m.startMrr(), m.netNewMrr(), ctx);
      if (t > 0) {
        assertEquals(ms.get(t - 1).endMrr(), m.startMrr(), ctx);
        assertEquals(ms.get(t - 1).endCustomers(), m.startCustomers(), ctx);
      }
      assertEquals(m.startCustomers() + m.newCustomers() + m.reactivatedCustomers()
          - m.churnedCustomers(), m.endCustomers(), ctx);
      if (m.grossMrrChurnRate().isDefined()) {
        double g = m.grossMrrChurnRate().value();
        assertTrue(g >= 0 && g <= 1, ctx + " gross churn " + g);
      }
    }
    for (int b = 0; b < 12; b++) {
      RevenueRetention y = r.yearlyRetention(r.periodStart(b + 12));
      String ctx = "seed " + seed + " base " + r.periodStart(b);
      if (y.nrr().isDefined()) {
        assertTrue(y.grr().value() <= 1 && y.grr().value() <= y.nrr().value() + 1e-15, ctx);
      }
    }
  }
}
