package io.sextant.console;

import io.sextant.Registry;

/** The README's console code, kept here so the build compiles it (the tests run the same calls). */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    static void serve(Registry registry) throws Exception {
        // README:console:begin
        try (Console console = Console.builder(registry).port(0).start()) {
            System.out.println(console.uri());
        }
        // README:console:end
    }
}
