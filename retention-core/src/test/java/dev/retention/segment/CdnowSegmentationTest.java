package dev.retention.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.TransactionLog;
import dev.retention.segment.RfmScorer.Monetary;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Assumptions;

/** Acceptance on CDNOW_master.txt as of 1998-06-30 (the last day of the data). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnowSegmentationTest {
  private static final LocalDate AS_OF = LocalDate.of(1998, 6, 30);
  private TransactionLog log;
  /** id -> {lastDay, orders, cents}, computed straight from the text, not from the log. */
  private Map<String, long[]> raw;
  private long rawCents;
  private int rawRows;

  @BeforeAll
  void load() throws Exception {
    Assumptions.assumeTrue(Files.exists(SegmentFixtures.CDNOW), SegmentFixtures.SKIP);
    log = SegmentFixtures.cdnow();
    raw = new HashMap<>();
    try (BufferedReader r =
        Files.newBufferedReader(SegmentFixtures.CDNOW, StandardCharsets.US_ASCII)) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4) {
          continue;
        }
        long day = LocalDate.parse(f[1].substring(0, 4) + "-" + f[1].substring(4, 6) + "-"
            + f[1].substring(6)).toEpochDay();
        long cents = SegmentFixtures.cents(f[3], rawRows);
        long[] v = raw.computeIfAbsent(f[0], k -> new long[] {Long.MIN_VALUE, 0, 0});
        v[0] = Math.max(v[0], day);
        v[1]++;
        v[2] += cents;
        rawCents += cents;
        rawRows++;
      }
    }
  }

  @Test
  void inputsMatchTheRawFile() {
    // README: 69,659 rows, 23,570 customers
    assertEquals(69_659, rawRows);
    assertEquals(23_570, raw.size());
    RfmInput in = RfmInput.fromLog(log, AS_OF);
    assertEquals(23_570, in.size());
    for (int i = 0; i < in.size(); i++) {
      long[] v = raw.get(in.customerId(i));
      assertEquals(AS_OF.toEpochDay() - v[0], in.recencyDays(i), in.customerId(i));
      assertEquals(v[1], in.orders(i), in.customerId(i));
      assertEquals(v[2], in.netRevenueMinor(i), in.customerId(i));
    }
  }

  @Test
  void summariesGiveTheSameInputsAsTheLog() {
    RfmInput a = RfmInput.fromLog(log, AS_OF);
    RfmInput b = RfmInput.fromSummaries(CustomerSummaries.of(log, SummarySpec.asOf(AS_OF)));
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.customerId(i), b.customerId(i));
      assertEquals(a.recencyDays(i), b.recencyDays(i), a.customerId(i));
      assertEquals(a.orders(i), b.orders(i), a.customerId(i));
      assertEquals(a.netRevenueMinor(i), b.netRevenueMinor(i), a.customerId(i));
    }
  }

  /** score = 1 + floor(bins * L / N) with L by binary search over a sorted copy. */
  private static int[] independent(double[] values, int bins, boolean lowerIsBetter) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = values.length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double v = values[i];
      long l;
      if (lowerIsBetter) {
        // number strictly greater = n - (index of first element > v)
        int lo = 0;
        int hi = n;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (sorted[mid] <= v) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        l = n - lo;
      } else {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (sorted[mid] < v) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        l = lo;
      }
      out[i] = (int) (1 + bins * l / n);
    }
    return out;
  }

  @Test
  void scoresPerBinMatchAnIndependentQuantileComputation() {
    RfmInput in = RfmInput.fromLog(log, AS_OF);
    for (int bins : new int[] {4, 5}) {
      for (Monetary mon : Monetary.values()) {
        RfmScores s = RfmScorer.quantiles(bins).withMonetary(mon).score(in);
        int n = in.size();
        double[] rec = new double[n];
        double[] ord = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
          rec[i] = in.recencyDays(i);
          ord[i] = in.orders(i);
          m[i] = mon == Monetary.TOTAL ? in.netRevenueMinor(i)
              : (double) in.netRevenueMinor(i) / in.orders(i);
        }
        int[] r = independent(rec, bins, true);
        int[] f = independent(ord, bins, false);
        int[] mm = independent(m, bins, false);
        int[] perBin = new int[bins + 1];
        int[] wantPerBin = new int[bins + 1];
        for (int i = 0; i < n; i++) {
          String msg = bins + " bins " + mon + " customer " + in.customerId(i);
          assertEquals(r[i], s.recency(i), msg);
          assertEquals(f[i], s.frequency(i), msg);
          assertEquals(mm[i], s.monetary(i), msg);
          perBin[s.monetary(i)]++;
          wantPerBin[mm[i]]++;
        }
        assertEquals(Arrays.toString(wantPerBin), Arrays.toString(perBin));
      }
    }
  }

  @Test
  void everyCustomerGetsExactlyOneSegmentAndReportTotalsEqualTheLog() {
    RfmInput in = RfmInput.fromLog(log, AS_OF);
    RfmScores q5 = RfmScorer.quintiles().score(in);
    RfmScores q4 = RfmScorer.quantiles(4).withMonetary(Monetary.MEAN).score(in);
    List<Segmentation> all = List.of(
        RfmSegmentTable.rPackage().assign(q5),
        RfmSegmentTable.recencyFmGrid().assign(q5),
        RfmSegmentTable.pymcMarketing().assign(q4),
        Lifecycle.defaults().stages(log, AS_OF));
    SegmentReport.Builder rb = SegmentReport.builder(log);
    for (Segmentation s : all) {
      assertEquals(23_570, s.size(), s.segmenter());
      long sum = 0;
      for (int k = 0; k < s.segmentCount(); k++) {
        sum += s.count(k);
      }
      assertEquals(23_570, sum, s.segmenter());
      SegmentReport rep = rb.report(s);
      assertEquals(rawCents, rep.totalNetRevenueMinor(), s.segmenter());
      assertEquals(log.netRevenueMinor(), rep.totalNetRevenueMinor(), s.segmenter());
      assertEquals(69_659, rep.totalOrders(), s.segmenter());
      assertEquals(23_570, rep.totalCustomers(), s.segmenter());
      String csv = rep.toCsv();
      assertTrue(csv.startsWith("segment,customers,"), csv);
    }
  }
}
