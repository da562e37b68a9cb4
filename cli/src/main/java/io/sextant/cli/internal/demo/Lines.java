package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.TextTable;

import java.util.ArrayList;
import java.util.List;

/** Fitting lines that may hold ANSI colour codes to a terminal's width. */
final class Lines {
    private static final char ESC = '\u001b';

    private Lines() {
    }

    /** {@code line} cut to {@code width} visible characters (colour codes kept, colour reset at a cut). */
    static String cut(String line, int width) {
        if (TextTable.visibleLength(line) <= width) {
            return line;
        }
        StringBuilder sb = new StringBuilder();
        int visible = 0;
        for (int i = 0; i < line.length() && visible < width; i++) {
            char c = line.charAt(i);
            if (c == ESC) {
                int end = line.indexOf('m', i);
                if (end < 0) {
                    break;
                }
                sb.append(line, i, end + 1);
                i = end;
                continue;
            }
            sb.append(c);
            if (!Character.isHighSurrogate(c)) {
                visible++;
            }
        }
        return sb.append(ESC).append("[0m").toString();
    }

    /** {@code line} wrapped at spaces to {@code width}, continuation lines indented by {@code indent}. */
    static List<String> wrap(String line, int width, int indent) {
        List<String> out = new ArrayList<>();
        String body = line.stripLeading();
        StringBuilder current = new StringBuilder(line.substring(0, line.length() - body.length()));
        boolean hasWord = false;
        for (String word : body.split(" ", -1)) {
            int len = TextTable.visibleLength(current.toString());
            if (hasWord && len + 1 + TextTable.visibleLength(word) > width) {
                out.add(current.toString());
                current = new StringBuilder(" ".repeat(indent));
                hasWord = false;
            }
            if (hasWord) {
                current.append(' ');
            }
            current.append(word);
            hasWord = true;
        }
        out.add(current.toString());
        return out;
    }
}
