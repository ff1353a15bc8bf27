package dev.retention.examples;

import dev.retention.cohort.CohortMatrix;
import dev.retention.cohort.CohortSpec;
import dev.retention.cohort.CohortTables;
import dev.retention.data.TransactionLog;
import dev.retention.metrics.Ratio;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a cohort retention heatmap as a hand-made SVG (no charting dependency): one row per
 * monthly first-purchase cohort, one column per month since the first purchase, each cell coloured
 * by retention and labelled in percent; censored cells (months not yet fully observed) are left
 * blank, and a last row shows the weighted average over observable cohorts. Also prints the
 * retention table as Markdown.
 *
 * <pre>
 * mvn -q -B -pl retention-examples -am compile exec:java \
 *     -Dexec.mainClass=dev.retention.examples.CohortHeatmap \
 *     -Dexec.args="--out docs/cohort-heatmap.svg"                       # built-in generated data
 * ... -Dexec.args="--cdnow ../shared/data/CDNOW_master.txt --out cdnow.svg"   # CDNOW master file
 * </pre>
 *
 * <p>To look at it as PNG: {@code rsvg-convert -o heatmap.png heatmap.svg} (Debian package
 * librsvg2-bin).
 */
public final class CohortHeatmap {
  private static final Currency USD = Currency.getInstance("USD");
  private static final LocalDate GENERATED_START = LocalDate.of(2024, 1, 1);
  private static final int GENERATED_MONTHS = 18;
  private static final LocalDate GENERATED_END =
      GENERATED_START.plusMonths(GENERATED_MONTHS).minusDays(1);

  private CohortHeatmap() {}

