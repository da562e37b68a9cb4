package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Style;

import java.io.PrintWriter;
import java.util.List;

/**
 * The demo's output. Live (a terminal): captions scroll above a board that is redrawn in place.
 * Plain (a pipe or file): captions are lines, and the board is printed only at the moments the demo
 * asks for a snapshot, so the output reads top to bottom.
 */
final class Screen {
    private final PrintWriter out;
    private final boolean live;
    private final Style style;
    private final int width;
    private List<String> board = List.of();
    private int drawn;

    /** @param width the terminal's columns: live lines are cut to it, captions wrapped */
    Screen(PrintWriter out, boolean live, Style style, int width) {
        this.out = out;
        this.live = live;
        this.style = style;
        this.width = Math.max(40, width);
        if (live) {
            out.print("\u001b[?25l"); // hide the cursor while redrawing
        }
    }

    Style style() {
        return style;
    }

    boolean live() {
        return live;
    }

    /** A line that stays: above the board when live. */
    synchronized void caption(String line) {
        if (live) {
            erase();
            Lines.wrap(line, width - 1, 10).forEach(out::println);
            draw();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The current board: redrawn when live, remembered otherwise. */
    synchronized void board(List<String> lines) {
        // a line wider than the terminal would wrap and spoil the count of lines to redraw
        board = live ? lines.stream().map(l -> Lines.cut(l, width - 1)).toList() : List.copyOf(lines);
        if (live) {
            erase();
            draw();
            out.flush();
        }
    }

    /** Prints the current board as a snapshot (plain only; live shows it already). */
    synchronized void snapshot() {
        if (!live) {
            out.println();
            board.forEach(out::println);
            out.println();
            out.flush();
        }
    }

    /** Lines printed as they are (already fitted), after the board stops being redrawn. */
    synchronized void print(List<String> lines) {
        erase();
        board = List.of();
        lines.forEach(out::println);
        out.flush();
    }

    /** Leaves the board on screen as it is: later output goes below it. */
    synchronized void freeze() {
        if (live) {
            drawn = 0;
        }
        board = List.of();
    }

    /** The columns output may use. */
    int width() {
        return width;
    }

    /** Leaves the board on screen, releases the terminal. */
    synchronized void finish() {
        if (live) {
            drawn = 0;
            out.print("\u001b[?25h");
            out.flush();
        }
    }

    private void erase() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "F\u001b[J");
        }
        drawn = 0;
    }

    private void draw() {
        board.forEach(out::println);
        drawn = board.size();
    }
}
