package dev.retention.fuzz;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded pools of hostile and plausible primitive values, strings, instants, dates, zones and
 * currencies. Every draw takes the case's {@link SplittableRandom} and a hostility in [0, 1]: the
 * probability that the value comes from the hostile pool instead of a plausible range. Plausible
 * values keep a case from stopping at the first validation, so that the extreme values reach the
 * arithmetic behind it.
 */
final class Hostile {
  private Hostile() {}

  static final int[] INTS = {
    0, 1, -1, 2, 3, 7, 12, 52, 100, 1000, 1 << 20, Integer.MAX_VALUE, Integer.MAX_VALUE - 1,
    Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -1000
  };

  /** Epoch seconds of Instant.MIN/MAX, year 1, year 9999, the epoch and LocalDate limits. */
  static final long[] LONGS = {
    0L, 1L, -1L, 2L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE / 2,
    Long.MAX_VALUE / 3 + 1, Long.MIN_VALUE + 1, 1L << 53, (1L << 53) + 1, 1_000_000_000_000L,
    Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
    Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond(),
    -62_135_596_800L, 253_402_300_799L, 253_402_300_800L,
    LocalDate.MIN.toEpochDay() * 86_400L, LocalDate.MAX.toEpochDay() * 86_400L, -86_400L
  };

  static final double[] DOUBLES = {
    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, -1.0, -1e-300,
    Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-200, 1e-15, 1e-8, 0.5, 1.0,
    Math.nextDown(1.0), Math.nextUp(1.0), 1.0 + 1e-9, 2.0, 1e8, 1e15, 1e100, 1e200, 1e300,
    Double.MAX_VALUE, -Double.MAX_VALUE, 9.007199254740993e15, 0x1.0p-1074, 4.9e-324
  };

  static final String[] STRINGS = {
    "", " ", "\t", "\n", "\u0000", "id\u0000x", "a\r\nb", "\u200B", "a\u200Bb", "\uFEFF",
    "\u202Eevil", "\uD83D\uDE00", "\uD835\uDD38\uD835\uDD39", "\uD800", "\uDC00x", "İı",
    "\u00C5", "A\u030A", "x".repeat(5000), "\"quoted,\"\"csv\"", "a,b;c|d", "#", "null", "NaN",
    "-1", "9223372036854775808", "0", "  padded  ", "\u0007bell", "\u001B[31m", "é\u00A0"
  };

  static final String[] PLAIN_STRINGS = {"c1", "c2", "c3", "c4", "c5", "a", "b", "login", "view"};

