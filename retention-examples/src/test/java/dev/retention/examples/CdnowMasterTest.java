package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retention.data.TransactionLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The CDNOW master-format reader: exact cents, header, CRLF, and errors that name the line. */
class CdnowMasterTest {

  @ParameterizedTest(name = "\"{0}\" is {1} cents")
  @CsvSource({
    // hand conversions: dollars x 100 + cents as written
    "11.77, 1177",
    "0.00, 0",
    "106.00, 10600",
    "0.5, 50",
    "7, 700",
    "0.07, 7",
    "1234567.89, 123456789",
    // 0.1 + 0.2 style values that a double would not hold exactly
    "0.10, 10",
    "0.29, 29",
    "92233720368547758.07, 9223372036854775807"
  })
  void parsesDollarsToCentsExactly(String text, long cents) {
    assertEquals(cents, CdnowMaster.parseCents(text, 1));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(strings = {"-1.00", "1.234", "1,00", "", ".50", "1.", "abc", "1.2x", "+3.00",
      "92233720368547758.08"})
  void rejectsMalformedDollars(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CdnowMaster.parseCents(text, 17));
    assertTrue(e.getMessage().contains("dollar_value") && e.getMessage().contains("(line 17)"),
        e.getMessage());
  }

  @Test
  void readsHeaderCrlfAndSameDayRows(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("master.txt");
    Files.writeString(f, "customer_id date number_of_cds dollar_value\r\n"
        + "    1 19970101 1  11.77\r\n"
        + "    2 19970112 1  12.00\r\n"
        + "    2 19970112 5  77.00\r\n"
        + "    2 19970402 2  20.76\r\n"
        + "\r\n", StandardCharsets.US_ASCII);
    CdnowMaster.Data d = CdnowMaster.read(f);
    TransactionLog log = d.log();
    assertEquals(4, d.lines());
    assertEquals(LocalDate.of(1997, 1, 1), d.firstDay());
    assertEquals(LocalDate.of(1997, 4, 2), d.lastDay());
    assertEquals(2, log.customerCount());
    assertEquals(4, log.orderCount());
    // 11.77 + 12.00 + 77.00 + 20.76 = 121.53
    assertEquals(12153, log.netRevenueMinor());
    int c = log.indexOf("2");
    assertEquals(3, log.end(c) - log.start(c));
    assertEquals(LocalDate.of(1997, 1, 12), log.date(log.start(c)));
  }

  @Test
  void malformedLinesNameTheirLine(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.txt");
    Files.writeString(f, "customer_id date number_of_cds dollar_value\n"
        + "1 19970101 1 11.77\n"
        + "1 19970230 1 1.00\n", StandardCharsets.US_ASCII);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CdnowMaster.read(f));
    assertTrue(e.getMessage().contains("19970230") && e.getMessage().contains("line 3"),
        e.getMessage());

    Files.writeString(f, "1 19970101 1\n", StandardCharsets.US_ASCII);
    e = assertThrows(IllegalArgumentException.class, () -> CdnowMaster.read(f));
    assertTrue(e.getMessage().contains("4 fields") && e.getMessage().contains("line 1"),
        e.getMessage());
  }
}
