package io.sextant;

/**
 * Counters of a {@link Registry} since it was opened.
 *
 * @param registrations      live registrations now
 * @param repairs            records the supervisor had to put back (missing or with other data)
 * @param restores           backend-reported session or lease losses after which records were re-put
 * @param corruptRecords     backend records skipped by this registry's caches as unparseable or invalid
 * @param droppedEvents      events not delivered because the event listeners fell behind
 */
public record RegistryStats(int registrations, long repairs, long restores, long corruptRecords, long droppedEvents) {
}
