package io.sextant.it.zookeeper;

import io.sextant.spi.WatchListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Records every call of a watch, in order, and the key-value state they amount to. */
final class RecordingWatchListener implements WatchListener {

    /** One call: SNAPSHOT, RESYNC, PUT or DELETE, with its key and value (or the snapshot's size). */
    record Event(String type, String key, String value, long nanos) {
        @Override
        public String toString() {
            return type + (key == null ? "" : " " + key) + (value == null ? "" : "=" + value);
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final Map<String, String> state = new TreeMap<>();
    private volatile Thread lastThread;

    @Override
    public synchronized void onSnapshot(Map<String, byte[]> entries, boolean resync) {
        lastThread = Thread.currentThread();
        state.clear();
        entries.forEach((k, v) -> state.put(k, text(v)));
        events.add(new Event(resync ? "RESYNC" : "SNAPSHOT", null, Integer.toString(entries.size()), System.nanoTime()));
    }

    @Override
    public synchronized void onPut(String key, byte[] value) {
        lastThread = Thread.currentThread();
        state.put(key, text(value));
        events.add(new Event("PUT", key, text(value), System.nanoTime()));
    }

    @Override
    public synchronized void onDelete(String key) {
        lastThread = Thread.currentThread();
        state.remove(key);
        events.add(new Event("DELETE", key, null, System.nanoTime()));
    }

    synchronized Map<String, String> state() {
        return new TreeMap<>(state);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized boolean hasSnapshot() {
        return events.stream().anyMatch(e -> e.type().equals("SNAPSHOT"));
    }

    synchronized long count(String type) {
        return events.stream().filter(e -> e.type().equals(type)).count();
    }

    Thread lastThread() {
        return lastThread;
    }

    static String text(byte[] v) {
        return new String(v, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
