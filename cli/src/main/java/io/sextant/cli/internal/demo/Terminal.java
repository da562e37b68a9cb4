package io.sextant.cli.internal.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The width of the controlling terminal: {@code stty size}, else {@code COLUMNS}, else 80. */
final class Terminal {
    private static final int DEFAULT_WIDTH = 80;

    private Terminal() {
    }

    static int width(Map<String, String> environment) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("\\d+ \\d+")) {
                return Integer.parseInt(out.split(" ")[1]);
            }
        } catch (IOException e) {
            // no sh or no tty: fall back
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            return Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }
}
