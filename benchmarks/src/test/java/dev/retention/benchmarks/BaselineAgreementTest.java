package dev.retention.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.summary.CustomerSummaries;
import dev.retention.summary.SummarySpec;
import dev.retention.time.ModelTimeUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The naive baselines of the benchmarks compute what the library computes, so that the benchmark
 * ratios compare equal work: {@link NaiveSummaries} against {@link CustomerSummaries} and {@link
 * NaiveLog} against {@link TransactionLog}, on a hand-checked case and on seeded random inputs with
 * refunds, same-day repeats and a cut-off inside the data.
 */
class BaselineAgreementTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static Instant at(int y, int m, int d, int hour) {
    return ZonedDateTime.of(y, m, d, hour, 0, 0, 0, NEW_YORK).toInstant();
  }

  @Test
  void naiveSummaryMatchesAHandComputation() {
    // Customer "a": 10.00 and 5.00 on 2024-01-01, 20.00 on 2024-01-15, a 3.00 refund on 2024-01-20,
    // and 7.00 on 2024-02-01 (after asOf 2024-01-29, so ignored).
    // Purchase days {01-01, 01-15}: x = 1; t_x = 14 days = 2 weeks; T = 28 days = 4 weeks;
    // mean repeat spend = 2000 cents (the 01-15 day); orders = 3; net = 1000 + 500 + 2000 - 300.
    List<Transaction> ts = List.of(
        Transaction.purchase("o1", "a", at(2024, 1, 1, 9), 1000, BenchmarkData.USD),
        Transaction.purchase("o2", "a", at(2024, 1, 1, 23), 500, BenchmarkData.USD),
        Transaction.purchase("o3", "a", at(2024, 1, 15, 12), 2000, BenchmarkData.USD),
        Transaction.refund("r1", "a", at(2024, 1, 20, 12), 300, BenchmarkData.USD, "o3"),
        Transaction.purchase("o4", "a", at(2024, 2, 1, 12), 700, BenchmarkData.USD));
    LocalDate asOf = LocalDate.of(2024, 1, 29);
    NaiveSummaries.Row naive = NaiveSummaries.summarise(ts, NEW_YORK, asOf, 7.0, false).get("a");
    assertEquals(new NaiveSummaries.Row(1, 2.0, 4.0, 2000.0, 3, 3200), naive);

    CustomerSummaries lib = CustomerSummaries.of(
        TransactionLog.from(ts, BenchmarkData.USD, NEW_YORK),
        SummarySpec.asOf(asOf).withTimeUnit(ModelTimeUnit.WEEKS));
    assertEquals(1, lib.size());
    assertEquals(naive, rowOf(lib, 0));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 2L, 3L, 20261123L})
  void naiveSummaryEqualsLibrarySummary(long seed) {
    List<Transaction> ts = randomTransactions(seed);
    LocalDate asOf = LocalDate.of(2024, 6, 30);
    for (boolean parallel : new boolean[] {false, true}) {
      Map<String, NaiveSummaries.Row> naive =
          NaiveSummaries.summarise(ts, NEW_YORK, asOf, 7.0, parallel);
      CustomerSummaries lib = CustomerSummaries.compute(
          TransactionLog.from(ts, BenchmarkData.USD, NEW_YORK),
          SummarySpec.asOf(asOf).withTimeUnit(ModelTimeUnit.WEEKS), parallel);
      assertEquals(naive.size(), lib.size(), "customer count, seed " + seed);
      for (int i = 0; i < lib.size(); i++) {
        // Exact equality: both divide the same integer day counts and cent sums by the same values.
        assertEquals(naive.get(lib.customerId(i)), rowOf(lib, i),
            "customer " + lib.customerId(i) + ", parallel " + parallel + ", seed " + seed);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 2L, 3L, 20261123L})
  void naiveLogHasTheLibraryLogsOrder(long seed) {
    List<Transaction> ts = randomTransactions(seed);
    Map<String, List<Transaction>> naive = NaiveLog.sortAndGroup(ts);
    TransactionLog log = TransactionLog.from(ts, BenchmarkData.USD, NEW_YORK);
    assertEquals(naive.size(), log.customerCount(), "customers, seed " + seed);
    int c = 0;
    for (Map.Entry<String, List<Transaction>> e : naive.entrySet()) {
      assertEquals(e.getKey(), log.customerId(c), "customer order, seed " + seed);
      List<Transaction> rows = e.getValue();
      assertEquals(rows.size(), log.end(c) - log.start(c), "rows of " + e.getKey() + ", seed " + seed);
      for (int k = 0; k < rows.size(); k++) {
        int r = log.start(c) + k;
        assertEquals(rows.get(k).timestamp().getEpochSecond(), log.epochSecond(r),
            "second of row " + r + ", seed " + seed);
        assertEquals(rows.get(k).signedAmountMinor(), log.amountMinor(r),
            "amount of row " + r + ", seed " + seed);
      }
      c++;
    }
  }

  @Test
  void generatorIsDeterministicAndInItsRanges() {
    BenchmarkData a = BenchmarkData.generate(10_000, 1_000, 7L);
    BenchmarkData b = BenchmarkData.generate(10_000, 1_000, 7L);
    assertEquals(List.of(a.customerIds), List.of(b.customerIds));
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.epochSeconds[i], b.epochSeconds[i], "second of row " + i);
      assertEquals(a.amountsMinor[i], b.amountsMinor[i], "amount of row " + i);
      // Documented ranges: [2023-01-01, 2026-01-01) UTC and [500, 20500) cents.
      assertTrue(a.epochSeconds[i] >= 1672531200L && a.epochSeconds[i] < 1767225600L,
          "second in range, row " + i);
      assertTrue(a.amountsMinor[i] >= 500 && a.amountsMinor[i] < 20_500,
          "amount in range, row " + i);
    }
    assertEquals("c0000042", String.format(java.util.Locale.ROOT, "c%07d", 42));
  }

  @Test
  void groupedInputBuildsTheSameLog() {
    long seed = 11L;
    BenchmarkData random = BenchmarkData.generate(20_000, 2_000, seed);
    BenchmarkData grouped = random.sortedByCustomer();
    for (int i = 1; i < grouped.size(); i++) {
      int cmp = grouped.customerIds[i - 1].compareTo(grouped.customerIds[i]);
      assertTrue(cmp < 0 || (cmp == 0 && grouped.epochSeconds[i - 1] <= grouped.epochSeconds[i]),
          "grouped by customer then time at row " + i + ", seed " + seed);
    }
    ZoneId utc = ZoneId.of("UTC");
    assertEquals(CustomerSummaryBenchmark.buildLog(random, utc),
        CustomerSummaryBenchmark.buildLog(grouped, utc), "seed " + seed);
  }

  private static NaiveSummaries.Row rowOf(CustomerSummaries s, int i) {
    return new NaiveSummaries.Row(s.frequency(i), s.recency(i), s.age(i),
        s.meanRepeatSpendMinor(i), s.orders(i), s.netRevenueMinor(i));
  }

  /**
   * 60 customers over 2024-01-01 .. 2024-12-31 with 1..30 purchases each, hours spread over the
   * day (so local days differ from UTC days), a few same-day repeats and refunds of part of an
   * order, shuffled.
   */
  private static List<Transaction> randomTransactions(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Transaction> out = new ArrayList<>();
    int order = 0;
    for (int c = 0; c < 60; c++) {
      String id = "cust" + r.nextInt(1000) + "-" + c;
      int n = 1 + r.nextInt(30);
      for (int k = 0; k < n; k++) {
        Instant t = at(2024, 1, 1, 0).plusSeconds(r.nextLong(366L * 86_400));
        long amount = r.nextInt(10) == 0 ? 0 : 100 + r.nextInt(10_000);
        String oid = "o" + order++;
        out.add(Transaction.purchase(oid, id, t, amount, BenchmarkData.USD));
        if (r.nextInt(5) == 0) {
          out.add(Transaction.purchase("o" + order++, id, t.plusSeconds(r.nextInt(3600)),
              100 + r.nextInt(500), BenchmarkData.USD));
        }
        if (amount > 1 && r.nextInt(8) == 0) {
          out.add(Transaction.refund("o" + order++, id, t.plusSeconds(86_400L * r.nextInt(40)),
              1 + r.nextInt((int) amount), BenchmarkData.USD, oid));
        }
      }
    }
    Collections.shuffle(out, new java.util.Random(seed));
    return out;
  }
}
