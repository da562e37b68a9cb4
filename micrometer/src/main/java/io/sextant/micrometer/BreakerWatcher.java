package io.sextant.micrometer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.StateTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sextant.InstanceSet;
import io.sextant.balancer.Balancer;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.sextant.micrometer.MeterNames.lower;

/**
 * Counts the state transitions of a balancer's per-instance breakers: subscribes once to each breaker
 * object (the balancer may replace an instance's breaker after forgetting it), and forgets breakers the
 * balancer no longer has. Resilience4j publishers cannot unsubscribe: after {@link #close()} the
 * subscriptions stay but count nothing.
 */
final class BreakerWatcher {
    /** Transitions counted from 0 up front, so the series exist before the first one. */
    private static final EnumSet<StateTransition> USUAL = EnumSet.of(StateTransition.CLOSED_TO_OPEN,
            StateTransition.OPEN_TO_HALF_OPEN, StateTransition.HALF_OPEN_TO_OPEN, StateTransition.HALF_OPEN_TO_CLOSED);

    private final Balancer balancer;
    private final MeterRegistry meters;
    private final Tags tags;
    private final Map<String, CircuitBreaker> watched = new ConcurrentHashMap<>();
    private final Map<StateTransition, Counter> transitions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    BreakerWatcher(Balancer balancer, MeterRegistry meters, Tags tags) {
        this.balancer = balancer;
        this.meters = meters;
        this.tags = tags;
        USUAL.forEach(this::counter);
    }

    /** Subscribes to the breaker of {@code instanceId}, when the balancer has one not yet subscribed to. */
    void watch(String instanceId) {
        CircuitBreaker b = balancer.circuitBreaker(instanceId).orElse(null);
        if (b == null || watched.get(instanceId) == b || watched.put(instanceId, b) == b) {
            return;
        }
        b.getEventPublisher().onStateTransition(e -> {
            if (!closed) {
                counter(e.getStateTransition()).increment();
            }
        });
    }

    /** Watches the breakers of {@code set}'s instances; forgets ids whose breaker the balancer dropped. */
    void scan(InstanceSet set) {
        for (int i = 0; i < set.size(); i++) {
            watch(set.get(i).id());
        }
        watched.entrySet().removeIf(e -> set.byId(e.getKey()) == null
                && balancer.circuitBreaker(e.getKey()).orElse(null) != e.getValue());
    }

    private Counter counter(StateTransition t) {
        return transitions.computeIfAbsent(t, k -> Counter.builder(MeterNames.BALANCER_BREAKER_TRANSITIONS)
                .tags(tags).tag(MeterNames.TAG_FROM, lower(k.getFromState())).tag(MeterNames.TAG_TO, lower(k.getToState()))
                .description("circuit breaker state transitions over all instances").register(meters));
    }

    void close() {
        closed = true;
        transitions.values().forEach(meters::remove);
    }
}
