package io.sextant.cli;

import java.util.ArrayList;
import java.util.List;

/** Reads the boards that the demo prints in plain mode. */
final class DemoOutput {
    private DemoOutput() {
    }

    /** One row: shares in percent; NaN where the board shows '-'. */
    record Row(String id, String zone0, String seen, int weight, double weightShare, double rr, double wrr, double p2c,
               double maglev, double zone) {
    }

    static List<Row> firstBoard(String out, String service) {
        return boards(out, service).get(0);
    }

    static List<Row> lastBoard(String out, String service) {
        List<List<Row>> all = boards(out, service);
        return all.get(all.size() - 1);
    }

    static List<List<Row>> boards(String out, String service) {
        List<List<Row>> boards = new ArrayList<>();
        List<Row> current = null;
        for (String line : out.lines().toList()) {
            String t = line.strip();
            if (t.startsWith(service + " ") && t.contains("weight") && t.contains("maglev")) {
                current = new ArrayList<>();
                boards.add(current);
            } else if (current != null && t.startsWith(service + "-")) {
                String[] f = t.split("\\s+");
                current.add(new Row(f[0], f[1], f[2] + " " + f[3], Integer.parseInt(f[4]), pct(f[5]), pct(f[6]),
                        pct(f[7]), pct(f[8]), pct(f[9]), pct(f[10])));
            } else {
                current = null;
            }
        }
        if (boards.isEmpty()) {
            throw new AssertionError("no board of " + service + " in:\n" + out);
        }
        return boards;
    }

    private static double pct(String s) {
        return s.equals("-") ? Double.NaN : Double.parseDouble(s.replace("%", ""));
    }
}
