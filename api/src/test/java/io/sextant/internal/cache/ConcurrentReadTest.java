package io.sextant.internal.cache;

import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.spi.Backend;
import io.sextant.spi.EphemeralHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static io.sextant.internal.cache.CacheHarness.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(60)
class ConcurrentReadTest {
    private final CacheHarness h = new CacheHarness();

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void readersNeverSeeTornSetsOrGoingBackAndTheFinalSetIsExact() throws Exception {
        Backend writer = h.backend();
        WatchedServiceCache cache = h.cache(h.backend(),
                new CacheSettings(0.5, Duration.ofSeconds(2), Duration.ofSeconds(2), null), Clock.systemUTC());
        assertThat(cache.awaitReady(Duration.ofSeconds(5))).isTrue();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong reads = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread r = new Thread(() -> {
                long lastRevision = -1;
                while (!done.get()) {
                    InstanceSet s = cache.snapshot();
                    reads.incrementAndGet();
                    if (s.revision() < lastRevision) {
                        problems.add("revision went back " + lastRevision + " -> " + s.revision());
                    }
                    lastRevision = s.revision();
                    if (s.size() != s.instances().size()) {
                        problems.add("size differs from its list");
                    }
                    for (int i = 0; i < s.size(); i++) {
                        ServiceInstance x = s.get(i);
                        if (i > 0 && s.get(i - 1).id().compareTo(x.id()) >= 0) {
                            problems.add("not sorted at " + i);
                        }
                        if (s.byId(x.id()) != x) {
                            problems.add("byId disagrees for " + x.id());
                        }
                    }
                }
            });
            r.start();
            readers.add(r);
        }
        List<EphemeralHandle> handles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            handles.add(register(writer, String.format("i-%04d", i)));
            if (i % 3 == 2) {
                handles.get(i - 1).delete().get();
            }
        }
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            if (i % 3 != 1) {
                expected.add(String.format("i-%04d", i));
            }
        }
        await().until(() -> cache.snapshot().size() == expected.size());
        done.set(true);
        for (Thread r : readers) {
            r.join();
        }
        assertThat(problems).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(cache.snapshot().instances().stream().map(ServiceInstance::id).collect(Collectors.toList()))
                .containsExactlyElementsOf(expected);
    }
}
