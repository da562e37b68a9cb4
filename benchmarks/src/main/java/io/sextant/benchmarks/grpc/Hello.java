package io.sextant.benchmarks.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A one-method gRPC service without protoc: UTF-8 string in, the server's name out. */
public final class Hello {
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
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

    public static final MethodDescriptor<String, String> METHOD = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("bench.Hello/Hello")
            .setRequestMarshaller(UTF8).setResponseMarshaller(UTF8).build();

    private Hello() {
    }

    /** A started server on a free loopback port answering with {@code name}. */
    public static Server start(String name) throws IOException {
        ServerServiceDefinition def = ServerServiceDefinition.builder("bench.Hello")
                .addMethod(METHOD, ServerCalls.asyncUnaryCall((req, reply) -> {
                    reply.onNext(name);
                    reply.onCompleted();
                })).build();
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(def).build().start();
    }

    public static String call(Channel channel, CallOptions options) {
        return ClientCalls.blockingUnaryCall(channel, METHOD, options, "hi");
    }
}
