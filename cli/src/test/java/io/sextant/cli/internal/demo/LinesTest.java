package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Style;
import io.sextant.cli.internal.TextTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinesTest {
    private final Style color = new Style(true, true);

    @Test
    void cutCountsOnlyVisibleCharactersAndResetsTheColour() {
        String line = color.green("abcdef") + "ghij";
        String cut = Lines.cut(line, 8);
        assertThat(TextTable.visibleLength(cut)).isEqualTo(8);
        assertThat(cut).startsWith("\u001b[32mabcdef").endsWith("gh\u001b[0m");
        assertThat(Lines.cut("short", 10)).isEqualTo("short");
    }

    @Test
    void wrapKeepsTheLeadingIndentAndHangsContinuationLines() {
        List<String> lines = Lines.wrap("  1.0s  > one two three four five six", 20, 10);
        assertThat(lines).containsExactly("  1.0s  > one two", "          three four", "          five six");
        assertThat(lines).allMatch(l -> l.length() <= 20);
    }

    @Test
    void aWordLongerThanTheWidthStaysWhole() {
        assertThat(Lines.wrap("x " + "y".repeat(30), 10, 2)).containsExactly("x", "  " + "y".repeat(30));
    }
}
