package io.sextant.cli.internal.demo;

/**
 * One demo instance: its service, id, zone, weight, and the latency its simulated calls take.
 *
 * @param latencyMillis what a call to it costs; fed to load-aware strategies
 */
record InstanceSpec(String service, String id, String zone, int weight, int latencyMillis) {

    /** The same instance restarted: a new process, so a new id ({@code id@generation}). */
    InstanceSpec restarted(int generation) {
        String base = id.contains("@") ? id.substring(0, id.indexOf('@')) : id;
        return new InstanceSpec(service, base + "@" + generation, zone, weight, latencyMillis);
    }
}
