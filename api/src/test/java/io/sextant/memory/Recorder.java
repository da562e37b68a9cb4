package io.sextant.memory;

import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import io.sextant.spi.WatchListener;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records watch calls and connection events as strings, in order. */
final class Recorder implements WatchListener, BackendListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(Map<String, byte[]> entries, boolean resync) {
        events.add((resync ? "resync" : "snapshot") + new TreeSet<>(entries.keySet()));
    }

    @Override
    public void onPut(String key, byte[] value) {
        events.add("put " + key + "=" + new String(value, StandardCharsets.UTF_8));
    }

    @Override
    public void onDelete(String key) {
        events.add("delete " + key);
    }

    @Override
    public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
        events.add(current.name());
    }

    @Override
    public void onEphemeralsRestored(Set<String> keys) {
        events.add("restored" + new TreeSet<>(keys));
    }
}
