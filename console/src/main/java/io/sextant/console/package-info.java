/**
 * A live, read-only web console of a {@link io.sextant.Registry}: services with counts per zone and status,
 * the instances of one service, a feed of changes pushed by Server-Sent Events, where a balancing strategy
 * sends 10,000 simulated picks, and the registry's health. Start one with {@link io.sextant.console.Console#builder}.
 */
package io.sextant.console;
