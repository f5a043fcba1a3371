package io.meshforge.ctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Table} prints rows under upper-case headers in left-aligned columns three spaces apart,
 * the layout kumactl users read and {@code awk} scripts parse. Empty cells print as {@code -} so
 * columns stay countable.
 */
public final class Table {
  private static final int GAP = 3;

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headers. */
  public Table(String... headers) {
    this.headers = List.of(headers);
  }

  /**
   * Adds a row.
   *
   * @throws IllegalArgumentException when it has not one cell per header
   */
  public Table row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row needs " + headers.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>();
    for (String cell : cells) {
      row.add(cell == null || cell.isEmpty() ? "-" : cell);
    }
    rows.add(row);
    return this;
  }

  /** Prints the headers and the rows. */
  public void print(PrintWriter out) {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    printRow(out, headers, widths);
    rows.forEach(row -> printRow(out, row, widths));
    out.flush();
  }

  private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      line.append(cells.get(i));
      if (i < cells.size() - 1) {
        line.repeat(' ', widths[i] - cells.get(i).length() + GAP);
      }
    }
    out.println(line);
  }
}