  /**
   * Runs the example.
   *
   * @param args {@code [--cdnow PATH] [--out FILE]} (default output {@code cohort-heatmap.svg})
   * @throws IOException if reading or writing fails
   */
  public static void main(String[] args) throws IOException {
    Path cdnow = null;
    Path out = Path.of("cohort-heatmap.svg");
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--cdnow") && i + 1 < args.length) {
        cdnow = Path.of(args[++i]);
      } else if (args[i].equals("--out") && i + 1 < args.length) {
        out = Path.of(args[++i]);
      } else {
        throw new IllegalArgumentException(
            "usage: CohortHeatmap [--cdnow PATH] [--out FILE], was argument \"" + args[i] + "\"");
      }
    }
    TransactionLog log = cdnow == null ? generated() : readCdnow(cdnow);
    String title = cdnow == null
        ? "Monthly retention by first-purchase cohort (generated store)"
        : "CDNOW: monthly retention by first-purchase cohort";
    CohortSpec spec = CohortSpec.monthly(ZoneOffset.UTC);
    if (cdnow == null) {
      spec = spec.withObservationEnd(GENERATED_END);
    }
    CohortMatrix m = CohortMatrix.compute(log, spec);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(svg(m, title));
    }
    System.out.print(CohortTables.writeMarkdown(m, CohortTables.Measure.RETENTION,
        new StringBuilder()));
    System.out.println("wrote " + out.toAbsolutePath());
  }

  /**
   * A seeded store: 18 months, a growing number of customers acquired each month, each active in
   * month {@code k} after its first purchase with probability {@code 0.06 + 0.34 x 0.8^k}.
   *
   * @return the log
   */
  static TransactionLog generated() {
    SplittableRandom rnd = new SplittableRandom(20261123L);
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC);
    LocalDate start = GENERATED_START;
    int months = GENERATED_MONTHS;
    LocalDate end = GENERATED_END;
    int id = 0;
    for (int cohort = 0; cohort < months; cohort++) {
      int size = 400 + 40 * cohort;
      LocalDate month = start.plusMonths(cohort);
      for (int i = 0; i < size; i++, id++) {
        String cid = "g" + id;
        LocalDate first = month.plusDays(rnd.nextInt(month.lengthOfMonth()));
        b.purchase(cid, first, 1_000 + rnd.nextInt(9_000));
        for (int k = 1; cohort + k < months; k++) {
          if (rnd.nextDouble() < 0.06 + 0.34 * Math.pow(0.8, k)) {
            LocalDate m = month.plusMonths(k);
            LocalDate d = m.plusDays(rnd.nextInt(m.lengthOfMonth()));
            if (!d.isAfter(end)) {
              b.purchase(cid, d, 1_000 + rnd.nextInt(9_000));
            }
          }
        }
      }
    }
    return b.build();
  }

  /**
   * Reads the CDNOW master file: a header line, then customer id, date {@code YYYYMMDD}, number
   * of CDs and dollar value with two decimals, whitespace-separated (CRLF line ends).
   *
   * @param path the file
   * @return the log in UTC days
   * @throws IOException if reading fails
   */
  static TransactionLog readCdnow(Path path) throws IOException {
    List<String> lines = Files.readAllLines(path, StandardCharsets.US_ASCII);
    TransactionLog.Builder b = TransactionLog.builder(USD, ZoneOffset.UTC);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] p = line.split("\\s+");
      if (p.length != 4) {
        throw new IllegalArgumentException(
            "line must have 4 fields, had " + p.length + " (line " + (i + 1) + ")");
      }
      LocalDate d = LocalDate.parse(p[1], DateTimeFormatter.BASIC_ISO_DATE);
      b.purchase(p[0], d, new BigDecimal(p[3]).movePointRight(2).longValueExact());
    }
    return b.build();
  }

  // ------------------------------------------------------------------ SVG

  private static final int CELL_W = 46;
  private static final int CELL_H = 26;
  private static final int LEFT = 150;
  private static final int TOP = 84;

  /**
   * Renders the retention matrix as SVG. Empty cohorts (no member) are left out.
   *
   * @param m the matrix
   * @param title the title line
   * @return the SVG document
   */
  static String svg(CohortMatrix m, String title) {
    int cols = m.columnCount();
    int[] rows = java.util.stream.IntStream.range(0, m.cohortCount())
        .filter(i -> m.cohortSize(i) > 0).toArray();
    // Colour scale: 0 .. the largest retention after month 0 (month 0 is 100% by definition for
    // first-purchase cohorts and would wash out the rest); month 0 gets the darkest colour.
    double max = 0;
    for (int i : rows) {
      for (int j = 1; j < cols; j++) {
        if (!m.isCensored(i, j)) {
          max = Math.max(max, m.retention(i, j).valueOr(0));
        }
      }
    }
    max = max == 0 ? 1 : max;
    int width = LEFT + cols * CELL_W + 30;
    int height = TOP + (rows.length + 1) * CELL_H + 16 + 70;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(s, 16, 28, 17, "bold", "start", "#222", title);
    text(s, 16, 50, 12, "normal", "start", "#555",
        "Share of each cohort with a purchase k months after the first; blank = not yet fully "
            + "observed (to " + m.observationEnd() + ")");
    text(s, 16, TOP - 10, 11, "bold", "start", "#333", "cohort");
    text(s, LEFT - 10, TOP - 10, 11, "bold", "end", "#333", "size");
    for (int j = 0; j < cols; j++) {
      text(s, LEFT + j * CELL_W + CELL_W / 2, TOP - 10, 11, "bold", "middle", "#333",
          m.columnLabel(j));
    }
    int y = TOP;
    for (int i : rows) {
      text(s, 16, y + 17, 12, "normal", "start", "#222",
          m.cohortStart(i).toString().substring(0, 7));
      text(s, LEFT - 10, y + 17, 12, "normal", "end", "#555", Long.toString(m.cohortSize(i)));
      for (int j = 0; j < cols; j++) {
        if (m.isCensored(i, j)) {
          continue;
        }
        cell(s, LEFT + j * CELL_W, y, m.retention(i, j), max);
      }
      y += CELL_H;
    }
    y += 6;
    text(s, 16, y + 17, 12, "bold", "start", "#222", "all cohorts");
    text(s, LEFT - 10, y + 17, 12, "bold", "end", "#555", Long.toString(m.totalMembers()));
    for (int j = 0; j < cols; j++) {
      Ratio avg = m.averageRetention(j);
      if (avg.isDefined()) {
        cell(s, LEFT + j * CELL_W, y, avg, max);
      }
    }
    y += CELL_H + 26;
    // Legend.
    int legendW = 240;
    s.append("<defs><linearGradient id=\"scale\">");
    for (int k = 0; k <= 8; k++) {
      s.append("<stop offset=\"").append(k * 100 / 8).append("%\" stop-color=\"")
          .append(colour(k / 8.0)).append("\"/>");
    }
    s.append("</linearGradient></defs>\n");
    s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"")
        .append(legendW).append("\" height=\"12\" fill=\"url(#scale)\"/>\n");
    text(s, LEFT, y + 28, 11, "normal", "start", "#555", "0%");
    text(s, LEFT + legendW, y + 28, 11, "normal", "end", "#555",
        String.format(Locale.ROOT, "%.0f%% and more", 100 * max));
    text(s, LEFT - 10, y + 11, 11, "normal", "end", "#555", "retention");
    s.append("</svg>\n");
    return s.toString();
  }

  private static void cell(StringBuilder s, int x, int y, Ratio r, double max) {
    if (!r.isDefined()) {
      return;
    }
    double v = r.value();
    double t = Math.min(1, v / max);
    s.append("<rect x=\"").append(x + 1).append("\" y=\"").append(y + 1).append("\" width=\"")
        .append(CELL_W - 2).append("\" height=\"").append(CELL_H - 2).append("\" rx=\"2\" fill=\"")
        .append(colour(t)).append("\"/>\n");
    text(s, x + CELL_W / 2, y + 17, 11, "normal", "middle", t > 0.55 ? "#ffffff" : "#1a1a1a",
        String.format(Locale.ROOT, v >= 0.095 ? "%.0f%%" : "%.1f%%", 100 * v));
  }

  /** Sequential colour (light yellow to dark blue) for {@code t} in [0, 1]. */
  static String colour(double t) {
    // Stops of a light-to-dark blue-green ramp (ColorBrewer YlGnBu, 9 classes).
    int[][] stops = {
        {255, 255, 217}, {237, 248, 177}, {199, 233, 180}, {127, 205, 187}, {65, 182, 196},
        {29, 145, 192}, {34, 94, 168}, {37, 52, 148}, {8, 29, 88}};
    double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
    int i = Math.min(stops.length - 2, (int) x);
    double f = x - i;
    int[] a = stops[i];
    int[] b = stops[i + 1];
    return String.format(Locale.ROOT, "#%02x%02x%02x",
        Math.round(a[0] + f * (b[0] - a[0])), Math.round(a[1] + f * (b[1] - a[1])),
        Math.round(a[2] + f * (b[2] - a[2])));
  }

  private static void text(StringBuilder s, int x, int y, int size, String weight, String anchor,
      String fill, String content) {
    s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"")
        .append(size).append("\" font-weight=\"").append(weight).append("\" text-anchor=\"")
        .append(anchor).append("\" fill=\"").append(fill).append("\">").append(escape(content))
        .append("</text>\n");
  }

  private static String escape(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
