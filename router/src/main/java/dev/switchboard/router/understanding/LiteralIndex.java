package dev.switchboard.router.understanding;

import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ahocorasick.trie.Trie;

/**
 * The words every keyword and phrase of many matchers needs, found in a text in one Aho–Corasick
 * pass instead of one {@code indexOf} per entry: the classifier's thousands of entries across
 * intents and languages would otherwise each scan the subject and the body.
 */
public final class LiteralIndex {
    private final Map<String, Integer> ids;
    private final Trie trie;

    private LiteralIndex(Map<String, Integer> ids) {
        this.ids = Map.copyOf(ids);
        this.trie = Trie.builder().addKeywords(ids.keySet()).build();
    }

    /** An index of the matchers' literals, and the matchers bound to it. */
    static LiteralIndex of(Collection<TermMatcher> matchers) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TermMatcher matcher : matchers) {
            for (String literal : matcher.literals()) {
                ids.putIfAbsent(literal, ids.size());
            }
        }
        return new LiteralIndex(ids);
    }

    /** How many literals it has: their ids are 0 to size − 1. */
    int size() {
        return ids.size();
    }

    /** The id of a literal in this index, or -1. */
    int id(String literal) {
        return ids.getOrDefault(literal, -1);
    }

    /** The ids of the literals that occur in the text, anywhere, overlaps included. */
    BitSet present(String text) {
        BitSet present = new BitSet(ids.size());
        trie.parseText(text, emit -> {
            present.set(ids.get(emit.getKeyword()));
            return true;
        });
        return present;
    }
}
