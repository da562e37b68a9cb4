package io.sextant.internal.balancer;

import io.sextant.InstanceSet;
import io.sextant.spi.Picker;

/**
 * What a pick reads with one volatile load: the snapshot the picker was built from, the candidates
 * and the picker ({@code null} when there is no candidate).
 */
record BalancerState(InstanceSet source, EligibleCandidates candidates, Picker picker) {
}
