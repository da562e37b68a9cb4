package io.sextant.console.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * Who may read: with a token, every request must carry it (query {@code token}, {@code Authorization: Bearer}, or
 * the {@code sextant_console} cookie set when the page is opened with the token), compared in constant time. On
 * loopback without a token, the Host header must name loopback, so a page of another site cannot read the console
 * through DNS rebinding.
 */
final class Access {
    static final String COOKIE = "sextant_console";

    private final byte[] tokenDigest;
    private final boolean loopback;

    Access(String token, boolean loopback) {
        this.tokenDigest = token == null ? null : sha256(token);
        this.loopback = loopback;
    }

    boolean tokenRequired() {
        return tokenDigest != null;
    }

    /** Null when the request may proceed, else the status to answer with. */
    Integer check(HttpExchange exchange, Query query) {
        if (tokenDigest == null) {
            return loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host")) ? 403 : null;
        }
        String presented = query.get("token");
        if (presented == null) {
            presented = bearer(exchange.getRequestHeaders());
        }
        if (presented == null) {
            presented = cookie(exchange.getRequestHeaders());
        }
        if (presented == null || !MessageDigest.isEqual(tokenDigest, sha256(presented))) {
            return 401;
        }
        return null;
    }

    static boolean loopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else if (h.indexOf(':') >= 0) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals("localhost") || h.equals("[::1]") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static String bearer(Headers headers) {
        String auth = headers.getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return null;
    }

    private static String cookie(Headers headers) {
        List<String> cookies = headers.get("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String line : cookies) {
            for (String part : line.split(";")) {
                String p = part.strip();
                if (p.startsWith(COOKIE + "=")) {
                    return p.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }

    private static byte[] sha256(String s) {
        try {
            // Digests have one length, so isEqual's time does not depend on the token's length or content.
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
