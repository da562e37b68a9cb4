package io.sextant.balancer.spi;

import io.sextant.balancer.BalancerOptions;

/**
 * Makes {@link Strategy} objects of one kind; found with {@link java.util.ServiceLoader}, so
 * configuration can choose a strategy by {@link #name()}.
 *
 * <p>Implementations are small and stateless, have a public no-argument constructor and never throw
 * while being loaded. Register in {@code META-INF/services/io.sextant.balancer.spi.StrategyProvider}.
 */
public interface StrategyProvider {

    /** The name configuration selects this strategy by, e.g. {@code round-robin}. */
    String name();

    /** When two providers share a name, the higher priority wins. Default 5. */
    default int priority() {
        return 5;
    }

    /** Whether this provider can work here. Default true. */
    default boolean isAvailable() {
        return true;
    }

    /**
     * A new strategy for one balancer.
     *
     * @param options the balancer's options: randomness and time seams, strategy parameters
     */
    Strategy newStrategy(BalancerOptions options);
}
