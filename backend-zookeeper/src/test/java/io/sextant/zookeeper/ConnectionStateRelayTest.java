package io.sextant.zookeeper;

import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionStateRelayTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ConnectionStateRelay relay = new ConnectionStateRelay(Runnable::run, "127.0.0.1:1");

    private RestorationTracker tracker;

    private void follow(Set<String> openKeys) {
        tracker = new RestorationTracker(() -> openKeys, relay::restored, Duration.ofMinutes(1), Runnable::run);
        relay.tracker(tracker);
        relay.add(new BackendListener() {
            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
                calls.add(current.name());
            }

            @Override
            public void onEphemeralsRestored(Set<String> keys) {
                calls.add("RESTORED" + keys);
            }
        });
    }

    private void curator(org.apache.curator.framework.state.ConnectionState state) {
        relay.stateChanged(null, state);
    }

    @Test
    void aReconnectHeldForRestorationIsNotReportedOnceTheConnectionIsSuspendedAgain() {
        follow(Set.of("/a"));
        curator(org.apache.curator.framework.state.ConnectionState.LOST);
        curator(org.apache.curator.framework.state.ConnectionState.RECONNECTED);
        curator(org.apache.curator.framework.state.ConnectionState.SUSPENDED);
        tracker.created("/a"); // the node came back just before the connection dropped
        assertThat(relay.current()).as("the connection is suspended").isEqualTo(ConnectionState.SUSPENDED);
        assertThat(calls).containsExactly("LOST", "SUSPENDED");

        curator(org.apache.curator.framework.state.ConnectionState.RECONNECTED);
        assertThat(calls).containsExactly("LOST", "SUSPENDED", "RESTORED[/a]", "RECONNECTED");
        assertThat(relay.current()).isEqualTo(ConnectionState.RECONNECTED);
    }
}
