package dev.retention.cohort;

import dev.retention.cohort.CohortSpec.Bracket;
import dev.retention.cohort.CohortSpec.PartialPeriods;
import dev.retention.cohort.CohortSpec.RetentionMode;
import dev.retention.time.Granularity;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed shape of a cohort matrix: first cohort period, number of cohorts and offsets, the
 * observation end, the last observable period and the column layout, plus a day-to-period lookup
 * table for the hot loop. Immutable; not API.
 */
final class CohortFrame {
  final CohortSpec spec;
  final Granularity granularity;
  /** Absolute period index of cohort 0. */
  final long firstPeriod;
  /** Number of cohorts, equal to the number of period offsets {@code 0 .. offsets-1}. */
  final int cohorts;
  final int offsets;
  /** Observation end, inclusive epoch day. */
  final int endDay;
  /** Last fully observable period, relative to {@link #firstPeriod} (may be -1). */
  final int lastObservable;
  final int columns;
  /** Per column: first and last offset (inclusive). */
  final int[] colFrom;
  final int[] colTo;
  /** Offset to column, -1 when the offset is in no column. */
  final int[] colOfOffset;
  /** Table value of a day before the first cohort period. */
  static final int BEFORE = -1_000_000_000;
  /** Table value of a day after the observation end. */
  static final int AFTER = -2_000_000_000;

  /** Epoch day of the first table entry. */
  final int tableStart;
  /**
   * Per day from {@link #tableStart}: the period relative to cohort 0, or {@link #BEFORE} /
   * {@link #AFTER}. Covers every day of the data, so the hot loop needs no range test: a row with
   * a negative offset is rare and classified on a slow path.
   */
  final int[] periodOfDay;

  CohortFrame(CohortSpec spec, long firstPeriod, int endDay, int minDataDay, int maxDataDay) {
    this.spec = spec;
    this.granularity = spec.granularity();
    this.firstPeriod = firstPeriod;
    this.endDay = endDay;
    long endPeriod = granularity.index(endDay);
    if (endPeriod < firstPeriod) {
      throw new IllegalArgumentException(
          "observationEnd must not be before the first cohort (" + granularity.start(firstPeriod)
              + "), was " + LocalDate.ofEpochDay(endDay));
    }
    long n = endPeriod - firstPeriod + 1;
    if (n * n > CohortSpec.MAX_CELLS) {
      throw new IllegalArgumentException(
          "cohorts x offsets must be <= " + CohortSpec.MAX_CELLS + " cells, was " + n + " x " + n
              + " (use a coarser granularity or a later first cohort; see CohortSpec, Memory)");
    }
    this.cohorts = (int) n;
    this.offsets = (int) n;
    boolean endIsLastDay =
        granularity.index((long) endDay + 1) != endPeriod;
    long lastObs = (endIsLastDay || spec.partialPeriods() == PartialPeriods.INCLUDE)
        ? endPeriod : endPeriod - 1;
    this.lastObservable = (int) (lastObs - firstPeriod);
    if (spec.mode() == RetentionMode.BRACKET) {
      List<Bracket> b = spec.brackets();
      columns = b.size();
      colFrom = new int[columns];
      colTo = new int[columns];
      colOfOffset = new int[offsets];
      Arrays.fill(colOfOffset, -1);
      for (int j = 0; j < columns; j++) {
        colFrom[j] = b.get(j).from();
        colTo[j] = b.get(j).to();
        for (int k = colFrom[j]; k <= colTo[j] && k < offsets; k++) {
          colOfOffset[k] = j;
        }
      }
    } else {
      columns = offsets;
      colFrom = new int[columns];
      colTo = new int[columns];
      colOfOffset = new int[offsets];
      for (int k = 0; k < offsets; k++) {
        colFrom[k] = k;
        colTo[k] = k;
        colOfOffset[k] = k;
      }
    }
    int firstDay = Math.toIntExact(granularity.start(firstPeriod).toEpochDay());
    this.tableStart = Math.min(firstDay, minDataDay);
    int tableEnd = Math.max(endDay, maxDataDay);
    this.periodOfDay = new int[Math.toIntExact((long) tableEnd - tableStart + 1)];
    for (int d = tableStart; d <= tableEnd; d++) {
      periodOfDay[d - tableStart] = d < firstDay ? BEFORE
          : d > endDay ? AFTER : (int) (granularity.index(d) - firstPeriod);
    }
  }

  /** The table value of any day (relative period, {@link #BEFORE} or {@link #AFTER}). */
  int periodOf(int day) {
    int i = day - tableStart;
    if (i < 0) {
      return BEFORE;
    }
    if (i >= periodOfDay.length) {
      return AFTER;
    }
    return periodOfDay[i];
  }

  /** Whether cell (cohort i, column j) is censored. */
  boolean censored(int i, int j) {
    return (long) i + colTo[j] > lastObservable;
  }

  boolean sameShape(CohortFrame o) {
    return spec.equals(o.spec) && firstPeriod == o.firstPeriod && endDay == o.endDay;
  }

  String describe() {
    return "first cohort " + granularity.start(firstPeriod) + ", observation end "
        + LocalDate.ofEpochDay(endDay) + ", " + spec;
  }
}
