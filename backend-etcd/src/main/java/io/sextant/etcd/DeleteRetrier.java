package io.sextant.etcd;

import io.sextant.spi.support.Backoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Retries the delete of a deregistered key that failed (cluster unreachable): the key is still attached
 * to our lease, which may well survive the outage, so without a retry it would outlive its
 * deregistration for as long as the process lives. Stops when the delete succeeds, when the key is
 * registered again, or when the backend closes (closing revokes the lease anyway).
 */
final class DeleteRetrier {
    private static final Logger LOG = LoggerFactory.getLogger(DeleteRetrier.class);

    private final ScheduledExecutorService timer;
    private final Backoff backoff;
    private final Function<String, java.util.concurrent.CompletableFuture<?>> delete;
    private final Predicate<String> liveAgain;
    private volatile boolean closed;

    DeleteRetrier(ScheduledExecutorService timer, Seams seams, Function<String, java.util.concurrent.CompletableFuture<?>> delete,
                  Predicate<String> liveAgain) {
        this.timer = timer;
        this.backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), seams.random());
        this.delete = delete;
        this.liveAgain = liveAgain;
    }

    void retry(String key) {
        if (closed) {
            return;
        }
        LOG.warn("delete of {} failed; retrying in the background until the cluster takes it", key);
        schedule(key, 0);
    }

    private void schedule(String key, int attempt) {
        if (closed) {
            return;
        }
        try {
            timer.schedule(() -> attempt(key, attempt), backoff.delay(attempt).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("delete retry of {} dropped: backend closing", key);
        }
    }

    private void attempt(String key, int attempt) {
        if (closed || liveAgain.test(key)) {
            return;
        }
        delete.apply(key).whenComplete((r, t) -> {
            if (t == null) {
                LOG.info("deleted {} after {} retries", key, attempt + 1);
            } else {
                schedule(key, attempt + 1);
            }
        });
    }

    void close() {
        closed = true;
    }
}
