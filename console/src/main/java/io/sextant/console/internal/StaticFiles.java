package io.sextant.console.internal;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The page's three files, read once from the jar ({@code io/sextant/console/web/}). */
final class StaticFiles {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void send(HttpExchange ex, String name) throws IOException {
        byte[] body = cache.computeIfAbsent(name, StaticFiles::load);
        Responses.send(ex, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), body);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/io/sextant/console/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/sextant/console/web/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
