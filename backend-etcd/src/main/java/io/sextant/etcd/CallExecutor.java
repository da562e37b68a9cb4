package io.sextant.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

import java.util.concurrent.Executor;

/**
 * Runs the callbacks of every gRPC call of the jetcd client on the backend's own fixed threads instead
 * of gRPC's shared cached pool (jetcd offers no other way to set the channel's executor). The callbacks
 * only complete futures and hand work on, so a few threads serve any number of calls in flight.
 */
final class CallExecutor implements ClientInterceptor {
    private final Executor executor;

    CallExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return next.newCall(method, options.withExecutor(executor));
    }
}
