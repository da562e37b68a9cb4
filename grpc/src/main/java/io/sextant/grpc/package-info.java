/**
 * gRPC-java integration: the {@code sextant:///<service>} name resolver
 * ({@link io.sextant.grpc.SextantNameResolverProvider}), the {@code sextant} load-balancing policy
 * ({@link io.sextant.grpc.SextantLoadBalancerProvider}) and the server-side registration helper
 * ({@link io.sextant.grpc.SextantServer}).
 *
 * <p>Nullness: parameters and return values are non-null unless a method's documentation says
 * otherwise.
 */
package io.sextant.grpc;
