/** The README's code, compiled and run by the build. */
package io.sextant.it.readme;
