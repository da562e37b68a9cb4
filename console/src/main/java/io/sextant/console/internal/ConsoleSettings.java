package io.sextant.console.internal;

import io.sextant.console.BreakerStates;

import java.net.InetAddress;
import java.time.Duration;

/** A console's checked options. */
public record ConsoleSettings(InetAddress bind, int port, String token, BreakerStates breakers,
                              Duration serviceRefresh) {
}
