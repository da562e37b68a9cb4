package io.sextant.cli.internal.demo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.sextant.balancer.Balancer;
import io.sextant.cli.internal.ConsoleCommand;
import io.sextant.console.Console;
import io.sextant.console.ConsoleBuilder;

import java.util.Optional;

/** {@code demo --console}: the web console over the zone-a client, with its balancers' breaker states. */
final class DemoConsole {
    private DemoConsole() {
    }

    static Console start(DemoStage stage, int port) {
        Console console = ConsoleCommand.start(Console.builder(stage.shown.registry())
                .breakerStates((service, id) -> breaker(stage, service, id)), ConsoleBuilder.DEFAULT_BIND, port, null);
        stage.caption(stage.style.cyan(stage.style.bullet()), "watch it live in a browser: " + console.uri());
        return console;
    }

    /** The worst state among the demo client's balancers of {@code service} (one per strategy), if any has one. */
    static Optional<String> breaker(DemoStage stage, String service, String id) {
        CircuitBreaker.State worst = null;
        for (Balancer b : stage.shown.balancers(service).values()) {
            Optional<CircuitBreaker> cb = b.circuitBreaker(id);
            if (cb.isPresent()) {
                CircuitBreaker.State s = cb.get().getState();
                if (worst == null || rank(s) > rank(worst)) {
                    worst = s;
                }
            }
        }
        return Optional.ofNullable(worst).map(Enum::name);
    }

    private static int rank(CircuitBreaker.State s) {
        return switch (s) {
            case OPEN, FORCED_OPEN -> 3;
            case HALF_OPEN -> 2;
            case CLOSED -> 1;
            default -> 0;
        };
    }
}
