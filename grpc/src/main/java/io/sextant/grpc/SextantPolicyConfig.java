package io.sextant.grpc;

import io.grpc.Metadata;
import io.sextant.balancer.BalancerBuilder;

/**
 * The parsed {@code sextant} load-balancing config:
 * {@code {"strategy":"maglev","hashHeader":"x-user-id","zone":"eu-1a"}}, every field optional.
 *
 * @param strategy   a Sextant strategy name
 * @param hashHeader the request header whose value is the request key (consistent hashing, sticky),
 *                   or {@code null}
 * @param zone       the caller's zone for zone-aware picking, empty for none
 */
record SextantPolicyConfig(String strategy, Metadata.Key<String> hashHeader, String zone) {
    static final SextantPolicyConfig DEFAULT = new SextantPolicyConfig(BalancerBuilder.DEFAULT_STRATEGY, null, "");

    @Override
    public String toString() {
        return "{strategy=" + strategy + (hashHeader == null ? "" : ", hashHeader=" + hashHeader.name())
                + (zone.isEmpty() ? "" : ", zone=" + zone) + "}";
    }
}
