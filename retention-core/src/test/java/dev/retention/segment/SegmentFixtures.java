package dev.retention.segment;

import dev.retention.data.TransactionLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.SplittableRandom;

/** Shared fixtures: the CDNOW reader and seeded random RFM inputs. */
final class SegmentFixtures {
  private SegmentFixtures() {}

  static final Path CDNOW = Path.of("../../shared/data/CDNOW_master.txt");
  static final String SKIP = "CDNOW_master.txt not found, skipping: needs ../shared beside the checkout";
  static final Currency USD = Currency.getInstance("USD");

  /**
   * Reads CDNOW_master.txt: header line, then whitespace-separated id, YYYYMMDD, CDs, dollars
   * with two decimals (CRLF). Dollars are parsed to cents exactly from the digits.
   */
  static TransactionLog cdnow() throws IOException {
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC);
    try (BufferedReader r = Files.newBufferedReader(CDNOW, StandardCharsets.US_ASCII)) {
      String line = r.readLine(); // header
      int row = 0;
      while ((line = r.readLine()) != null) {
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        String[] f = t.split("\\s+");
        String ymd = f[1];
        LocalDate day = LocalDate.of(Integer.parseInt(ymd.substring(0, 4)),
            Integer.parseInt(ymd.substring(4, 6)), Integer.parseInt(ymd.substring(6, 8)));
        b.purchase(f[0], day, cents(f[3], row));
        row++;
      }
    }
    return b.build();
  }

  static long cents(String dollars, int row) {
    int dot = dollars.indexOf('.');
    if (dot < 0 || dollars.length() - dot - 1 != 2) {
      throw new IllegalArgumentException("dollar value must have two decimals, was " + dollars
          + " (row " + row + ")");
    }
    return Long.parseLong(dollars.substring(0, dot)) * 100
        + Long.parseLong(dollars.substring(dot + 1));
  }

  /** Random RFM columns with many ties (small value ranges), a few prospects when asked. */
  static RfmInput randomInput(long seed, int n, boolean prospects) {
    SplittableRandom rnd = new SplittableRandom(seed);
    String[] ids = new String[n];
    int[] rec = new int[n];
    int[] ord = new int[n];
    long[] net = new long[n];
    int recRange = 1 + rnd.nextInt(400);
    int ordRange = 1 + rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      ids[i] = "c" + i;
      if (prospects && rnd.nextInt(10) == 0) {
        rec[i] = RfmInput.NO_PURCHASE;
        ord[i] = 0;
        net[i] = rnd.nextInt(3) == 0 ? -rnd.nextInt(500) : 0;
        continue;
      }
      rec[i] = rnd.nextInt(recRange);
      ord[i] = 1 + rnd.nextInt(ordRange);
      net[i] = rnd.nextInt(4) == 0 ? 100L * rnd.nextInt(20) : rnd.nextLong(-500, 200_000);
    }
    return RfmInput.of(LocalDate.of(2024, 3, 31), ids, rec, ord, net);
  }
}
