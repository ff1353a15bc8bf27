package dev.retention.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The layout of a built log checked against a naive reference (a list of rows sorted with a {@link
 * Comparator} on (decimal or string id, second, amount), days from {@code java.time}) over seeded
 * random inputs that reach every path of the builder: numeric ids that are dense from zero, dense
 * from an offset or sparse; string ids in random or grouped order; amount and time ranges that do
 * and do not fit one packed 63-bit word; customers with one row and with hundreds (so groups are
 * sorted by insertion and by the large-group sorts); equal seconds; a fixed offset and a zone with
 * daylight saving time; logs large enough to use many buckets.
 */
class LogLayoutPropertyTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final ZoneId[] ZONES = {
    ZoneId.of("UTC"), ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"),
    ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("America/Santiago"),
    ZoneId.of("America/Havana")
  };

  private record Row(String id, long second, long amount) {}

  @RepeatedTest(40)
  void numericAndStringBuildsMatchTheNaiveReference(RepetitionInfo info) {
    long seed = 1_000_003L * info.getCurrentRepetition();
    SplittableRandom rnd = new SplittableRandom(seed);
    int shape = info.getCurrentRepetition() % 4;
    int rows = 1 + rnd.nextInt(shape == 3 ? 200_000 : 5_000);
    int customers = 1 + rnd.nextInt(shape == 2 ? 8 : Math.max(1, rows / 3));
    long idBase = switch (rnd.nextInt(3)) {
      case 0 -> 0L;
      case 1 -> 9_990L + rnd.nextInt(20);
      default -> 1_000_000_000_000L;
    };
    boolean sparse = rnd.nextInt(4) == 0;
    // amounts of 16, 31 and 45 to 62 bits (as wide as rows * amount <= Long.MAX_VALUE allows): with
    // 27- or 32-bit time ranges the rows pack with the key offset, pack without it, or do not pack
    int amountKind = rnd.nextInt(3);
    boolean wideTimes = rnd.nextInt(4) == 0;
    ZoneId zone = ZONES[rnd.nextInt(ZONES.length)];
    long[] idOf = new long[customers];
    for (int c = 0; c < customers; c++) {
      idOf[c] = sparse ? rnd.nextLong(0, Long.MAX_VALUE) : idBase + c;
    }
    long t0 = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    long span = wideTimes ? 4_000_000_000L : 3 * 365 * 86_400L;
    // an exact expected size lets the log take over the builder's columns: both cases are checked
    boolean presized = rnd.nextBoolean();
    TransactionLog.Builder numeric = TransactionLog.builder(USD, zone);
    TransactionLog.Builder strings = TransactionLog.builder(USD, zone);
    if (presized) {
      numeric.expectedSize(rows);
      strings.expectedSize(rows);
    }
    List<Row> reference = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      int c = rnd.nextInt(customers);
      long id = idOf[c];
      // a coarse grid for some rows so that equal seconds (ordered by amount) occur
      long second = t0 + (rnd.nextBoolean() ? rnd.nextLong(span) : rnd.nextLong(50) * 86_400L);
      long amount = switch (amountKind) {
        case 0 -> rnd.nextLong(1, 50_000);
        case 1 -> rnd.nextLong(1, 1L << 30);
        // as wide as the log's money contract allows: the sum of |amount| stays <= Long.MAX_VALUE
        default -> rnd.nextLong(1, Long.MAX_VALUE / rows);
      };
      boolean refund = rnd.nextInt(10) == 0;
      if (refund) {
        numeric.refund(id, second, amount);
        strings.refund(Long.toString(id), second, amount);
      } else {
        numeric.purchase(id, second, amount);
        strings.purchase(Long.toString(id), second, amount);
      }
      reference.add(new Row(Long.toString(id), second, refund ? -amount : amount));
    }
    reference.sort(Comparator.comparing(Row::id)
        .thenComparingLong(Row::second)
        .thenComparingLong(Row::amount));
    String context = "seed " + seed + ", zone " + zone + ", sparse " + sparse + ", amounts "
        + amountKind + ", wide " + wideTimes + ", presized " + presized;
    TransactionLog fromNumbers = numeric.build();
    assertLayout(reference, zone, fromNumbers, context);
    assertEquals(fromNumbers, strings.build(), context);
  }

  /**
   * Calendar days next to daylight-saving transitions, including zones whose transitions fall at
   * midnight (Santiago, Havana), so that a day change and an offset change share a few hours:
   * every quarter hour from six hours before to six hours after each transition of 2021-2023.
   */
  @Test
  void daysNextToTransitionsFollowTheZone() {
    for (String name : new String[] {"America/Santiago", "America/Havana", "America/New_York",
        "Australia/Lord_Howe", "Europe/London"}) {
      ZoneId zone = ZoneId.of(name);
      TransactionLog.Builder b = TransactionLog.builder(USD, zone);
      List<Row> reference = new ArrayList<>();
      Instant at = Instant.parse("2021-01-01T00:00:00Z");
      java.time.zone.ZoneOffsetTransition t = zone.getRules().nextTransition(at);
      long row = 0;
      while (t != null && t.getInstant().isBefore(Instant.parse("2024-01-01T00:00:00Z"))) {
        for (long d = -6 * 3600; d <= 6 * 3600; d += 900) {
          long second = t.toEpochSecond() + d;
          b.purchase(row % 7, second, 100 + row % 5);
          reference.add(new Row(Long.toString(row % 7), second, 100 + row % 5));
          row++;
        }
        t = zone.getRules().nextTransition(t.getInstant());
      }
      reference.sort(Comparator.comparing(Row::id)
          .thenComparingLong(Row::second)
          .thenComparingLong(Row::amount));
      assertLayout(reference, zone, b.build(), name);
    }
  }

  /** Rows grouped by customer on input (the builder's last-id cache) give the same layout. */
  @Test
  void groupedInputMatchesTheNaiveReference() {
    SplittableRandom rnd = new SplittableRandom(77);
    ZoneId zone = ZoneId.of("Europe/Berlin");
    List<Row> reference = new ArrayList<>();
    for (int c = 0; c < 3_000; c++) {
      String id = "user-" + Integer.toHexString(rnd.nextInt());
      int n = 1 + rnd.nextInt(c % 100 == 0 ? 400 : 6);
      for (int k = 0; k < n; k++) {
        reference.add(new Row(id, 1_600_000_000L + rnd.nextLong(200_000_000L),
            rnd.nextInt(8) == 0 ? -1 - rnd.nextInt(500) : rnd.nextInt(90_000)));
      }
    }
    TransactionLog.Builder b = TransactionLog.builder(USD, zone);
    for (Row r : reference) {
      if (r.amount() < 0) {
        b.refund(r.id(), r.second(), -r.amount());
      } else {
        b.purchase(r.id(), r.second(), r.amount());
      }
    }
    reference.sort(Comparator.comparing(Row::id)
        .thenComparingLong(Row::second)
        .thenComparingLong(Row::amount));
    assertLayout(reference, zone, b.build(), "grouped");
  }

  private static void assertLayout(
      List<Row> reference, ZoneId zone, TransactionLog log, String context) {
    List<String> ids = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < reference.size(); i++) {
      if (i == 0 || !reference.get(i).id().equals(reference.get(i - 1).id())) {
        ids.add(reference.get(i).id());
        starts.add(i);
      }
    }
    assertEquals(reference.size(), log.size(), context);
    assertEquals(ids.size(), log.customerCount(), context);
    for (int c = 0; c < ids.size(); c++) {
      assertEquals(ids.get(c), log.customerId(c), context);
      assertEquals((int) starts.get(c), log.start(c), context);
    }
    long[] expectedSeconds = new long[reference.size()];
    long[] expectedAmounts = new long[reference.size()];
    int[] expectedDays = new int[reference.size()];
    long[] seconds = new long[log.size()];
    long[] amounts = new long[log.size()];
    int[] days = new int[log.size()];
    for (int r = 0; r < reference.size(); r++) {
      Row row = reference.get(r);
      expectedSeconds[r] = row.second();
      expectedAmounts[r] = row.amount();
      expectedDays[r] = (int) Instant.ofEpochSecond(row.second()).atZone(zone).toLocalDate()
          .toEpochDay();
      seconds[r] = log.epochSecond(r);
      amounts[r] = log.amountMinor(r);
      days[r] = log.epochDay(r);
    }
    assertArrayEquals(expectedSeconds, seconds, context);
    assertArrayEquals(expectedAmounts, amounts, context);
    assertArrayEquals(expectedDays, days, context);
  }
}
