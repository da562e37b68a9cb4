package io.sextant.cli;

import io.sextant.testing.EtcdCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code sextant demo} as a real process from the built jar: shares match the weights, every fault step shows. */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DemoIT {

    @Test
    void demoOnTheEmbeddedZooKeeperShowsSharesAndFaults() throws Exception {
        SextantProcess p = SextantProcess.run(Duration.ofSeconds(90), Map.of(), "demo", "--duration", "12s");
        assertThat(p.exitCode()).as(p.out() + p.err()).isZero();
        assertThat(p.elapsed()).isLessThan(Duration.ofSeconds(60));
        assertDemoRan(p.out());
        // not a terminal: plain lines, no escape codes
        assertThat(p.out()).doesNotContain("\u001b[");
    }

    @Test
    void demoOnARealEtcd() throws Exception {
        try (EtcdCluster etcd = EtcdCluster.start(1)) {
            SextantProcess p = SextantProcess.run(Duration.ofSeconds(90), Map.of(), "demo", "--duration", "10s",
                    "--backend", "etcd", "--endpoints", etcd.endpoints());
            assertThat(p.exitCode()).as(p.out() + p.err()).isZero();
            assertThat(p.out()).contains("etcd at " + etcd.endpoints(), "namespace sextant-demo-");
            assertDemoRan(p.out());
        }
    }

    @Test
    void demoInATerminalRedrawsTheBoardInColour() throws Exception {
        Assumptions.assumeTrue(new java.io.File("/usr/bin/script").canExecute(), "no script(1) to give the demo a terminal");
        // script(1) runs the jar on a pseudo-terminal, as a user's shell would
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + javaBin + "' -jar '" + System.getProperty("sextant.jar") + "' demo --duration 5s";
        SextantProcess p = SextantProcess.runCommand(Duration.ofSeconds(90), Map.of("COLUMNS", "100"),
                "/usr/bin/script", "-qec", command, "/dev/null");
        assertThat(p.exitCode()).as(p.out() + p.err()).isZero();
        assertThat(p.out()).contains("\u001b[?25l", "\u001b[32m", "demo finished in")
                .containsPattern("\u001b\\[\\d+F\u001b\\[J") // the board is redrawn in place
                .endsWith("\u001b[?25h"); // the cursor is shown again
    }

    static void assertDemoRan(String out) {
        List<DemoOutput.Row> steady = DemoOutput.firstBoard(out, "orders");
        assertThat(steady).extracting(DemoOutput.Row::id).containsExactly("orders-a1", "orders-a2", "orders-b1", "orders-b2");
        for (DemoOutput.Row r : steady) {
            assertThat(r.seen()).as(r.id()).isEqualTo("✓ ✓");
            assertThat(r.wrr()).as(r.id() + " wrr").isCloseTo(r.weightShare(), within(1.0));
            assertThat(r.maglev()).as(r.id() + " maglev").isCloseTo(r.weightShare(), within(3.0));
            assertThat(r.rr()).as(r.id() + " rr").isCloseTo(25.0, within(1.0));
            assertThat(r.zone()).as(r.id() + " zone-aware").isCloseTo(r.id().contains("-a") ? 50.0 : 0.0, within(5.0));
        }
        assertThat(steady.get(2).weightShare()).isEqualTo(40.0);
        List<DemoOutput.Row> payments = DemoOutput.firstBoard(out, "payments");
        assertThat(payments).extracting(DemoOutput.Row::weightShare).containsExactly(75.0, 25.0);
        assertThat(payments.get(0).wrr()).isCloseTo(75.0, within(1.0));

        assertThat(out).contains("orders-b2's process dies")
                .containsPattern("dropped by the zone-a client's cache after [0-9.]+s and the zone-b client's after [0-9.]+s")
                .contains("orders-a2 starts failing every call")
                .containsPattern("breakers of orders-a2 opened in [3-5] of 5 balancers")
                .containsPattern("[0-9,]+ calls: [0-9,]+ succeeded, [1-9][0-9,]* retried on another instance, 0 failed")
                .contains("registers as orders-a2@2")
                .containsPattern("slow start ramped orders-a2@2's wrr share [0-9.]+%")
                .contains("Summary", "demo finished in")
                .doesNotContain("NOT SHOWN");
        // after the restart, orders-a2@2 is picked; the expired and deregistered ones are not
        List<DemoOutput.Row> last = DemoOutput.lastBoard(out, "orders");
        assertThat(last).filteredOn(r -> r.id().equals("orders-b2")).allMatch(r -> r.seen().equals("· ·"));
        assertThat(last).filteredOn(r -> r.id().equals("orders-a2@2")).singleElement()
                .satisfies(r -> assertThat(r.wrr()).isCloseTo(25.0, within(2.0)));
    }
}
