/** The contract every backend must pass unchanged: written once against the public API. */
package io.sextant.it.contract;
