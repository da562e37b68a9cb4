package io.sextant;

import java.time.Instant;

/**
 * A backend record of a watched service did not parse or validate and was skipped.
 *
 * @param service the service
 * @param key     the record's key, relative to the namespace
 * @param reason  why, in one line
 * @param at      when it was read
 */
public record CorruptRecordSkippedEvent(String service, String key, String reason, Instant at)
        implements RegistryEvent {
}
