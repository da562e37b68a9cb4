package io.sextant.micrometer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The documented metrics table, read from the README (once the table is there) or else from
 * {@code NOTES-micrometer.md}, both at the repository root: rows {@code | `name` | `prometheus_name` | ...}.
 */
record MetricsTable(Path source, List<Row> rows) {
    record Row(String name, String prometheusName) {
    }

    static MetricsTable load() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path readme = root.resolve("README.md");
        Path source = Files.exists(readme) && Files.readString(readme).contains("| `sextant.cache.instances`")
                ? readme : root.resolve("NOTES-micrometer.md");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(source)) {
            if (line.startsWith("| `sextant.")) {
                String[] cells = line.split("\\|");
                rows.add(new Row(strip(cells[1]), strip(cells[2])));
            }
        }
        return new MetricsTable(source, rows);
    }

    private static String strip(String cell) {
        return cell.trim().replace("`", "");
    }

    Set<String> prometheusNames() {
        Set<String> names = new TreeSet<>();
        rows.forEach(r -> names.add(r.prometheusName()));
        return names;
    }
}
