/** Architecture rules over every module, run with ArchUnit. */
package io.sextant.it.arch;
