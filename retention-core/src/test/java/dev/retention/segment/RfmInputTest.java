package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmInputTest {
  @Test
  void fromLogAsOfADayByHand() {
    ZoneId z = ZoneId.of("America/New_York");
    LocalDate d = LocalDate.of(2024, 3, 31);
    TransactionLog log = TransactionLog.builder(Currency.getInstance("USD"), z)
        .purchase("a", d.minusDays(10), 1000)
        .purchase("a", d.minusDays(3), 0) // a zero-amount purchase is an order
        .refund("a", d.minusDays(1).atStartOfDay(z).toEpochSecond(), 400)
        .purchase("a", d.plusDays(1), 5000) // after the as-of day: ignored
        .purchase("b", d.plusDays(2), 700) // only after: not a customer yet
        .refund("c", d.minusDays(5).atStartOfDay(z).toEpochSecond(), 300) // refund only
        .build();
    RfmInput in = RfmInput.fromLog(log, d, List.of("b", "c", "z"));
    // a: last purchase 3 days ago, 2 orders, net 1000 + 0 - 400 = 600
    assertEquals(4, in.size());
    assertEquals("a", in.customerId(0));
    assertEquals(3, in.recencyDays(0));
    assertEquals(2, in.orders(0));
    assertEquals(600, in.netRevenueMinor(0));
    // prospects in the order given: b (nothing by d), c (refund only: net -300), z (unknown)
    assertEquals("b", in.customerId(1));
    assertTrue(in.isProspect(1));
    assertEquals(0, in.netRevenueMinor(1));
    assertEquals(-300, in.netRevenueMinor(2));
    assertEquals(RfmInput.NO_PURCHASE, in.recencyDays(3));
    assertEquals(3, in.prospectCount());
    assertEquals(300, in.totalNetRevenueMinor());
    assertEquals(2, in.totalOrders());
    // without known customers only a remains
    assertEquals(1, RfmInput.fromLog(log, d).size());
  }
}
