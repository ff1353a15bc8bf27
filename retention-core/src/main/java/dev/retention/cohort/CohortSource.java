package dev.retention.cohort;

import dev.retention.cohort.CohortSpec.CohortBy;
import dev.retention.data.ActivityLog;
import dev.retention.data.TransactionLog;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The customers a cohort computation runs over and, per customer, its cohort day and its row
 * ranges in the transaction and activity logs. For the default definition (first purchase, active
 * = purchase) the customers are the log's own and nothing is precomputed. Immutable; not API.
 */
final class CohortSource {
  static final int NO_COHORT = Integer.MIN_VALUE;

  final CohortSpec spec;
  final TransactionLog tx;
  final ActivityLog act;
  /** Whether customer u is transaction-log customer u and the cohort is its first purchase. */
  final boolean direct;
  final int size;
  /** Per universe customer (null when direct). */
  final String[] ids;
  final int[] txIndex;
  final int[] actIndex;
  final int[] cohortDay;
  /** Per activity type: whether it makes a customer active (null for purchase activity). */
  final boolean[] activeType;
  final int minCohortDay;
  final int maxDataDay;

  CohortSource(TransactionLog tx, ActivityLog act, CohortSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.tx = Objects.requireNonNull(tx, "transactions");
    if (!tx.zone().equals(spec.zone())) {
      throw new IllegalArgumentException(
          "transactions.zone must equal spec.zone (" + spec.zone() + "), was " + tx.zone());
    }
    if (spec.needsActivity()) {
      Objects.requireNonNull(act, "activity (the spec uses activity events)");
      if (!act.zone().equals(spec.zone())) {
        throw new IllegalArgumentException(
            "activity.zone must equal spec.zone (" + spec.zone() + "), was " + act.zone());
      }
    }
    this.act = act;
    if (spec.activeEventTypes().isEmpty()) {
      activeType = null;
    } else {
      activeType = new boolean[act.typeCount()];
      for (String t : spec.activeEventTypes()) {
        int i = act.typeIndex(t);
        if (i >= 0) {
          activeType[i] = true;
        }
      }
    }
    int maxDay = Integer.MIN_VALUE;
    maxDay = Math.max(maxDay, maxDay(tx));
    if (act != null && spec.needsActivity()) {
      maxDay = Math.max(maxDay, maxDay(act));
    }
    this.maxDataDay = maxDay;

    if (spec.cohortBy() == CohortBy.FIRST_PURCHASE && activeType == null) {
      direct = true;
      size = tx.customerCount();
      ids = null;
      txIndex = null;
      actIndex = null;
      cohortDay = null;
      int min = Integer.MAX_VALUE;
      for (int c = 0; c < size; c++) {
        int d = firstPurchaseDay(tx, tx.start(c), tx.end(c));
        if (d != NO_COHORT && d < min) {
          min = d;
        }
      }
      minCohortDay = min;
      return;
    }
    direct = false;
    ids = universe(tx, spec.needsActivity() ? act : null, spec);
    size = ids.length;
    txIndex = new int[size];
    actIndex = new int[size];
    cohortDay = new int[size];
    int eventType = spec.cohortBy() == CohortBy.FIRST_EVENT ? act.typeIndex(spec.cohortEventType())
        : -1;
    int min = Integer.MAX_VALUE;
    for (int u = 0; u < size; u++) {
      String id = ids[u];
      int t = tx.indexOf(id);
      int a = act != null && spec.needsActivity() ? act.indexOf(id) : -1;
      txIndex[u] = t;
      actIndex[u] = a;
      int d;
      switch (spec.cohortBy()) {
        case FIRST_PURCHASE:
          d = t < 0 ? NO_COHORT : firstPurchaseDay(tx, tx.start(t), tx.end(t));
          break;
        case ACQUISITION_DATE:
          d = Math.toIntExact(spec.acquisitionDates().get(id).toEpochDay());
          break;
        case FIRST_EVENT:
          d = NO_COHORT;
          if (a >= 0 && eventType >= 0) {
            for (int r = act.start(a); r < act.end(a); r++) {
              if (act.type(r) == eventType) {
                d = act.epochDay(r);
                break;
              }
            }
          }
          break;
        default:
          throw new AssertionError(spec.cohortBy());
      }
      cohortDay[u] = d;
      if (d != NO_COHORT && d < min) {
        min = d;
      }
    }
    minCohortDay = min;
  }

