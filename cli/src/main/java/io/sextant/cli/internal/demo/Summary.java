package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Style;

import java.util.ArrayList;
import java.util.List;

/** The demo's closing table: each act and what it showed, with the figures measured. */
final class Summary {
    private final List<String[]> rows = new ArrayList<>();

    void add(String act, String result) {
        rows.add(new String[] {act, result});
    }

    /** The table, its second column wrapped to fit {@code width}. */
    List<String> lines(Style style, int width) {
        int first = "step".length();
        for (String[] r : rows) {
            first = Math.max(first, r[0].length());
        }
        int indent = 1 + first + 2;
        List<String> out = new ArrayList<>();
        out.add(style.bold(" Summary"));
        out.add(style.dim(" " + pad("step", first) + "  what happened"));
        for (String[] r : rows) {
            String line = " " + style.bold(pad(r[0], first)) + "  " + r[1];
            out.addAll(Lines.wrap(line, Math.max(indent + 20, width - 1), indent));
        }
        return out;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
