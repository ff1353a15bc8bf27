package dev.retention.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.cohort.CohortSpec;
import dev.retention.data.ActivityLog;
import dev.retention.data.Customer;
import dev.retention.data.RevenueSnapshot;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.HistoricalClv;
import dev.retention.metrics.PurchaseMetrics;
import dev.retention.revenue.RevenueSeries;
import dev.retention.segment.FeatureAdoption;
import dev.retention.segment.Inactivity;
import dev.retention.segment.RfmInput;
import dev.retention.segment.RfmScorer;
import dev.retention.segment.RfmScores;
import dev.retention.segment.Segmentation;
import dev.retention.segment.TierRules;
import dev.retention.summary.CalibrationHoldout;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The argument contract of the public row accessors and of the date helpers, found missing by
 * {@code PublicApiFuzzTest}: a bad index fails with {@code Objects.checkIndex}'s
 * {@code IndexOutOfBoundsException} ("Index 5 out of bounds for length 3", as {@code List.get}
 * does), a null argument with a {@code NullPointerException} naming the parameter, and a date
 * outside {@link LocalDate}'s range with an {@code IllegalArgumentException} naming the argument,
 * the rule and the value (never a {@code java.time.DateTimeException}).
 */
class AccessorContractTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final LocalDate JAN1 = LocalDate.of(2024, 1, 1);
  private static final LocalDate JAN31 = LocalDate.of(2024, 1, 31);

  /**
   * Three rows of two customers: a buys 500 on 01-01 and 300 on 01-15, b buys 200 on 01-10 and
   * 400 on 02-05 (after the 01-31 calibration end: holdout only).
   */
  private static TransactionLog log() {
    return TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", JAN1, 500)
        .purchase("a", LocalDate.of(2024, 1, 15), 300)
        .purchase("b", LocalDate.of(2024, 1, 10), 200)
        .purchase("b", LocalDate.of(2024, 2, 5), 400)
        .build();
  }

  private static ActivityLog activity() {
    long day = 86_400;
    long t = JAN31.toEpochDay() * day;
    return ActivityLog.builder(ZoneOffset.UTC)
        .add("u1", t - 5 * day, "login")
        .add("u1", t - 3 * day, "export")
        .add("u2", t - 1 * day, "login")
        .build();
  }

  /**
   * Asserts that {@code accessor} accepts {@code [0, length)} and rejects every other index with
   * exactly {@code IndexOutOfBoundsException} (not the JVM's {@code ArrayIndexOutOfBounds
   * Exception}) and the message of {@code Objects.checkIndex}.
   */
  private static void assertIndexChecked(String what, int length, IntFunction<?> accessor) {
    for (int i = 0; i < length; i++) {
      accessor.apply(i);
    }
    for (int bad : new int[] {-1, length, length + 1, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      IndexOutOfBoundsException e =
          assertThrows(IndexOutOfBoundsException.class, () -> accessor.apply(bad), what);
      assertSame(IndexOutOfBoundsException.class, e.getClass(), what + "(" + bad + ")");
      assertEquals("Index " + bad + " out of bounds for length " + length, e.getMessage(),
          what + "(" + bad + ")");
    }
  }

  private static void assertNpeNaming(String name, Executable call) {
    NullPointerException e = assertThrows(NullPointerException.class, call);
    assertEquals(name, e.getMessage());
    // Thrown by Objects.requireNonNull, not by dereferencing the null.
    assertEquals("java.util.Objects", e.getStackTrace()[0].getClassName());
  }

  @Test
  void transactionLogRowAndCustomerAccessors() {
    TransactionLog log = log();
    assertEquals(4, log.size());
    assertEquals(2, log.customerCount());
    // rows are grouped by customer, in time order: a's rows 0, 1, b's rows 2, 3
    assertEquals(500, log.amountMinor(0));
    assertEquals(400, log.amountMinor(3));
    assertIndexChecked("amountMinor", 4, log::amountMinor);
    assertIndexChecked("isRefund", 4, log::isRefund);
    assertIndexChecked("date", 4, log::date);
    // the offsets array has customerCount() + 1 entries: end(customerCount()) is still bad
    assertEquals(2, log.end(0));
    assertEquals(4, log.end(1));
    assertIndexChecked("end", 2, log::end);
    assertIndexChecked("start", 2, log::start);
    assertIndexChecked("customerId", 2, log::customerId);
  }

  @Test
  void activityLogAccessors() {
    ActivityLog a = activity();
    assertEquals(2, a.typeCount()); // export, login
    assertEquals("export", a.typeName(0));
    assertIndexChecked("typeName", 2, a::typeName);
    assertIndexChecked("end", 2, a::end);
    assertIndexChecked("epochSecond", 3, a::epochSecond);
  }

  @Test
  void summaryAccessors() {
    CustomerSummaries s = CustomerSummaries.of(log(), SummarySpec.asOf(JAN31));
    // a: purchases on 01-01 and 01-15 -> x = 1; b: one purchase in the window -> x = 0
    assertEquals(1, s.frequency(0));
    assertEquals(0, s.frequency(1));
    assertIndexChecked("frequency", 2, s::frequency);
    assertIndexChecked("recency", 2, s::recency);
    CalibrationHoldout ch = CalibrationHoldout.of(log(), SummarySpec.asOf(JAN31),
        LocalDate.of(2024, 2, 29));
    assertEquals(0, ch.holdoutOrders(0));
    assertEquals(1, ch.holdoutOrders(1)); // b's 02-05 order
    assertIndexChecked("holdoutOrders", 2, ch::holdoutOrders);
  }

  @Test
  void segmentAccessors() {
    RfmInput in = RfmInput.of(JAN31, new String[] {"a", "b", "p"}, new int[] {16, 21,
        RfmInput.NO_PURCHASE}, new int[] {2, 1, 0}, new long[] {800, 200, 0});
    assertFalse(in.isProspect(0));
    assertTrue(in.isProspect(2));
    assertIndexChecked("RfmInput.isProspect", 3, in::isProspect);
    RfmScores scores = RfmScorer.quintiles().score(in);
    assertEquals(0, scores.code(2)); // a prospect is not scored
    assertIndexChecked("RfmScores.code", 3, scores::code);
    assertIndexChecked("RfmScores.explain", 3, scores::explain);
    // spend 800 -> Silver (>= 500), 200 and 0 -> Bronze (>= 0)
    Segmentation seg = TierRules.of(List.of("Bronze", "Silver"), 0, 500).bySpend(in);
    assertEquals("Silver", seg.segment(0));
    assertIndexChecked("Segmentation.segment", 3, seg::segment);
    assertIndexChecked("Segmentation.count", seg.segmentCount(), seg::count);

    Inactivity idle = Inactivity.noPurchase(log(), JAN31, 15);
    // a last bought 01-15 (16 days), b on 01-10 (21 days); b's 02-05 row is after asOf
    assertEquals(2, idle.size());
    assertIndexChecked("Inactivity.daysInactive", 2, idle::daysInactive);

    FeatureAdoption fa = FeatureAdoption.of(activity(), Set.of("login", "export"),
        JAN31.minusDays(29), JAN31.plusDays(1));
    assertEquals(2, fa.size());
    assertIndexChecked("FeatureAdoption.breadth", 2, fa::breadth);
  }

  @Test
  void metricsAndRevenueAccessors() {
    HistoricalClv h = PurchaseMetrics.of(log()).historicalClv(LocalDate.of(2024, 7, 1), 0.5);
    assertEquals(800 * 0.5, h.valueMinor(0), 0.0); // a: 500 + 300, margin 0.5
    assertIndexChecked("HistoricalClv.valueMinor", 2, h::valueMinor);
    RevenueSeries r = RevenueSeries.fromTransactions(log(), Granularity.MONTH);
    assertEquals("b", r.customerId(1));
    assertIndexChecked("RevenueSeries.customerId", 2, r::customerId);
  }

  @Test
  void nullArgumentsAreNamed() {
    TransactionLog log = log();
    assertNpeNaming("from", () -> log.window(null, JAN31));
    assertNpeNaming("toExclusive", () -> log.window(JAN1, null));
    RevenueSnapshot snap = new RevenueSnapshot("a", JAN1, 100, USD);
    assertNpeNaming("snapshots[0] must not be null",
        () -> RevenueSeries.fromSnapshots(Arrays.asList(null, snap), Granularity.MONTH));
    assertNpeNaming("snapshots[1] must not be null",
        () -> RevenueSeries.fromSnapshots(Arrays.asList(snap, null), Granularity.MONTH));
    assertNpeNaming("granularity", () -> DateRange.period(null, JAN1));
    assertNpeNaming("day", () -> DateRange.period(Granularity.MONTH, null));
    assertNpeNaming("date", () -> Granularity.WEEK.index((LocalDate) null));
    assertNpeNaming("date", () -> Granularity.WEEK.truncate(null));
    assertNpeNaming("date", () -> Granularity.MONTH.plus(null, 1));
    assertNpeNaming("from", () -> Granularity.DAY.between(null, JAN1));
    assertNpeNaming("to", () -> Granularity.DAY.between(JAN1, null));
  }

  @Test
  void dateArithmeticOutsideLocalDateIsAnIllegalArgument() {
    // LocalDate.MIN is epoch day -365243219162; 7 * -2147483649 = -15032385543 more days gives
    // -380275604705, below the minimum: the fuzz case of Granularity.plus.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Granularity.WEEK.plus(LocalDate.MIN, -2_147_483_649L));
    assertTrue(e.getMessage().startsWith("periods must "), e.getMessage());
    assertTrue(e.getMessage().endsWith("was -2147483649"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Granularity.YEAR.plus(LocalDate.MAX, 1));
    // 3 * Long.MAX_VALUE overflows before any date is made
    assertThrows(IllegalArgumentException.class,
        () -> Granularity.QUARTER.plus(JAN1, Long.MAX_VALUE));
    // in range: 2024-01-31 plus one month is clamped to the end of February (leap year)
    assertEquals(LocalDate.of(2024, 2, 29), Granularity.MONTH.plus(JAN31, 1));

    // start(periodIndex): the year index used to be cast to int, so 2^32 + 2000 gave 2000-01-01
    assertThrows(IllegalArgumentException.class, () -> Granularity.YEAR.start((1L << 32) + 2000));
    assertThrows(IllegalArgumentException.class, () -> Granularity.DAY.start(Long.MIN_VALUE));
    // LocalDate.MIN is a Monday: its week index (-365243219162 + 3) / 7 = -52177602737 is the
    // first one whose Monday exists
    assertEquals(LocalDate.MIN, Granularity.WEEK.start(-52_177_602_737L));
    assertThrows(IllegalArgumentException.class, () -> Granularity.WEEK.start(-52_177_602_738L));
    assertEquals(LocalDate.of(999_999_999, 12, 1), Granularity.MONTH.start(999_999_999L * 12 + 11));
    assertThrows(IllegalArgumentException.class,
        () -> Granularity.MONTH.start(999_999_999L * 12 + 12));

    // DateRange: a day outside SupportedRange, and the period before the first supported year
    assertThrows(IllegalArgumentException.class,
        () -> DateRange.period(Granularity.WEEK, LocalDate.MAX));
    DateRange first = DateRange.period(Granularity.YEAR, LocalDate.of(1900, 6, 1));
    assertThrows(IllegalArgumentException.class, first::previous);

    // CohortSpec: 1900-01-01T00:00Z is supported, but is 1899-12-31 at -01:00
    List<Customer> early = List.of(new Customer("a", Instant.parse("1900-01-01T00:00:00Z"),
        com.google.common.collect.ImmutableMap.of()));
    assertThrows(IllegalArgumentException.class,
        () -> CohortSpec.monthly(ZoneOffset.ofHours(-1)).withAcquisitionDates(early));
  }
}
