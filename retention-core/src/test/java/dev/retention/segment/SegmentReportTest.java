package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.retention.data.TransactionLog;
import dev.retention.metrics.RetentionResult;
import dev.retention.time.DateRange;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SegmentReportTest {
  private static final LocalDate D = LocalDate.of(2024, 3, 31);

  /**
   * a: 10.00 + 30.00 (Jan), refund 5.00 (Feb), 20.00 on Apr 10 (after D);
   * b: 7.50 (Mar); c: 100.00 (Jan); d: 2.00 (Jan), not segmented.
   */
  private static TransactionLog log() {
    return TransactionLog.builder(Currency.getInstance("USD"), ZoneOffset.UTC)
        .purchase("a", LocalDate.of(2024, 1, 5), 1000)
        .purchase("a", LocalDate.of(2024, 1, 20), 3000)
        .refund("a", LocalDate.of(2024, 2, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond(), 500)
        .purchase("a", LocalDate.of(2024, 4, 10), 2000)
        .purchase("b", LocalDate.of(2024, 3, 2), 750)
        .purchase("c", LocalDate.of(2024, 1, 9), 10000)
        .purchase("d", LocalDate.of(2024, 1, 9), 200)
        .build();
  }

  private static Segmentation plans() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("a", "Pro");
    m.put("b", "Basic");
    m.put("c", "Pro");
    m.put("e", "Basic"); // no transactions
    return Segmentation.of("plan", D, m);
  }

  @Test
  void rowsByHand() {
    SegmentReport r = SegmentReport.builder(log())
        .withRetentionPeriod(D.plusDays(1), D.plusDays(31)).report(plans());
    // Pro: a (net 1000 + 3000 - 500 = 3500, 2 orders) + c (10000, 1 order) = 13500, 3 orders;
    //      retained in April: a only -> 1 of 2
    SegmentReport.Row pro = r.row("Pro");
    assertEquals(new SegmentReport.Row("Pro", 2, 13_500, 3, 1), pro);
    // Basic: b 750, 1 order; e nothing. Retained 0 of 2
    assertEquals(new SegmentReport.Row("Basic", 2, 750, 1, 0), r.row("Basic"));
    // d is in the log but not segmented: 200, 1 order
    assertEquals(new SegmentReport.Row(SegmentReport.NOT_SEGMENTED, 1, 200, 1, 0),
        r.row(SegmentReport.NOT_SEGMENTED));
    // totals equal the log's rows on or before D: 1000+3000-500+750+10000+200 = 14450, 5 orders
    assertEquals(14_450, r.totalNetRevenueMinor());
    assertEquals(5, r.totalOrders());
    assertEquals(5, r.totalCustomers());
    assertEquals(0.5, r.retentionRate(pro).value(), 0.0);
    assertEquals(0.5, r.churnRate(pro).value(), 0.0);
    assertEquals(4500.0, r.aovMinor(pro).value(), 0.0); // 13500 / 3
    assertEquals(13_500.0 / 14_450, r.revenueShare(pro).value(), 0.0);
    assertEquals(0.4, r.customerShare(pro).value(), 0.0);
    String csv = r.toCsv();
    assertEquals("segment,customers,customer_share,net_revenue,revenue_share,orders,aov,"
        + "retained,retention_rate,churn_rate\r\n"
        + "Pro,2,0.400000,135.00,0.934256,3,45.0000,1,0.500000,0.500000\r\n"
        + "Basic,2,0.400000,7.50,0.051903,1,7.5000,0,0.000000,1.000000\r\n"
        + "(not segmented),1,0.200000,2.00,0.013841,1,2.0000,0,0.000000,1.000000\r\n", csv);
  }

  @Test
  void customerRetentionPerSegmentByHand() {
    // period [Apr 1, May 1), active window 90 days.
    // At the start, active in [Jan 2, Apr 1): a, b, c, d. At the end, in [Jan 31, May 1): a
    // (Apr 10) and b (Mar 2). Pro {a, c}: S=2, E=1, N=0 -> CRR 1/2, churn 1/2.
    // Basic {b, e}: S=1, E=1 -> CRR 1, churn 0. Not segmented {d}: S=1, E=0 -> CRR 0, churn 1.
    SegmentReport r = SegmentReport.builder(log())
        .withCustomerRetention(DateRange.of(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 1)),
            90)
        .report(plans());
    RetentionResult pro = r.customerRetention(r.row("Pro")).orElseThrow();
    assertEquals(2, pro.atStart());
    assertEquals(0.5, pro.retentionRate().value(), 0.0);
    assertEquals(0.5, pro.churnRate().value(), 0.0);
    RetentionResult basic = r.customerRetention(r.row("Basic")).orElseThrow();
    assertEquals(1.0, basic.retentionRate().value(), 0.0);
    RetentionResult rest = r.customerRetention(r.row(SegmentReport.NOT_SEGMENTED)).orElseThrow();
    assertEquals(1.0, rest.churnRate().value(), 0.0);
    String[] lines = r.toCsv().split("\r\n");
    assertEquals("Pro,2,0.400000,135.00,0.934256,3,45.0000,,,,2,0.500000,0.500000", lines[1]);
    assertFalse(SegmentReport.builder(log()).report(plans())
        .customerRetention(r.row("Pro")).isPresent());
  }

  @Test
  void undefinedRatesAreEmptyNotNaN() {
    SegmentReport r = SegmentReport.builder(log()).withRevenueWindow(D.plusDays(100),
        D.plusDays(101)).report(plans());
    SegmentReport.Row basic = r.row("Basic");
    assertFalse(r.aovMinor(basic).isDefined()); // no orders in the window
    assertFalse(r.revenueShare(basic).isDefined()); // total 0
    assertFalse(r.retentionRate(basic).isDefined()); // no period
    assertEquals("Basic,2,0.500000,0.00,,0,,,,\r\n", r.toCsv().split("\r\n")[2] + "\r\n");
    assertThrows(IllegalArgumentException.class, () -> r.row("Gold"));
  }

  @Test
  void csvQuotesFieldsWithCommasAndQuotes() {
    assertEquals("\"a,b\"", SegmentReport.csvField("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", SegmentReport.csvField("say \"hi\""));
    assertEquals("Can't Lose Them", SegmentReport.csvField("Can't Lose Them"));
  }

  @Test
  void migrationMatrixByHand() {
    Map<String, String> before = new LinkedHashMap<>();
    before.put("a", "Loyal");
    before.put("b", "Loyal");
    before.put("c", "New");
    before.put("d", "New");
    Map<String, String> after = new LinkedHashMap<>();
    after.put("a", "At Risk");
    after.put("b", "Loyal");
    after.put("c", "Loyal");
    after.put("e", "New");
    MigrationMatrix m = MigrationMatrix.of(Segmentation.of("s", D, before),
        Segmentation.of("s", D.plusDays(90), after));
    assertEquals(1, m.count("Loyal", "At Risk"));
    assertEquals(1, m.count("Loyal", "Loyal"));
    assertEquals(1, m.count("New", "Loyal"));
    assertEquals(1, m.count("New", MigrationMatrix.ABSENT)); // d left
    assertEquals(1, m.count(MigrationMatrix.ABSENT, "New")); // e arrived
    assertEquals(0, m.count("New", "New"));
    assertEquals(5, m.total()); // a..e
    assertEquals("from\\to,At Risk,Loyal,New,(absent)\r\n"
        + "Loyal,1,1,0,0\r\n"
        + "New,0,1,0,1\r\n"
        + "(absent),0,0,1,0\r\n", m.toCsv());
  }
}
