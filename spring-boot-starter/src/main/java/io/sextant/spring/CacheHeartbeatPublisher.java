package io.sextant.spring;

import io.sextant.CacheUpdatedEvent;
import io.sextant.Registry;
import io.sextant.RegistryEventListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a Spring Cloud {@link HeartbeatEvent} whenever a Sextant cache publishes a change, so
 * components that refresh on heartbeats (Spring Cloud Gateway's discovery route locator, for one)
 * follow registrations without polling. The heartbeat's value counts the changes seen.
 */
final class CacheHeartbeatPublisher implements RegistryEventListener, DisposableBean {
    private final Registry registry;
    private final ApplicationEventPublisher events;
    private final AtomicLong changes = new AtomicLong();

    CacheHeartbeatPublisher(Registry registry, ApplicationEventPublisher events) {
        this.registry = registry;
        this.events = events;
        registry.addEventListener(this);
    }

    @Override
    public void onEvent(io.sextant.RegistryEvent event) {
        if (event instanceof CacheUpdatedEvent) {
            events.publishEvent(new HeartbeatEvent(this, changes.incrementAndGet()));
        }
    }

    @Override
    public void destroy() {
        registry.removeEventListener(this);
    }
}
