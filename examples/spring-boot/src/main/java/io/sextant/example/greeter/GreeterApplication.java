package io.sextant.example.greeter;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Registers as {@code greeter} on a random port; configuration in {@code greeter.yml}. Nothing here
 * mentions Sextant: the starter registers the application when it is ready and takes it out (DRAINING,
 * then deregistered) before the web server stops.
 */
@SpringBootApplication
public class GreeterApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(GreeterApplication.class).properties("spring.config.name=greeter").run(args);
    }
}
