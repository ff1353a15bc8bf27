package dev.retention.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.retention.data.Transaction;
import dev.retention.data.TransactionKind;
import dev.retention.time.DateRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The main example's output. Surefire runs it under the tr_TR locale and the Pacific/Chatham zone,
 * so these tests also check that the output does not depend on either.
 */
class RetentionReportTest {
  private static final Path CDNOW = Path.of("..", "..", "shared", "data", "CDNOW_master.txt");

  private static List<String> run(String... args) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RetentionReport.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n", -1));
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line starting with \"" + prefix + "\""));
  }

  private static String[] cells(String line, String label) {
    return line.substring(label.length()).trim().split("\\s{2,}");
  }

  @ParameterizedTest(name = "last data day {0}: {1}")
  @CsvSource({
    "1998-06-30, 1998-04-01", // CDNOW ends on a quarter's last day: that quarter is full
    "2026-02-14, 2025-10-01", // mid-quarter: the quarter before
    "2025-12-31, 2025-10-01",
    "2025-12-30, 2025-07-01" // one day short of the end: not full
  })
  void lastFullQuarter(LocalDate lastDay, LocalDate quarterStart) {
    DateRange q = RetentionReport.lastFullQuarter(lastDay);
    assertEquals(quarterStart, q.start());
    assertEquals(quarterStart.plusMonths(3), q.endExclusive());
  }

  @Test
  void builtInReportHasEveryMetricInRootLocaleAndFitsOneScreen() throws IOException {
    List<String> lines = run();
    assertTrue(lines.size() <= 60, "lines: " + lines.size());
    for (String l : lines) {
      assertTrue(l.chars().allMatch(ch -> ch >= 32 && ch < 127), "ASCII only: " + l);
    }
    assertTrue(lines.get(0).startsWith("Retention report: simulated store"), lines.get(0));
    String header = line(lines, "metric");
    assertTrue(header.contains("2025-Q4") && header.contains("2025-Q3")
        && header.contains("2024-Q4"), header);
    for (String label : List.of("customer retention rate", "  S customers at start",
        "churn rate", "repeat purchase rate, quarter", "repeat purchase rate, to date",
        "purchase frequency", "average order value", "observed lifespan, days",
        "loyal customer rate", "historical CLV, average", "simple CLV", "NPS ",
        "  NPS margin of error", "CSAT", "CES", "  plan basic", "  plan pro")) {
      line(lines, label);
    }
    // Root-locale money: digits, a point, two decimals (tr_TR would print a comma).
    assertTrue(cells(line(lines, "average order value"), "average order value")[0]
        .matches("\\d{1,3}(,\\d{3})*\\.\\d{2}"), line(lines, "average order value"));
  }

  @Test
  void builtInRetentionCountsMatchAnIndependentCount() throws IOException {
    List<String> lines = run();
    long s = Long.parseLong(cells(line(lines, "  S customers at start"),
        "  S customers at start")[0].replace(",", ""));
    long e = Long.parseLong(cells(line(lines, "  E customers at end"),
        "  E customers at end")[0].replace(",", ""));
    long n = Long.parseLong(cells(line(lines, "  N new or reactivated"),
        "  N new or reactivated")[0].replace(",", ""));
    // Independently from the simulator's objects: customers with a purchase in the 365 days
    // before 2025-10-01 (S) and before 2026-01-01 (E), days in the store's zone.
    StoreSimulator.Store store = StoreSimulator.withSeed(RetentionReport.DEFAULT_SEED).simulate();
    LocalDate start = LocalDate.of(2025, 10, 1);
    LocalDate end = LocalDate.of(2026, 1, 1);
    Set<String> atStart = new HashSet<>();
    Set<String> atEnd = new HashSet<>();
    for (Transaction t : store.transactions()) {
      if (t.kind() != TransactionKind.PURCHASE) {
        continue;
      }
      LocalDate d = t.timestamp().atZone(store.zone()).toLocalDate();
      if (!d.isBefore(start.minusDays(365)) && d.isBefore(start)) {
        atStart.add(t.customerId());
      }
      if (!d.isBefore(end.minusDays(365)) && d.isBefore(end)) {
        atEnd.add(t.customerId());
      }
    }
    Set<String> gained = new HashSet<>(atEnd);
    gained.removeAll(atStart);
    assertEquals(atStart.size(), s, "S");
    assertEquals(atEnd.size(), e, "E");
    assertEquals(gained.size(), n, "N");
    // The printed rate is (E - N) / S to one decimal of a percent.
    String crr = String.format(java.util.Locale.ROOT, "%.1f %%", 100.0 * (e - n) / s);
    assertEquals(crr, cells(line(lines, "customer retention rate"), "customer retention rate")[0]);
  }

  @Test
  void cdnowReportCoversTheLastQuarterWithoutSurveys() throws IOException {
    assumeTrue(Files.exists(CDNOW),
        CDNOW.toAbsolutePath() + " not found, skipping: needs ../shared beside the checkout");
    List<String> lines = run(CDNOW.toString());
    assertTrue(lines.size() <= 60, "lines: " + lines.size());
    // 69,659 rows and 23,570 customers: ../shared/data/README.md
    assertTrue(lines.get(1).contains("23,570 customers, 69,659 orders, 0 refunds"), lines.get(1));
    assertTrue(lines.get(1).contains("1997-01-01 .. 1998-06-30"), lines.get(1));
    String header = line(lines, "metric");
    assertTrue(header.contains("1998-Q2") && header.contains("1998-Q1")
        && header.contains("1997-Q2"), header);
    assertTrue(line(lines, "surveys:").contains("none"));
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("NPS")), "no NPS line");
    // Every customer joined in 1997-Q1 (README), so all 23,570 are customers on 1998-01-01.
    assertEquals("23,570",
        cells(line(lines, "  S customers at start"), "  S customers at start")[1]);
  }

  @Test
  void cdnowCentsSumToTheFilesDollarTotal() throws IOException {
    assumeTrue(Files.exists(CDNOW),
        CDNOW.toAbsolutePath() + " not found, skipping: needs ../shared beside the checkout");
    // Independent total: BigDecimal over the fourth column.
    BigDecimal dollars = BigDecimal.ZERO;
    for (String l : Files.readAllLines(CDNOW, StandardCharsets.US_ASCII)) {
      String[] f = l.strip().split("\\s+");
      if (f.length == 4 && Character.isDigit(f[0].charAt(0))) {
        dollars = dollars.add(new BigDecimal(f[3]));
      }
    }
    assertEquals(dollars.movePointRight(2).longValueExact(),
        CdnowMaster.read(CDNOW).log().netRevenueMinor());
  }
}
