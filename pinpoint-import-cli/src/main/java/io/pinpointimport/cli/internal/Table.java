package io.pinpointimport.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with a header row and left-aligned columns two spaces apart. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    /**
     * @param header the column titles
     * @return an empty table
     */
    public static Table of(String... header) {
        return new Table(header);
    }

    /**
     * @param cells one value per column; {@code null} prints as {@code -}
     * @return this table
     */
    public Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = c == null ? "-" : String.valueOf(c);
        }
        rows.add(r);
        return this;
    }

    /** @return the number of rows below the header */
    public int size() {
        return rows.size() - 1;
    }

    /**
     * Prints the table, trailing spaces trimmed.
     *
     * @param out where to
     */
    public void print(PrintStream out) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                sb.append(r[i]);
                if (i < columns - 1) {
                    char[] pad = new char[width[i] - r[i].length() + 2];
                    Arrays.fill(pad, ' ');
                    sb.append(pad);
                }
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }
}
