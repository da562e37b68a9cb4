package io.sextant.spi.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on another executor's threads — the way backends
 * deliver watch events and connection states without a thread of their own per watch.
 *
 * <p>A task that throws is logged at WARN and the next one runs. If the underlying executor refuses
 * to run the queue (it is shutting down), the queued tasks are dropped. The queue itself is not
 * bounded: bound the work at its source (a backend delivers at most what its client buffers).
 * Thread-safe; {@link #execute} never blocks.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param delegate the executor whose threads run the tasks, one at a time */
    public SerialExecutor(Executor delegate) {
        this.delegate = Checks.notNull("delegate", delegate);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(Checks.notNull("task", task));
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                delegate.execute(this::drain);
            } catch (RuntimeException e) {
                scheduled.set(false);
                tasks.clear();
                LOG.debug("executor refused the queue (shutting down?); dropped queued tasks: {}", e.toString());
            }
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.warn("a task failed on a serial executor; continuing with the next one", e);
                }
            }
        } finally {
            scheduled.set(false);
            schedule();
        }
    }
}
