package io.sextant.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test service, without protoc: one unary method {@code test.Greeter/Hello} whose request and
 * reply are UTF-8 strings. A server answers with its own name; it can be made slow or failing.
 */
final class Greeter {
    static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<String, String> HELLO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Greeter", "Hello"))
            .setRequestMarshaller(UTF8)
            .setResponseMarshaller(UTF8)
            .build();

    private static final ScheduledExecutorService DELAYS = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "greeter-delays");
        t.setDaemon(true);
        return t;
    });

    final String name;
    final AtomicInteger calls = new AtomicInteger();
    volatile long delayMillis;
    volatile Status failWith;

    Greeter(String name) {
        this.name = name;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder("test.Greeter")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((request, reply) -> {
                    calls.incrementAndGet();
                    Runnable answer = () -> {
                        Status fail = failWith;
                        if (fail != null) {
                            reply.onError(fail.asRuntimeException());
                        } else {
                            reply.onNext(name);
                            reply.onCompleted();
                        }
                    };
                    long d = delayMillis;
                    if (d > 0) {
                        DELAYS.schedule(answer, d, TimeUnit.MILLISECONDS);
                    } else {
                        answer.run();
                    }
                }))
                .build();
    }

    /** One blocking call; returns the name of the server that answered. */
    static String hello(Channel channel) {
        return ClientCalls.blockingUnaryCall(channel, HELLO, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
                "hi");
    }

    /** One blocking call carrying header {@code name: value}. */
    static String hello(Channel channel, String header, String value) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
        return hello(io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(m)));
    }
}
