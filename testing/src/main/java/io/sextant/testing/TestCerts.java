package io.sextant.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA with a server certificate (SAN IP:127.0.0.1, DNS:localhost) and a client
 * certificate, made with the {@code openssl} command in a temp dir.
 */
public record TestCerts(Path dir, Path ca, Path caKey, Path serverCert, Path serverKey, Path clientCert,
                        Path clientKey) {

    /** Generates everything under a new temp dir; {@code clientCn} becomes the client certificate's CN. */
    public static TestCerts generate(String clientCn) throws IOException, InterruptedException {
        Path d = Files.createTempDirectory("sextant-tls-");
        TestCerts c = new TestCerts(d, d.resolve("ca.crt"), d.resolve("ca.key"), d.resolve("server.crt"),
                d.resolve("server.key"), d.resolve("client.crt"), d.resolve("client.key"));
        Files.writeString(d.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(d.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        openssl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=sextant-test-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        sign(d, "server", "/CN=127.0.0.1", "server.ext");
        sign(d, "client", "/CN=" + clientCn, "client.ext");
        return c;
    }

    private static void sign(Path d, String name, String subject, String ext) throws IOException, InterruptedException {
        openssl(d, "req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key",
                "-out", name + ".csr");
        openssl(d, "x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", ext, "-out", name + ".crt");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    /** Deletes the generated files. */
    public void delete() throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Whether the openssl command runs here. */
    public static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
