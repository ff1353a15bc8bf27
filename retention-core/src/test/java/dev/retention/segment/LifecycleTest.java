package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.TransactionLog;
import dev.retention.segment.Lifecycle.Stage;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final LocalDate T0 = LocalDate.of(2023, 1, 1);
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /** One customer "x" buying on days 0, 10, 20, 30, 40 and again on day 500, refund on 41. */
  private static TransactionLog log() {
    TransactionLog.Builder b = TransactionLog.builder(Currency.getInstance("EUR"), ZONE);
    for (int d : new int[] {0, 10, 20, 30, 40, 500}) {
      b.purchase("x", T0.plusDays(d), 1000);
    }
    b.refund("x", T0.plusDays(41).atStartOfDay(ZONE).toEpochSecond() + 60, 500);
    b.purchase("y", T0.plusDays(600), 700);
    return b.build();
  }

  private static String stageAt(int day) {
    Segmentation s = Lifecycle.defaults().stages(log(), T0.plusDays(day), List.of("x"));
    return s.segment(s.indexOf("x"));
  }

  @Test
  void everyTransitionOfOneCustomerByHand() {
    // defaults: new < 30 days since first, at risk > 90, lapsed > 180, churned > 365 days since
    // last, reactivated when the last purchase day came > 180 days after the previous one,
    // loyal from 5 orders, repeat from 2.
    assertEquals("PROSPECT", Lifecycle.defaults().stages(log(), T0.minusDays(1), List.of("x"))
        .segment(0));
    assertEquals("NEW", stageAt(0)); // 1 order, first 0 days ago
    assertEquals("NEW", stageAt(29)); // 3 orders, first 29 days ago (< 30)
    assertEquals("REPEAT", stageAt(30)); // 4 orders (days 0,10,20,30), first 30 days ago
    assertEquals("LOYAL", stageAt(40)); // 5 orders
    assertEquals("LOYAL", stageAt(130)); // last purchase day 40: 90 days ago, not > 90
    assertEquals("AT_RISK", stageAt(131)); // 91 days
    assertEquals("AT_RISK", stageAt(220)); // 180 days, not > 180
    assertEquals("LAPSED", stageAt(221)); // 181 days
    assertEquals("LAPSED", stageAt(405)); // 365 days
    assertEquals("CHURNED", stageAt(406)); // 366 days
    assertEquals("REACTIVATED", stageAt(500)); // gap 500 - 40 = 460 > 180, last 0 days ago
    assertEquals("REACTIVATED", stageAt(590)); // 90 days since return, still active
    assertEquals("AT_RISK", stageAt(591)); // 91 days since return: inactivity first
  }

  @Test
  void oneOrderPastTheNewWindowIsActive() {
    // "y" buys once on day 600: day 630 -> 30 days since first -> ACTIVE (not NEW)
    Segmentation s = Lifecycle.defaults().stages(log(), T0.plusDays(630));
    assertEquals("ACTIVE", s.segment(s.indexOf("y")));
    assertTrue(s.explain(s.indexOf("y")).contains("orders=1"), s.explain(s.indexOf("y")));
  }

  @Test
  void stageOfRulesAndValidation() {
    Lifecycle l = Lifecycle.defaults().withLoyalMinOrders(3).withNewWithinDays(7)
        .withInactivityDays(10, 20, 30).withReactivationGapDays(15);
    assertEquals(Stage.LOYAL, l.stageOf(3, 8, 1, 2));
    assertEquals(Stage.NEW, l.stageOf(3, 6, 1, 2));
    assertEquals(Stage.REACTIVATED, l.stageOf(2, 40, 3, 16));
    assertEquals(Stage.AT_RISK, l.stageOf(2, 40, 11, 16));
    assertEquals(Stage.LAPSED, l.stageOf(2, 40, 21, 16));
    assertEquals(Stage.CHURNED, l.stageOf(2, 40, 31, 16));
    assertEquals(Stage.PROSPECT, l.stageOf(0, 0, 0, -1));
    assertThrows(IllegalArgumentException.class,
        () -> Lifecycle.defaults().withInactivityDays(90, 90, 365));
    assertThrows(IllegalArgumentException.class, () -> l.stageOf(1, 3, 5, -1));
  }
}
