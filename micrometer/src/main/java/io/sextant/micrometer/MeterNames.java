package io.sextant.micrometer;

/** The meter names and tag keys, in Micrometer's dotted convention (the metrics table documents each). */
final class MeterNames {
    static final String CONNECTION_STATE = "sextant.connection.state";
    static final String CONNECTION_CHANGES = "sextant.connection.changes";
    static final String REGISTRATIONS_LIVE = "sextant.registrations.live";
    static final String REGISTRATIONS_PENDING = "sextant.registrations.pending";
    static final String REGISTRATIONS_AWAITING_REPAIR = "sextant.registrations.awaiting.repair";
    static final String REGISTRATIONS_REPAIRS = "sextant.registrations.repairs";
    static final String REGISTRATIONS_RESTORES = "sextant.registrations.restores";
    static final String EVENTS_DROPPED = "sextant.events.dropped";

    static final String CACHE_INSTANCES = "sextant.cache.instances";
    static final String CACHE_STALENESS = "sextant.cache.staleness";
    static final String CACHE_UPDATES = "sextant.cache.updates";
    static final String CACHE_RESYNCS = "sextant.cache.resyncs";
    static final String CACHE_HOLDS = "sextant.cache.holds";
    static final String CACHE_HOLD_DURATION = "sextant.cache.hold.duration";
    static final String CACHE_CORRUPT_RECORDS = "sextant.cache.corrupt.records";
    static final String CACHE_SNAPSHOT_LOADS = "sextant.cache.snapshot.loads";
    static final String PROPAGATION_LAG = "sextant.propagation.lag";

    static final String BALANCER_PICKS = "sextant.balancer.picks";
    static final String BALANCER_BREAKER_TRANSITIONS = "sextant.balancer.breaker.transitions";
    static final String BALANCER_EJECTED = "sextant.balancer.ejected";
    static final String BALANCER_PANIC = "sextant.balancer.panic";
    static final String BALANCER_RETRIES = "sextant.balancer.retries";

    static final String TAG_BACKEND = "backend";
    static final String TAG_SERVICE = "service";
    static final String TAG_STATE = "state";
    static final String TAG_REASON = "reason";
    static final String TAG_INSTANCE = "instance";
    static final String TAG_FROM = "from";
    static final String TAG_TO = "to";

    private MeterNames() {
    }

    /** A tag value from an enum constant: {@code HALF_OPEN} → {@code half_open}. */
    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
