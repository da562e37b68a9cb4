package io.sextant.cli.internal;

/**
 * Colours and symbols for terminal output: ANSI colours only when asked for, and Unicode symbols only
 * when the output encoding can carry them (ASCII fallbacks otherwise).
 */
public final class Style {
    private final boolean color;
    private final boolean unicode;

    public Style(boolean color, boolean unicode) {
        this.color = color;
        this.unicode = unicode;
    }

    /** Plain: no colour, ASCII only. */
    public static Style plain() {
        return new Style(false, false);
    }

    public boolean color() {
        return color;
    }

    public boolean unicode() {
        return unicode;
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String cyan(String s) {
        return wrap("36", s);
    }

    public String check() {
        return unicode ? "✓" : "+";
    }

    public String cross() {
        return unicode ? "✗" : "x";
    }

    public String dot() {
        return unicode ? "·" : "-";
    }

    public String arrow() {
        return unicode ? "→" : "->";
    }

    public String bullet() {
        return unicode ? "▸" : ">";
    }

    /** A bar of {@code width} cells filled to {@code fraction} (0..1). */
    public String bar(double fraction, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        String on = unicode ? "█" : "#";
        String off = unicode ? "░" : ".";
        return on.repeat(filled) + dim(off.repeat(width - filled));
    }

    private String wrap(String code, String s) {
        return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
