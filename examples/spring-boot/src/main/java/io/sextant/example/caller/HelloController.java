package io.sextant.example.caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/** {@code GET /hello?name=Ada} asks a greeter instance and passes its answer on. */
@RestController
class HelloController {
    private final RestClient greeter;

    HelloController(RestClient greeter) {
        this.greeter = greeter;
    }

    @GetMapping("/hello")
    String hello(@RequestParam(name = "name", defaultValue = "world") String name) {
        return greeter.get().uri(b -> b.path("/greet").queryParam("name", name).build()).retrieve().body(String.class);
    }
}
