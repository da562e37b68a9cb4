package io.sextant.zookeeper;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RestorationTrackerTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Executor direct = Runnable::run;

    private RestorationTracker tracker(Set<String> open, Duration deadline) {
        return new RestorationTracker(() -> open, keys -> calls.add("restored " + new java.util.TreeSet<>(keys)),
                deadline, direct);
    }

    @Test
    void reconnectWithoutLossIsReportedAtOnce() {
        RestorationTracker t = tracker(Set.of("/a"), Duration.ofMinutes(1));
        t.reconnected(() -> calls.add("RECONNECTED"));
        assertThat(calls).containsExactly("RECONNECTED");
    }

    @Test
    void afterALossReconnectWaitsForEveryNodeAndRestorationComesFirst() {
        RestorationTracker t = tracker(Set.of("/a", "/b"), Duration.ofMinutes(1));
        t.sessionLost();
        t.reconnected(() -> calls.add("RECONNECTED"));
        assertThat(calls).isEmpty();
        t.created("/a");
        t.created("/unrelated");
        assertThat(calls).isEmpty();
        t.created("/b");
        assertThat(calls).containsExactly("restored [/a, /b]", "RECONNECTED");
    }

    @Test
    void nodesCreatedBeforeCuratorsReconnectAlsoCount() {
        RestorationTracker t = tracker(Set.of("/a"), Duration.ofMinutes(1));
        t.sessionLost();
        t.created("/a");
        t.reconnected(() -> calls.add("RECONNECTED"));
        assertThat(calls).containsExactly("restored [/a]", "RECONNECTED");
    }

    @Test
    void aDeletedKeyIsNoLongerAwaited() {
        RestorationTracker t = tracker(Set.of("/a", "/b"), Duration.ofMinutes(1));
        t.sessionLost();
        t.reconnected(() -> calls.add("RECONNECTED"));
        t.created("/a");
        t.forgotten("/b");
        assertThat(calls).containsExactly("restored [/a]", "RECONNECTED");
    }

    @Test
    void theDeadlineReleasesReconnectWhenANodeNeverComesBack() {
        RestorationTracker t = new RestorationTracker(() -> Set.of("/a", "/b"),
                keys -> calls.add("restored " + new java.util.TreeSet<>(keys)), Duration.ofMillis(100),
                r -> new Thread(r).start());
        t.sessionLost();
        t.reconnected(() -> calls.add("RECONNECTED"));
        t.created("/a");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.contains("RECONNECTED"));
        assertThat(calls).containsExactly("restored [/a]", "RECONNECTED");
    }
}
