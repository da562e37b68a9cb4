package io.sextant.example.caller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * Calls the greeter by name: {@code http://greeter/...} through a {@code @LoadBalanced RestClient}.
 * Spring Cloud LoadBalancer picks among the instances in Sextant's live cache, so a new greeter gets
 * calls as soon as it registers and a stopping one none once it drains. Configuration in {@code caller.yml}.
 */
@SpringBootApplication
public class CallerApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(CallerApplication.class).properties("spring.config.name=caller").run(args);
    }

    @Bean
    @LoadBalanced
    RestClient.Builder loadBalancedRestClientBuilder() {
        return RestClient.builder();
    }

    @Bean
    RestClient greeter(RestClient.Builder loadBalancedRestClientBuilder) {
        return loadBalancedRestClientBuilder.baseUrl("http://greeter").build();
    }
}
