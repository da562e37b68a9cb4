package io.sextant.balancer.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remembers which candidate index recent keys went to, so a repeated key skips the O(n) scan. A
 * 4-way set-associative table of longs, built empty with each picker (a new snapshot starts a new
 * memo, so nothing stale survives a change) and sized by the keys seen, not by the candidates: it
 * starts small and doubles, keeping its entries, each time it has stored as many keys as a quarter
 * of its slots (at that load few 4-way buckets overflow), up to {@link #MAX_BUCKETS} buckets
 * (512 KiB, room for about 16 Ki keys).
 *
 * <p>A slot holds the key hash's bits above the bucket bits and, in the bucket bits, index + 1 (0
 * is an empty slot); the bucket supplies the key's low bits, so a hit matches the whole 64-bit key
 * hash and returns exactly what the scan returned (and a table always has more buckets than
 * candidates). Slots are read and written whole with opaque access (atomic even for longs),
 * without locks: concurrent picks may both miss and both store the same value, one may evict the
 * other, and a store racing a growth may be lost; a miss only costs a recomputation. A hit
 * allocates nothing; only growth does.
 */
final class RendezvousMemo {
    /** Candidates above this get no memo: the table must have more buckets than candidates. */
    static final int MAX_CANDIDATES = 1 << 14;
    /** The largest table grown for the keys seen: 64 Ki slots. */
    static final int MAX_BUCKETS = 1 << 14;
    private static final int WAYS = 4;
    private static final int MIN_BUCKETS = 64;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final int maxBuckets;
    private volatile Table table;

    /** A memo for pickers over {@code candidates} (1..{@link #MAX_CANDIDATES}) instances. */
    RendezvousMemo(int candidates) {
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates must be 1.." + MAX_CANDIDATES + ", was " + candidates);
        }
        // More buckets than candidates, so index + 1 fits the bucket bits.
        int buckets = Math.max(MIN_BUCKETS, Integer.highestOneBit(candidates) << 1);
        this.maxBuckets = Math.max(buckets, MAX_BUCKETS);
        this.table = new Table(buckets);
    }

    /** The index remembered for {@code keyHash}, or −1. */
    int get(long keyHash) {
        return table.get(keyHash);
    }

    /** Remembers that {@code keyHash} goes to {@code index}; grows the table when it has filled up. */
    void put(long keyHash, int index) {
        Table t = table;
        t.put(keyHash, index);
        if (t.stores.incrementAndGet() == t.growAt && t.buckets < maxBuckets) {
            grow(t);
        }
    }

    /** How many buckets the table has now (tests). */
    int buckets() {
        return table.buckets;
    }

    private synchronized void grow(Table t) {
        if (table != t) {
            return;
        }
        Table bigger = new Table(t.buckets * 2);
        for (int b = 0; b < t.buckets; b++) {
            for (int w = 0; w < WAYS; w++) {
                long slot = (long) SLOT.getOpaque(t.slots, b * WAYS + w);
                if (slot != 0) {
                    bigger.put((slot & ~t.mask) | b, (int) (slot & t.mask) - 1); // the bucket gives back the low bits
                }
            }
        }
        table = bigger;
    }

    private static final class Table {
        final int buckets;
        /** buckets − 1: selects the bucket from a key hash and the index field from a slot. */
        final long mask;
        final long[] slots;
        final int growAt;
        final AtomicInteger stores = new AtomicInteger(); // counted on misses only: they cost a scan anyway

        Table(int buckets) {
            this.buckets = buckets;
            this.mask = buckets - 1;
            this.slots = new long[buckets * WAYS];
            this.growAt = buckets * WAYS / 4;
        }

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

        /** Stores in a free way, over the key's own way, or over a way the key picks when the bucket is full. */
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
            SLOT.setOpaque(slots, base + (int) (keyHash >>> 62), value);
        }
    }
}
