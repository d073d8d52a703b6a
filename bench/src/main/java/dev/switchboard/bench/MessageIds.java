package dev.switchboard.bench;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The distinct message ids a watcher has seen: a bit per generated id ({@code bench-N@…}), a set
 * for anything else. Small, so it does not weigh on the heap figures it sits beside.
 */
final class MessageIds {
    private final BitSet generated = new BitSet();
    private final Set<String> others = new HashSet<>();
    private long size;

    /** Whether the id is new. */
    synchronized boolean add(String id) {
        int at = id.indexOf('@');
        if (id.startsWith("bench-") && at > 6) {
            try {
                int n = Integer.parseInt(id, 6, at, 10);
                if (generated.get(n)) {
                    return false;
                }
                generated.set(n);
                size++;
                return true;
            } catch (NumberFormatException e) {
                // not one of ours: counted below
            }
        }
        boolean added = others.add(id);
        if (added) {
            size++;
        }
        return added;
    }

    synchronized long size() {
        return size;
    }
}
