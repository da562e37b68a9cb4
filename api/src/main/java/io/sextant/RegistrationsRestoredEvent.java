package io.sextant;

import java.time.Instant;

/**
 * After losing its lease (etcd) or session (ZooKeeper) the backend re-created this registry's
 * ephemeral records, under a new lease or session.
 *
 * @param records how many records were put back
 * @param at      when the backend reported it
 */
public record RegistrationsRestoredEvent(int records, Instant at) implements RegistryEvent {
}
