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
  final int minDataDay;
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
    boolean isDirect = spec.cohortBy() == CohortBy.FIRST_PURCHASE && activeType == null;
    int minDay;
    int maxDay;
    int minCohort = Integer.MAX_VALUE;
    if (isDirect && tx.zone().getRules().isFixedOffset()) {
      // One pass over each customer's first and last rows gives the day range and the earliest
      // first purchase; split over cores when the spec is parallel.
      int[] r = scanDirect(tx, spec.parallel());
      minDay = r[0];
      maxDay = r[1];
      minCohort = r[2];
    } else {
      long txRange = dayRange(tx);
      minDay = (int) (txRange >> 32);
      maxDay = (int) txRange;
      if (isDirect) {
        for (int c = 0; c < tx.customerCount(); c++) {
          int d = firstPurchaseDay(tx, tx.start(c), tx.end(c));
          if (d != NO_COHORT && d < minCohort) {
            minCohort = d;
          }
        }
      }
    }
    if (act != null && spec.needsActivity()) {
      long actRange = dayRange(act);
      minDay = Math.min(minDay, (int) (actRange >> 32));
      maxDay = Math.max(maxDay, (int) actRange);
    }
    this.minDataDay = minDay;
    this.maxDataDay = maxDay;

    if (isDirect) {
      direct = true;
      size = tx.customerCount();
      ids = null;
      txIndex = null;
      actIndex = null;
      cohortDay = null;
      minCohortDay = minCohort;
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

  /**
   * For a fixed-offset zone (days non-decreasing in each customer's rows): {min first-row day,
   * max last-row day, min first-purchase day}.
   */
  private static int[] scanDirect(TransactionLog tx, boolean parallel) {
    int n = tx.customerCount();
    int chunks = parallel ? Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), n))
        : 1;
    if (chunks == 1) {
      return scanDirect(tx, 0, n);
    }
    return java.util.stream.IntStream.range(0, chunks).parallel()
        .mapToObj(i -> scanDirect(tx, (int) ((long) n * i / chunks),
            (int) ((long) n * (i + 1) / chunks)))
        .reduce((a, b) -> new int[] {
            Math.min(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2])})
        .orElseThrow();
  }

  private static int[] scanDirect(TransactionLog tx, int from, int to) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    int minCohort = Integer.MAX_VALUE;
    for (int c = from; c < to; c++) {
      int s = tx.start(c);
      int e = tx.end(c);
      int first = tx.epochDay(s);
      min = Math.min(min, first);
      max = Math.max(max, tx.epochDay(e - 1));
      int d = tx.amountMinor(s) >= 0 ? first : firstPurchaseDay(tx, s + 1, e);
      if (d != NO_COHORT) {
        minCohort = Math.min(minCohort, d);
      }
    }
    return new int[] {min, max, minCohort};
  }

  /** The customer ids the computation runs over, sorted. */
  private static String[] universe(TransactionLog tx, ActivityLog act, CohortSpec spec) {
    if (spec.cohortBy() == CohortBy.ACQUISITION_DATE) {
      Map<String, java.time.LocalDate> dates = spec.acquisitionDates();
      for (int c = 0; c < tx.customerCount(); c++) {
        requireDate(dates, tx.customerId(c), c, "transaction log");
      }
      if (act != null) {
        for (int c = 0; c < act.customerCount(); c++) {
          requireDate(dates, act.customerId(c), c, "activity log");
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

  /** The message names the customer's index in its log (the caller reads the id there). */
  private static void requireDate(
      Map<String, LocalDate> dates, String id, int index, String where) {
    if (!dates.containsKey(id)) {
      throw new IllegalArgumentException(
          "acquisitionDates must contain every customer of the " + where
              + ", was missing customer index " + index + " of the " + where
              + " (its customerId(" + index + "))");
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
   * The earliest and latest day of any row, packed as {@code min << 32 | max & 0xffffffff}
   * ({@code MAX_VALUE, MIN_VALUE} when empty). Local days are non-decreasing in time for
   * fixed-offset zones, so the first and last row of each customer suffice there; other zones
   * (where a backward offset change can cross midnight) scan every row.
   */
  private static long dayRange(TransactionLog log) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    if (log.zone().getRules().isFixedOffset()) {
      for (int c = 0; c < log.customerCount(); c++) {
        min = Math.min(min, log.epochDay(log.start(c)));
        max = Math.max(max, log.epochDay(log.end(c) - 1));
      }
    } else {
      for (int r = 0; r < log.size(); r++) {
        min = Math.min(min, log.epochDay(r));
        max = Math.max(max, log.epochDay(r));
      }
    }
    return ((long) min << 32) | (max & 0xffffffffL);
  }

  private static long dayRange(ActivityLog log) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    if (log.zone().getRules().isFixedOffset()) {
      for (int c = 0; c < log.customerCount(); c++) {
        min = Math.min(min, log.epochDay(log.start(c)));
        max = Math.max(max, log.epochDay(log.end(c) - 1));
      }
    } else {
      for (int r = 0; r < log.size(); r++) {
        min = Math.min(min, log.epochDay(r));
        max = Math.max(max, log.epochDay(r));
      }
    }
    return ((long) min << 32) | (max & 0xffffffffL);
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
    int lo = minDataDay == Integer.MAX_VALUE ? endDay : minDataDay;
    int hi = maxDataDay == Integer.MIN_VALUE ? endDay : maxDataDay;
    return new CohortFrame(spec, firstPeriod, endDay, lo, hi);
  }

  String customerId(int u) {
    return direct ? tx.customerId(u) : ids[u];
  }
}
