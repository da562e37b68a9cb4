package io.sextant.spring;

import io.sextant.TrackedPick;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;

/** A load balancer answer that carries the tracked pick, so the call's outcome can be fed back to it. */
final class SextantPickResponse extends DefaultResponse {
    private final TrackedPick pick;

    SextantPickResponse(TrackedPick pick) {
        super(new SextantServiceInstance(pick.instance()));
        this.pick = pick;
    }

    TrackedPick pick() {
        return pick;
    }
}
