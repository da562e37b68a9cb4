package io.sextant.grpc;

import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolver.ConfigOrError;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SextantLoadBalancerProviderTest {
    private final SextantLoadBalancerProvider provider = new SextantLoadBalancerProvider();

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertThat(LoadBalancerRegistry.getDefaultRegistry().getProvider("sextant"))
                .isInstanceOf(SextantLoadBalancerProvider.class);
    }

    @Test
    void parsesStrategyHashHeaderAndZone() {
        ConfigOrError c = provider.parseLoadBalancingPolicyConfig(
                Map.of("strategy", "maglev", "hashHeader", "X-User-Id", "zone", "eu-1a"));
        assertThat(c.getError()).isNull();
        SextantPolicyConfig config = (SextantPolicyConfig) c.getConfig();
        assertThat(config.strategy()).isEqualTo("maglev");
        assertThat(config.hashHeader().name()).isEqualTo("x-user-id");
        assertThat(config.zone()).isEqualTo("eu-1a");
    }

    @Test
    void anEmptyConfigMeansRoundRobinWithoutKey() {
        SextantPolicyConfig config = (SextantPolicyConfig) provider.parseLoadBalancingPolicyConfig(Map.of()).getConfig();
        assertThat(config).isEqualTo(SextantPolicyConfig.DEFAULT);
        assertThat(config.strategy()).isEqualTo("round-robin");
        assertThat(config.hashHeader()).isNull();
    }

    @Test
    void anUnknownStrategyIsAnErrorListingTheKnownOnes() {
        Status error = provider.parseLoadBalancingPolicyConfig(Map.of("strategy", "fastest")).getError();
        assertThat(error.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(error.getDescription()).contains("'fastest'").contains("maglev").contains("p2c-peak-ewma");
    }

    @Test
    void badFieldsAreErrorsNamingTheField() {
        assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("hashHeader", "x-key-bin")).getError().getDescription())
                .contains("hashHeader").contains("x-key-bin");
        assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("hashHeader", "bad header")).getError().getDescription())
                .contains("bad header");
        assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("strategy", 3.0)).getError().getDescription())
                .contains("strategy must be a string");
        assertThat(provider.parseLoadBalancingPolicyConfig(Map.of("zone", "eu 1")).getError().getDescription())
                .contains("zone");
    }
}
