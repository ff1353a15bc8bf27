package dev.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.cohort.CohortAccumulator;
import dev.retention.cohort.CohortMatrix;
import dev.retention.cohort.CohortSpec;
import dev.retention.data.ActivityEvent;
import dev.retention.data.ActivityLog;
import dev.retention.data.Customer;
import dev.retention.data.RevenueSnapshot;
import dev.retention.data.SurveyKind;
import dev.retention.data.SurveyResponse;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.data.TransactionLog.DuplicateOrders;
import dev.retention.internal.DayClock;
import dev.retention.metrics.PurchaseMetrics;
import dev.retention.metrics.SurveyMetrics;
import dev.retention.revenue.RevenueSeries;
import dev.retention.revenue.UnitEconomics;
import dev.retention.segment.ChurnRisk;
import dev.retention.segment.RfmInput;
import dev.retention.segment.RiskSignals;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for the issue "Hostile input" (data side): each test is named after its case
 * (2: money overflow, 3: wrong timestamps, 6: crashes outside the contract, 7: customer ids in
 * messages, 8: memory), failed on the code before the fix and passes after it.
 */
class HostileInputTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
  private static final long S0 = T0.getEpochSecond();
  private static final String SECRET = "SECRET-ID-42";
  private static final String SECRET_ORDER = "SECRET-ORDER-7";

  /** The exception of {@code r}, which must be {@code type}; its message contains every part. */
  private static <T extends Throwable> T fails(
      Class<T> type, org.junit.jupiter.api.function.Executable r, String... parts) {
    T e = assertThrows(type, r);
    for (String p : parts) {
      assertTrue(e.getMessage() != null && e.getMessage().contains(p),
          () -> "message \"" + e.getMessage() + "\" lacks \"" + p + "\"");
    }
    return e;
  }

  /** As {@link #fails}, and the message carries neither secret id. */
  private static void failsWithoutIds(org.junit.jupiter.api.function.Executable r, String... parts) {
    RuntimeException e = fails(RuntimeException.class, r, parts);
    assertFalse(e.getMessage().contains(SECRET), () -> "message carries the customer id: "
        + e.getMessage());
    assertFalse(e.getMessage().contains(SECRET_ORDER), () -> "message carries the order id: "
        + e.getMessage());
  }

  // ---- case 2: money sums overflow long without an error ----

  /**
   * Purchases of Long.MAX_VALUE and 100: the second row makes the sum of |amount| exceed
   * Long.MAX_VALUE, so every append path rejects it at the call, naming the row and the field.
   * (Before: accepted; CustomerSummaries then reported gross revenue -9223372036854775709.)
   */
  @Test
  void case2_moneySumOverflowIsRejectedAtTheAppendCall_everyPath() {
    String[] parts = {"amountMinor", "9223372036854775807", "row 1"};
    fails(IllegalArgumentException.class, () -> TransactionLog.builder(USD, BERLIN)
        .purchase("a", S0, Long.MAX_VALUE).purchase("a", S0 + 1, 100), parts);
    fails(IllegalArgumentException.class, () -> TransactionLog.builder(USD, BERLIN)
        .purchase(7L, S0, Long.MAX_VALUE).purchase(7L, S0 + 1, 100), parts);
    fails(IllegalArgumentException.class, () -> {
      TransactionLog.Builder b = TransactionLog.builder(USD, BERLIN);
      int h = b.customer("a");
      b.purchaseByHandle(h, S0, Long.MAX_VALUE).purchaseByHandle(h, S0 + 1, 100);
    }, parts);
    fails(IllegalArgumentException.class, () -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.purchase("o1", "a", T0, Long.MAX_VALUE, USD))
        .add(Transaction.purchase("o2", "a", T0, 100, USD)), parts);
    // refunds count with their magnitude: 100 returned after a purchase of Long.MAX_VALUE
    fails(IllegalArgumentException.class, () -> TransactionLog.builder(USD, BERLIN)
        .purchase("a", S0, Long.MAX_VALUE).refund("b", S0 + 1, 100), parts);
    // merged line items: the merged order's amount would overflow
    fails(IllegalArgumentException.class, () -> TransactionLog.builder(USD, BERLIN)
        .duplicateOrders(DuplicateOrders.MERGE_LINE_ITEMS)
        .add(Transaction.purchase("o1", "a", T0, Long.MAX_VALUE, USD))
        .add(Transaction.purchase("o1", "a", T0, 100, USD)), parts);
  }

  /**
   * At the bound the sums are exact: purchases of Long.MAX_VALUE - 100 and 100 give gross = net =
   * Long.MAX_VALUE (hand sum) in the log, the summaries and the cohort matrix, sequential and
   * parallel.
   */
  @Test
  void case2_sumsAtTheBoundAreExact() {
    TransactionLog log = TransactionLog.builder(USD, BERLIN)
        .purchase("a", S0, Long.MAX_VALUE - 100).purchase("a", S0 + 86_400, 100).build();
    assertEquals(Long.MAX_VALUE, log.netRevenueMinor());
    CustomerSummaries s = CustomerSummaries.of(log, SummarySpec.asOf(LocalDate.of(2024, 3, 31)));
    assertEquals(Long.MAX_VALUE, s.grossRevenueMinor(0));
    // mean repeat spend: the one repeat purchase of 100 (was -1.0 at the overflow)
    assertEquals(100.0, s.meanRepeatSpendMinor(0));
    for (boolean parallel : new boolean[] {false, true}) {
      CohortMatrix m = CohortMatrix.compute(log, CohortSpec.monthly(BERLIN)
          .withObservationEnd(LocalDate.of(2024, 3, 31)).withParallel(parallel));
      assertEquals(Long.MAX_VALUE, m.netRevenueMinor(0, 0));
    }
  }

  /**
   * Accumulators over two logs (partitions) whose revenue cells together pass Long.MAX_VALUE: the
   * combine is refused before any state changes, naming the cell (before: a bare
   * ArithmeticException after part of the state was already added).
   */
  @Test
  void case2_combiningPartitionsReportsTheOverflowingCell() {
    CohortSpec spec = CohortSpec.monthly(ZoneOffset.UTC).withFirstCohort(LocalDate.of(2024, 1, 1))
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    long half = Long.MAX_VALUE / 2 + 1; // 2 x half = 2^63 > Long.MAX_VALUE
    TransactionLog p1 = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2024, 1, 5), half).build();
    TransactionLog p2 = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("b", LocalDate.of(2024, 1, 9), half).build();
    CohortAccumulator a = CohortAccumulator.create(p1, spec).addRange(0, 1);
    CohortAccumulator b = CohortAccumulator.create(p2, spec).addRange(0, 1);
    fails(IllegalArgumentException.class, () -> a.combine(b), "revenue", "cohort 0, offset 0");
    // a was left unchanged: its matrix still holds one customer and its own revenue
    assertEquals(half, a.snapshot().netRevenueMinor(0, 0));
    assertEquals(1, a.snapshot().cohortSize(0));
  }

  /** Recurring revenue of Long.MAX_VALUE and 100 in one period: rejected, naming the snapshot. */
  @Test
  void case2_revenueSeriesRejectsAnOverflowingSnapshotSum() {
    LocalDate p = LocalDate.of(2024, 1, 1);
    failsWithoutIds(() -> RevenueSeries.fromSnapshots(List.of(
            RevenueSnapshot.of(SECRET, p, Long.MAX_VALUE, USD),
            RevenueSnapshot.of("b", p, 100, USD)), Granularity.MONTH),
        "recurringRevenueMinor", "row 1");
  }

  /** RfmInput.of with net revenues Long.MAX_VALUE and 100: rejected at the factory, naming row 1. */
  @Test
  void case2_rfmInputRejectsAnOverflowingMoneySum() {
    failsWithoutIds(() -> RfmInput.of(LocalDate.of(2024, 1, 1), new String[] {SECRET, "b"},
            new int[] {1, 1}, new int[] {1, 1}, new long[] {Long.MAX_VALUE, 100}),
        "netRevenueMinor", "row 1");
    failsWithoutIds(() -> RfmInput.of(LocalDate.of(2024, 1, 1), new String[] {SECRET},
        new int[] {1}, new int[] {1}, new long[] {Long.MIN_VALUE}), "netRevenueMinor", "row 0");
  }

  // ---- case 3: one wrong timestamp ----

  /**
   * Microseconds passed as seconds, Instant.MAX and Long.MAX_VALUE seconds in a zone with daylight
   * saving: rejected at the call, at once, with field, rule and value (before: accepted, then 26 s
   * and an OutOfMemoryError at build()).
   */
  @Test
  void case3_wrongTimestampsFailAtOnceOnEveryPath() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      long micros = 1_717_000_000_000_000L;
      String[] parts = {"epochSecond", "[-2208988800, 7258118399]", Long.toString(micros),
          "row 0"};
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).purchase("a", micros, 1), parts);
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).purchase(1L, micros, 1), parts);
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).refund(1L, micros, 1), parts);
      fails(IllegalArgumentException.class, () -> {
        TransactionLog.Builder b = TransactionLog.builder(USD, BERLIN);
        b.purchaseByHandle(b.customer("a"), micros, 1);
      }, parts);
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).refund("a", micros, 1), parts);
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).purchase(1L, Long.MAX_VALUE, 1),
          "epochSecond", Long.toString(Long.MAX_VALUE));
      fails(IllegalArgumentException.class,
          () -> TransactionLog.builder(USD, BERLIN).purchase("a", Instant.MAX, 1),
          "timestamp", Instant.MAX.toString());
      fails(IllegalArgumentException.class,
          () -> Transaction.purchase("o1", "a", Instant.MAX, 1, USD), "timestamp");
      fails(IllegalArgumentException.class,
          () -> ActivityLog.builder(BERLIN).add("a", micros, "login"), parts);
      fails(IllegalArgumentException.class,
          () -> ActivityLog.builder(BERLIN).add("a", Instant.MAX, "login"), "timestamp");
      fails(IllegalArgumentException.class,
          () -> ActivityEvent.of("a", Instant.ofEpochSecond(micros), "login"), "timestamp");
      fails(IllegalArgumentException.class,
          () -> SurveyResponse.of("a", Instant.MAX, SurveyKind.NPS, 9), "timestamp");
      fails(IllegalArgumentException.class,
          () -> Customer.of("a", Instant.ofEpochSecond(micros), Map.of()), "acquiredAt");
      // the internal clock checks its range before walking zone transitions
      fails(IllegalArgumentException.class, () -> new DayClock(BERLIN, 0, Long.MAX_VALUE),
          "maxSecond");
    });
  }

  /**
   * Milliseconds passed as seconds (2024-05-29 in ms = year 56379 in s): rejected with a hint;
   * before they were accepted silently.
   */
  @Test
  void case3_millisecondsPassedAsSecondsAreRejected() {
    long millis = 1_717_000_000_000L;
    fails(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, ZoneOffset.UTC).purchase("a", millis, 1),
        "epochSecond", Long.toString(millis), "milliseconds");
  }

  /**
   * The supported range is inclusive at both ends: 1900-01-01T00:00:00Z and 2199-12-31T23:59:59Z
   * build, with the calendar days java.time gives for Berlin (01:00 CET on 1900-01-01, 00:59:59
   * CET on 2200-01-01).
   */
  @Test
  void case3_theRangeEndsAreAccepted() {
    long min = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("2199-12-31T23:59:59Z").getEpochSecond();
    TransactionLog log = TransactionLog.builder(USD, BERLIN)
        .purchase(1L, min, 1).purchase(1L, max, 1).build();
    assertEquals(LocalDate.of(1900, 1, 1).toEpochDay(), log.epochDay(0));
    assertEquals(LocalDate.of(2200, 1, 1).toEpochDay(), log.epochDay(1));
    fails(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, BERLIN).purchase(1L, min - 1, 1), "row 0");
    fails(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, BERLIN).purchase(1L, max + 1, 1), "row 0");
  }

  /**
   * A row in the year 1,000,000 with an observation end in 2024 made CohortFrame allocate a 1.46
   * GB day table; now the row cannot enter a log, and dates of specs are checked too.
   */
  @Test
  void case3_farFutureDatesAreRejectedBeforeAnyTable() {
    LocalDate farAway = LocalDate.of(1_000_000, 1, 1);
    long second = farAway.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    fails(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, ZoneOffset.UTC).purchase("a", second, 1), "row 0");
    fails(IllegalArgumentException.class,
        () -> TransactionLog.builder(USD, ZoneOffset.UTC).purchase("a", farAway, 1), "date");
    fails(IllegalArgumentException.class, () -> SummarySpec.asOf(farAway), "lastDay");
    fails(IllegalArgumentException.class,
        () -> SummarySpec.asOf(LocalDate.of(2024, 1, 1)).withAsOf(farAway), "lastDay");
    fails(IllegalArgumentException.class,
        () -> CohortSpec.monthly(ZoneOffset.UTC).withObservationEnd(farAway), "lastObservedDay");
    fails(IllegalArgumentException.class,
        () -> CohortSpec.monthly(ZoneOffset.UTC).withFirstCohort(LocalDate.of(1066, 10, 14)),
        "day");
    fails(IllegalArgumentException.class,
        () -> RevenueSnapshot.of("a", farAway, 1, USD), "periodStart");
    fails(IllegalArgumentException.class,
        () -> DateRange.of(LocalDate.of(2024, 1, 1), farAway), "endExclusive");
    fails(IllegalArgumentException.class,
        () -> RfmInput.fromLog(TransactionLog.builder(USD, ZoneOffset.UTC).build(), farAway),
        "asOf");
  }

  // ---- case 6: crashes outside the contract ----

  /** A null customer id fails at the call (before: ArrayIndexOutOfBoundsException at build()). */
  @Test
  void case6_nullCustomerIdFailsAtTheCall() {
    fails(NullPointerException.class,
        () -> TransactionLog.builder(USD, ZoneOffset.UTC).purchase((String) null, 0L, 1L),
        "customerId");
    fails(NullPointerException.class, () -> TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", 0L, 1L).refund((String) null, 0L, 1L), "customerId");
    fails(NullPointerException.class,
        () -> TransactionLog.builder(USD, ZoneOffset.UTC).purchase("a", (Instant) null, 1L),
        "timestamp");
  }

  /** CohortAccumulator.add(-1): an IllegalArgumentException naming the index and its range. */
  @Test
  void case6_cohortAccumulatorIndexOutOfRange() {
    TransactionLog log = TransactionLog.builder(USD, ZoneOffset.UTC).purchase("a", S0, 1).build();
    CohortAccumulator acc = CohortAccumulator.create(log, CohortSpec.monthly(ZoneOffset.UTC));
    fails(IllegalArgumentException.class, () -> acc.add(-1), "u", "[0, 1)", "-1");
    fails(IllegalArgumentException.class, () -> acc.add(1), "u", "[0, 1)", "1");
    fails(IllegalArgumentException.class, () -> acc.addRange(0, 2), "customerCount", "to 2");
  }

  /** Finite inputs no longer give an infinite LTV or CLV. */
  @Test
  void case6_finiteInputsNeverGiveInfinity() {
    fails(IllegalArgumentException.class, () -> UnitEconomics.ltv(1e6, 1, 1e-320),
        "revenueChurnRate", "1.0E-320");
    fails(IllegalArgumentException.class, () -> UnitEconomics.cacPaybackPeriods(1e6, 1e-320, 1),
        "arpaMinor");
    fails(IllegalArgumentException.class, () -> UnitEconomics.ltvToCac(1e300, 1),
        "ltvMinor");
    fails(IllegalArgumentException.class, () -> PurchaseMetrics.simpleClv(1e200, 1e200, 1, 1),
        "averageOrderValue", "1.0E200");
    // the extreme values inside the contract stay finite: 1e19 / 1e-9 = 1e28 (hand computation)
    assertEquals(1e28, UnitEconomics.ltv(1e19, 1, 1e-9).value(), 1e28 * 1e-15);
    assertEquals(1e39, PurchaseMetrics.simpleClv(1e19, 1e10, 1e10, 1), 1e39 * 1e-15);
  }

  // ---- case 7: customer ids in exception messages ----

  /** Every message that used to carry a customer or order id names the row and field instead. */
  @Test
  void case7_messagesNameRowsNotIds() {
    Currency eur = Currency.getInstance("EUR");
    LocalDate p = LocalDate.of(2024, 1, 1);
    failsWithoutIds(() -> SurveyResponse.of(SECRET, T0, SurveyKind.NPS, 11), "score", "11");
    failsWithoutIds(() -> RevenueSnapshot.of(SECRET, p, -1, USD), "recurringRevenueMinor", "-1");
    failsWithoutIds(() -> Transaction.purchase(SECRET_ORDER, SECRET, T0, -5, USD),
        "amountMinor", "-5");
    failsWithoutIds(() -> Transaction.refund(SECRET_ORDER, SECRET, T0, 0, USD, null),
        "amountMinor");
    failsWithoutIds(() -> Transaction.refund(SECRET_ORDER, SECRET, T0, 5, USD, SECRET_ORDER),
        "refundedOrderId");
    failsWithoutIds(() -> new Transaction(SECRET_ORDER, SECRET, T0, 5, USD,
        dev.retention.data.TransactionKind.PURCHASE, SECRET_ORDER), "refundedOrderId");
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.purchase("o0", "a", T0, 1, USD))
        .add(Transaction.purchase(SECRET_ORDER, SECRET, T0, 1, eur)), "currency", "row 1");
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.purchase(SECRET_ORDER, SECRET, T0, 1, USD))
        .add(Transaction.purchase(SECRET_ORDER, SECRET, T0, 1, USD)), "orderId", "row 1");
    // the line-item merge mismatch
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .duplicateOrders(DuplicateOrders.MERGE_LINE_ITEMS)
        .add(Transaction.purchase(SECRET_ORDER, "a", T0, 1, USD))
        .add(Transaction.purchase(SECRET_ORDER, SECRET, T0, 1, USD)), "customerId", "row 1");
    // refunds checked at build()
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.purchase(SECRET_ORDER, SECRET, T0, 100, USD))
        .add(Transaction.refund("r1", SECRET, T0.plusSeconds(60), 101, USD, SECRET_ORDER))
        .build(), "must not exceed", "row 1");
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.purchase(SECRET_ORDER, "a", T0, 100, USD))
        .add(Transaction.refund("r1", SECRET, T0.plusSeconds(60), 10, USD, SECRET_ORDER))
        .build(), "customerId", "row 1");
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN)
        .add(Transaction.refund(SECRET_ORDER, SECRET, T0, 100, USD, null))
        .add(Transaction.refund("r1", SECRET, T0.plusSeconds(60), 10, USD, SECRET_ORDER))
        .build(), "refundedOrderId", "row 1");
    failsWithoutIds(() -> TransactionLog.builder(USD, BERLIN).purchase(-4242L, S0, 1),
        "customerId", "row 0");
    // duplicate ids in RfmInput.of
    failsWithoutIds(() -> RfmInput.of(p, new String[] {SECRET, "b", SECRET},
        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new long[] {1, 1, 1}), "ids[2]", "ids[0]");
    failsWithoutIds(() -> ChurnRisk.defaults().assessAll(p,
        List.of(RiskSignals.of(SECRET), RiskSignals.of(SECRET))), "signals[1]", "signals[0]");
    failsWithoutIds(() -> CohortSpec.monthly(BERLIN).withAcquisitionDates(List.of(
        Customer.of(SECRET, T0, Map.of()), Customer.of(SECRET, T0, Map.of()))), "customer 1",
        "customer 0");
    TransactionLog log = TransactionLog.builder(USD, BERLIN).purchase(SECRET, S0, 1).build();
    failsWithoutIds(() -> CohortMatrix.compute(log,
            CohortSpec.monthly(BERLIN).withAcquisitionDates(Map.of("b", p))),
        "acquisitionDates", "customer index 0");
    failsWithoutIds(() -> SurveyMetrics.of(List.of(SurveyResponse.of(SECRET, T0, SurveyKind.NPS,
            9)), BERLIN).bySegment(SurveyKind.NPS, DateRange.of(p, p.plusYears(1)), id -> null),
        "segmentOf", "response 0");
  }

  // ---- case 8: memory ----

  /**
   * Daily cohorts over 20 years (7,305 x 7,305 = 53 million cells, 2.6 GB at 48 bytes per cell)
   * passed the old cap of 1e8 cells and ran out of memory; the cap set from the memory contract
   * (1e7 cells) refuses them before allocating.
   */
  @Test
  void case8_cohortCapFollowsTheMemoryContract() {
    TransactionLog log = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2004, 1, 1), 1).purchase("b", LocalDate.of(2023, 12, 31), 1)
        .build();
    fails(IllegalArgumentException.class, () -> CohortMatrix.compute(log,
        CohortSpec.of(Granularity.DAY, ZoneOffset.UTC)), "10000000 cells", "7305 x 7305");
    // 3,162^2 <= 1e7 < 3,163^2: 3,163 daily periods are refused by the cap alone
    LocalDate first = LocalDate.of(2010, 1, 1);
    TransactionLog over = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", first, 1).purchase("b", first.plusDays(3162), 1).build();
    fails(IllegalArgumentException.class, () -> CohortMatrix.compute(over,
        CohortSpec.of(Granularity.DAY, ZoneOffset.UTC)), "3163 x 3163");
  }

  /**
   * The bytes per cell behind the cap: computing a 1,000 x 1,000 daily matrix sequentially
   * allocates 32 bytes per cell of accumulator (active, orders, revenue, packed) and 24 of
   * snapshot, 56 in all (the packed array is released before the snapshot copies, so at most 48
   * are live at once, CohortSpec, Memory). Measured with HotSpot's per-thread allocation counter.
   */
  @Test
  void case8_cohortBytesPerCell() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
    org.junit.jupiter.api.Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported()
        && sun.isThreadAllocatedMemoryEnabled());
    LocalDate first = LocalDate.of(2010, 1, 1);
    TransactionLog log = TransactionLog.builder(USD, ZoneOffset.UTC)
        .purchase("a", first, 1).purchase("b", first.plusDays(999), 1).build();
    CohortSpec spec = CohortSpec.of(Granularity.DAY, ZoneOffset.UTC);
    CohortMatrix.compute(log, spec); // warm up: class loading and the JIT allocate too
    long tid = Thread.currentThread().getId();
    long before = sun.getThreadAllocatedBytes(tid);
    CohortMatrix m = CohortMatrix.compute(log, spec);
    double perCell = (sun.getThreadAllocatedBytes(tid) - before) / 1e6;
    assertEquals(1000, m.cohortCount());
    assertTrue(perCell >= 56 && perCell <= 57, perCell + " bytes per cell");
  }
}
