package dev.retention.examples;

import dev.retention.data.TransactionLog;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;

/**
 * Reads the CDNOW master file format (Fader &amp; Hardie's {@code CDNOW_master.txt}): an optional
 * header line, then per line a customer id, a date {@code YYYYMMDD}, a number of CDs and a dollar
 * value with two decimals, separated by whitespace; LF or CRLF line ends. Each line becomes one
 * purchase in USD at the start of its day in UTC (the file has no times; several lines may share a
 * customer and a day, and they stay separate orders). The number of CDs is checked but not kept.
 *
 * <p>Dollars are converted to cents exactly from the text ({@link #parseCents(String, long)}), never
 * through a {@code double}. Any malformed line is an {@link IllegalArgumentException} naming the
 * line number, the field and the value; nothing is skipped except blank lines and a first line
 * that starts with a letter (the header). Stateless and thread-safe.
 */
public final class CdnowMaster {
  /** The currency of CDNOW's dollar values. */
  public static final Currency USD = Currency.getInstance("USD");

  private CdnowMaster() {}

  /**
   * What a file held.
   *
   * @param log the purchases
   * @param firstDay the earliest date in the file
   * @param lastDay the latest date in the file
   * @param lines the number of data lines read
   */
  public record Data(TransactionLog log, LocalDate firstDay, LocalDate lastDay, long lines) {}

  /**
   * Reads a file.
   *
   * @param path the file
   * @return the log and its date range
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if a line is malformed or the file has no data line
   */
  public static Data read(Path path) throws IOException {
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneId.of("UTC"));
    LocalDate first = null;
    LocalDate last = null;
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
      String line;
      long lineNo = 0;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String s = line.strip();
        if (s.isEmpty() || (lineNo == 1 && Character.isLetter(s.charAt(0)))) {
          continue;
        }
        String[] f = s.split("\\s+");
        if (f.length != 4) {
          throw new IllegalArgumentException(
              "line must have 4 fields (customer id, YYYYMMDD, CDs, dollars), had " + f.length
                  + ": \"" + s + "\" (line " + lineNo + ")");
        }
        LocalDate day = parseDate(f[1], lineNo);
        parseCount(f[2], lineNo);
        b.purchase(f[0], day, parseCents(f[3], lineNo));
        first = first == null || day.isBefore(first) ? day : first;
        last = last == null || day.isAfter(last) ? day : last;
        lines++;
      }
    }
    if (lines == 0) {
      throw new IllegalArgumentException("file must have at least one data line, had none: " + path);
    }
    return new Data(b.build(), first, last, lines);
  }

  /**
   * Converts a non-negative dollar amount with at most two decimals to cents, exactly: "11.77"
   * gives 1177, "0.5" gives 50, "106" gives 10600.
   *
   * @param text the amount as written
   * @param lineNo the line number for the error message
   * @return the amount in cents
   * @throws IllegalArgumentException if the text is not digits with an optional point and one or
   *     two decimals, or does not fit in a {@code long}
   */
  public static long parseCents(String text, long lineNo) {
    int dot = text.indexOf('.');
    String whole = dot < 0 ? text : text.substring(0, dot);
    String frac = dot < 0 ? "" : text.substring(dot + 1);
    if (whole.isEmpty() || frac.length() > 2 || (dot >= 0 && frac.isEmpty())
        || !digits(whole) || !digits(frac)) {
      throw new IllegalArgumentException(
          "dollar_value must be a non-negative amount with at most 2 decimals, was \"" + text
              + "\" (line " + lineNo + ")");
    }
    try {
      long dollars = Long.parseLong(whole);
      long cents = frac.isEmpty() ? 0 : Long.parseLong(frac) * (frac.length() == 1 ? 10 : 1);
      return Math.addExact(Math.multiplyExact(dollars, 100), cents);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "dollar_value must fit in a long number of cents, was \"" + text + "\" (line " + lineNo
              + ")", e);
    }
  }

  private static boolean digits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static LocalDate parseDate(String text, long lineNo) {
    if (text.length() != 8 || !digits(text)) {
      throw new IllegalArgumentException(
          "date must be YYYYMMDD, was \"" + text + "\" (line " + lineNo + ")");
    }
    try {
      return LocalDate.of(Integer.parseInt(text.substring(0, 4)),
          Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "date must be a valid YYYYMMDD date, was \"" + text + "\" (line " + lineNo + ")", e);
    }
  }

  private static void parseCount(String text, long lineNo) {
    if (text.isEmpty() || text.length() > 9 || !digits(text)) {
      throw new IllegalArgumentException(
          "number_of_cds must be a non-negative integer, was \"" + text + "\" (line " + lineNo
              + ")");
    }
  }
}
