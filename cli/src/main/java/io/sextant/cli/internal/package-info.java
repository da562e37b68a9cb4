/**
 * The commands of the {@code sextant} command line and what they share: configuration sources,
 * error reporting, output formatting and signal handling. Not a public API. Nothing is null unless
 * documented.
 */
package io.sextant.cli.internal;
