package io.sextant.balancer.internal;

import io.sextant.InstanceSet;
import io.sextant.balancer.spi.Picker;

/**
 * What a pick reads with one volatile load: the snapshot the picker was built from, the candidates
 * and the picker ({@code null} when there is no candidate).
 */
record BalancerState(InstanceSet source, EligibleCandidates candidates, Picker picker) {
}
