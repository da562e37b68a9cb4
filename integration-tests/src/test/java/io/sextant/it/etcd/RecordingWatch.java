package io.sextant.it.etcd;

import io.sextant.spi.WatchListener;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A watch listener that keeps the full history of what it saw and the resulting view. */
final class RecordingWatch implements WatchListener {
    /** One call: SNAPSHOT, RESYNC, PUT or DELETE. */
    record Event(String type, String key, String value, long nanos) {
    }

    private final List<Event> history = new ArrayList<>();
    private final Map<String, String> view = new TreeMap<>();
    private final Thread[] lastThread = new Thread[1];

    @Override
    public synchronized void onSnapshot(Map<String, byte[]> entries, boolean resync) {
        lastThread[0] = Thread.currentThread();
        view.clear();
        entries.forEach((k, v) -> view.put(k, new String(v, StandardCharsets.UTF_8)));
        history.add(new Event(resync ? "RESYNC" : "SNAPSHOT", String.valueOf(entries.size()), view.toString(),
                System.nanoTime()));
    }

    @Override
    public synchronized void onPut(String key, byte[] value) {
        lastThread[0] = Thread.currentThread();
        String v = new String(value, StandardCharsets.UTF_8);
        view.put(key, v);
        history.add(new Event("PUT", key, v, System.nanoTime()));
    }

    @Override
    public synchronized void onDelete(String key) {
        lastThread[0] = Thread.currentThread();
        view.remove(key);
        history.add(new Event("DELETE", key, null, System.nanoTime()));
    }

    synchronized Map<String, String> view() {
        return new TreeMap<>(view);
    }

    synchronized List<Event> history() {
        return new ArrayList<>(history);
    }

    synchronized List<Event> of(String type) {
        return history.stream().filter(e -> e.type().equals(type)).toList();
    }

    synchronized Thread lastThread() {
        return lastThread[0];
    }
}
