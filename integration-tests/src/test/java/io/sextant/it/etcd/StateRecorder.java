package io.sextant.it.etcd;

import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Records a backend's connection states and restorations. */
final class StateRecorder implements BackendListener {
    private final List<ConnectionState> states = new ArrayList<>();
    private final List<Set<String>> restored = new ArrayList<>();

    @Override
    public synchronized void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
        states.add(current);
    }

    @Override
    public synchronized void onEphemeralsRestored(Set<String> keys) {
        restored.add(keys);
    }

    synchronized List<ConnectionState> states() {
        return new ArrayList<>(states);
    }

    synchronized List<Set<String>> restored() {
        return new ArrayList<>(restored);
    }
}
