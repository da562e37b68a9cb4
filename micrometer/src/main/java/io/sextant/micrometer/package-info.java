/**
 * Micrometer meters for Sextant: {@link io.sextant.micrometer.SextantMetrics} binds a
 * {@link io.sextant.Registry}'s connection, caches and registrations (read lazily from
 * {@link io.sextant.Registry#health()} and counted from its event stream), and
 * {@link io.sextant.micrometer.BalancerMetrics} a {@link io.sextant.balancer.Balancer}'s breakers,
 * ejections, panic mode, retries and, opt-in, picks per instance.
 *
 * <p>Artifact {@code sextant-micrometer}; optional: {@code sextant-api} and {@code sextant-balancer} do
 * not know it. Meter names and tags are listed in the module's metrics table. Nullness: parameters and
 * return values are non-null unless a method's documentation says otherwise.
 */
package io.sextant.micrometer;