  /** The customer ids the computation runs over, sorted. */
  private static String[] universe(TransactionLog tx, ActivityLog act, CohortSpec spec) {
    if (spec.cohortBy() == CohortBy.ACQUISITION_DATE) {
      Map<String, java.time.LocalDate> dates = spec.acquisitionDates();
      for (int c = 0; c < tx.customerCount(); c++) {
        requireDate(dates, tx.customerId(c), "transaction log");
      }
      if (act != null) {
        for (int c = 0; c < act.customerCount(); c++) {
          requireDate(dates, act.customerId(c), "activity log");
        }
      }
      String[] u = dates.keySet().toArray(new String[0]);
      Arrays.sort(u);
      return u;
    }
    if (act == null) {
      String[] u = new String[tx.customerCount()];
      for (int c = 0; c < u.length; c++) {
        u[c] = tx.customerId(c);
      }
      return u;
    }
    // Sorted merge of two sorted id lists.
    String[] u = new String[tx.customerCount() + act.customerCount()];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < tx.customerCount() || j < act.customerCount()) {
      if (j == act.customerCount()) {
        u[n++] = tx.customerId(i++);
      } else if (i == tx.customerCount()) {
        u[n++] = act.customerId(j++);
      } else {
        int cmp = tx.customerId(i).compareTo(act.customerId(j));
        if (cmp < 0) {
          u[n++] = tx.customerId(i++);
        } else if (cmp > 0) {
          u[n++] = act.customerId(j++);
        } else {
          u[n++] = tx.customerId(i++);
          j++;
        }
      }
    }
    return Arrays.copyOf(u, n);
  }

  private static void requireDate(Map<String, LocalDate> dates, String id, String where) {
    if (!dates.containsKey(id)) {
      throw new IllegalArgumentException(
          "acquisitionDates must contain every customer of the " + where
              + ", was missing customer \"" + id + "\"");
    }
  }

  /** The day of the first purchase row in {@code [from, to)}, or {@link #NO_COHORT}. */
  static int firstPurchaseDay(TransactionLog tx, int from, int to) {
    for (int r = from; r < to; r++) {
      if (tx.amountMinor(r) >= 0) {
        return tx.epochDay(r);
      }
    }
    return NO_COHORT;
  }

  /**
   * The latest day of any row. Local days are non-decreasing in time for fixed-offset zones, so
   * the last row of each customer suffices there; other zones (where a backward offset change can
   * cross midnight) scan every row.
   */
  private static int maxDay(TransactionLog log) {
    int max = Integer.MIN_VALUE;
    if (log.zone().getRules().isFixedOffset()) {
      for (int c = 0; c < log.customerCount(); c++) {
        max = Math.max(max, log.epochDay(log.end(c) - 1));
      }
    } else {
      for (int r = 0; r < log.size(); r++) {
        max = Math.max(max, log.epochDay(r));
      }
    }
    return max;
  }

  private static int maxDay(ActivityLog log) {
    int max = Integer.MIN_VALUE;
    if (log.zone().getRules().isFixedOffset()) {
      for (int c = 0; c < log.customerCount(); c++) {
        max = Math.max(max, log.epochDay(log.end(c) - 1));
      }
    } else {
      for (int r = 0; r < log.size(); r++) {
        max = Math.max(max, log.epochDay(r));
      }
    }
    return max;
  }

  /** The frame of the spec over this source's data. */
  CohortFrame frame() {
    LocalDate end = spec.observationEnd();
    int endDay;
    if (end != null) {
      endDay = Math.toIntExact(end.toEpochDay());
    } else if (maxDataDay != Integer.MIN_VALUE) {
      endDay = maxDataDay;
    } else if (minCohortDay != Integer.MAX_VALUE) {
      endDay = minCohortDay; // acquisition dates only, no rows at all
    } else {
      throw new IllegalArgumentException(
          "data must contain at least one row or cohort member when observationEnd is not set, "
              + "was empty");
    }
    long firstPeriod;
    if (spec.firstCohort() != null) {
      firstPeriod = spec.granularity().index(spec.firstCohort());
    } else if (minCohortDay != Integer.MAX_VALUE) {
      firstPeriod = spec.granularity().index(Math.min(minCohortDay, endDay));
    } else {
      firstPeriod = spec.granularity().index(endDay);
    }
    return new CohortFrame(spec, firstPeriod, endDay);
  }

  String customerId(int u) {
    return direct ? tx.customerId(u) : ids[u];
  }
}
