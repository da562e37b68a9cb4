package io.sextant.balancer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.sextant.spi.support.Checks;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Knobs of a {@link Balancer} and its strategy. Immutable: each {@code withX} returns a changed copy
 * and validates its argument at once, throwing {@link IllegalArgumentException} naming the option.
 * Start from {@link #DEFAULT}.
 */
public final class BalancerOptions {
    /** Largest Maglev table size; sizes must be prime. */
    public static final int MAX_MAGLEV_TABLE_SIZE = 5_000_011;
    /** The window of the retry budget, in seconds. */
    public static final int RETRY_BUDGET_WINDOW_SECONDS = 10;
    /** The slow-start window used by {@link #withSlowStart()}. */
    public static final Duration DEFAULT_SLOW_START_WINDOW = Duration.ofSeconds(30);

    /** Every option at its default. */
    public static final BalancerOptions DEFAULT = new BalancerOptions();

    private RandomGenerator random = ThreadLocalRandomGenerator.INSTANCE;
    private LongSupplier ticker = System::nanoTime;
    private Executor rebuildExecutor = ForkJoinPool.commonPool();
    private double maxEjectionShare = 0.5;
    private CircuitBreakerConfig circuitBreakerConfig = CircuitBreakerConfig.custom()
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10)).build();
    private int maxAttempts = 3;
    private Duration retryBackoff = Duration.ofMillis(50);
    private Predicate<? super Throwable> retryOn = DefaultRetryPredicate.INSTANCE;
    private double retryBudgetShare = 0.2;
    private int minRetriesPerSecond = 10;
    private Duration executeDeadline; // null: none
    private ScheduledExecutorService retryScheduler; // null: the shared one
    private Duration maxStaleness; // null: never refuse
    private Clock clock = Clock.systemUTC();
    private Duration slowStartWindow = Duration.ZERO;
    private Duration loadDecay = Duration.ofSeconds(10);
    private Duration failurePenalty = Duration.ofSeconds(1);
    private int ringVirtualNodes = 160;
    private int maglevTableSize = 65_537;
    private double boundedLoadFactor = 1.25;
    private double zoneSpilloverThreshold = 0.7;

    private BalancerOptions() {
    }

    private BalancerOptions copy() {
        BalancerOptions c = new BalancerOptions();
        c.random = random;
        c.ticker = ticker;
        c.rebuildExecutor = rebuildExecutor;
        c.maxEjectionShare = maxEjectionShare;
        c.circuitBreakerConfig = circuitBreakerConfig;
        c.maxAttempts = maxAttempts;
        c.retryBackoff = retryBackoff;
        c.retryOn = retryOn;
        c.retryBudgetShare = retryBudgetShare;
        c.minRetriesPerSecond = minRetriesPerSecond;
        c.executeDeadline = executeDeadline;
        c.retryScheduler = retryScheduler;
        c.maxStaleness = maxStaleness;
        c.clock = clock;
        c.slowStartWindow = slowStartWindow;
        c.loadDecay = loadDecay;
        c.failurePenalty = failurePenalty;
        c.ringVirtualNodes = ringVirtualNodes;
        c.maglevTableSize = maglevTableSize;
        c.boundedLoadFactor = boundedLoadFactor;
        c.zoneSpilloverThreshold = zoneSpilloverThreshold;
        return c;
    }

    /** Randomness for random picks and tie breaks; default a per-thread {@code ThreadLocalRandom}. Must be thread-safe. */
    public BalancerOptions withRandom(RandomGenerator random) {
        BalancerOptions c = copy();
        c.random = Checks.notNull("random", random);
        return c;
    }

    /** Monotonic time in nanoseconds; default {@link System#nanoTime()}. */
    public BalancerOptions withTicker(LongSupplier ticker) {
        BalancerOptions c = copy();
        c.ticker = Checks.notNull("ticker", ticker);
        return c;
    }

    /**
     * Where pickers are built: after every snapshot the cache publishes, breaker change and
     * slow-start step, one build at a time per balancer, coalesced to the newest state; default
     * the common pool. Picks never wait for a build (they use the last published picker) unless
     * there is none to use.
     */
    public BalancerOptions withRebuildExecutor(Executor executor) {
        BalancerOptions c = copy();
        c.rebuildExecutor = Checks.notNull("rebuildExecutor", executor);
        return c;
    }

    /** Largest share of pickable instances open breakers may eject (0..1, default 0.5); beyond it none is ejected (panic mode). */
    public BalancerOptions withMaxEjectionShare(double share) {
        BalancerOptions c = copy();
        c.maxEjectionShare = Checks.inRange("maxEjectionShare", share, 0.0, 1.0);
        return c;
    }

    /** The configuration of each instance's circuit breaker; OPEN always moves to HALF_OPEN by itself after its wait. */
    public BalancerOptions withCircuitBreakerConfig(CircuitBreakerConfig config) {
        BalancerOptions c = copy();
        c.circuitBreakerConfig = Checks.notNull("circuitBreakerConfig", config);
        return c;
    }

    /** Attempts of {@link Balancer#execute} including the first, 1..100, default 3. */
    public BalancerOptions withMaxAttempts(int attempts) {
        BalancerOptions c = copy();
        c.maxAttempts = Checks.inRange("maxAttempts", attempts, 1, 100);
        return c;
    }

    /** First back-off before a retry (doubling per retry, ±50% jitter), positive, default 50 ms. */
    public BalancerOptions withRetryBackoff(Duration backoff) {
        BalancerOptions c = copy();
        c.retryBackoff = Checks.positive("retryBackoff", backoff);
        return c;
    }

    /**
     * Which failures of a call {@link Balancer#execute} and {@link Balancer#executeAsync} retry on
     * another instance. The default retries only failures that are, or are caused by, a
     * {@link RetryableException} the caller threw, or a connection-level {@link java.io.IOException}
     * raised before the request was sent: {@link java.net.ConnectException},
     * {@link java.net.NoRouteToHostException}, {@link java.net.PortUnreachableException},
     * {@link java.net.UnknownHostException} and {@link java.net.http.HttpConnectTimeoutException}.
     * Extend it with {@code DEFAULT.retryOn().test(e) || ...}. Must be thread-safe and not throw.
     */
    public BalancerOptions withRetryOn(Predicate<? super Throwable> retryOn) {
        BalancerOptions c = copy();
        c.retryOn = Checks.notNull("retryOn", retryOn);
        return c;
    }

    /**
     * The retry budget of {@link Balancer#execute} and {@link Balancer#executeAsync} (as Finagle's):
     * within any {@value #RETRY_BUDGET_WINDOW_SECONDS} s, retries may number {@code shareOfCalls}
     * of the calls made plus {@code minRetriesPerSecond} per second; a failure beyond it is not
     * retried. Defaults 0.2 and 10. {@code (0, 0)} turns retries off.
     *
     * @param shareOfCalls        0..10
     * @param minRetriesPerSecond 0..100000
     */
    public BalancerOptions withRetryBudget(double shareOfCalls, int minRetriesPerSecond) {
        BalancerOptions c = copy();
        c.retryBudgetShare = Checks.inRange("retryBudgetShare", shareOfCalls, 0.0, 10.0);
        c.minRetriesPerSecond = Checks.inRange("minRetriesPerSecond", minRetriesPerSecond, 0, 100_000);
        return c;
    }

    /**
     * The overall deadline of one {@link Balancer#execute} or {@link Balancer#executeAsync}, from
     * its start by the ticker: no retry is made, nor back-off waited, that would start after it (a
     * call in progress is not interrupted). Positive; default none.
     */
    public BalancerOptions withExecuteDeadline(Duration deadline) {
        BalancerOptions c = copy();
        c.executeDeadline = Checks.positive("executeDeadline", deadline);
        return c;
    }

    /**
     * Where {@link Balancer#executeAsync} waits out back-offs and starts retries; default one shared
     * daemon thread. The balancer does not shut it down.
     */
    public BalancerOptions withRetryScheduler(ScheduledExecutorService scheduler) {
        BalancerOptions c = copy();
        c.retryScheduler = Checks.notNull("retryScheduler", scheduler);
        return c;
    }

    /**
     * Refuses picks, with a {@link StaleCacheException} naming the service and the age, while the
     * cache's set has been {@linkplain io.sextant.InstanceSet#isStale() stale} for longer than
     * {@code maxStaleness} (not negative; {@link Duration#ZERO} refuses any stale set). Default:
     * never refuse, serving a stale set is usually better than failing.
     */
    public BalancerOptions withMaxStaleness(Duration maxStaleness) {
        Checks.notNull("maxStaleness", maxStaleness);
        if (maxStaleness.isNegative()) {
            throw new IllegalArgumentException("maxStaleness must not be negative, got " + maxStaleness);
        }
        BalancerOptions c = copy();
        c.maxStaleness = maxStaleness;
        return c;
    }

    /**
     * The wall clock, used only for a stale set's age ({@link io.sextant.InstanceSet#staleSince()} is
     * wall time); default {@link Clock#systemUTC()}.
     */
    public BalancerOptions withClock(Clock clock) {
        BalancerOptions c = copy();
        c.clock = Checks.notNull("clock", clock);
        return c;
    }

    /** Turns slow start on with the {@linkplain #DEFAULT_SLOW_START_WINDOW default window} of 30 s. */
    public BalancerOptions withSlowStart() {
        return withSlowStart(DEFAULT_SLOW_START_WINDOW);
    }

    /** Ramps a new instance's effective weight up over {@code window}; {@link Duration#ZERO} turns slow start off (the default). */
    public BalancerOptions withSlowStart(Duration window) {
        Checks.notNull("slowStartWindow", window);
        if (window.isNegative()) {
            throw new IllegalArgumentException("slowStartWindow must not be negative, got " + window);
        }
        BalancerOptions c = copy();
        c.slowStartWindow = window;
        return c;
    }

    /** Time constant with which latency and failure information decays, positive, default 10 s. */
    public BalancerOptions withLoadDecay(Duration decay) {
        BalancerOptions c = copy();
        c.loadDecay = Checks.positive("loadDecay", decay);
        return c;
    }

    /** The least latency a failure counts as, so fast failures do not attract traffic; not negative, default 1 s. */
    public BalancerOptions withFailurePenalty(Duration penalty) {
        Checks.notNull("failurePenalty", penalty);
        if (penalty.isNegative()) {
            throw new IllegalArgumentException("failurePenalty must not be negative, got " + penalty);
        }
        BalancerOptions c = copy();
        c.failurePenalty = penalty;
        return c;
    }

    /** Virtual nodes per instance of average weight on a hash ring, 1..10000, default 160. */
    public BalancerOptions withRingVirtualNodes(int nodes) {
        BalancerOptions c = copy();
        c.ringVirtualNodes = Checks.inRange("ringVirtualNodes", nodes, 1, 10_000);
        return c;
    }

    /** Maglev lookup table size: a prime up to {@value #MAX_MAGLEV_TABLE_SIZE}, default 65537. */
    public BalancerOptions withMaglevTableSize(int size) {
        Checks.inRange("maglevTableSize", size, 2, MAX_MAGLEV_TABLE_SIZE);
        if (!java.math.BigInteger.valueOf(size).isProbablePrime(30)) {
            throw new IllegalArgumentException("maglevTableSize must be prime, got " + size);
        }
        BalancerOptions c = copy();
        c.maglevTableSize = size;
        return c;
    }

    /** Capacity factor c of consistent hashing with bounded loads, 1.0 (exclusive)..10, default 1.25. */
    public BalancerOptions withBoundedLoadFactor(double factor) {
        if (!(factor > 1.0 && factor <= 10.0)) {
            throw new IllegalArgumentException("boundedLoadFactor must be above 1.0 and at most 10.0, got " + factor);
        }
        BalancerOptions c = copy();
        c.boundedLoadFactor = factor;
        return c;
    }

    /** Zone-aware: the local zone's healthy share below which calls spill over to all zones, 0..1, default 0.7. */
    public BalancerOptions withZoneSpilloverThreshold(double threshold) {
        BalancerOptions c = copy();
        c.zoneSpilloverThreshold = Checks.inRange("zoneSpilloverThreshold", threshold, 0.0, 1.0);
        return c;
    }

    /** The randomness seam. */
    public RandomGenerator random() {
        return random;
    }

    /** The monotonic nanosecond clock seam. */
    public LongSupplier ticker() {
        return ticker;
    }

    /** Where pickers are rebuilt after breaker changes and slow-start steps. */
    public Executor rebuildExecutor() {
        return rebuildExecutor;
    }

    /** The largest share of pickable instances that open breakers may eject. */
    public double maxEjectionShare() {
        return maxEjectionShare;
    }

    /** The configuration of each instance's circuit breaker. */
    public CircuitBreakerConfig circuitBreakerConfig() {
        return circuitBreakerConfig;
    }

    /** Attempts of {@link Balancer#execute}, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The first back-off before a retry. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Which failures are retried. */
    public Predicate<? super Throwable> retryOn() {
        return retryOn;
    }

    /** The share of calls that retries may add, within the retry budget's window. */
    public double retryBudgetShare() {
        return retryBudgetShare;
    }

    /** The retries per second the retry budget allows whatever the calls. */
    public int minRetriesPerSecond() {
        return minRetriesPerSecond;
    }

    /** The overall deadline of one execute, when set. */
    public Optional<Duration> executeDeadline() {
        return Optional.ofNullable(executeDeadline);
    }

    /** Where async retries are scheduled. */
    public ScheduledExecutorService retryScheduler() {
        return retryScheduler == null ? SharedRetryScheduler.get() : retryScheduler;
    }

    /** The longest staleness of the cache's set that picks accept, when set. */
    public Optional<Duration> maxStaleness() {
        return Optional.ofNullable(maxStaleness);
    }

    /** The wall clock for a stale set's age. */
    public Clock clock() {
        return clock;
    }

    /** The slow-start window; {@link Duration#ZERO} when off. */
    public Duration slowStartWindow() {
        return slowStartWindow;
    }

    /** The time constant of latency and failure decay. */
    public Duration loadDecay() {
        return loadDecay;
    }

    /** The least latency a failure counts as. */
    public Duration failurePenalty() {
        return failurePenalty;
    }

    /** Virtual nodes per instance of average weight on a hash ring. */
    public int ringVirtualNodes() {
        return ringVirtualNodes;
    }

    /** The Maglev lookup table size (prime). */
    public int maglevTableSize() {
        return maglevTableSize;
    }

    /** The capacity factor c of bounded-load hashing. */
    public double boundedLoadFactor() {
        return boundedLoadFactor;
    }

    /** The local zone's healthy share below which zone-aware balancing spills over. */
    public double zoneSpilloverThreshold() {
        return zoneSpilloverThreshold;
    }
}
