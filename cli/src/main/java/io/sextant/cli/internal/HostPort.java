package io.sextant.cli.internal;

/**
 * A {@code host:port} argument: a host name, an IPv4 literal or a bracketed IPv6 literal
 * ({@code [::1]:8080}), and a port 1..65535.
 */
public record HostPort(String host, int port) {

    /**
     * Parses {@code text}.
     *
     * @throws CliException (usage) naming the argument and echoing the bad value
     */
    public static HostPort parse(String what, String text) {
        String t = text == null ? "" : text.strip();
        int colon = t.lastIndexOf(':');
        String host = colon > 0 ? t.substring(0, colon) : "";
        String portText = colon > 0 ? t.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = ""; // an IPv6 literal must be bracketed
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || host.contains("/") || host.chars().anyMatch(Character::isWhitespace)
                || port < 1 || port > 65_535) {
            throw CliException.usage(what + " must be HOST:PORT with a port in 1..65535, such as 10.0.0.5:8080 or [::1]:8080, got '"
                    + text + "'");
        }
        return new HostPort(host, port);
    }
}
