package io.sextant.cli.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @Test
    void parsesNamesIpv4AndBracketedIpv6() {
        assertThat(HostPort.parse("a", "10.0.0.5:8080")).isEqualTo(new HostPort("10.0.0.5", 8080));
        assertThat(HostPort.parse("a", " orders.internal:1 ")).isEqualTo(new HostPort("orders.internal", 1));
        assertThat(HostPort.parse("a", "[::1]:65535")).isEqualTo(new HostPort("::1", 65535));
    }

    @Test
    void rejectsWhatIsNotHostColonPortNamingTheArgumentAndValue() {
        for (String bad : new String[] {"", "10.0.0.5", ":80", "h:0", "h:65536", "h:-1", "h:x", "::1:80", "a b:80", "a/b:80"}) {
            assertThatThrownBy(() -> HostPort.parse("HOST:PORT", bad)).as(bad)
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageContaining("HOST:PORT").hasMessageContaining("'" + bad + "'");
        }
    }
}
