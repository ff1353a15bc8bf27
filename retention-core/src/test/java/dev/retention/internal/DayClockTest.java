package dev.retention.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.time.SupportedRange;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DayClockTest {

  /**
   * Every conversion agrees with java.time, inside and outside the tabulated range, with the
   * span table (a range of a few decades) and with the binary search (a range of 1,200 years).
   */
  @ParameterizedTest
  @ValueSource(strings = {"UTC", "America/New_York", "America/St_Johns", "Pacific/Chatham",
      "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago", "Europe/Berlin"})
  void agreesWithJavaTime(String zoneName) {
    ZoneId zone = ZoneId.of(zoneName);
    long seed = zoneName.hashCode();
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 20_000;
    long[] seconds = new long[n];
    long base = Instant.parse("1985-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < n; i++) {
      seconds[i] = base + rnd.nextLong(45L * 365 * 86_400);
      if (i % 10 == 0 && zone.getRules().nextTransition(Instant.ofEpochSecond(seconds[i])) != null) {
        // right at, just before and just after a transition
        long t = zone.getRules().nextTransition(Instant.ofEpochSecond(seconds[i])).toEpochSecond();
        seconds[i] = t + (i % 3) - 1;
      }
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : seconds) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    DayClock tabulated = new DayClock(zone, min, max);
    DayClock untabulated = new DayClock(zone);
    DayClock narrow = new DayClock(zone, base, base + 86_400L * 400);
    // over 68 years: no span table, the binary search over transitions answers (the whole
    // supported range, 1900 to 2199)
    DayClock wide = new DayClock(zone, SupportedRange.MIN_EPOCH_SECOND, SupportedRange.MAX_EPOCH_SECOND);
    for (int i = 0; i < n; i++) {
      long expected = Instant.ofEpochSecond(seconds[i]).atZone(zone).toLocalDate().toEpochDay();
      String ctx = zoneName + " seed " + seed + " second " + seconds[i];
      assertEquals(expected, tabulated.epochDay(seconds[i]), ctx);
      assertEquals(expected, untabulated.epochDay(seconds[i]), ctx);
      assertEquals(expected, narrow.epochDay(seconds[i]), ctx);
      assertEquals(expected, wide.epochDay(seconds[i]), ctx);
    }
  }
}
