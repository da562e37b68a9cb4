package io.sextant.balancer.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Remembers which candidate index recent keys went to, so a repeated key skips the O(n) scan. A
 * 4-way set-associative table of longs, built empty with each picker (a new snapshot starts a new
 * memo, so nothing stale survives a change) and never resized.
 *
 * <p>A slot holds the key hash's bits above the bucket bits and, in the bucket bits, index + 1 (0
 * is an empty slot); the bucket supplies the key's low bits, so a hit matches the whole 64-bit key
 * hash and returns exactly what the scan returned. Slots are read and written whole with opaque
 * access (atomic even for longs), without locks: concurrent picks may both miss and both store the
 * same value, or one may evict the other; a miss only costs a recomputation. Allocates nothing.
 */
final class RendezvousMemo {
    /** Candidates above this get no memo: the table must have more buckets than candidates. */
    static final int MAX_CANDIDATES = 1 << 14;
    private static final int WAYS = 4;
    private static final int MIN_BUCKETS = 256;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;
    /** buckets − 1: selects the bucket from a key hash and the index field from a slot. */
    private final long mask;

    /** A memo for pickers over {@code candidates} (1..{@link #MAX_CANDIDATES}) instances. */
    RendezvousMemo(int candidates) {
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates must be 1.." + MAX_CANDIDATES + ", was " + candidates);
        }
        // More buckets than candidates, so index + 1 fits the bucket bits: 2-4 buckets (64-128 bytes)
        // per candidate, 8 KiB at least. Up to about one key per bucket rarely overflows a 4-way
        // bucket; a working set much larger than the 8-16 slots per candidate mostly misses.
        int buckets = Math.max(MIN_BUCKETS, Integer.highestOneBit(candidates) << 2);
        this.slots = new long[buckets * WAYS];
        this.mask = buckets - 1;
    }

    /** The index remembered for {@code keyHash}, or −1. */
    int get(long keyHash) {
        int base = (int) (keyHash & mask) * WAYS;
        long tag = keyHash & ~mask;
        for (int w = 0; w < WAYS; w++) {
            long slot = (long) SLOT.getOpaque(slots, base + w);
            if ((slot & ~mask) == tag && (slot & mask) != 0) {
                return (int) (slot & mask) - 1;
            }
        }
        return -1;
    }

    /** Remembers that {@code keyHash} goes to {@code index}, in a free way or over a way the key picks. */
    void put(long keyHash, int index) {
        int base = (int) (keyHash & mask) * WAYS;
        long tag = keyHash & ~mask;
        long value = tag | (index + 1);
        for (int w = 0; w < WAYS; w++) {
            long slot = (long) SLOT.getOpaque(slots, base + w);
            if (slot == 0 || (slot & ~mask) == tag) {
                SLOT.setOpaque(slots, base + w, value);
                return;
            }
        }
        SLOT.setOpaque(slots, base + (int) (keyHash >>> 62), value); // full: evict a way chosen by the key
    }
}
