package dev.retention.cohort;

import dev.retention.metrics.Ratio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;

/**
 * Text exports of a {@link CohortMatrix}: a long-format CSV with every measure, and wide
 * Markdown or plain-text tables of one measure (cohorts as rows, columns as periods). Writers take
 * an {@link Appendable} (a {@code StringBuilder}, a {@code Writer}); this class does no file I/O.
 *
 * <p>Numbers are written locale-independently ({@link Locale#ROOT}): counts and minor units as
 * integers, rates with 4 decimals, money per member in minor units with 2 decimals. A censored cell
 * is written as an empty CSV field and as {@code .} in tables; an undefined rate (empty cohort) as
 * an empty CSV field and {@code n/a} in tables. Stateless and thread-safe.
 */
public final class CohortTables {
  private CohortTables() {}

  /** The measure shown in a wide table. */
  public enum Measure {
    /** Active customers {@code A_ij}. */
    ACTIVE_CUSTOMERS,
    /** Retention {@code A_ij / n_i}, 4 decimals. */
    RETENTION,
    /** Orders. */
    ORDERS,
    /** Net revenue in minor units. */
    NET_REVENUE_MINOR,
    /** Cumulative net revenue per member in minor units, 2 decimals. */
    CUMULATIVE_REVENUE_PER_MEMBER
  }

  /**
   * Writes the matrix as CSV, one line per cohort and column, with the header {@code
   * cohort_start,cohort_size,column,offset_from,offset_to,censored,active_customers,retention,
   * orders,net_revenue_minor,cumulative_net_revenue_minor,cumulative_revenue_per_member_minor}.
   * Lines end with {@code \n}.
   *
   * @param <A> the type of {@code out}
   * @param m the matrix
   * @param out where to write
   * @return {@code out}
   * @throws UncheckedIOException if {@code out} throws
   */
  public static <A extends Appendable> A writeCsv(CohortMatrix m, A out) {
    Objects.requireNonNull(m, "matrix");
    Objects.requireNonNull(out, "out");
    try {
      out.append("cohort_start,cohort_size,column,offset_from,offset_to,censored,"
          + "active_customers,retention,orders,net_revenue_minor,cumulative_net_revenue_minor,"
          + "cumulative_revenue_per_member_minor\n");
      for (int i = 0; i < m.cohortCount(); i++) {
        for (int j = 0; j < m.columnCount(); j++) {
          boolean censored = m.isCensored(i, j);
          out.append(m.cohortStart(i).toString()).append(',')
              .append(Long.toString(m.cohortSize(i))).append(',')
              .append(Integer.toString(j)).append(',')
              .append(Integer.toString(m.columnFrom(j))).append(',')
              .append(Integer.toString(m.columnTo(j))).append(',')
              .append(censored ? "true" : "false");
          if (censored) {
            out.append(",,,,,,\n");
            continue;
          }
          out.append(',').append(Long.toString(m.activeCustomers(i, j)))
              .append(',').append(rate(m.retention(i, j), 4, ""))
              .append(',').append(Long.toString(m.orders(i, j)))
              .append(',').append(Long.toString(m.netRevenueMinor(i, j)))
              .append(',').append(Long.toString(m.cumulativeNetRevenueMinor(i, j)))
              .append(',').append(rate(m.cumulativeRevenuePerMember(i, j), 2, ""))
              .append('\n');
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one measure as a GitHub-flavoured Markdown table: a row per cohort ({@code cohort},
   * {@code size}, then one cell per column), and a last row {@code all} with the weighted average
   * for {@link Measure#RETENTION} and {@link Measure#CUMULATIVE_REVENUE_PER_MEMBER}.
   *
   * @param <A> the type of {@code out}
   * @param m the matrix
   * @param measure the measure
   * @param out where to write
   * @return {@code out}
   */
  public static <A extends Appendable> A writeMarkdown(CohortMatrix m, Measure measure, A out) {
    String[][] cells = grid(m, measure);
    try {
      for (int r = 0; r < cells.length; r++) {
        out.append('|');
        for (String c : cells[r]) {
          out.append(' ').append(c).append(" |");
        }
        out.append('\n');
        if (r == 0) {
          out.append('|');
          for (int c = 0; c < cells[r].length; c++) {
            out.append(c == 0 ? " --- |" : " ---: |");
          }
          out.append('\n');
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one measure as a plain-text table with right-aligned, space-padded columns (same rows
   * as {@link #writeMarkdown}).
   *
   * @param <A> the type of {@code out}
   * @param m the matrix
   * @param measure the measure
   * @param out where to write
   * @return {@code out}
   */
  public static <A extends Appendable> A writePlainText(CohortMatrix m, Measure measure, A out) {
    String[][] cells = grid(m, measure);
    int cols = cells[0].length;
    int[] width = new int[cols];
    for (String[] row : cells) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    try {
      for (String[] row : cells) {
        for (int c = 0; c < cols; c++) {
          if (c > 0) {
            out.append("  ");
          }
          String s = row[c];
          if (c == 0) {
            out.append(s);
            pad(out, width[c] - s.length());
          } else {
            pad(out, width[c] - s.length());
            out.append(s);
          }
        }
        out.append('\n');
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pad(Appendable out, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
  }

  private static String[][] grid(CohortMatrix m, Measure measure) {
    Objects.requireNonNull(m, "matrix");
    Objects.requireNonNull(measure, "measure");
    boolean average =
        measure == Measure.RETENTION || measure == Measure.CUMULATIVE_REVENUE_PER_MEMBER;
    int rows = 1 + m.cohortCount() + (average ? 1 : 0);
    String[][] g = new String[rows][m.columnCount() + 2];
    g[0][0] = "cohort";
    g[0][1] = "size";
    for (int j = 0; j < m.columnCount(); j++) {
      g[0][j + 2] = m.columnLabel(j);
    }
    for (int i = 0; i < m.cohortCount(); i++) {
      g[i + 1][0] = m.cohortStart(i).toString();
      g[i + 1][1] = Long.toString(m.cohortSize(i));
      for (int j = 0; j < m.columnCount(); j++) {
        g[i + 1][j + 2] = m.isCensored(i, j) ? "." : cell(m, measure, i, j);
      }
    }
    if (average) {
      String[] last = g[rows - 1];
      last[0] = "all";
      last[1] = Long.toString(m.totalMembers());
      for (int j = 0; j < m.columnCount(); j++) {
        last[j + 2] = measure == Measure.RETENTION
            ? rate(m.averageRetention(j), 4, "n/a")
            : rate(m.averageCumulativeRevenuePerMember(j), 2, "n/a");
      }
    }
    return g;
  }

  private static String cell(CohortMatrix m, Measure measure, int i, int j) {
    switch (measure) {
      case ACTIVE_CUSTOMERS:
        return Long.toString(m.activeCustomers(i, j));
      case RETENTION:
        return rate(m.retention(i, j), 4, "n/a");
      case ORDERS:
        return Long.toString(m.orders(i, j));
      case NET_REVENUE_MINOR:
        return Long.toString(m.netRevenueMinor(i, j));
      case CUMULATIVE_REVENUE_PER_MEMBER:
        return rate(m.cumulativeRevenuePerMember(i, j), 2, "n/a");
      default:
        throw new AssertionError(measure);
    }
  }

  private static String rate(Ratio r, int decimals, String undefined) {
    return r.isDefined()
        ? String.format(Locale.ROOT, "%." + decimals + "f", r.value())
        : undefined;
  }
}
