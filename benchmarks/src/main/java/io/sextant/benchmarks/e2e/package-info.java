/**
 * End-to-end benchmarks on real servers: propagation latency (a change made by one client until
 * another client's cache has it), failure detection (kill -9 of a registering JVM until watchers drop
 * it) and scale, with the raw backend client and Curator x-discovery measured beside Sextant in the
 * same run. Run with {@code java -cp benchmarks/target/benchmarks.jar io.sextant.benchmarks.e2e.EndToEndMain}.
 */
package io.sextant.benchmarks.e2e;
