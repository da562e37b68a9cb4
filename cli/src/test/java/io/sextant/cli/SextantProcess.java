package io.sextant.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar ({@code cli/target/sextant.jar}, passed by failsafe as {@code sextant.jar}) run as a
 * real process, with stdout and stderr in files, no {@code SEXTANT_*} variable inherited, and a UTF-8
 * locale. Stopped by its PID.
 */
final class SextantProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;
    private final long started = System.nanoTime();

    private SextantProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static SextantProcess start(Map<String, String> env, String... args) throws IOException {
        String jar = System.getProperty("sextant.jar");
        assertThat(jar).as("system property sextant.jar (set by failsafe)").isNotNull();
        assertThat(Path.of(jar)).exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar));
        cmd.addAll(List.of(args));
        return exec(env, cmd);
    }

    /** Runs any command line (such as script(1) around the jar) to the end, at most {@code max}. */
    static SextantProcess runCommand(Duration max, Map<String, String> env, String... command) throws Exception {
        SextantProcess p = exec(env, List.of(command));
        p.waitFor(max);
        return p;
    }

    private static SextantProcess exec(Map<String, String> env, List<String> cmd) throws IOException {
        Path dir = Files.createTempDirectory("sextant-it-");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SEXTANT_"));
        pb.environment().put("LANG", "C.UTF-8");
        pb.environment().putAll(env);
        return new SextantProcess(pb.start(), out, err);
    }

    /** Runs to the end (at most {@code max}) and returns the exit code. */
    static SextantProcess run(Duration max, Map<String, String> env, String... args) throws Exception {
        SextantProcess p = start(env, args);
        p.waitFor(max);
        return p;
    }

    int waitFor(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("sextant did not exit within " + max + "; stdout:\n" + out() + "\nstderr:\n" + err());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM. */
    void terminate() {
        process.destroy();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
