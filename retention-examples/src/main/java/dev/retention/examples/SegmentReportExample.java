package dev.retention.examples;

import dev.retention.data.TransactionLog;
import dev.retention.segment.Lifecycle;
import dev.retention.segment.MigrationMatrix;
import dev.retention.segment.RfmInput;
import dev.retention.segment.RfmScorer;
import dev.retention.segment.RfmSegmentTable;
import dev.retention.segment.SegmentReport;
import dev.retention.segment.Segmentation;
import dev.retention.segment.ValueTiers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;

/**
 * Segments the CDNOW customers as of 1998-06-30 with the R {@code rfm} ten-segment table and the
 * lifecycle stages, prints each segment report as CSV (churn over the next quarter is not
 * observable at the end of the data, so the example segments as of 1997-12-31 as well and
 * reports retention over 1998-Q1), the migration matrix 1997-12-31 to 1998-06-30, and the revenue
 * share of the top 20 % of customers.
 *
 * <p>Run from the repository root: {@code mvn -q -B -pl retention-examples -am package
 * -DskipTests && java -cp "retention-examples/target/classes:$(ls
 * ~/.m2/repository/com/google/guava/guava/33.3.1-jre/guava-33.3.1-jre.jar)
 * :retention-core/target/classes" dev.retention.examples.SegmentReportExample
 * ../shared/data/CDNOW_master.txt} (the path argument defaults to {@code
 * ../shared/data/CDNOW_master.txt}).
 */
public final class SegmentReportExample {
  private SegmentReportExample() {}

  /**
   * Runs the example.
   *
   * @param args optional path to CDNOW_master.txt
   * @throws IOException if the file cannot be read
   */
  public static void main(String[] args) throws IOException {
    Path path = Path.of(args.length > 0 ? args[0] : "../shared/data/CDNOW_master.txt");
    run(readCdnow(path), System.out);
  }

  static void run(TransactionLog log, PrintStream out) {
    LocalDate end = LocalDate.of(1998, 6, 30);
    LocalDate mid = LocalDate.of(1997, 12, 31);
    RfmScorer scorer = RfmScorer.quintiles();
    RfmSegmentTable table = RfmSegmentTable.rPackage();
    Segmentation atEnd = table.assign(scorer.score(RfmInput.fromLog(log, end)));
    Segmentation atMid = table.assign(scorer.score(RfmInput.fromLog(log, mid)));
    SegmentReport.Builder reports = SegmentReport.builder(log);
    out.println("# " + atEnd.segmenter() + " as of " + end);
    out.print(reports.report(atEnd).toCsv());
    out.println("# " + atMid.segmenter() + " as of " + mid + ", retention over 1998-Q1");
    out.print(reports.withRetentionPeriod(mid.plusDays(1), LocalDate.of(1998, 4, 1))
        .report(atMid).toCsv());
    Segmentation stages = Lifecycle.defaults().stages(log, end);
    out.println("# lifecycle stages as of " + end);
    out.print(reports.report(stages).toCsv());
    out.println("# migration " + mid + " -> " + end);
    out.print(MigrationMatrix.of(atMid, atEnd).toCsv());
    ValueTiers.ParetoShare p = ValueTiers.paretoShare(RfmInput.fromLog(log, end), 0.2);
    out.println("# top 20% of customers (" + p.topCustomers() + ") bring " + p.share()
        + " of net revenue");
    out.println("# example explanation: " + atEnd.explain(0));
  }

  static TransactionLog readCdnow(Path path) throws IOException {
    TransactionLog.Builder b = TransactionLog.builder(Currency.getInstance("USD"), ZoneOffset.UTC);
    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.US_ASCII)) {
      String line = r.readLine(); // header
      int row = 0;
      while ((line = r.readLine()) != null) {
        String t = line.trim();
        if (t.isEmpty()) {
          continue;
        }
        row++;
        String[] f = t.split("\\s+");
        if (f.length != 4) {
          throw new IOException("line must have 4 fields, had " + f.length + " (row " + row + ")");
        }
        String ymd = f[1];
        LocalDate day = LocalDate.of(Integer.parseInt(ymd.substring(0, 4)),
            Integer.parseInt(ymd.substring(4, 6)), Integer.parseInt(ymd.substring(6, 8)));
        String dollars = f[3];
        int dot = dollars.indexOf('.');
        if (dot < 0 || dollars.length() - dot != 3) {
          throw new IOException("dollar value must have two decimals, was " + dollars + " (row "
              + row + ")");
        }
        long cents = Long.parseLong(dollars.substring(0, dot)) * 100
            + Long.parseLong(dollars.substring(dot + 1));
        b.purchase(f[0], day, cents);
      }
    }
    return b.build();
  }
}
