package io.sextant.console;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bind rules and the token, checked on every endpoint including the event stream. */
class AccessTest {
    private static final String TOKEN = "s3cret-token-for-tests";
    private final ConsoleFixture f = new ConsoleFixture();

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void bindsLoopbackByDefault() throws Exception {
        Console c = f.console();
        assertThat(c.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(c.uri().toString()).startsWith("http://127.0.0.1:").doesNotContain("token");
    }

    @Test
    void anotherAddressRequiresAToken() throws Exception {
        assertThatThrownBy(() -> f.console(Console.builder(f.watcher).bind("0.0.0.0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requires a token");
        Console c = f.console(Console.builder(f.watcher).bind("0.0.0.0").token(TOKEN));
        assertThat(c.address().getAddress().isAnyLocalAddress()).isTrue();
        assertThat(c.uri().getQuery()).isEqualTo("token=" + TOKEN);
    }

    @Test
    void tokensAreLongEnoughAndUrlSafe() {
        assertThatThrownBy(() -> Console.builder(f.watcher).token("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Console.builder(f.watcher).token("with space; x=1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEndpointRefusesAMissingOrWrongToken() throws Exception {
        Console c = f.console(Console.builder(f.watcher).token(TOKEN));
        URI base = URI.create("http://127.0.0.1:" + c.address().getPort() + "/");
        for (String path : new String[] {"", "app.js", "app.css", "api/services", "api/health",
                "api/instances?service=x", "api/balance?service=x", "api/events"}) {
            assertThat(status(base.resolve(path), null)).as(path).isEqualTo(401);
            String sep = path.contains("?") ? "&" : "?";
            assertThat(status(base.resolve(path + sep + "token=wrong"), null)).as(path).isEqualTo(401);
            assertThat(status(base.resolve(path + sep + "token=" + TOKEN.substring(0, 5)), null)).as(path).isEqualTo(401);
            assertThat(status(base.resolve(path), "Bearer " + TOKEN)).as(path)
                    .isEqualTo(path.startsWith("api/instances") || path.startsWith("api/balance") ? 404 : 200);
        }
    }

    @Test
    void thePageSetsACookieThatLaterRequestsCarry() throws Exception {
        Console c = f.console(Console.builder(f.watcher).token(TOKEN));
        HttpResponse<String> page = f.get(c.uri(), c.uri().toString());
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("sextant_console=" + TOKEN + ";").contains("HttpOnly", "SameSite=Strict");
        HttpResponse<String> services = f.http.send(HttpRequest.newBuilder(c.uri().resolve("/api/services"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(services.statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = f.http.send(HttpRequest.newBuilder(c.uri().resolve("/api/services"))
                .header("Cookie", "sextant_console=nope").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
    }

    @Test
    void onLoopbackAForeignHostHeaderIsRefused() throws Exception {
        Console c = f.console();
        assertThat(rawStatus(c, "evil.example:" + c.address().getPort())).isEqualTo(403);
        assertThat(rawStatus(c, "localhost:" + c.address().getPort())).isEqualTo(200);
        assertThat(rawStatus(c, "127.0.0.1:" + c.address().getPort())).isEqualTo(200);
    }

    private int status(URI uri, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        // Headers only: the event stream never ends by itself, so the body is closed unread.
        HttpResponse<java.io.InputStream> r = f.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        return r.statusCode();
    }

    /** A request with a chosen Host header (java.net.http does not let a caller set one). */
    private static int rawStatus(Console c, String host) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), c.address().getPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/health HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
