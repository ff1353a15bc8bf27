package dev.retention.internal;

import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;

/**
 * Converts epoch seconds to epoch days in a time zone without allocating per call.
 *
 * <p>A clock made for a range of instants tabulates it: the range is cut into spans of
 * 2<sup>{@value #SPAN_BITS}</sup> seconds (4.55 hours); in a span without a zone transition the
 * offset is constant, so the local day changes at most once inside it, and a conversion is a
 * table read and a comparison (no division). Spans holding a transition (two a year in a zone with
 * daylight saving time) and ranges over about 68 years use the zone's offsets between the range's
 * ends, found by binary search (a few entries per year). Outside the range, the offset of the last
 * interval looked up is cached. A tabulated range must lie in {@link SupportedRange} (1900 to
 * 2199), so a tabulation walks at most about 600 transitions. Not thread-safe (one instance per thread); not API.
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
  /** Spans of 2^SPAN_BITS seconds make the day table. */
  static final int SPAN_BITS = 14;
  private static final int SPAN_MASK = (1 << SPAN_BITS) - 1;
  /** Day tables are built for at most this many spans (about 68 years). */
  private static final int MAX_SPANS = 1 << 17;
  /** The first second of span 0, and the number of seconds the spans cover. */
  private long spanFrom;
  private long spanLength;
  /** Per span: the local day at its first second. */
  private int[] spanDay;
  /** Per span: the second in it at which the day becomes spanDay + 1; MAX_VALUE: never; -1: ask. */
  private int[] spanChange;

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
   * @throws IllegalArgumentException if {@code minSecond <= maxSecond} and either lies outside
   *     the supported range of {@link SupportedRange} (checked before any work proportional to the
   *     range: the tables are at most 300 years long)
   */
  public DayClock(ZoneId zone, long minSecond, long maxSecond) {
    this(zone);
    if (maxSecond < minSecond) {
      return;
    }
    Checks.epochSecond(minSecond, "minSecond", -1);
    Checks.epochSecond(maxSecond, "maxSecond", -1);
    if (!fixed) {
      tabulateOffsets(minSecond, maxSecond);
    }
    tabulateDays(minSecond, maxSecond);
  }

  private void tabulateOffsets(long minSecond, long maxSecond) {
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
  }

  private void tabulateDays(long minSecond, long maxSecond) {
    long range = maxSecond - minSecond; // negative when it overflowed
    if (range < 0 || (range >>> SPAN_BITS) >= MAX_SPANS) {
      return;
    }
    int spans = (int) (range >>> SPAN_BITS) + 1;
    int[] day = new int[spans];
    int[] change = new int[spans];
    // spans holding a transition are marked -1; computed change seconds are >= 1, so 0 is unmarked
    for (int i = 1; i < starts.length; i++) { // starts[0] is the open start of the first interval
      change[(int) ((starts[i] - minSecond) >>> SPAN_BITS)] = -1;
    }
    for (int u = 0; u < spans; u++) {
      long s0 = minSecond + ((long) u << SPAN_BITS);
      long offset = offset(s0);
      long d = Math.floorDiv(s0 + offset, SECONDS_PER_DAY);
      if (d != (int) d) {
        return; // days beyond the int range: no table, epochDay divides
      }
      day[u] = (int) d;
      if (change[u] == 0) {
        long nextMidnight = (day[u] + 1L) * SECONDS_PER_DAY - offset;
        change[u] = nextMidnight - s0 <= SPAN_MASK ? (int) (nextMidnight - s0) : Integer.MAX_VALUE;
      }
    }
    spanFrom = minSecond;
    spanLength = (long) spans << SPAN_BITS;
    spanDay = day;
    spanChange = change;
  }

  /**
   * The local calendar day of an instant.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @return days since 1970-01-01 of the local date in this clock's zone
   */
  public long epochDay(long epochSecond) {
    if (spanDay != null) {
      long rel = epochSecond - spanFrom;
      if (rel >= 0 && rel < spanLength) {
        int u = (int) (rel >>> SPAN_BITS);
        int change = spanChange[u];
        if (change >= 0) {
          return ((int) rel & SPAN_MASK) >= change ? spanDay[u] + 1 : spanDay[u];
        }
      }
    }
    return Math.floorDiv(epochSecond + offset(epochSecond), SECONDS_PER_DAY);
  }

  private long offset(long epochSecond) {
    if (fixed) {
      return offsetSeconds;
    }
    if (epochSecond >= tableFrom && epochSecond < tableUntil) {
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
