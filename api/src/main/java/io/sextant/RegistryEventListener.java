package io.sextant;

/**
 * Receives a registry's {@link RegistryEvent}s, in order, on one thread of the registry's own (never a
 * backend or cache thread). Events are queued for it in a bounded queue: a listener that falls behind
 * loses events (counted in {@link RegistryStats#droppedEvents()}) rather than slowing the core. An
 * exception thrown by a listener is logged and does not stop the others.
 */
@FunctionalInterface
public interface RegistryEventListener {
    /** Called for each event, one at a time. */
    void onEvent(RegistryEvent event);
}
