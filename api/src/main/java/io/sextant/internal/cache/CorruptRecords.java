package io.sextant.internal.cache;

import io.sextant.InvalidRecordException;
import io.sextant.ServiceInstance;
import io.sextant.internal.Keys;
import io.sextant.spi.support.RecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Decodes records of one service: invalid ones are counted, and logged once per key until it is valid again. */
final class CorruptRecords {
    private static final Logger LOG = LoggerFactory.getLogger(CorruptRecords.class);

    private final String service;
    private volatile java.util.function.Consumer<io.sextant.RegistryEvent> events = e -> { };
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    /** Keys whose invalidity was logged; touched by the applier only. */
    private final Set<String> logged = new HashSet<>();

    CorruptRecords(String service) {
        this.service = service;
    }

    /** Where skipped records are reported (the registry's event stream). */
    void reportTo(java.util.function.Consumer<io.sextant.RegistryEvent> events) {
        this.events = events;
    }

    /** The instance at {@code key}, or {@code null} when the record is invalid (then counted). */
    ServiceInstance decode(String key, byte[] value) {
        try {
            ServiceInstance i = RecordCodec.decode(key, value);
            if (!service.equals(Keys.serviceOf(key)) || !i.service().equals(service)
                    || !i.id().equals(Keys.lastSegment(key))) {
                throw new InvalidRecordException(key, "service/id '" + i.service() + "/" + i.id()
                        + "' does not match the key", null);
            }
            logged.remove(key);
            return i;
        } catch (InvalidRecordException e) {
            count.incrementAndGet();
            String message = e.getMessage();
            int eol = message.indexOf('\n');
            String line = eol < 0 ? message : message.substring(0, eol);
            if (logged.add(key)) {
                warnings.incrementAndGet();
                LOG.warn("skipping {} (logged once per key)", line);
            }
            events.accept(new io.sextant.CorruptRecordSkippedEvent(service, key, line, java.time.Instant.now()));
            return null;
        }
    }

    /** How many warnings were logged (tests: once per key until valid again). */
    long warnings() {
        return warnings.get();
    }

    long count() {
        return count.get();
    }
}
