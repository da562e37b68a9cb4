/** The console's implementation: the HTTP server, access checks, JSON views and the event hub. Not API. */
package io.sextant.console.internal;
