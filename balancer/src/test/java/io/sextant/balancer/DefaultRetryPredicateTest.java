package io.sextant.balancer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The default rule retries what the caller marked, and connection failures from before the request was sent. */
class DefaultRetryPredicateTest {
    private final DefaultRetryPredicate retry = DefaultRetryPredicate.INSTANCE;

    @Test
    void retriesMarkedAndConnectionLevelFailures() {
        assertThat(retry.test(new RetryableException("503"))).isTrue();
        assertThat(retry.test(new ConnectException("refused"))).isTrue();
        assertThat(retry.test(new NoRouteToHostException("no route"))).isTrue();
        assertThat(retry.test(new UnknownHostException("orders-7.internal"))).isTrue();
        assertThat(retry.test(new UncheckedIOException(new ConnectException("refused")))).isTrue();
        assertThat(retry.test(new CompletionException(new IllegalStateException(new RetryableException("busy"))))).isTrue();
    }

    @Test
    void doesNotRetryWhatMayHaveReachedTheInstance() {
        assertThat(retry.test(new SocketTimeoutException("read timed out"))).isFalse();
        assertThat(retry.test(new SocketException("connection reset"))).isFalse();
        assertThat(retry.test(new IOException("broken pipe"))).isFalse();
        assertThat(retry.test(new IllegalArgumentException("400"))).isFalse();
    }

    @Test
    void stopsOnACyclicCauseChain() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalStateException b = new IllegalStateException("b", a);
        a.initCause(b);
        assertThat(retry.test(a)).isFalse();
    }
}
