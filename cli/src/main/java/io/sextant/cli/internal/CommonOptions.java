package io.sextant.cli.internal;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --verbose}, accepted by every command. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--verbose", description = "Show library logs on stderr and the stack trace of an error.")
    void verbose(boolean on) {
        RootCommand.context(mixee).verbose(on);
    }
}
