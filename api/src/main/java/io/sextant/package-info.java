/**
 * Sextant's application-facing API: the {@link io.sextant.ServiceInstance} value, the
 * {@link io.sextant.Registry} that registers instances and opens watched
 * {@link io.sextant.ServiceCache}s, the immutable {@link io.sextant.InstanceSet} snapshots they
 * serve, configuration and exceptions.
 *
 * <p>Nullness: parameters and return values are non-null unless a method's documentation says
 * otherwise.
 */
package io.sextant;
