package dev.retention.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.cohort.CohortSpec.RetentionMode;
import dev.retention.data.Transaction;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.Ratio;
import dev.retention.time.Granularity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties over seeded random logs: agreement with {@link SimpleCohorts}, merge = single pass,
 * input order irrelevant, parallel = sequential, rates in [0, 1], unbounded non-increasing.
 */
class CohortMatrixPropertyTest {
  static final Currency USD = Currency.getInstance("USD");
  /** Sao Paulo moved clocks back at midnight until 2019: local days can go backwards there. */
  static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

  /** Random purchases and refunds of up to {@code customers} customers over 2015-2018. */
  static List<Transaction> randomTransactions(long seed, int customers, int rows) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Transaction> out = new ArrayList<>();
    long from = LocalDate.of(2015, 1, 1).toEpochDay() * 86_400L;
    long span = 3L * 365 * 86_400L;
    for (int i = 0; i < rows; i++) {
      String id = "c" + rnd.nextInt(customers);
      // Cluster some rows near local midnights to hit day boundaries.
      long t = from + rnd.nextLong(span);
      if (rnd.nextInt(4) == 0) {
        t = t - Math.floorMod(t, 3600L) + rnd.nextInt(60);
      }
      Instant at = Instant.ofEpochSecond(t);
      if (rnd.nextInt(10) == 0) {
        out.add(Transaction.refund("r" + i, id, at, 1 + rnd.nextInt(5_000), USD, null));
      } else {
        out.add(Transaction.purchase("o" + i, id, at, rnd.nextInt(20_000), USD));
      }
    }
    return out;
  }

  static ZoneId zoneFor(long seed) {
    return seed % 2 == 0 ? ZoneOffset.UTC : SAO_PAULO;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void matchesSimpleReference(long seed) {
    List<Transaction> txs = randomTransactions(seed, 300, 4_000);
    ZoneId zone = zoneFor(seed);
    TransactionLog log = TransactionLog.from(txs, USD, zone);
    // DAY matrices are ~1100 x 1100 cells: checked on two seeds only to keep the suite fast.
    Granularity[] gs = seed <= 2
        ? new Granularity[] {Granularity.DAY, Granularity.WEEK, Granularity.MONTH}
        : new Granularity[] {Granularity.WEEK, Granularity.MONTH};
    for (Granularity g : gs) {
      for (RetentionMode mode : new RetentionMode[] {RetentionMode.CLASSIC, RetentionMode.UNBOUNDED}) {
        // An end inside a period, and an explicit one a year earlier.
        for (LocalDate end : new LocalDate[] {null, LocalDate.of(2016, 11, 30)}) {
          CohortSpec spec = CohortSpec.of(g, zone).withRetention(mode).withObservationEnd(end);
          CohortMatrix m = CohortMatrix.compute(log, spec);
          LocalDate e = m.observationEnd();
          SimpleCohorts ref = new SimpleCohorts(txs, g, zone, e);
          ref.assertMatches(m, "seed " + seed + " " + g + " " + mode + " end " + e);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void mergedRandomSplitsEqualOnePass(long seed) {
    List<Transaction> txs = randomTransactions(seed, 500, 5_000);
    TransactionLog log = TransactionLog.from(txs, USD, zoneFor(seed));
    for (CohortSpec spec : specs(zoneFor(seed))) {
      CohortAccumulator whole = CohortAccumulator.create(log, spec);
      whole.addRange(0, whole.customerCount());
      SplittableRandom rnd = new SplittableRandom(seed);
      int parts = 2 + rnd.nextInt(5);
      CohortAccumulator[] acc = new CohortAccumulator[parts];
      for (int p = 0; p < parts; p++) {
        acc[p] = whole.emptyCopy();
      }
      for (int u = 0; u < whole.customerCount(); u++) {
        acc[rnd.nextInt(parts)].add(u);
      }
      for (int p = 1; p < parts; p++) {
        acc[0].combine(acc[p]);
      }
      assertEquals(whole.snapshot(), acc[0].snapshot(), "seed " + seed + " " + spec);
      CohortMatrix parallel = CohortMatrix.compute(log, spec.withParallel(true));
      assertEquals(whole.snapshot(), parallel, "parallel, seed " + seed + " " + spec);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23})
  void separateLogsCombineWhenTheSpecFixesTheFrame(long seed) {
    List<Transaction> txs = randomTransactions(seed, 400, 4_000);
    ZoneId zone = zoneFor(seed);
    CohortSpec spec = CohortSpec.monthly(zone).withFirstCohort(LocalDate.of(2015, 1, 1))
        .withObservationEnd(LocalDate.of(2017, 12, 31));
    List<Transaction> left = new ArrayList<>();
    List<Transaction> right = new ArrayList<>();
    for (Transaction t : txs) {
      (Math.floorMod(t.customerId().hashCode(), 2) == 0 ? left : right).add(t);
    }
    CohortAccumulator a = CohortAccumulator.create(TransactionLog.from(left, USD, zone), spec);
    CohortAccumulator b = CohortAccumulator.create(TransactionLog.from(right, USD, zone), spec);
    a.addRange(0, a.customerCount());
    b.addRange(0, b.customerCount());
    CohortMatrix whole = CohortMatrix.compute(TransactionLog.from(txs, USD, zone), spec);
    assertEquals(whole, a.combine(b).snapshot(), "seed " + seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33})
  void inputOrderDoesNotMatter(long seed) {
    List<Transaction> txs = randomTransactions(seed, 300, 3_000);
    List<Transaction> shuffled = new ArrayList<>(txs);
    Collections.shuffle(shuffled, new Random(seed));
    ZoneId zone = zoneFor(seed);
    for (CohortSpec spec : specs(zone)) {
      assertEquals(CohortMatrix.compute(TransactionLog.from(txs, USD, zone), spec),
          CohortMatrix.compute(TransactionLog.from(shuffled, USD, zone), spec),
          "seed " + seed + " " + spec);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42, 43, 44})
  void ratesInUnitIntervalAndUnboundedNonIncreasing(long seed) {
    List<Transaction> txs = randomTransactions(seed, 300, 3_000);
    ZoneId zone = zoneFor(seed);
    TransactionLog log = TransactionLog.from(txs, USD, zone);
    for (CohortSpec spec : specs(zone)) {
      CohortMatrix m = CohortMatrix.compute(log, spec);
      for (int i = 0; i < m.cohortCount(); i++) {
        long previous = Long.MAX_VALUE;
        for (int j = 0; j < m.columnCount(); j++) {
          if (m.isCensored(i, j)) {
            continue;
          }
          Ratio r = m.retention(i, j);
          String ctx = "seed " + seed + " " + spec + " cell " + i + "/" + j;
          if (r.isDefined()) {
            assertTrue(r.value() >= 0 && r.value() <= 1, ctx + " retention " + r);
          }
          if (spec.mode() == RetentionMode.UNBOUNDED) {
            assertTrue(m.activeCustomers(i, j) <= previous, ctx + " unbounded increased");
            previous = m.activeCustomers(i, j);
          }
        }
      }
      for (int j = 0; j < m.columnCount(); j++) {
        Ratio avg = m.averageRetention(j);
        if (avg.isDefined()) {
          assertTrue(avg.value() >= 0 && avg.value() <= 1, "seed " + seed + " average " + j);
        }
      }
    }
  }

  static List<CohortSpec> specs(ZoneId zone) {
    return List.of(
        CohortSpec.monthly(zone),
        CohortSpec.weekly(zone).withRetention(RetentionMode.UNBOUNDED),
        CohortSpec.of(Granularity.DAY, zone).withBrackets(List.of(
            CohortSpec.Bracket.of(1, 7), CohortSpec.Bracket.of(8, 30),
            CohortSpec.Bracket.of(31, 90))),
        CohortSpec.of(Granularity.QUARTER, zone)
            .withPartialPeriods(CohortSpec.PartialPeriods.INCLUDE));
  }
}
