package dev.retention.segment;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Customer counts from segment x to segment between two segmentations (usually the same
 * segmenter at two dates): "who moved from Loyal to At Risk this quarter".
 *
 * <p>Rows are the "from" segmentation's segments plus a last row {@value #ABSENT} for customers
 * only in the "to" segmentation; columns are the "to" segments plus a last column
 * {@value #ABSENT} for customers only in "from". Customers are matched by id. The sum of all
 * cells equals the number of distinct customers in either segmentation. Immutable and
 * thread-safe; building allocates one {@code long[(rows) * (cols)]} and the id index of
 * {@code to}.
 */
public final class MigrationMatrix {
  /** The label of the extra row and column for customers present on one side only. */
  public static final String ABSENT = "(absent)";

  private final ImmutableList<String> rowNames;
  private final ImmutableList<String> colNames;
  private final long[] cells;

  private MigrationMatrix(
      ImmutableList<String> rowNames, ImmutableList<String> colNames, long[] cells) {
    this.rowNames = rowNames;
    this.colNames = colNames;
    this.cells = cells;
  }

  /**
   * Counts transitions from {@code from} to {@code to}.
   *
   * @param from the earlier segmentation
   * @param to the later segmentation
   * @return the matrix
   */
  public static MigrationMatrix of(Segmentation from, Segmentation to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    int rows = from.segmentCount() + 1;
    int cols = to.segmentCount() + 1;
    long[] cells = new long[rows * cols];
    boolean[] matched = new boolean[to.size()];
    for (int i = 0; i < from.size(); i++) {
      int j = to.indexOf(from.customerId(i));
      int col;
      if (j < 0) {
        col = cols - 1;
      } else {
        matched[j] = true;
        col = to.segmentIndex(j);
      }
      cells[from.segmentIndex(i) * cols + col]++;
    }
    for (int j = 0; j < to.size(); j++) {
      if (!matched[j]) {
        cells[(rows - 1) * cols + to.segmentIndex(j)]++;
      }
    }
    return new MigrationMatrix(
        ImmutableList.<String>builder().addAll(from.segmentNames()).add(ABSENT).build(),
        ImmutableList.<String>builder().addAll(to.segmentNames()).add(ABSENT).build(), cells);
  }

  /**
   * Row labels: the "from" segments, then {@value #ABSENT}.
   *
   * @return the labels
   */
  public ImmutableList<String> fromSegments() {
    return rowNames;
  }

  /**
   * Column labels: the "to" segments, then {@value #ABSENT}.
   *
   * @return the labels
   */
  public ImmutableList<String> toSegments() {
    return colNames;
  }

  /**
   * The number of customers in {@code from} segment {@code row} and {@code to} segment
   * {@code col}.
   *
   * @param row a row index
   * @param col a column index
   * @return the count
   */
  public long count(int row, int col) {
    Objects.checkIndex(row, rowNames.size());
    Objects.checkIndex(col, colNames.size());
    return cells[row * colNames.size() + col];
  }

  /**
   * The number of customers that moved from one named segment to another.
   *
   * @param fromSegment a row label
   * @param toSegment a column label
   * @return the count
   * @throws IllegalArgumentException if a label is unknown
   */
  public long count(String fromSegment, String toSegment) {
    int r = rowNames.indexOf(fromSegment);
    int c = colNames.indexOf(toSegment);
    if (r < 0) {
      throw new IllegalArgumentException("fromSegment must be a row label, was \""
          + fromSegment + "\"");
    }
    if (c < 0) {
      throw new IllegalArgumentException("toSegment must be a column label, was \""
          + toSegment + "\"");
    }
    return cells[r * colNames.size() + c];
  }

  /**
   * The sum of all cells.
   *
   * @return customers in either segmentation
   */
  public long total() {
    long s = 0;
    for (long v : cells) {
      s += v;
    }
    return s;
  }

  /**
   * Writes the matrix as CSV: a header {@code from\to} followed by the column labels, then one
   * line per row label; CRLF line ends; RFC 4180 quoting.
   *
   * @param out where to write
   */
  public void writeCsv(Appendable out) {
    Objects.requireNonNull(out, "out");
    try {
      out.append("from\\to");
      for (String c : colNames) {
        out.append(',').append(SegmentReport.csvField(c));
      }
      out.append("\r\n");
      for (int r = 0; r < rowNames.size(); r++) {
        out.append(SegmentReport.csvField(rowNames.get(r)));
        for (int c = 0; c < colNames.size(); c++) {
          out.append(',').append(Long.toString(cells[r * colNames.size() + c]));
        }
        out.append("\r\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The CSV of {@link #writeCsv(Appendable)} as a string.
   *
   * @return the CSV text
   */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    writeCsv(sb);
    return sb.toString();
  }
}
