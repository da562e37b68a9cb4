package io.sextant.spring;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link ServiceBApp} in a separate JVM, so a test can {@code kill -9} it: it never deregisters. */
final class ChildApp implements AutoCloseable {
    private final Process process;

    private ChildApp(Process process) {
        this.process = process;
    }

    /** Starts the child and waits (at most 90 s) until it is registered and serving. */
    static ChildApp start(Map<String, Object> properties, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path")));
        cmd.add(ServiceBApp.class.getName());
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
            seen.append(line).append('\n');
            if (line.equals("READY")) {
                Thread drain = new Thread(() -> drain(out, log), "child-app-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildApp(p);
            }
        }
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.writeString(log, seen);
        throw new IllegalStateException("child app did not become ready; its output is in " + log + ", ending:\n"
                + seen.substring(Math.max(0, seen.length() - 3000)));
    }

    private static void drain(BufferedReader out, Path log) {
        try (var w = Files.newBufferedWriter(log)) {
            String line;
            while ((line = out.readLine()) != null) {
                w.write(line);
                w.newLine();
            }
        } catch (Exception ignored) {
            // the child was killed
        }
    }

    /** kill -9 by PID: no shutdown hook runs, nothing is deregistered. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        kill();
    }
}
