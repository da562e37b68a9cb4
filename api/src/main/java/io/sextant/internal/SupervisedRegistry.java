package io.sextant.internal;

import io.sextant.spi.support.RecordCodec;

import io.sextant.spi.support.Checks;

import io.sextant.BackendUnavailableException;
import io.sextant.CacheHealth;
import io.sextant.ConnectionStateChangedEvent;
import io.sextant.InstanceSet;
import io.sextant.RegistrationsRestoredEvent;
import io.sextant.RegistryEventListener;
import io.sextant.RegistryHealth;
import io.sextant.Registration;
import io.sextant.RegistrationRepairedEvent;
import io.sextant.Registry;
import io.sextant.RegistryStats;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.internal.cache.CacheSettings;
import io.sextant.internal.offline.DeferredBackend;
import io.sextant.spi.BackendProvider;
import io.sextant.spi.support.Backoff;
import io.sextant.internal.cache.WatchedServiceCache;
import io.sextant.internal.supervisor.RegistrationSupervisor;
import io.sextant.spi.Backend;
import io.sextant.spi.BackendConfig;
import io.sextant.spi.BackendListener;
import io.sextant.spi.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/** The core {@link Registry}: codec, caches and the registration supervisor over any backend. */
public final class SupervisedRegistry implements Registry {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedRegistry.class);
    private static final Object RESERVED = new Object();
    /** Threads that apply cache updates, shared by every cache of a registry. */
    static final int CACHE_THREADS = 4;

    private final SextantConfig config;
    private final Backend backend;
    private final Clock clock;
    private final Duration requestTimeout;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService cacheExecutor;
    private final RegistrationSupervisor supervisor;
    private final Map<String, Object> registrations = new ConcurrentHashMap<>();
    private final Map<String, WatchedServiceCache> caches = new ConcurrentHashMap<>();
    /** Open handles per service; also the lock for opening and closing handles. */
    private final Map<String, Set<CacheHandle>> handles = new HashMap<>();
    private final List<Consumer<RegistrationRepairedEvent>> repairListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong closedCacheCorrupt = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final EventDispatcher events;
    private final ConnectionLog connectionLog;
    private volatile ConnectionState connection;
    private volatile java.time.Instant connectionSince;
    private volatile boolean closed;

    SupervisedRegistry(SextantConfig config, Backend backend, Clock clock, DoubleSupplier random) {
        this.config = config;
        this.backend = backend;
        this.clock = clock;
        this.requestTimeout = config.requestTimeout();
        int n = DaemonThreads.nextRegistry();
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("supervisor", n));
        stpe.setRemoveOnCancelPolicy(true);
        this.scheduler = stpe;
        // Bounded: every cache drains its events as one task at a time (plus an occasional snapshot-file
        // write), so the queue holds at most two tasks per cache; CACHE_THREADS caches apply at once.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(CACHE_THREADS, CACHE_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DaemonThreads.named("cache", n));
        pool.allowCoreThreadTimeOut(true);
        this.cacheExecutor = pool;
        this.events = new EventDispatcher(DaemonThreads.named("events", n));
        this.connection = backend.connectionState();
        this.connectionSince = clock.instant();
        this.connectionLog = new ConnectionLog(config.backend() + " (namespace '" + config.namespace() + "')",
                connection, Ticker.SYSTEM, LOG::info, (task, nanos) -> {
                    try {
                        scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException closing) {
                        task.run();
                    }
                });
        this.supervisor = new RegistrationSupervisor(backend, config.supervisorInterval(), requestTimeout, scheduler,
                random, this::emitRepair);
        backend.addListener(new BackendListener() {
            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current) {
                connectionLog.changed(previous, current);
                connection = current;
                connectionSince = clock.instant();
                events.accept(new ConnectionStateChangedEvent(previous, current, connectionSince));
                caches.values().forEach(c -> c.connectionChanged(current));
                supervisor.connectionChanged(current);
            }

            @Override
            public void onEphemeralsRestored(Set<String> keys) {
                LOG.info("backend {} restored {} ephemeral records after losing its lease or session", config.backend(),
                        keys.size());
                events.accept(new RegistrationsRestoredEvent(keys.size(), clock.instant()));
                supervisor.ephemeralsRestored(keys);
            }
        });
        supervisor.start();
    }

    /** Opens the backend {@code config} names, with the system clock. */
    public static Registry open(SextantConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** Opens the backend {@code config} names; {@code clock} dates staleness and snapshot files. */
    public static SupervisedRegistry open(SextantConfig config, Clock clock) {
        BackendProvider provider = BackendLoader.find(config.backend());
        BackendConfig backendConfig = BackendConfig.from(config);
        boolean offline = config.startOffline();
        if (!offline) {
            Backend backend = provider.open(backendConfig);
            return new SupervisedRegistry(config, backend, clock, () -> ThreadLocalRandom.current().nextDouble());
        }
        // Allowed to start without the backend: the first attempt runs in the background and open()
        // waits for it only briefly, so a restart during a registry outage comes up at once.
        ScheduledThreadPoolExecutor opener = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("open", 0));
        opener.setRemoveOnCancelPolicy(true);
        DeferredBackend deferred = new DeferredBackend(config.backend() + " backend", () -> provider.open(backendConfig),
                opener, Backoff.exponential(Duration.ofMillis(500), Duration.ofSeconds(30)));
        SupervisedRegistry registry = new SupervisedRegistry(config, deferred, clock,
                () -> ThreadLocalRandom.current().nextDouble());
        registry.onClose(opener::shutdownNow);
        deferred.start();
        return registry;
    }

    @Override
    public Registration register(ServiceInstance instance) {
        CompletableFuture<Registration> f = registerAsync(instance);
        try {
            return f.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.thenAccept(r -> ((DefaultRegistration) r).closeAsync());
            throw new BackendUnavailableException("the backend did not accept " + instance + " within "
                    + requestTimeout.toMillis() + " ms (sextant.request.timeout)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.thenAccept(r -> ((DefaultRegistration) r).closeAsync());
            throw new BackendUnavailableException("interrupted while registering " + instance, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                throw (RuntimeException) cause;
            }
            throw new BackendUnavailableException("registering " + instance + " failed: " + cause, cause);
        }
    }

    @Override
    public CompletableFuture<Registration> registerAsync(ServiceInstance instance) {
        Checks.notNull("instance", instance);
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("registry is closed"));
        }
        String key = Keys.instanceKey(instance.service(), instance.id());
        if (registrations.putIfAbsent(key, RESERVED) != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("instance must be unique in this"
                    + " registry: service '" + instance.service() + "' id '" + instance.id() + "' is already registered"));
        }
        byte[] bytes = RecordCodec.encode(instance);
        CompletableFuture<Registration> result = new CompletableFuture<>();
        backend.putEphemeral(key, bytes).whenComplete((handle, err) -> {
            if (err != null) {
                registrations.remove(key, RESERVED);
                Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                result.completeExceptionally(cause instanceof BackendUnavailableException ? cause
                        : new BackendUnavailableException("registering " + instance + " failed: " + cause, cause));
                return;
            }
            DefaultRegistration r = new DefaultRegistration(instance, bytes, handle, requestTimeout, this::unsupervise,
                    this::release, supervisor::verifyNow);
            registrations.put(key, r);
            supervisor.add(r);
            if (closed) {
                r.closeAsync();
                result.completeExceptionally(new IllegalStateException("registry is closed"));
            } else if (!result.complete(r)) {
                r.closeAsync(); // the caller gave up on the future (cancel, orTimeout): nobody could ever close r
            }
        });
        return result;
    }

    private void unsupervise(DefaultRegistration r) {
        supervisor.remove(r.key(), r);
    }

    private void release(DefaultRegistration r) {
        registrations.remove(r.key(), r);
    }

    @Override
    public ServiceCache cache(String service) {
        Checks.serviceName("service", service);
        CacheHandle handle;
        WatchedServiceCache shared;
        synchronized (handles) {
            if (closed) {
                throw new IllegalStateException("registry is closed");
            }
            shared = caches.computeIfAbsent(service, s -> {
                WatchedServiceCache c = WatchedServiceCache.start(s, backend, CacheSettings.from(config, s), clock,
                        cacheExecutor, scheduler);
                c.reportTo(events);
                return c;
            });
            if (closed) { // close() ran while this cache was built (from a backend callback on this thread)
                caches.remove(service, shared);
                shared.close();
                throw new IllegalStateException("registry is closed");
            }
            handle = new CacheHandle(shared, this::release);
            handles.computeIfAbsent(service, s -> new HashSet<>()).add(handle);
        }
        // a connection change between the cache reading the state and joining the map is not lost; the
        // state is read on the cache's thread, so an outdated read here cannot undo a later change
        shared.checkConnection();
        return handle;
    }

    /** A handle was closed: the shared cache goes when its last handle does. */
    private void release(CacheHandle handle) {
        WatchedServiceCache last = null;
        synchronized (handles) {
            Set<CacheHandle> open = handles.get(handle.service());
            if (open != null && open.remove(handle) && open.isEmpty()) {
                handles.remove(handle.service());
                last = caches.remove(handle.service());
                if (last != null) {
                    closedCacheCorrupt.addAndGet(last.corruptRecordCount());
                }
            }
        }
        if (last != null) {
            last.close();
        }
    }

    @Override
    public CompletableFuture<Set<String>> services() {
        return backend.list(Keys.SERVICES).thenApply(entries -> {
            Set<String> names = new TreeSet<>();
            entries.keySet().stream().map(Keys::serviceOf).filter(Objects::nonNull).forEach(names::add);
            return Collections.unmodifiableSet(names);
        });
    }

    @Override
    public void addRepairListener(Consumer<RegistrationRepairedEvent> listener) {
        repairListeners.add(Checks.notNull("listener", listener));
    }

    @Override
    public void addEventListener(RegistryEventListener listener) {
        events.add(listener);
    }

    @Override
    public void removeEventListener(RegistryEventListener listener) {
        events.remove(listener);
    }

    private final List<Runnable> closeHooks = new CopyOnWriteArrayList<>();

    private void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    @Override
    public RegistryHealth health() {
        List<CacheHealth> list = new ArrayList<>();
        for (WatchedServiceCache c : caches.values()) {
            InstanceSet set = c.snapshot();
            list.add(new CacheHealth(c.service(), set.size(), c.isReady(), set.isStale(),
                    set.staleness(clock), c.corruptRecordCount()));
        }
        list.sort(java.util.Comparator.comparing(CacheHealth::service));
        int live = (int) registrations.values().stream().filter(v -> v instanceof DefaultRegistration).count();
        int pending = backend instanceof DeferredBackend d ? d.pendingRegistrations() : 0;
        return new RegistryHealth(config.backend(), connection, connectionSince, list, live, pending,
                supervisor.awaitingRepair());
    }

    private void emitRepair(RegistrationRepairedEvent event) {
        events.accept(event);
        for (Consumer<RegistrationRepairedEvent> l : repairListeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("repair listener threw", e);
            }
        }
    }

    @Override
    public RegistryStats stats() {
        int live = (int) registrations.values().stream().filter(v -> v instanceof DefaultRegistration).count();
        long corrupt = closedCacheCorrupt.get()
                + caches.values().stream().mapToLong(WatchedServiceCache::corruptRecordCount).sum();
        return new RegistryStats(live, supervisor.repairs(), supervisor.restores(), corrupt, events.dropped());
    }

    @Override
    public SextantConfig config() {
        return config;
    }

    /** The backend (tests). */
    Backend backend() {
        return backend;
    }

    /** Runs a supervisor verification round now (tests). */
    void verifyNow() {
        supervisor.verifyNow();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        supervisor.stop();
        CompletableFuture<?>[] deletes = registrations.values().stream()
                .filter(v -> v instanceof DefaultRegistration)
                .map(v -> ((DefaultRegistration) v).closeAsync().exceptionally(e -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(deletes).get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("not every registration was deleted on close; they go with the lease or session: {}", e.toString());
        }
        List<CacheHandle> open;
        synchronized (handles) { // closed is set: no handle can be opened any more
            open = handles.values().stream().flatMap(Set::stream).toList();
        }
        open.forEach(CacheHandle::close);
        caches.values().forEach(WatchedServiceCache::close);
        try {
            backend.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the backend failed", e);
        }
        scheduler.shutdownNow();
        cacheExecutor.shutdown();
        events.close();
        closeHooks.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "Registry{" + config.backend() + " " + config.namespace() + "}";
    }
}
