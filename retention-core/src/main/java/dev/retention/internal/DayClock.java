package dev.retention.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Converts epoch seconds to epoch days in a time zone without allocating per call in the common
 * case: the offset is cached for the interval between two transitions of the zone's rules. Not
 * thread-safe (one instance per thread); not API.
 */
public final class DayClock {
  private static final long SECONDS_PER_DAY = 86_400L;

  private final ZoneRules rules;
  private final boolean fixed;
  private long validFrom = Long.MAX_VALUE;
  private long validUntil = Long.MIN_VALUE;
  private long offsetSeconds;

  /**
   * A clock for a zone.
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
   * The local calendar day of an instant.
   *
   * @param epochSecond seconds since 1970-01-01T00:00:00Z
   * @return days since 1970-01-01 of the local date in this clock's zone
   */
  public long epochDay(long epochSecond) {
    if (!fixed && (epochSecond < validFrom || epochSecond >= validUntil)) {
      refresh(epochSecond);
    }
    return Math.floorDiv(epochSecond + offsetSeconds, SECONDS_PER_DAY);
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
