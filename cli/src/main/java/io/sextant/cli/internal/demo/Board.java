package io.sextant.cli.internal.demo;

import io.sextant.cli.internal.Style;
import io.sextant.cli.internal.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the live view: per service, each instance, which client sees it, its weight and the shares. */
final class Board {
    private Board() {
    }

    static List<String> render(String title, Map<String, List<Row>> services, List<String> zones, String shownZone,
                               Style style) {
        List<String> lines = new ArrayList<>();
        lines.add(style.bold(title));
        for (Map.Entry<String, List<Row>> e : services.entrySet()) {
            List<String> header = new ArrayList<>(List.of(e.getKey(), "zone", "seen", ">weight", ">share"));
            Strategies.NAMES.forEach(n -> header.add(">" + Strategies.label(n)));
            header.add("");
            TextTable t = new TextTable(header.toArray(new String[0]));
            for (Row r : e.getValue()) {
                List<Object> cells = new ArrayList<>();
                boolean gone = !r.listed();
                cells.add(gone ? style.dim(r.id()) : style.bold(r.id()));
                cells.add(r.zone());
                StringBuilder seen = new StringBuilder();
                for (boolean s : r.seen()) {
                    seen.append(seen.length() == 0 ? "" : " ").append(s ? style.green(style.check()) : style.red(style.dot()));
                }
                cells.add(seen.toString());
                cells.add(r.weight());
                cells.add(percent(r.weightShare(), style));
                for (double s : r.shares()) {
                    cells.add(percent(s, style));
                }
                cells.add(r.note().isEmpty() ? "" : style.yellow(r.note()));
                t.row(cells.toArray());
            }
            lines.add("");
            lines.addAll(t.lines(" ", style).stream().map(l -> l).toList());
        }
        lines.add("");
        lines.add(style.dim(" seen: in the caches of the clients in " + String.join(" and ", zones)
                + " " + style.dot() + " share: of the total weight"));
        lines.add(style.dim(" where " + String.format(Locale.ROOT, "%,d", Shares.PICKS) + " picks of the client in "
                + shownZone + " go: rr round-robin " + style.dot() + " wrr weighted-round-robin"));
        lines.add(style.dim("   p2c p2c-peak-ewma " + style.dot() + " maglev keyed by user id " + style.dot()
                + " zone zone-aware"));
        return lines;
    }

    static String percent(double share, Style style) {
        if (Double.isNaN(share)) {
            return style.dim("-");
        }
        String s = String.format(Locale.ROOT, "%.1f%%", share * 100);
        return share == 0 ? style.dim(s) : s;
    }
}
