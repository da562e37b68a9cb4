package io.sextant;

import io.sextant.spi.ConnectionState;

import java.time.Instant;

/**
 * The backend connection changed: {@code SUSPENDED} (interrupted; ephemerals may still live),
 * {@code LOST} (the lease or session is gone), {@code RECONNECTED} (back, ephemerals re-created).
 *
 * @param previous the state before
 * @param current  the state now
 * @param at       when the registry learned of it
 */
public record ConnectionStateChangedEvent(ConnectionState previous, ConnectionState current, Instant at)
        implements RegistryEvent {
}
