package io.sextant.internal.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sextant.InstanceSet;
import io.sextant.ServiceInstance;
import io.sextant.spi.support.RecordCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last good set of one service on disk: {@code {"v":1,"service":..,"savedAt":..,"instances":[records]}}.
 * Written to a temporary file and moved atomically, off the applier thread; only the newest pending
 * set is written.
 */
final class SnapshotFile {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFile.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a file held. */
    record Loaded(List<ServiceInstance> instances, Instant savedAt) {
    }

    private final Path file;
    private record Pending(InstanceSet set, Instant at) {
    }

    private final AtomicReference<Pending> pending = new AtomicReference<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    SnapshotFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The file's content, or {@code null} when absent or unreadable (logged). */
    Loaded load(String service) {
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || root.path("v").asInt() != 1 || !service.equals(root.path("service").asText())) {
                throw new IOException("not a version-1 snapshot of service " + service);
            }
            Instant savedAt = Instant.parse(root.path("savedAt").asText());
            List<ServiceInstance> out = new ArrayList<>();
            for (JsonNode n : root.path("instances")) {
                ServiceInstance i = RecordCodec.decode(file.toString(), MAPPER.writeValueAsBytes(n));
                if (!i.service().equals(service)) {
                    throw new IOException("instance of another service: " + i);
                }
                out.add(i);
            }
            InstanceSet.of(service, out, 0); // rejects duplicate ids
            return new Loaded(out, savedAt);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable cache snapshot file {}: {}", file, e.toString());
            return null;
        }
    }

    /** Queues {@code set} to be written on {@code executor}; a newer call replaces an unwritten one. */
    void saveAsync(InstanceSet set, Instant now, Executor executor) {
        pending.set(new Pending(set, now));
        if (writing.compareAndSet(false, true)) {
            try {
                executor.execute(this::writeLoop);
            } catch (RejectedExecutionException e) {
                writing.set(false);
            }
        }
    }

    private void writeLoop() {
        try {
            Pending next;
            while ((next = pending.getAndSet(null)) != null) {
                save(next.set(), next.at());
            }
        } finally {
            writing.set(false);
        }
        if (pending.get() != null && writing.compareAndSet(false, true)) {
            writeLoop();
        }
    }

    void save(InstanceSet set, Instant now) {
        try {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("v", 1);
            root.put("service", set.service());
            root.put("savedAt", now.toString());
            ArrayNode arr = root.putArray("instances");
            for (ServiceInstance i : set.instances()) {
                arr.add(MAPPER.readTree(RecordCodec.encode(i)));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, MAPPER.writeValueAsBytes(root));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write cache snapshot file {}: {}", file, e.toString());
        }
    }
}
