package io.sextant.testing;

import io.sextant.SextantConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@link RegistrantMain} in a separate JVM, so a test can {@code kill -9} a registering process. */
public final class ChildRegistrant implements AutoCloseable {
    private final Process process;
    private final List<String> ids;

    private ChildRegistrant(Process process, List<String> ids) {
        this.process = process;
        this.ids = ids;
    }

    /** Starts the child and waits (at most 60 s) until its registrations are in the backend. */
    public static ChildRegistrant start(SextantConfig config, String service, int count, Path logFile) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(RegistrantMain.class.getName());
        cmd.add(service);
        cmd.add(Integer.toString(count));
        for (Map.Entry<String, String> e : config.properties().entrySet()) {
            cmd.add(e.getKey() + "=" + e.getValue());
        }
        Process p = new ProcessBuilder(cmd).redirectError(logFile.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return new ChildRegistrant(p, List.of(line.substring(6).split(",")));
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        p.destroyForcibly().waitFor();
        String log = java.nio.file.Files.exists(logFile) ? java.nio.file.Files.readString(logFile) : "";
        throw new IllegalStateException("child registrant did not become ready (exit " + p.exitValue()
                + "); its stderr ends with:\n" + log.substring(Math.max(0, log.length() - 4000)));
    }

    public List<String> ids() {
        return ids;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: the child gets no chance to deregister. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
