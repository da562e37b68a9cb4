/**
 * What strategy authors implement: a {@link io.sextant.balancer.spi.StrategyProvider} (found with
 * {@link java.util.ServiceLoader} or registered on a {@link io.sextant.balancer.spi.StrategyRegistry})
 * names a {@link io.sextant.balancer.spi.Strategy}, which builds a {@link io.sextant.balancer.spi.Picker}
 * once per snapshot; a pick does only cheap work. {@link io.sextant.balancer.spi.Hashing} gives the
 * stable hashes every client must agree on.
 *
 * <p>Nullness: parameters and return values are non-null unless a method's documentation says
 * otherwise.
 */
package io.sextant.balancer.spi;
