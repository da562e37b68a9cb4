package io.sextant.balancer;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/** The production randomness seam: every call goes to the calling thread's {@link ThreadLocalRandom}. */
final class ThreadLocalRandomGenerator implements RandomGenerator {
    static final ThreadLocalRandomGenerator INSTANCE = new ThreadLocalRandomGenerator();

    private ThreadLocalRandomGenerator() {
    }

    @Override
    public long nextLong() {
        return ThreadLocalRandom.current().nextLong();
    }

    @Override
    public int nextInt() {
        return ThreadLocalRandom.current().nextInt();
    }

    @Override
    public int nextInt(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    @Override
    public double nextDouble() {
        return ThreadLocalRandom.current().nextDouble();
    }
}
