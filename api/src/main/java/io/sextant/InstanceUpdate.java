package io.sextant;

/**
 * One instance whose registered data changed: the value before and after.
 *
 * @param previous the value in the old set
 * @param current  the value in the new set (same service and id)
 */
public record InstanceUpdate(ServiceInstance previous, ServiceInstance current) {
}
