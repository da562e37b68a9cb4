package io.sextant.etcd;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Time and randomness, injectable so tests can drive back-off and supervision deterministically. */
record Seams(LongSupplier nanoTime, DoubleSupplier random) {

    static Seams system() {
        return new Seams(System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }
}
