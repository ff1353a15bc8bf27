package dev.retention.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.cohort.CohortSpec.Bracket;
import dev.retention.cohort.CohortSpec.PartialPeriods;
import dev.retention.cohort.CohortSpec.RetentionMode;
import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small hand-checkable fixtures; every expected value is worked out in the comments from the rows
 * listed in {@link #shop()}.
 */
class CohortMatrixFixturesTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final Currency USD = Currency.getInstance("USD");

  static long sec(String date) {
    return LocalDate.parse(date).atStartOfDay(UTC).toEpochSecond() + 3600;
  }

  /**
   * a: buys 2024-01-05 $10.00, 2024-01-20 $5.00, 2024-03-02 $7.00. b: buys 2024-01-31 $20.00,
   * refund 2024-02-10 $5.00. c: buys 2024-02-15 $8.00, a free order 2024-03-01 ($0). d: only a
   * refund 2024-01-10 $3.00 (no cohort).
   */
  static TransactionLog shop() {
    return TransactionLog.builder(USD, UTC)
        .purchase("a", sec("2024-01-05"), 1000)
        .purchase("a", sec("2024-01-20"), 500)
        .purchase("a", sec("2024-03-02"), 700)
        .purchase("b", sec("2024-01-31"), 2000)
        .refund("b", sec("2024-02-10"), 500)
        .purchase("c", sec("2024-02-15"), 800)
        .purchase("c", sec("2024-03-01"), 0)
        .refund("d", sec("2024-01-10"), 300)
        .build();
  }

  @Test
  void classicMonthly() {
    CohortMatrix m = CohortMatrix.compute(shop(), CohortSpec.monthly(UTC));
    // Observation end = latest row day 2024-03-02, inside March: March is partial and censored.
    assertEquals(LocalDate.of(2024, 3, 2), m.observationEnd());
    assertEquals(3, m.cohortCount()); // Jan, Feb, Mar
    assertEquals(LocalDate.of(2024, 1, 1), m.cohortStart(0));
    assertEquals(2, m.cohortSize(0)); // a, b
    assertEquals(1, m.cohortSize(1)); // c
    assertEquals(0, m.cohortSize(2));
    assertEquals(1, m.customersWithoutCohort()); // d
    // Jan cohort, k=0: a and b active; 3 orders; 1000+500+2000 = 3500.
    assertEquals(2, m.activeCustomers(0, 0));
    assertEquals(3, m.orders(0, 0));
    assertEquals(3500, m.netRevenueMinor(0, 0));
    // Jan cohort, k=1 (Feb): only b's refund: nobody active, revenue -500.
    assertEquals(0, m.activeCustomers(0, 1));
    assertEquals(0, m.orders(0, 1));
    assertEquals(-500, m.netRevenueMinor(0, 1));
    // Cumulative per member after k=1: (3500 - 500) / 2 = 1500.
    assertEquals(1500.0, m.cumulativeRevenuePerMember(0, 1).value(), 0.0);
    // March is censored: Jan k=2, Feb k=1, Mar k=0; never shown as 0.
    assertTrue(m.isCensored(0, 2));
    assertTrue(m.isCensored(1, 1));
    assertTrue(m.isCensored(2, 0));
    assertFalse(m.isCensored(1, 0));
    assertThrows(IllegalStateException.class, () -> m.activeCustomers(0, 2));
    // Average retention at k=1: only the Jan cohort is observable: 0 / 2.
    assertEquals(0.0, m.averageRetention(1).value(), 0.0);
    assertEquals(2.0, m.averageRetention(1).denominator(), 0.0);
    // k=0: Jan 2/2 and Feb 1/1 -> 3/3; March censored.
    assertEquals(3.0, m.averageRetention(0).numerator(), 0.0);
    assertEquals(3.0, m.averageRetention(0).denominator(), 0.0);
  }

  @Test
  void observationEndOnLastDayOfMonthMakesItObservable() {
    CohortMatrix m = CohortMatrix.compute(
        shop(), CohortSpec.monthly(UTC).withObservationEnd(LocalDate.of(2024, 3, 31)));
    // Jan k=2 (March): a bought on 03-02 -> 1 active, 1 order, 700.
    assertEquals(1, m.activeCustomers(0, 2));
    assertEquals(700, m.netRevenueMinor(0, 2));
    // Cumulative per member: (3500 - 500 + 700) / 2 = 1850.
    assertEquals(1850.0, m.cumulativeRevenuePerMember(0, 2).value(), 0.0);
    // Feb k=1 (March): c's free order counts as an order and as activity; revenue 0.
    assertEquals(1, m.activeCustomers(1, 1));
    assertEquals(1, m.orders(1, 1));
    assertEquals(0, m.netRevenueMinor(1, 1));
    // March cohort: empty, observable, retention undefined rather than NaN.
    assertFalse(m.isCensored(2, 0));
    assertFalse(m.retention(2, 0).isDefined());
    // Average at k=1: Jan 0/2 and Feb 1/1 -> 1/3.
    assertEquals(1.0 / 3.0, m.averageRetention(1).value(), 1e-15);
    // Average cumulative revenue per member at k=1: (3000 + 800 + 0) / 3.
    assertEquals(3800.0 / 3.0, m.averageCumulativeRevenuePerMember(1).value(), 1e-9);
    assertTrue(m.isCensored(1, 2)); // April
  }

  @Test
  void partialLastPeriodIncludedOnRequest() {
    CohortSpec spec = CohortSpec.monthly(UTC).withObservationEnd(LocalDate.of(2024, 3, 15))
        .withPartialPeriods(PartialPeriods.INCLUDE);
    CohortMatrix m = CohortMatrix.compute(shop(), spec);
    assertFalse(m.isCensored(0, 2));
    assertEquals(1, m.activeCustomers(0, 2)); // a on 03-02 <= 03-15
  }

  @Test
  void rowsAfterObservationEndAreCountedNotUsed() {
    CohortMatrix m = CohortMatrix.compute(
        shop(), CohortSpec.monthly(UTC).withObservationEnd(LocalDate.of(2024, 2, 29)));
    assertEquals(2, m.cohortCount()); // Jan, Feb
    assertEquals(2, m.rowsAfterObservationEnd()); // a 03-02, c 03-01
    assertFalse(m.isCensored(1, 0)); // February ends on 02-29 in 2024
    assertEquals(800, m.netRevenueMinor(1, 0));
  }

  @Test
  void unboundedRetention() {
    CohortMatrix m = CohortMatrix.compute(shop(), CohortSpec.monthly(UTC)
        .withRetention(RetentionMode.UNBOUNDED).withObservationEnd(LocalDate.of(2024, 3, 31)));
    // Jan: k=0 both; k=1 a (active in March, on or after Feb); k=2 a.
    assertEquals(2, m.activeCustomers(0, 0));
    assertEquals(1, m.activeCustomers(0, 1));
    assertEquals(1, m.activeCustomers(0, 2));
    // Feb: c in Feb and March.
    assertEquals(1, m.activeCustomers(1, 0));
    assertEquals(1, m.activeCustomers(1, 1));
    // Orders and revenue do not depend on the mode.
    assertEquals(-500, m.netRevenueMinor(0, 1));
  }

  @Test
  void bracketsOfDays() {
    // x: 01-01 (day 0) $1, 01-04 (day 3) $2, 01-11 (day 10) $4; y: 01-01 $8, 02-10 (day 40) $16.
    TransactionLog log = TransactionLog.builder(USD, UTC)
        .purchase("x", sec("2024-01-01"), 100)
        .purchase("x", sec("2024-01-04"), 200)
        .purchase("x", sec("2024-01-11"), 400)
        .purchase("y", sec("2024-01-01"), 800)
        .purchase("y", sec("2024-02-10"), 1600)
        .build();
    CohortSpec spec = CohortSpec.of(Granularity.DAY, UTC)
        .withBrackets(List.of(Bracket.of(1, 7), Bracket.of(8, 30), Bracket.of(31, 90)))
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    CohortMatrix m = CohortMatrix.compute(log, spec);
    assertEquals(3, m.columnCount());
    assertEquals("8-30", m.columnLabel(1));
    assertEquals(2, m.cohortSize(0));
    assertEquals(1, m.activeCustomers(0, 0)); // x on day 3
    assertEquals(1, m.activeCustomers(0, 1)); // x on day 10
    assertEquals(1, m.activeCustomers(0, 2)); // y on day 40
    assertEquals(200, m.netRevenueMinor(0, 0));
    assertEquals(400, m.netRevenueMinor(0, 1));
    // Cumulative up to day 30 includes day 0: (100 + 800) + 200 + 400 = 1500.
    assertEquals(1500, m.cumulativeNetRevenueMinor(0, 1));
    // 2024-01-01 + 90 days = 2024-03-31 = observation end: observable.
    assertFalse(m.isCensored(0, 2));
    // The 01-04 cohort does not exist (nobody acquired then): size 0.
    assertEquals(0, m.cohortSize(3));
    // Ending a day earlier censors the 31-90 bracket of the first cohort.
    CohortMatrix earlier =
        CohortMatrix.compute(log, spec.withObservationEnd(LocalDate.of(2024, 3, 30)));
    assertTrue(earlier.isCensored(0, 2));
    assertFalse(earlier.isCensored(0, 1));
  }

  /** a browses in Feb and books in Mar; b books in Jan; c only browses. */
  static ActivityLog events() {
    return ActivityLog.builder(UTC)
        .add("a", sec("2024-02-03"), "browse")
        .add("a", sec("2024-03-04"), "book")
        .add("b", sec("2024-01-31"), "book")
        .add("c", sec("2024-02-20"), "browse")
        .add("e", sec("2024-01-15"), "signup")
        .add("a", sec("2024-01-02"), "signup")
        .add("c", sec("2024-02-14"), "signup")
        .build();
  }

  @Test
  void criticalEventDefinesActivity() {
    CohortSpec spec = CohortSpec.monthly(UTC).withActiveEventTypes(List.of("book"))
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    CohortMatrix m = CohortMatrix.compute(shop(), events(), spec);
    // Jan cohort by first purchase (a, b): k=0 only b booked (a bought but did not book).
    assertEquals(2, m.cohortSize(0));
    assertEquals(1, m.activeCustomers(0, 0));
    // k=1: a only browsed -> 0; k=2: a booked -> 1.
    assertEquals(0, m.activeCustomers(0, 1));
    assertEquals(1, m.activeCustomers(0, 2));
    // Feb cohort (c): browsing does not count.
    assertEquals(0, m.activeCustomers(1, 0));
    // Revenue still comes from transactions.
    assertEquals(3500, m.netRevenueMinor(0, 0));
    assertEquals(m, CohortMatrix.compute(shop(), events(), spec.withParallel(true)));
    assertThrows(NullPointerException.class, () -> CohortMatrix.compute(shop(), spec));
  }

  @Test
  void cohortByFirstEvent() {
    CohortSpec spec = CohortSpec.monthly(UTC).withCohortByFirstEvent("signup")
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    CohortMatrix m = CohortMatrix.compute(shop(), events(), spec);
    // signup: a Jan, e Jan (never buys), c Feb; b and d never sign up -> no cohort.
    assertEquals(2, m.cohortSize(0));
    assertEquals(1, m.cohortSize(1));
    assertEquals(2, m.customersWithoutCohort());
    // Jan cohort k=0: a bought in Jan, e did not -> 1 of 2; revenue 1500.
    assertEquals(1, m.activeCustomers(0, 0));
    assertEquals(0.5, m.retention(0, 0).value(), 0.0);
    assertEquals(1500, m.netRevenueMinor(0, 0));
    assertEquals(1, m.activeCustomers(0, 2)); // a in March
    // Customers one at a time into two accumulators, combined: the same matrix.
    CohortAccumulator odd = CohortAccumulator.create(shop(), events(), spec);
    CohortAccumulator even = odd.emptyCopy();
    for (int u = 0; u < odd.customerCount(); u++) {
      (u % 2 == 0 ? even : odd).add(u);
    }
    assertEquals(m, odd.combine(even).snapshot());
    assertEquals(m, CohortMatrix.compute(shop(), events(), spec.withParallel(true)));
  }

  @Test
  void cohortByAcquisitionDate() {
    Map<String, LocalDate> acquired = Map.of(
        "a", LocalDate.of(2023, 12, 20),
        "b", LocalDate.of(2024, 1, 31),
        "c", LocalDate.of(2024, 2, 15),
        "d", LocalDate.of(2024, 1, 10),
        "e", LocalDate.of(2024, 2, 1));
    CohortSpec spec = CohortSpec.monthly(UTC).withAcquisitionDates(acquired)
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    CohortMatrix m = CohortMatrix.compute(shop(), spec);
    // Cohorts Dec 2023 (a), Jan (b, d), Feb (c, e), Mar.
    assertEquals(LocalDate.of(2023, 12, 1), m.cohortStart(0));
    assertEquals(4, m.cohortCount());
    assertEquals(1, m.cohortSize(0));
    assertEquals(2, m.cohortSize(1));
    assertEquals(2, m.cohortSize(2));
    // Dec cohort: a inactive in Dec (k=0), active Jan (k=1) and Mar (k=3).
    assertEquals(0, m.activeCustomers(0, 0));
    assertEquals(1, m.activeCustomers(0, 1));
    assertEquals(0, m.activeCustomers(0, 2));
    assertEquals(1, m.activeCustomers(0, 3));
    // Jan cohort k=0: b bought, d only refunded: 1 active; revenue 2000 - 300 = 1700.
    assertEquals(1, m.activeCustomers(1, 0));
    assertEquals(1700, m.netRevenueMinor(1, 0));
    // Feb cohort: c active k=0 and k=1, e never: retention 1/2.
    assertEquals(0.5, m.retention(2, 1).value(), 0.0);
    assertEquals(m, CohortMatrix.compute(shop(), spec.withParallel(true)));
    // A log customer without a date is an error, not dropped.
    CohortSpec missing = CohortSpec.monthly(UTC).withAcquisitionDates(Map.of("a", LocalDate.of(2024, 1, 1)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CohortMatrix.compute(shop(), missing));
    assertTrue(e.getMessage().contains("acquisitionDates"), e.getMessage());
  }

  @Test
  void purchaseBeforeAcquisitionPeriodIsCountedAside() {
    CohortSpec spec = CohortSpec.monthly(UTC)
        .withAcquisitionDates(Map.of("a", LocalDate.of(2024, 2, 1), "b", LocalDate.of(2024, 1, 1),
            "c", LocalDate.of(2024, 2, 1), "d", LocalDate.of(2024, 1, 1)))
        .withObservationEnd(LocalDate.of(2024, 3, 31));
    CohortMatrix m = CohortMatrix.compute(shop(), spec);
    assertEquals(2, m.rowsBeforeCohort()); // a's two January purchases
  }

  @Test
  void localDaysGoingBackwardsAreCountedOnce() {
    // America/St_Johns moved clocks back from 1987-10-25T00:01-02:30 to 1987-10-24T23:01-03:30,
    // so a later instant can fall on an earlier local day. Rows of customer z, in time order:
    // 1987-10-24T15:00Z (day 10-24), 02:30:30Z = 10-25T00:00:30 local, 02:33Z = 10-24T23:03 local.
    ZoneId stJohns = ZoneId.of("America/St_Johns");
    long t0 = java.time.Instant.parse("1987-10-24T15:00:00Z").getEpochSecond();
    long t1 = java.time.Instant.parse("1987-10-25T02:30:30Z").getEpochSecond();
    long t2 = java.time.Instant.parse("1987-10-25T02:33:00Z").getEpochSecond();
    TransactionLog log = TransactionLog.builder(USD, stJohns)
        .purchase("z", t0, 100).purchase("z", t1, 200).purchase("z", t2, 400).build();
    for (RetentionMode mode : new RetentionMode[] {RetentionMode.CLASSIC, RetentionMode.UNBOUNDED}) {
      CohortMatrix m = CohortMatrix.compute(log, CohortSpec.of(Granularity.DAY, stJohns)
          .withRetention(mode).withObservationEnd(LocalDate.of(1987, 10, 31)));
      // Active on local days 10-24 (two rows) and 10-25 (one row): once per day.
      assertEquals(1, m.activeCustomers(0, 0), mode.toString());
      assertEquals(1, m.activeCustomers(0, 1), mode.toString());
      assertEquals(0, m.activeCustomers(0, 2), mode.toString());
      assertEquals(2, m.orders(0, 0));
      assertEquals(500, m.netRevenueMinor(0, 0));
      assertEquals(200, m.netRevenueMinor(0, 1));
    }
  }

  @Test
  void customersOutsideTheFrameAreCountedNotDropped() {
    // End 2024-01-31: c's first purchase (02-15) is after the end.
    CohortMatrix early = CohortMatrix.compute(
        shop(), CohortSpec.monthly(UTC).withObservationEnd(LocalDate.of(2024, 1, 31)));
    assertEquals(1, early.customersAfterObservationEnd());
    assertEquals(2, early.totalMembers());
    // Rows of members after the end: a 03-02 and b's refund 02-10 (c is no member).
    assertEquals(2, early.rowsAfterObservationEnd());
    // First cohort February: a and b (January) are before it.
    CohortMatrix late = CohortMatrix.compute(shop(), CohortSpec.monthly(UTC)
        .withFirstCohort(LocalDate.of(2024, 2, 10)).withObservationEnd(LocalDate.of(2024, 3, 31)));
    assertEquals(2, late.customersBeforeFirstCohort());
    assertEquals(LocalDate.of(2024, 2, 1), late.cohortStart(0));
    assertEquals(1, late.cohortSize(0));
  }

  @Test
  void acquisitionFromCustomersUsesTheSpecZone() {
    // 2024-01-31T23:30Z is January 31 in UTC: a joins the January cohort; b signs up
    // 2024-02-01T00:30Z: February (in America/St_Johns it would still be January 31).
    List<dev.retention.data.Customer> customers = List.of(
        dev.retention.data.Customer.of("a", java.time.Instant.parse("2024-01-31T23:30:00Z"),
            Map.of()),
        dev.retention.data.Customer.of("b", java.time.Instant.parse("2024-02-01T00:30:00Z"),
            Map.of()),
        dev.retention.data.Customer.of("c", java.time.Instant.parse("2024-02-01T00:00:00Z"),
            Map.of()),
        dev.retention.data.Customer.of("d", java.time.Instant.parse("2024-01-01T00:00:00Z"),
            Map.of()));
    CohortMatrix m = CohortMatrix.compute(shop(), CohortSpec.monthly(UTC)
        .withAcquisitionDates(customers).withObservationEnd(LocalDate.of(2024, 3, 31)));
    assertEquals(2, m.cohortSize(0)); // a, d
    assertEquals(2, m.cohortSize(1)); // b, c
    // February cohort k=0: b only refunded, c bought: 1 active; revenue -500 + 800 = 300.
    assertEquals(1, m.activeCustomers(1, 0));
    assertEquals(300, m.netRevenueMinor(1, 0));
    // b's January purchase is before its cohort period.
    assertEquals(1, m.rowsBeforeCohort());
    assertThrows(IllegalArgumentException.class, () -> CohortSpec.monthly(UTC)
        .withAcquisitionDates(List.of(dev.retention.data.Customer.of("x"))));
  }

  @Test
  void zoneMismatchAndBadArgumentsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> CohortMatrix.compute(shop(), CohortSpec.monthly(ZoneId.of("Europe/Paris"))));
    assertThrows(IllegalArgumentException.class, () -> Bracket.of(3, 2));
    assertThrows(IllegalArgumentException.class, () -> CohortSpec.monthly(UTC)
        .withBrackets(List.of(Bracket.of(0, 5), Bracket.of(5, 9))));
    assertThrows(IllegalArgumentException.class,
        () -> CohortSpec.monthly(UTC).withRetention(RetentionMode.BRACKET));
    // An empty log has no observation end to default to.
    TransactionLog empty = TransactionLog.builder(USD, UTC).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CohortMatrix.compute(empty, CohortSpec.monthly(UTC)));
    assertTrue(e.getMessage().contains("observationEnd"), e.getMessage());
    // With an explicit end it is a one-cohort matrix of size 0 with an undefined retention.
    CohortMatrix none = CohortMatrix.compute(
        empty, CohortSpec.monthly(UTC).withObservationEnd(LocalDate.of(2024, 1, 31)));
    assertEquals(1, none.cohortCount());
    assertFalse(none.averageRetention(0).isDefined());
    // A first cohort after the observation end is rejected.
    assertThrows(IllegalArgumentException.class, () -> CohortMatrix.compute(shop(),
        CohortSpec.monthly(UTC).withFirstCohort(LocalDate.of(2024, 5, 1))));
  }

  @Test
  void combineRejectsOtherFrames() {
    CohortAccumulator a = CohortAccumulator.create(shop(), CohortSpec.monthly(UTC));
    CohortAccumulator b = CohortAccumulator.create(shop(), CohortSpec.weekly(UTC));
    a.addRange(0, a.customerCount());
    CohortMatrix before = a.snapshot();
    assertThrows(IllegalArgumentException.class, () -> a.combine(b));
    assertEquals(before, a.snapshot()); // nothing changed
  }

  @Test
  void exports() {
    CohortMatrix m = CohortMatrix.compute(shop(), CohortSpec.monthly(UTC));
    String csv = CohortTables.writeCsv(m, new StringBuilder()).toString();
    String[] lines = csv.split("\n");
    assertEquals(1 + 3 * 3, lines.length);
    // Jan cohort k=1: 0 active of 2, 0 orders, -500, cumulative 3000, 1500.00 per member.
    assertEquals("2024-01-01,2,1,1,1,false,0,0.0000,0,-500,3000,1500.00", lines[2]);
    assertEquals("2024-01-01,2,2,2,2,true,,,,,,", lines[3]);
    String md = CohortTables.writeMarkdown(m, CohortTables.Measure.RETENTION, new StringBuilder())
        .toString();
    String[] rows = md.split("\n");
    assertEquals("| cohort | size | 0 | 1 | 2 |", rows[0]);
    assertEquals("| 2024-01-01 | 2 | 1.0000 | 0.0000 | . |", rows[2]);
    assertEquals("| 2024-03-01 | 0 | . | . | . |", rows[4]);
    assertEquals("| all | 3 | 1.0000 | 0.0000 | n/a |", rows[5]);
    String txt = CohortTables.writePlainText(m, CohortTables.Measure.ORDERS, new StringBuilder())
        .toString();
    assertEquals("cohort      size  0  1  2", txt.split("\n")[0]);
    assertEquals("2024-01-01     2  3  0  .", txt.split("\n")[1]);
  }
}
