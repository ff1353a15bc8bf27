package dev.retention.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.TransactionLog;
import dev.retention.testing.Cdnow;
import dev.retention.time.ModelTimeUnit;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the calibration summary of the CDNOW 1/10 sample reproduces Fader &amp; Hardie's
 * published file {@code cdnow_customers_summary_with_transactions.csv} (x, t_x, T in weeks, zbar in
 * dollars, printed to two decimals) for all 2,357 customers.
 */
class CdnowSummaryTest {

  @Test
  void reproducesPublishedCalibrationSummary() {
    List<String[]> expected = Cdnow.csv("cdnow_customers_summary_with_transactions.csv");
    TransactionLog log = Cdnow.log("CDNOW_sample.txt");
    CustomerSummaries s = CustomerSummaries.of(log,
        SummarySpec.asOf(LocalDate.of(1997, 9, 30)).withTimeUnit(ModelTimeUnit.WEEKS));
    assertEquals(2357, expected.size());
    assertEquals(2357, s.size(), "every sample customer made a first purchase in Q1 1997");
    // The file prints 2 decimals; a value v is reproduced when |ours - v| <= 0.005 (+ 1e-9 for
    // binary floating point at exact halves such as 22.345).
    double tol = 0.005 + 1e-9;
    for (String[] row : expected) {
      String id = row[0];
      int i = indexOf(s, id);
      String ctx = "customer " + id;
      assertEquals(Integer.parseInt(row[1]), s.frequency(i), ctx + " x");
      assertEquals(Double.parseDouble(row[2]), s.recency(i), tol, ctx + " t_x");
      assertEquals(Double.parseDouble(row[3]), s.age(i), tol, ctx + " T");
      assertEquals(Double.parseDouble(row[4]), s.meanRepeatSpendMinor(i) / 100.0, tol, ctx + " zbar");
      assertTrue(s.recency(i) <= s.age(i), ctx);
    }
  }

  @Test
  void parallelEqualsSequentialOnMaster() {
    TransactionLog log = Cdnow.log("CDNOW_master.txt");
    SummarySpec spec = SummarySpec.asOf(LocalDate.of(1998, 6, 30)).withTimeUnit(ModelTimeUnit.WEEKS);
    CustomerSummaries seq = CustomerSummaries.compute(log, spec, false);
    CustomerSummaries par = CustomerSummaries.compute(log, spec, true);
    assertEquals(seq, par);
    // README of ../shared/data: 23,570 customers, 69,659 rows
    assertEquals(23_570, seq.size());
    long orders = 0;
    for (int i = 0; i < seq.size(); i++) {
      orders += seq.orders(i);
    }
    assertEquals(69_659, orders);
  }

  private static int indexOf(CustomerSummaries s, String id) {
    int c = s.log().indexOf(id);
    for (int i = 0; i < s.size(); i++) {
      if (s.logIndex(i) == c) {
        return i;
      }
    }
    throw new AssertionError("customer " + id + " missing from the summaries");
  }
}
