package io.sextant.cli.internal.demo;

import java.util.List;

/** The strategies the demo compares, with the short labels of the board's columns. */
final class Strategies {
    static final String ROUND_ROBIN = "round-robin";
    static final String WEIGHTED = "weighted-round-robin";
    static final String P2C = "p2c-peak-ewma";
    static final String MAGLEV = "maglev";
    static final String ZONE_AWARE = "zone-aware";

    /** Names in column order. */
    static final List<String> NAMES = List.of(ROUND_ROBIN, WEIGHTED, P2C, MAGLEV, ZONE_AWARE);

    private Strategies() {
    }

    static String label(String name) {
        return switch (name) {
            case ROUND_ROBIN -> "rr";
            case WEIGHTED -> "wrr";
            case P2C -> "p2c";
            case MAGLEV -> "maglev";
            case ZONE_AWARE -> "zone";
            default -> name;
        };
    }
}
