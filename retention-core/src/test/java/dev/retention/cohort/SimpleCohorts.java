package dev.retention.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionKind;
import dev.retention.time.Granularity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately simple, obviously correct cohort computation over {@link Transaction} objects
 * with java.time only (no {@link Granularity} period indices, no TransactionLog): the independent
 * reference for the engine. Cohort = period of the earliest purchase; active = a purchase in the
 * period; rows after the observation end and before the cohort period are ignored.
 */
final class SimpleCohorts {
  /** Cohort start -> size. */
  final Map<LocalDate, Long> sizes = new TreeMap<>();
  /** "cohortStart/offset" -> {active, orders, net revenue}. */
  final Map<String, long[]> cells = new HashMap<>();
  /** "cohortStart/offset" -> customers active in that period or later (unbounded). */
  final Map<String, Long> unbounded = new HashMap<>();
  final Granularity g;
  final LocalDate end;

  SimpleCohorts(List<Transaction> txs, Granularity g, ZoneId zone, LocalDate end) {
    this.g = g;
    this.end = end;
    Map<String, LocalDate> first = new HashMap<>();
    for (Transaction t : txs) {
      if (t.kind() == TransactionKind.PURCHASE) {
        LocalDate d = t.timestamp().atZone(zone).toLocalDate();
        first.merge(t.customerId(), d, (x, y) -> x.isBefore(y) ? x : y);
      }
    }
    for (LocalDate d : first.values()) {
      if (!d.isAfter(end)) {
        sizes.merge(periodStart(d), 1L, Long::sum);
      }
    }
    Map<String, Set<String>> activeSets = new HashMap<>();
    Map<String, Long> lastActive = new HashMap<>();
    for (Transaction t : txs) {
      LocalDate f = first.get(t.customerId());
      LocalDate d = t.timestamp().atZone(zone).toLocalDate();
      if (f == null || f.isAfter(end) || d.isAfter(end)) {
        continue;
      }
      LocalDate cohort = periodStart(f);
      long k = periodsBetween(cohort, periodStart(d));
      if (k < 0) {
        continue;
      }
      String key = cohort + "/" + k;
      long[] cell = cells.computeIfAbsent(key, x -> new long[3]);
      cell[2] += t.signedAmountMinor();
      if (t.kind() == TransactionKind.PURCHASE) {
        cell[1]++;
        activeSets.computeIfAbsent(key, x -> new HashSet<>()).add(t.customerId());
        lastActive.merge(t.customerId(), k, Math::max);
      }
    }
    for (Map.Entry<String, Set<String>> e : activeSets.entrySet()) {
      cells.get(e.getKey())[0] = e.getValue().size();
    }
    for (Map.Entry<String, Long> e : lastActive.entrySet()) {
      LocalDate cohort = periodStart(first.get(e.getKey()));
      for (long k = 0; k <= e.getValue(); k++) {
        unbounded.merge(cohort + "/" + k, 1L, Long::sum);
      }
    }
  }

  LocalDate periodStart(LocalDate d) {
    switch (g) {
      case DAY:
        return d;
      case WEEK:
        return d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return d.withDayOfMonth(1);
      default:
        throw new IllegalArgumentException("reference supports DAY, WEEK, MONTH, was " + g);
    }
  }

  long periodsBetween(LocalDate a, LocalDate b) {
    switch (g) {
      case DAY:
        return ChronoUnit.DAYS.between(a, b);
      case WEEK:
        return ChronoUnit.WEEKS.between(a, b);
      default:
        return ChronoUnit.MONTHS.between(a, b);
    }
  }

  LocalDate plusPeriods(LocalDate start, long k) {
    switch (g) {
      case DAY:
        return start.plusDays(k);
      case WEEK:
        return start.plusWeeks(k);
      default:
        return start.plusMonths(k);
    }
  }

  /** Whether period k after the cohort is fully observed: its last day is on or before the end. */
  boolean observable(LocalDate cohortStart, long k) {
    return !plusPeriods(cohortStart, k + 1).minusDays(1).isAfter(end);
  }

  /** Asserts every cell of a CLASSIC or UNBOUNDED matrix against this reference. */
  void assertMatches(CohortMatrix m, String ctx) {
    boolean unb = m.spec().mode() == CohortSpec.RetentionMode.UNBOUNDED;
    assertEquals(end, m.observationEnd(), ctx);
    long total = 0;
    for (int i = 0; i < m.cohortCount(); i++) {
      LocalDate c = m.cohortStart(i);
      assertEquals(sizes.getOrDefault(c, 0L), m.cohortSize(i), ctx + " size " + c);
      total += m.cohortSize(i);
      for (int j = 0; j < m.columnCount(); j++) {
        String at = ctx + " cell " + c + "/" + j;
        assertEquals(!observable(c, j), m.isCensored(i, j), at + " censored");
        if (m.isCensored(i, j)) {
          continue;
        }
        long[] cell = cells.getOrDefault(c + "/" + j, new long[3]);
        long act = unb ? unbounded.getOrDefault(c + "/" + j, 0L) : cell[0];
        assertEquals(act, m.activeCustomers(i, j), at + " active");
        assertEquals(cell[1], m.orders(i, j), at + " orders");
        assertEquals(cell[2], m.netRevenueMinor(i, j), at + " revenue");
      }
    }
    long refTotal = 0;
    for (long s : sizes.values()) {
      refTotal += s;
    }
    assertEquals(refTotal, total, ctx + " total members");
  }
}
