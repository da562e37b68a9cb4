package io.sextant.grpc;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.sextant.ServiceInstance;

import java.util.Map;

/**
 * Attribute keys the {@code sextant:///} name resolver puts on what it resolves.
 *
 * <p>Each {@link EquivalentAddressGroup} it produces stands for one registered instance and carries
 * that instance's {@link #INSTANCE_ID id}, {@link #ZONE zone}, {@link #WEIGHT weight} and
 * {@link #METADATA metadata}, plus the whole {@link #INSTANCE instance}. The resolution result
 * carries the {@link #SERVICE service} name. Any load-balancing policy may read them; the
 * {@code sextant} policy uses them to balance by instance, with the same ids (and so the same hash
 * placement) as every other Sextant client.
 */
public final class SextantAttributes {

    /** The whole registered instance an address group stands for. */
    @EquivalentAddressGroup.Attr
    public static final Attributes.Key<ServiceInstance> INSTANCE = Attributes.Key.create("sextant.instance");

    /** The instance's id, unique within its service. */
    @EquivalentAddressGroup.Attr
    public static final Attributes.Key<String> INSTANCE_ID = Attributes.Key.create("sextant.instance.id");

    /** The instance's zone; empty for none. */
    @EquivalentAddressGroup.Attr
    public static final Attributes.Key<String> ZONE = Attributes.Key.create("sextant.instance.zone");

    /** The instance's weight, 1 to {@value ServiceInstance#MAX_WEIGHT} (instances of weight 0 are not resolved). */
    @EquivalentAddressGroup.Attr
    public static final Attributes.Key<Integer> WEIGHT = Attributes.Key.create("sextant.instance.weight");

    /** The instance's metadata, unmodifiable. */
    @EquivalentAddressGroup.Attr
    public static final Attributes.Key<Map<String, String>> METADATA = Attributes.Key.create("sextant.instance.metadata");

    /** On a resolution result: the service resolved. */
    public static final Attributes.Key<String> SERVICE = Attributes.Key.create("sextant.service");

    private SextantAttributes() {
    }

    /** The attributes describing {@code instance}. */
    static Attributes of(ServiceInstance instance) {
        return Attributes.newBuilder()
                .set(INSTANCE, instance)
                .set(INSTANCE_ID, instance.id())
                .set(ZONE, instance.zone())
                .set(WEIGHT, instance.weight())
                .set(METADATA, instance.metadata())
                .build();
    }
}
