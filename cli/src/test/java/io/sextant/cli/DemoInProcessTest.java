package io.sextant.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The demo in-process (plain output, as when stdout is not a terminal); the full checks run on the jar in DemoIT. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoInProcessTest {

    @Test
    void shortDemoShowsEveryStepAndExitsZero() {
        Cli c = Cli.run(Map.of(), "demo", "--duration", "6s");
        assertThat(c.code).as(c.out() + c.err()).isZero();
        DemoIT.assertDemoRan(c.out());
    }

    @Test
    void stoppingTheDemoCleansUpAndExits130() throws Exception {
        Cli c = new Cli(Map.of());
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> c.execute("demo", "--duration", "60s"));
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> c.out().contains("steady state"));
        c.stop.countDown();
        assertThat(code.get(30, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(c.err()).startsWith("sextant: demo interrupted");
        assertThat(c.out()).doesNotContain("Summary");
    }
}