  static final Instant[] INSTANTS = {
    Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1),
    Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59Z"),
    Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-10000-01-01T00:00:00Z"),
    Instant.ofEpochSecond(LocalDate.MAX.toEpochDay() * 86_400L),
    Instant.ofEpochSecond(LocalDate.MIN.toEpochDay() * 86_400L),
    Instant.parse("2024-03-31T01:30:00Z"), Instant.parse("2024-10-27T00:59:59.999999999Z"),
    Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("2038-01-19T03:14:08Z"),
    Instant.ofEpochSecond(Integer.MAX_VALUE * 86_400L), Instant.ofEpochSecond(0, 999_999_999)
  };

  static final LocalDate[] DATES = {
    LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.of(1, 1, 1),
    LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(1900, 1, 1),
    LocalDate.MAX.minusDays(1), LocalDate.MIN.plusDays(1), LocalDate.of(-1, 12, 31),
    LocalDate.ofEpochDay(Integer.MAX_VALUE), LocalDate.ofEpochDay(Integer.MIN_VALUE)
  };

  static final List<ZoneId> ZONES = List.of(
      ZoneOffset.UTC, ZoneId.of("Pacific/Chatham"), ZoneId.of("Pacific/Kiritimati"),
      ZoneId.of("Pacific/Pago_Pago"), ZoneId.of("Etc/GMT+12"), ZoneId.of("America/St_Johns"),
      ZoneId.of("Asia/Kathmandu"), ZoneId.of("Europe/Dublin"), ZoneId.of("Australia/Lord_Howe"),
      ZoneOffset.MAX, ZoneOffset.MIN, ZoneId.of("Africa/Casablanca"), ZoneId.of("Pacific/Apia"),
      ZoneId.of("America/Sao_Paulo"));

  static final List<Currency> CURRENCIES = List.of(
      Currency.getInstance("USD"), Currency.getInstance("JPY"), Currency.getInstance("BHD"),
      Currency.getInstance("XXX"), Currency.getInstance("CLF"), Currency.getInstance("XAU"),
      Currency.getInstance("EUR"));

  static boolean hostile(SplittableRandom r, double hostility) {
    return r.nextDouble() < hostility;
  }

  static int anInt(SplittableRandom r, double h) {
    return hostile(r, h) ? INTS[r.nextInt(INTS.length)] : r.nextInt(0, 13);
  }

  static long aLong(SplittableRandom r, double h) {
    if (hostile(r, h)) {
      return LONGS[r.nextInt(LONGS.length)];
    }
    return r.nextBoolean() ? r.nextLong(0, 100_000) : plausibleEpochSecond(r);
  }

  static double aDouble(SplittableRandom r, double h) {
    if (hostile(r, h)) {
      return DOUBLES[r.nextInt(DOUBLES.length)];
    }
    // log-uniform in [0.01, 100], sometimes an integer or a value in (0, 1)
    switch (r.nextInt(4)) {
      case 0:
        return r.nextInt(0, 60);
      case 1:
        return r.nextDouble(0.01, 0.99);
      default:
        return Math.exp(r.nextDouble(Math.log(0.01), Math.log(100)));
    }
  }

  static String aString(SplittableRandom r, double h) {
    return hostile(r, h)
        ? STRINGS[r.nextInt(STRINGS.length)]
        : PLAIN_STRINGS[r.nextInt(PLAIN_STRINGS.length)];
  }

  /** An id: hostile draws are non-blank so that they pass id validation and reach storage. */
  static String anId(SplittableRandom r, double h, int i) {
    if (!hostile(r, h)) {
      return "c" + i;
    }
    String[] ids = {
      "\u0000" + i, "id\u0000" + i, "a\u200Bb" + i, "\uFEFF" + i, "\u202E" + i, "\uD83D\uDE00" + i,
      "\uD800" + i, "A\u030A" + i, "\"," + i + "\n", "İ" + i, "x".repeat(300) + i, "\u001B[" + i,
      Long.toString(Long.MAX_VALUE - i), "-" + i, "0" + i
    };
    return ids[r.nextInt(ids.length)];
  }

  static long plausibleEpochSecond(SplittableRandom r) {
    // 2019-01-01 .. 2025-01-01
    return r.nextLong(1_546_300_800L, 1_735_689_600L);
  }

  static Instant anInstant(SplittableRandom r, double h) {
    return hostile(r, h)
        ? INSTANTS[r.nextInt(INSTANTS.length)]
        : Instant.ofEpochSecond(plausibleEpochSecond(r), r.nextInt(1_000_000_000));
  }

  static LocalDate aDate(SplittableRandom r, double h) {
    return hostile(r, h)
        ? DATES[r.nextInt(DATES.length)]
        : LocalDate.ofEpochDay(plausibleEpochSecond(r) / 86_400L);
  }

  static LocalDate aDateNear(SplittableRandom r, double h, LocalDate anchor) {
    if (hostile(r, h)) {
      return DATES[r.nextInt(DATES.length)];
    }
    try {
      return anchor.plusDays(r.nextInt(-400, 400));
    } catch (RuntimeException e) {
      return anchor;
    }
  }

  static ZoneId aZone(SplittableRandom r, double h) {
    return hostile(r, h) ? ZONES.get(r.nextInt(ZONES.size())) : ZoneOffset.UTC;
  }

  static Currency aCurrency(SplittableRandom r, double h) {
    return hostile(r, h)
        ? CURRENCIES.get(r.nextInt(CURRENCIES.size()))
        : Currency.getInstance("USD");
  }

  /** A human-readable, escaped rendering of a string (control, format and surrogate chars). */
  static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    int limit = Math.min(s.length(), 60);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > limit) {
      b.append("…(").append(s.length()).append(" chars)");
    }
    return b.append('"').toString();
  }
}
