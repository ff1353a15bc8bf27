package dev.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.retention.time.Granularity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GranularityTest {

  @Test
  void handCheckedIndices() {
    LocalDate d = LocalDate.of(1997, 3, 15); // a Saturday
    assertEquals(d.toEpochDay(), Granularity.DAY.index(d));
    assertEquals(1997 * 12 + 2, Granularity.MONTH.index(d));
    assertEquals(1997 * 4, Granularity.QUARTER.index(d));
    assertEquals(1997, Granularity.YEAR.index(d));
    assertEquals(LocalDate.of(1997, 3, 10), Granularity.WEEK.truncate(d));
    assertEquals(LocalDate.of(1997, 3, 10), Granularity.WEEK.start(Granularity.WEEK.index(d)));
    assertEquals(LocalDate.of(1997, 1, 1), Granularity.QUARTER.truncate(d));
  }

  @Test
  void agreesWithJavaTimeOnRandomDates() {
    long seed = 20261123L;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 100_000; i++) {
      LocalDate d = LocalDate.ofEpochDay(rnd.nextLong(-800_000, 800_000));
      String ctx = "seed " + seed + ", date " + d;
      assertEquals(d.getYear() * 12L + d.getMonthValue() - 1, Granularity.MONTH.index(d), ctx);
      assertEquals(d.getYear() * 4L + (d.getMonthValue() - 1) / 3, Granularity.QUARTER.index(d), ctx);
      assertEquals(d.getYear(), Granularity.YEAR.index(d), ctx);
      LocalDate monday = Granularity.WEEK.start(Granularity.WEEK.index(d));
      assertEquals(DayOfWeek.MONDAY, monday.getDayOfWeek(), ctx);
      assertEquals(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), ctx);
      for (Granularity g : Granularity.values()) {
        assertEquals(g.index(d), g.index(g.start(g.index(d))), ctx + " " + g);
        assertEquals(g.index(d) + 1, g.index(g.plus(g.truncate(d), 1)), ctx + " " + g);
      }
    }
  }
}
