package io.sextant.grpc;

import io.grpc.ClientStreamTracer;
import io.grpc.Metadata;
import io.grpc.Status;

import java.util.function.LongSupplier;

/**
 * Feeds the outcome of every RPC stream on one instance back to its {@link CallLoad}: in flight from
 * the stream's creation until it closes, its latency, and success or failure for the breaker.
 *
 * <p>Only statuses that say the instance, not the request, is in trouble count as failures
 * ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code INTERNAL}, {@code UNKNOWN},
 * {@code DATA_LOSS}); a {@code CANCELLED} stream counts neither way; every other status means the
 * server answered, so it is a success for balancing.
 */
final class CallTracking extends ClientStreamTracer.Factory {
    private final CallLoad load;
    private final LongSupplier ticker;

    CallTracking(CallLoad load, LongSupplier ticker) {
        this.load = load;
        this.ticker = ticker;
    }

    @Override
    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
        long start = ticker.getAsLong();
        load.started(start);
        return new Tracer(start);
    }

    static boolean isFailure(Status.Code code) {
        switch (code) {
            case UNAVAILABLE:
            case DEADLINE_EXCEEDED:
            case INTERNAL:
            case UNKNOWN:
            case DATA_LOSS:
                return true;
            default:
                return false;
        }
    }

    private final class Tracer extends ClientStreamTracer {
        private final long start;

        Tracer(long start) {
            this.start = start;
        }

        @Override
        public void streamClosed(Status status) { // called exactly once per stream
            long now = ticker.getAsLong();
            Status.Code code = status.getCode();
            boolean failed = isFailure(code);
            load.finished(now, now - start, failed, code == Status.Code.CANCELLED,
                    failed ? status.asRuntimeException() : null);
        }
    }
}
