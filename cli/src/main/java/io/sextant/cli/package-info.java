/**
 * The {@code sextant} command line: {@link io.sextant.cli.SextantCli} is its entry point. Everything
 * else lives in {@code io.sextant.cli.internal} and may change without notice. Nothing is null unless
 * documented.
 */
package io.sextant.cli;
