package dev.retention.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Converts epoch seconds to epoch days in a time zone without allocating per call. For a zone with
 * daylight-saving or other transitions, the offsets between a given minimum and maximum instant
 * are tabulated once and looked up by binary search (a few entries per year of data); outside that
 * range the offset of the last interval looked up is cached. Not thread-safe (one instance per
 * thread); not API.
 */
public final class DayClock {
  private static final long SECONDS_PER_DAY = 86_400L;

  private final ZoneRules rules;
  private final boolean fixed;
  /** Start second of each tabulated interval, ascending; {@code starts[0] = Long.MIN_VALUE}. */
  private long[] starts = {Long.MIN_VALUE};
  private long[] offsets = {0};
  private long tableFrom = Long.MAX_VALUE;
  private long tableUntil = Long.MIN_VALUE;
  private long validFrom = Long.MAX_VALUE;
  private long validUntil = Long.MIN_VALUE;
  private long offsetSeconds;
  /**
   * Per UTC day {@code dayFrom + u} of the tabulated range: the offset at the day's first second,
   * the first transition inside the day ({@code Long.MAX_VALUE} when none) and the offset after it.
   * Built only when no UTC day holds two transitions; then a conversion is two reads in small
   * arrays instead of a binary search.
   */
  private long dayFrom;
  private int[] dayOffset;
  private long[] dayTransition;
  private int[] dayOffsetAfter;

  /** Day tables are built for ranges of at most this many days (a little over 1,000 years). */
  private static final int MAX_TABLE_DAYS = 400_000;

  /**
   * A clock for a zone, with no precomputed range.
   *
   * @param zone the zone whose calendar days are wanted
   */
  public DayClock(ZoneId zone) {
    this.rules = zone.getRules();
    this.fixed = rules.isFixedOffset();
    if (fixed) {
      offsetSeconds = rules.getOffset(Instant.EPOCH).getTotalSeconds();
    }
  }

  /**
   * A clock for a zone that tabulates the transitions between two instants.
   *
   * @param zone the zone whose calendar days are wanted
   * @param minSecond the earliest instant that will be converted (seconds since the epoch)
   * @param maxSecond the latest instant that will be converted
   */
  public DayClock(ZoneId zone, long minSecond, long maxSecond) {
    this(zone);
    if (fixed || maxSecond < minSecond) {
      return;
    }
    long[] s = new long[8];
    long[] o = new long[8];
    Instant at = Instant.ofEpochSecond(minSecond);
    s[0] = Long.MIN_VALUE;
    o[0] = rules.getOffset(at).getTotalSeconds();
    int n = 1;
    ZoneOffsetTransition t = rules.nextTransition(at);
    while (t != null && t.toEpochSecond() <= maxSecond) {
      if (n == s.length) {
        s = Arrays.copyOf(s, n * 2);
        o = Arrays.copyOf(o, n * 2);
      }
      s[n] = t.toEpochSecond();
      o[n] = t.getOffsetAfter().getTotalSeconds();
      n++;
      t = rules.nextTransition(t.getInstant());
    }
    starts = Arrays.copyOf(s, n);
    offsets = Arrays.copyOf(o, n);
    tableFrom = minSecond;
    tableUntil = maxSecond + 1;
    buildDayTable(minSecond, maxSecond);
  }

  private void buildDayTable(long minSecond, long maxSecond) {
    long first = Math.floorDiv(minSecond, SECONDS_PER_DAY);
    long last = Math.floorDiv(maxSecond, SECONDS_PER_DAY);
    if (last - first >= MAX_TABLE_DAYS) {
      return;
    }
    int days = (int) (last - first) + 1;
    int[] before = new int[days];
    long[] transition = new long[days];
    int[] after = new int[days];
    int idx = 0; // the interval in effect at the current day's first second
    for (int u = 0; u < days; u++) {
      long dayStart = (first + u) * SECONDS_PER_DAY;
      while (idx + 1 < starts.length && starts[idx + 1] <= dayStart) {
        idx++;
      }
      before[u] = (int) offsets[idx];
      transition[u] = Long.MAX_VALUE;
      after[u] = (int) offsets[idx];
      if (idx + 1 < starts.length && starts[idx + 1] < dayStart + SECONDS_PER_DAY) {
        if (idx + 2 < starts.length && starts[idx + 2] < dayStart + SECONDS_PER_DAY) {
          return; // two transitions in one UTC day: keep the binary search
        }
        transition[u] = starts[idx + 1];
        after[u] = (int) offsets[idx + 1];
      }
    }
    dayFrom = first;
    dayOffset = before;
    dayTransition = transition;
    dayOffsetAfter = after;
  }

  /**
   * The local calendar day of an instant.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @return days since 1970-01-01 of the local date in this clock's zone
   */
  public long epochDay(long epochSecond) {
    return Math.floorDiv(epochSecond + offset(epochSecond), SECONDS_PER_DAY);
  }

  private long offset(long epochSecond) {
    if (fixed) {
      return offsetSeconds;
    }
    if (epochSecond >= tableFrom && epochSecond < tableUntil) {
      if (dayOffset != null) {
        int u = (int) (Math.floorDiv(epochSecond, SECONDS_PER_DAY) - dayFrom);
        return epochSecond >= dayTransition[u] ? dayOffsetAfter[u] : dayOffset[u];
      }
      int i = Arrays.binarySearch(starts, epochSecond);
      return offsets[i >= 0 ? i : -i - 2];
    }
    if (epochSecond < validFrom || epochSecond >= validUntil) {
      refresh(epochSecond);
    }
    return offsetSeconds;
  }

  private void refresh(long epochSecond) {
    Instant at = Instant.ofEpochSecond(epochSecond);
    offsetSeconds = rules.getOffset(at).getTotalSeconds();
    ZoneOffsetTransition prev = rules.previousTransition(at.plusSeconds(1));
    ZoneOffsetTransition next = rules.nextTransition(at);
    validFrom = prev == null ? Long.MIN_VALUE : prev.toEpochSecond();
    validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
  }
}
