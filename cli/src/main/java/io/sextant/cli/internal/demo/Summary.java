package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Style;
import io.sextant.cli.internal.TextTable;

import java.util.ArrayList;
import java.util.List;

/** The demo's closing table: each act and what it showed, with the figures measured. */
final class Summary {
    private final List<String[]> rows = new ArrayList<>();

    void add(String act, String result) {
        rows.add(new String[] {act, result});
    }

    List<String> lines(Style style) {
        TextTable t = new TextTable("step", "what happened");
        rows.forEach(r -> t.row(style.bold(r[0]), r[1]));
        List<String> out = new ArrayList<>();
        out.add(style.bold("Summary"));
        out.addAll(t.lines(" ", style));
        return out;
    }
}
