package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.CustomerRetention;
import dev.retention.metrics.RetentionResult;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.DateRange;
import dev.retention.time.Granularity;
import dev.retention.time.ModelTimeUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's first-screen example, kept compiling and checked on a hand-made input. */
class ReadmeExampleTest {

  @Test
  void readmeExampleRuns() {
    // two customers active in the 90 days before 2024-04-01; "a" buys again in Q2, "b" does not
    List<Transaction> orders = List.of(
        Transaction.purchase("o1", "a", Instant.parse("2024-03-01T10:00:00Z"), 1999, "USD"),
        Transaction.purchase("o2", "b", Instant.parse("2024-03-02T10:00:00Z"), 500, "USD"),
        Transaction.purchase("o3", "a", Instant.parse("2024-05-20T10:00:00Z"), 2500, "USD"));

    // --- README example, verbatim ---
    TransactionLog log = TransactionLog.from(orders, Currency.getInstance("USD"), ZoneId.of("Europe/Berlin"));
    DateRange quarter = DateRange.period(Granularity.QUARTER, LocalDate.of(2024, 6, 1));

    RetentionResult r = CustomerRetention.of(log).withActiveWindowDays(90).retention(quarter);
    System.out.println("CRR (E-N)/S = " + r.retentionRate() + ", churn = " + r.churnRate());

    CustomerSummaries rfm = CustomerSummaries.of(log,
        SummarySpec.asOf(LocalDate.of(2024, 6, 30)).withTimeUnit(ModelTimeUnit.WEEKS));
    System.out.println("customer 0: x=" + rfm.frequency(0) + " t_x=" + rfm.recency(0) + " T=" + rfm.age(0));
    // --- end of README example ---

    assertEquals(0.5, r.retentionRate().value(), 1e-15); // S = {a, b}, E = {a}
    assertEquals(1, rfm.frequency(0)); // a: 03-01 and 05-20
    assertEquals(80 / 7.0, rfm.recency(0), 1e-12); // 80 days
    assertEquals(121 / 7.0, rfm.age(0), 1e-12); // 03-01 .. 06-30
  }
}
