package io.sextant.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An aligned table of text: columns as wide as their widest cell (ANSI colour codes do not count),
 * separated by two spaces; a column can be right-aligned (numbers).
 */
public final class TextTable {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final List<String> headers;
    private final boolean[] right;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column headers; a header starting with {@code >} is right-aligned (the mark is dropped). */
    public TextTable(String... headers) {
        this.headers = new ArrayList<>();
        this.right = new boolean[headers.length];
        for (int i = 0; i < headers.length; i++) {
            right[i] = headers[i].startsWith(">");
            this.headers.add(right[i] ? headers[i].substring(1) : headers[i]);
        }
    }

    /** Adds a row; missing cells are empty. */
    public TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            r.add(i < cells.length && cells[i] != null ? cells[i].toString() : "");
        }
        rows.add(r);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The lines: the header, then one per row, each prefixed by {@code indent}. */
    public List<String> lines(String indent, Style style) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = visibleLength(headers.get(i));
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], visibleLength(r.get(i)));
            }
        }
        List<String> out = new ArrayList<>();
        out.add(style.dim(line(indent, headers, width)));
        for (List<String> r : rows) {
            out.add(line(indent, r, width));
        }
        return out;
    }

    private String line(String indent, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            int pad = width[i] - visibleLength(c);
            if (right[i]) {
                sb.append(" ".repeat(pad)).append(c);
            } else {
                sb.append(c);
                if (i < cells.size() - 1) {
                    sb.append(" ".repeat(pad));
                }
            }
            if (i < cells.size() - 1) {
                sb.append("  ");
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Length without ANSI colour codes. */
    public static int visibleLength(String s) {
        return ANSI.matcher(s).replaceAll("").codePointCount(0, ANSI.matcher(s).replaceAll("").length());
    }
}
