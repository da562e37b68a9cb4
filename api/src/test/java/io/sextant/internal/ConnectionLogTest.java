package io.sextant.internal;

import io.sextant.spi.ConnectionState;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.sextant.spi.ConnectionState.CONNECTED;
import static io.sextant.spi.ConnectionState.RECONNECTED;
import static io.sextant.spi.ConnectionState.SUSPENDED;
import static org.assertj.core.api.Assertions.assertThat;

/** One line per connection change; a flapping connection gets a summary with the suppressed count. */
class ConnectionLogTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> lines = new ArrayList<>();
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final ConnectionLog log = new ConnectionLog("etcd (namespace 'n')", CONNECTED, now::get,
            (format, args) -> lines.add(MessageFormatter.arrayFormat(format, args).getMessage()),
            (task, nanos) -> {
                scheduled.add(task);
                delays.add(nanos);
            });

    private void flap(int changes, long everyMs) {
        for (int i = 0; i < changes; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(everyMs));
            boolean down = i % 2 == 0;
            log.changed(down ? RECONNECTED : SUSPENDED, down ? SUSPENDED : RECONNECTED);
        }
    }

    @Test
    void eachChangeIsOneLineWithTheBackendTheStatesAndHowLongThePreviousLasted() {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2_500));
        log.changed(CONNECTED, SUSPENDED);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300));
        log.changed(SUSPENDED, RECONNECTED);
        assertThat(lines).containsExactly(
                "backend etcd (namespace 'n') connection CONNECTED -> SUSPENDED (CONNECTED for 2500 ms)",
                "backend etcd (namespace 'n') connection SUSPENDED -> RECONNECTED (SUSPENDED for 300 ms)");
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aFlappingConnectionLogsABurstThenOneSummaryWithTheSuppressedCount() {
        flap(25, 100); // 25 changes in 2.5 s
        assertThat(lines).hasSize(ConnectionLog.BURST);
        assertThat(scheduled).hasSize(1); // one summary, however many changes are suppressed
        assertThat(delays.get(0)).isBetween(0L, ConnectionLog.WINDOW.toNanos());

        now.addAndGet(delays.get(0));
        scheduled.get(0).run();
        assertThat(lines).hasSize(ConnectionLog.BURST + 1);
        // the window began with the log; the 6th change (at 0.6 s) scheduled the summary for 60 s, run at 61.9 s
        assertThat(lines.get(ConnectionLog.BURST)).isEqualTo("backend etcd (namespace 'n') connection flapping: 20 more"
                + " changes not logged in the last 61 s (into 10 SUSPENDED, 10 RECONNECTED); now SUSPENDED for 59400 ms");

        flap(1, 10); // a new window: logged at once again
        assertThat(lines).hasSize(ConnectionLog.BURST + 2);
        assertThat(lines.get(ConnectionLog.BURST + 1)).contains("RECONNECTED -> SUSPENDED");
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void changesSpreadOverTimeAreNeverSuppressed() {
        flap(20, 15_000); // one change every 15 s: 4 a minute, below the burst
        assertThat(lines).hasSize(20);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void noSummaryWhenNothingWasSuppressed() {
        flap(ConnectionLog.BURST, 10);
        assertThat(scheduled).isEmpty();
        log.summarize();
        assertThat(lines).hasSize(ConnectionLog.BURST);
    }
}
