package io.sextant.memory;

import io.sextant.BackendUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An in-process coordination server shared by every {@code memory} backend that names it
 * ({@code sextant.memory.server}, default {@code default}). It keeps keys per namespace, sessions
 * with a TTL owning ephemeral keys, and watches, and lets tests hurt it like a real cluster.
 *
 * <p>Thread-safe; every change happens under one lock, so watches see changes in one order.
 */
public final class MemoryServer {
    private static final ConcurrentMap<String, MemoryServer> SERVERS = new ConcurrentHashMap<>();

    private final String name;
    private final Map<String, TreeMap<String, Entry>> data = new HashMap<>();
    private final Set<MemorySession> sessions = new LinkedHashSet<>();
    private final Set<MemoryWatch> watches = new LinkedHashSet<>();
    private final Set<MemoryBackend> clients = new LinkedHashSet<>();
    private boolean running = true;
    private long nextSessionId = 1;
    private Clock clock = Clock.systemUTC();

    private record Entry(byte[] value, MemorySession owner) {
    }

    private MemoryServer(String name) {
        this.name = name;
    }

    /** The server called {@code name}, created (running, empty) on first use. */
    public static MemoryServer named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("sextant.memory.server must be a non-blank name, got '" + name + "'");
        }
        return SERVERS.computeIfAbsent(name, MemoryServer::new);
    }

    /**
     * Expires, on the server side, the session that owns the ephemeral {@code key} of {@code namespace}:
     * its ephemerals are deleted (watchers see the deletes). Its client then sees {@code LOST}, opens a
     * new session, re-creates its open keys and reports them and {@code RECONNECTED} (once the server
     * runs, if it is stopped now).
     *
     * @throws IllegalArgumentException when no session owns that key
     */
    public void expireSessionOwning(String namespace, String key) {
        MemorySession session;
        synchronized (this) {
            Entry e = data.getOrDefault(namespace, new TreeMap<>()).get(key);
            if (e == null || e.owner == null) {
                throw new IllegalArgumentException("key must be an ephemeral key of namespace '" + namespace
                        + "', got '" + key + "'");
            }
            session = e.owner;
            expire(session);
            if (!running) {
                return;
            }
        }
        session.client.sessionExpired();
    }

    /** Takes the server down: clients see {@code SUSPENDED} and requests fail; data and sessions are kept. */
    public void stop() {
        List<MemoryBackend> toTell;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            Instant now = clock.instant();
            sessions.forEach(s -> s.lastContact = now);
            watches.forEach(w -> w.gap = true);
            toTell = new ArrayList<>(clients);
        }
        toTell.forEach(MemoryBackend::serverStopped);
    }

    /**
     * Brings the server up: sessions out of contact for longer than their TTL expire (their ephemerals
     * are deleted), watches get a resync snapshot, clients reconnect.
     */
    public void start() {
        List<MemoryBackend> toTell;
        synchronized (this) {
            if (running) {
                return;
            }
            Instant now = clock.instant();
            for (MemorySession s : new ArrayList<>(sessions)) {
                if (s.client.isClosed() || Duration.between(s.lastContact, now).compareTo(s.ttl) > 0) {
                    expire(s);
                }
            }
            running = true;
            for (MemoryWatch w : watches) {
                if (w.gap) {
                    w.snapshot(list(w.namespace, w.prefix));
                }
            }
            toTell = new ArrayList<>(clients);
        }
        toTell.forEach(MemoryBackend::serverStarted);
    }

    /** Whether the server is up. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** Drops all data and sessions (for tests), starting the server if stopped; clients then open new sessions. */
    public void reset() {
        start();
        List<MemoryBackend> toTell;
        synchronized (this) {
            for (MemorySession s : new ArrayList<>(sessions)) {
                expire(s);
            }
            for (Map.Entry<String, TreeMap<String, Entry>> ns : data.entrySet()) {
                for (String key : new ArrayList<>(ns.getValue().keySet())) {
                    remove(ns.getKey(), key);
                }
            }
            toTell = new ArrayList<>(clients);
        }
        toTell.forEach(MemoryBackend::sessionExpired);
    }

    @Override
    public String toString() {
        return "MemoryServer{" + name + "}";
    }

    /** Test seam: the clock that decides session expiry over a stop/start. */
    synchronized void clock(Clock newClock) {
        this.clock = newClock;
    }

    synchronized MemorySession openSession(MemoryBackend client, String namespace, Duration ttl) {
        requireRunning();
        MemorySession s = new MemorySession(nextSessionId++, namespace, ttl, client, clock.instant());
        sessions.add(s);
        clients.add(client);
        return s;
    }

    synchronized void closeClient(MemoryBackend client, MemorySession session) {
        clients.remove(client);
        if (running && !session.expired) {
            expire(session);
        }
    }

    /**
     * Writes {@code key}. With a {@code handle}, writes the handle's value as of now, and nothing once the
     * handle is deleted: checked under this lock, so a write racing the handle's delete cannot put it back.
     */
    synchronized void put(MemorySession session, String key, byte[] value, boolean onlyIfDifferent,
                          MemoryHandle handle) {
        requireRunning();
        if (session.expired) {
            throw new BackendUnavailableException("memory session " + session + " has expired");
        }
        if (handle != null) {
            if (handle.isDeleted()) {
                throw new IllegalStateException("handle of " + key + " is deleted");
            }
            value = handle.rawValue();
        }
        TreeMap<String, Entry> ns = data.computeIfAbsent(session.namespace, k -> new TreeMap<>());
        Entry old = ns.get(key);
        if (onlyIfDifferent && old != null && old.owner == session && Arrays.equals(old.value, value)) {
            return;
        }
        byte[] copy = value.clone();
        ns.put(key, new Entry(copy, session));
        for (MemoryWatch w : watches) {
            if (w.matches(session.namespace, key)) {
                w.put(key, copy.clone());
            }
        }
    }

    synchronized boolean delete(String namespace, String key) {
        requireRunning();
        return remove(namespace, key);
    }

    synchronized Optional<byte[]> get(String namespace, String key) {
        requireRunning();
        Entry e = data.getOrDefault(namespace, new TreeMap<>()).get(key);
        return e == null ? Optional.empty() : Optional.of(e.value.clone());
    }

    synchronized Map<String, byte[]> list(String namespace, String prefix) {
        requireRunning();
        Map<String, byte[]> out = new TreeMap<>();
        data.getOrDefault(namespace, new TreeMap<>()).subMap(prefix, prefix + Character.MAX_VALUE)
                .forEach((k, e) -> out.put(k, e.value.clone()));
        return out;
    }

    synchronized void addWatch(MemoryWatch watch) {
        watches.add(watch);
        if (running) {
            watch.snapshot(list(watch.namespace, watch.prefix));
        }
    }

    synchronized void removeWatch(MemoryWatch watch) {
        watches.remove(watch);
    }

    private void expire(MemorySession session) {
        session.expired = true;
        sessions.remove(session);
        TreeMap<String, Entry> ns = data.getOrDefault(session.namespace, new TreeMap<>());
        for (String key : new ArrayList<>(ns.keySet())) {
            if (ns.get(key).owner == session) {
                remove(session.namespace, key);
            }
        }
    }

    private boolean remove(String namespace, String key) {
        Entry old = data.getOrDefault(namespace, new TreeMap<>()).remove(key);
        if (old == null) {
            return false;
        }
        if (running) {
            for (MemoryWatch w : watches) {
                if (w.matches(namespace, key)) {
                    w.delete(key);
                }
            }
        }
        return true;
    }

    private void requireRunning() {
        if (!running) {
            throw new BackendUnavailableException("memory server '" + name + "' is not running");
        }
    }
}
