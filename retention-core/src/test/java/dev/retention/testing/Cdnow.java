package dev.retention.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retention.data.TransactionLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Reads the CDNOW files in {@code ../shared/data} (see its README) for tests; skips the calling test
 * with a message when the folder is absent, as in a user's fresh clone.
 */
public final class Cdnow {
  /** The data folder relative to a module directory (surefire's working directory). */
  public static final Path DATA = Path.of("..", "..", "shared", "data");

  private Cdnow() {}

  /**
   * The path of a data file, skipping the test when it is missing.
   *
   * @param name the file name
   * @return the path
   */
  public static Path require(String name) {
    Path p = DATA.resolve(name);
    assumeTrue(Files.isRegularFile(p),
        p.toAbsolutePath() + " not found, skipping: this test needs ../shared beside the checkout");
    return p;
  }

  /** One row of a CDNOW transaction file. */
  public record Row(String customerId, LocalDate date, int cds, long cents) {}

  /**
   * Parses {@code CDNOW_master.txt} (header, then id, YYYYMMDD, CDs, dollars) or {@code
   * CDNOW_sample.txt} (no header; master id, sample id, YYYYMMDD, CDs, dollars; the sample id is
   * used). Dollars are parsed to cents exactly.
   *
   * @param name the file name
   * @return the rows in file order
   */
  public static List<Row> rows(String name) {
    Path p = require(name);
    List<Row> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.US_ASCII)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 4 || !Character.isDigit(f[0].charAt(0))) {
          continue; // header or blank line
        }
        int o = f.length == 5 ? 1 : 0;
        String id = f.length == 5 ? String.valueOf(Integer.parseInt(f[1])) : String.valueOf(Integer.parseInt(f[0]));
        String d = f[1 + o];
        LocalDate date = LocalDate.of(
            Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
            Integer.parseInt(d.substring(6, 8)));
        out.add(new Row(id, date, Integer.parseInt(f[2 + o]), cents(f[3 + o])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * A UTC log of a CDNOW file: one purchase per row at the start of its day, in USD.
   *
   * @param name the file name
   * @return the log
   */
  public static TransactionLog log(String name) {
    TransactionLog.Builder b = TransactionLog.builder(Currency.getInstance("USD"), ZoneOffset.UTC);
    for (Row row : rows(name)) {
      b.purchase(row.customerId(), row.date(), row.cents());
    }
    return b.build();
  }

  /**
   * Parses a decimal dollar amount with at most two decimals to cents, exactly.
   *
   * @param s the amount, e.g. "29.33"
   * @return cents
   */
  public static long cents(String s) {
    int dot = s.indexOf('.');
    if (dot < 0) {
      return Long.parseLong(s) * 100;
    }
    String frac = (s.substring(dot + 1) + "00").substring(0, 2);
    return Long.parseLong(s.substring(0, dot)) * 100 + Long.parseLong(frac);
  }

  /**
   * Reads a CSV file with a header into rows of strings.
   *
   * @param name the file name
   * @return the rows after the header
   */
  public static List<String[]> csv(String name) {
    Path p = require(name);
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.US_ASCII);
      List<String[]> out = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        if (!l.isBlank()) {
          out.add(l.trim().split(","));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
