package dev.retention.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.RandomLogs;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import dev.retention.time.ModelTimeUnit;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class CustomerSummariesTest {
  private static final Currency USD = Currency.getInstance("USD");

  /**
   * Customer "a": purchases 2024-01-01 (10.00), 2024-01-01 (5.00), 2024-01-03 (20.00), 2024-01-17
   * (30.00), a refund of 4.00 on 2024-01-20 and a purchase on 2024-02-10 (after asOf). Customer
   * "b": one purchase 2024-01-10 (7.00). Customer "c": only a refund. asOf 2024-01-31.
   */
  private static TransactionLog fixture() {
    return TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2024, 1, 1), 1000)
        .purchase("a", LocalDate.of(2024, 1, 1), 500)
        .purchase("a", LocalDate.of(2024, 1, 3), 2000)
        .purchase("a", LocalDate.of(2024, 1, 17), 3000)
        .refund("a", LocalDate.of(2024, 1, 20).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 400)
        .purchase("a", LocalDate.of(2024, 2, 10), 9900)
        .purchase("b", LocalDate.of(2024, 1, 10), 700)
        .refund("c", LocalDate.of(2024, 1, 5).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 100)
        .build();
  }

  @Test
  void dailyPeriodsByHand() {
    CustomerSummaries s = CustomerSummaries.of(fixture(),
        SummarySpec.asOf(LocalDate.of(2024, 1, 31)).withTimeUnit(ModelTimeUnit.WEEKS));
    assertEquals(2, s.size()); // "c" made no purchase
    assertEquals("a", s.customerId(0));
    // a: purchase days 01-01, 01-03, 01-17 -> x = 2; t_x = 16 days; T = 30 days
    assertEquals(2, s.frequency(0));
    assertEquals(16 / 7.0, s.recency(0), 1e-12);
    assertEquals(30 / 7.0, s.age(0), 1e-12);
    assertEquals(4, s.orders(0));
    assertEquals(6500, s.grossRevenueMinor(0));
    assertEquals(6100, s.netRevenueMinor(0)); // 6500 - 400
    assertEquals((2000 + 3000) / 2.0, s.meanRepeatSpendMinor(0), 1e-12);
    assertEquals(6500 / 3.0, s.meanSpendMinor(0), 1e-12);
    assertEquals(LocalDate.of(2024, 1, 1).toEpochDay(), s.firstPurchaseEpochDay(0));
    assertEquals(LocalDate.of(2024, 1, 17).toEpochDay(), s.lastPurchaseEpochDay(0));
    // b: one purchase -> x = 0, t_x = 0, T = 21 days, mean repeat spend 0
    assertEquals(0, s.frequency(1));
    assertEquals(0.0, s.recency(1));
    assertEquals(3.0, s.age(1), 1e-12);
    assertEquals(0.0, s.meanRepeatSpendMinor(1));
  }

  @Test
  void weeklyPeriodsMeasureFromPeriodStarts() {
    CustomerSummaries s = CustomerSummaries.of(fixture(),
        SummarySpec.asOf(LocalDate.of(2024, 1, 31)).withPeriod(Granularity.WEEK)
            .withTimeUnit(ModelTimeUnit.DAYS));
    // 2024-01-01 is a Monday: 01-01 and 01-03 share the week of 01-01; 01-17 is in the week of
    // 01-15. x = 1, t_x = 01-15 - 01-01 = 14 days, T = 01-31 - 01-01 = 30 days.
    assertEquals(1, s.frequency(0));
    assertEquals(14.0, s.recency(0));
    assertEquals(30.0, s.age(0));
    assertEquals(3000.0, s.meanRepeatSpendMinor(0)); // first week spent 3500
    // b: 2024-01-10 is in the week of 01-08: T = 23 days
    assertEquals(23.0, s.age(1));
  }

  @Test
  void windowStartExcludesEarlierPurchases() {
    CustomerSummaries s = CustomerSummaries.of(fixture(),
        SummarySpec.asOf(LocalDate.of(2024, 1, 31)).from(LocalDate.of(2024, 1, 2)));
    assertEquals(1, s.frequency(0)); // 01-03 and 01-17
    assertEquals(14.0, s.recency(0));
    assertEquals(28.0, s.age(0));
    assertThrows(IllegalArgumentException.class,
        () -> SummarySpec.asOf(LocalDate.of(2024, 1, 31)).from(LocalDate.of(2024, 2, 1)));
  }

  @Test
  void calibrationHoldoutByHand() {
    CalibrationHoldout ch = CalibrationHoldout.of(fixture(),
        SummarySpec.asOf(LocalDate.of(2024, 1, 31)), LocalDate.of(2024, 2, 29));
    assertEquals(2, ch.calibration().size());
    assertEquals(1, ch.holdoutPurchases(0));
    assertEquals(9900, ch.holdoutGrossMinor(0));
    assertEquals(0, ch.holdoutPurchases(1));
    assertEquals(29.0, ch.holdoutLength());
    assertThrows(IllegalArgumentException.class, () -> CalibrationHoldout.of(fixture(),
        SummarySpec.asOf(LocalDate.of(2024, 1, 31)), LocalDate.of(2024, 1, 31)));
  }

  /**
   * Logs built from two random halves of the transactions and combined give the summary of the
   * whole; so does the parallel path; and every row satisfies the model constraints.
   */
  @RepeatedTest(10)
  void splitLogsMergedEqualWhole(RepetitionInfo info) {
    long seed = 104_729L * info.getCurrentRepetition();
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Transaction> txs = RandomLogs.transactions(rnd, 200, 3000);
    List<Transaction> left = new ArrayList<>();
    List<Transaction> right = new ArrayList<>();
    for (Transaction t : txs) {
      (rnd.nextBoolean() ? left : right).add(t);
    }
    ZoneId zone = ZoneId.of("Europe/Berlin");
    TransactionLog whole = TransactionLog.from(txs, USD, zone);
    TransactionLog merged = TransactionLog.builder(USD, zone).addAll(left).build()
        .combine(TransactionLog.builder(USD, zone).addAll(right).build());
    for (Granularity g : Granularity.values()) {
      SummarySpec spec = SummarySpec.asOf(LocalDate.of(2024, 6, 30)).withPeriod(g)
          .withTimeUnit(ModelTimeUnit.WEEKS);
      CustomerSummaries a = CustomerSummaries.of(whole, spec);
      assertEquals(a, CustomerSummaries.of(merged, spec), "seed " + seed + " " + g);
      assertEquals(a, CustomerSummaries.compute(whole, spec, true), "seed " + seed + " " + g);
      for (int i = 0; i < a.size(); i++) {
        String ctx = "seed " + seed + " " + g + " row " + i;
        assertTrue(a.frequency(i) >= 0 && a.frequency(i) < a.orders(i) + 1, ctx);
        assertTrue(a.recency(i) >= 0 && a.recency(i) <= a.age(i), ctx);
        assertTrue(a.frequency(i) > 0 || a.recency(i) == 0, ctx);
        assertTrue(a.netRevenueMinor(i) <= a.grossRevenueMinor(i), ctx);
      }
    }
  }
}
