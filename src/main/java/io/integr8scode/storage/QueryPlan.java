package io.integr8scode.storage;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * How a query reads a {@link SecondaryIndex}: the longest run of leading index keys the filter fixes by
 * equality, then an {@code $in} or a range on the next key, as key ranges of the index's MVMap. The candidates
 * are the _ids in those ranges, in index order; the caller always re-applies the full filter to the documents.
 * {@link #ordered()}: that order is the requested sort (read forwards or backwards). {@link #exact()}: every
 * entry in the ranges matches the filter, so counts come from the map's positions in O(log n) and a skip
 * jumps there without reading what it skips.
 */
final class QueryPlan {

    private final SecondaryIndex index;
    private final List<Object[][]> ranges;
    private final int equalityPrefix;
    private final boolean nextKeyUsed;
    private final boolean ordered;
    private final boolean reverse;
    private final boolean exact;

    private QueryPlan(SecondaryIndex index, List<Object[][]> ranges, int equalityPrefix, boolean nextKeyUsed,
                      boolean ordered, boolean reverse, boolean exact) {
        this.index = index;
        this.ranges = ranges;
        this.equalityPrefix = equalityPrefix;
        this.nextKeyUsed = nextKeyUsed;
        this.ordered = ordered;
        this.reverse = reverse;
        this.exact = exact;
    }

    /** The best plan among the indexes, or null when none narrows the filter or serves the sort. */
    static QueryPlan choose(Collection<SecondaryIndex> indexes, Document filter, Document orderBy) {
        FilterTerms terms = FilterTerms.of(filter);
        QueryPlan best = null;
        for (SecondaryIndex index : indexes) {
            QueryPlan plan = of(index, terms, orderBy);
            if (plan != null && (best == null || plan.rank().compareTo(best.rank()) > 0)) {
                best = plan;
            }
        }
        return best;
    }

    private static QueryPlan of(SecondaryIndex index, FilterTerms terms, Document orderBy) {
        if (index.isMultikey()) {
            return null;
        }
        List<String> fields = index.fields();
        List<Object> prefix = new ArrayList<>();
        while (prefix.size() < fields.size() && terms.term(fields.get(prefix.size())) != null
                && terms.term(fields.get(prefix.size())).hasEquality) {
            prefix.add(terms.term(fields.get(prefix.size())).equality);
        }
        int next = prefix.size();
        FilterTerms.Term nextTerm = next < fields.size() ? terms.term(fields.get(next)) : null;
        boolean useIn = nextTerm != null && nextTerm.in != null;
        boolean useRange = nextTerm != null && !useIn && nextTerm.isRange();

        List<Object[][]> ranges = new ArrayList<>();
        if (useIn) {
            List<Object> values = new ArrayList<>(nextTerm.in);
            if (!index.ascending(next)) {
                Collections.reverse(values);
            }
            for (Object value : values) {
                ranges.add(range(prefix, List.of(value, IndexKeyType.LOW), List.of(value, IndexKeyType.HIGH)));
            }
        } else if (useRange) {
            boolean ascending = index.ascending(next);
            List<Object> lower = nextTerm.hasLower ? List.of(nextTerm.lower, nextTerm.lowerInclusive ? IndexKeyType.LOW : IndexKeyType.HIGH) : null;
            List<Object> upper = nextTerm.hasUpper ? List.of(nextTerm.upper, nextTerm.upperInclusive ? IndexKeyType.HIGH : IndexKeyType.LOW) : null;
            // A descending key stores larger values first: the upper bound is where its range starts.
            List<Object> from = ascending ? lower : mirror(upper);
            List<Object> to = ascending ? upper : mirror(lower);
            ranges.add(range(prefix, from == null ? List.of(IndexKeyType.LOW) : from, to == null ? List.of(IndexKeyType.HIGH) : to));
        } else {
            ranges.add(range(prefix, List.of(IndexKeyType.LOW), List.of(IndexKeyType.HIGH)));
        }

        Boolean direction = sortDirection(index, Set.copyOf(fields.subList(0, next)), next, useIn && nextTerm.in.size() > 1, orderBy);
        boolean nextKeyUsed = useIn || useRange;
        if (prefix.isEmpty() && !nextKeyUsed && (direction == null || orderBy == null || orderBy.isEmpty())) {
            return null; // would read everything in no useful order
        }
        Set<String> used = new HashSet<>(fields.subList(0, next));
        if (nextKeyUsed) {
            used.add(fields.get(next));
        }
        boolean exact = terms.exact() && used.containsAll(terms.terms().keySet());
        return new QueryPlan(index, ranges, prefix.size(), nextKeyUsed, direction != null,
                direction != null && !direction, exact);
    }

    /** A bound of a descending key, moved to the other end of its equal values. */
    private static List<Object> mirror(List<Object> bound) {
        if (bound == null) {
            return null;
        }
        return List.of(bound.get(0), bound.get(1) == IndexKeyType.LOW ? IndexKeyType.HIGH : IndexKeyType.LOW);
    }

    private static Object[][] range(List<Object> prefix, List<Object> fromTail, List<Object> toTail) {
        List<Object> from = new ArrayList<>(prefix);
        from.addAll(fromTail);
        List<Object> to = new ArrayList<>(prefix);
        to.addAll(toTail);
        return new Object[][] {from.toArray(), to.toArray()};
    }

    /**
     * TRUE when reading forwards gives the requested order, FALSE backwards, null neither. Sort keys fixed by
     * equality are ignored; the rest must follow the index keys from {@code next} on (then the _id that ends
     * every entry), all in the index's directions or all reversed.
     */
    private static Boolean sortDirection(SecondaryIndex index, Set<String> fixed, int next, boolean severalPoints, Document orderBy) {
        List<Map.Entry<String, Object>> sort = orderBy == null ? List.of()
                : orderBy.entrySet().stream().filter(key -> !fixed.contains(key.getKey())).toList();
        if (sort.isEmpty()) {
            return Boolean.TRUE;
        }
        if (severalPoints) {
            return null;
        }
        List<String> keys = new ArrayList<>(index.fields().subList(next, index.fields().size()));
        List<Boolean> ascending = new ArrayList<>();
        for (int i = next; i < index.fields().size(); i++) {
            ascending.add(index.ascending(i));
        }
        keys.add(SecondaryIndex.ID);
        ascending.add(true);
        Boolean forward = null;
        for (int i = 0; i < sort.size(); i++) {
            if (i >= keys.size() || !sort.get(i).getKey().equals(keys.get(i)) || !(sort.get(i).getValue() instanceof Number order)) {
                return null;
            }
            boolean sameDirection = (order.intValue() > 0) == ascending.get(i);
            if (forward == null) {
                forward = sameDirection;
            } else if (forward != sameDirection) {
                return null;
            }
        }
        return forward;
    }

    /** Equality prefix first, then a used next key, then a served sort. */
    private Rank rank() {
        return new Rank(equalityPrefix, nextKeyUsed, ordered);
    }

    private record Rank(int equalityPrefix, boolean nextKeyUsed, boolean ordered) implements Comparable<Rank> {
        @Override
        public int compareTo(Rank other) {
            return Comparator.comparingInt(Rank::equalityPrefix)
                    .thenComparing(Rank::nextKeyUsed)
                    .thenComparing(Rank::ordered)
                    .compare(this, other);
        }
    }

    boolean ordered() {
        return ordered;
    }

    boolean exact() {
        return exact;
    }

    /** The candidates' positions (_ids) in plan order, the first {@code skip} left out. */
    Stream<Object> positions(long skip) {
        List<Object[][]> inOrder = new ArrayList<>(ranges);
        if (reverse) {
            Collections.reverse(inOrder);
        }
        Stream<Object> positions = Stream.empty();
        long toSkip = skip;
        for (Object[][] range : inOrder) {
            long size = exact ? size(range) : -1;
            if (size >= 0 && toSkip >= size) {
                toSkip -= size;
                continue;
            }
            positions = Stream.concat(positions, positions(range, toSkip));
            toSkip = 0;
        }
        return positions;
    }

    private Stream<Object> positions(Object[][] range, long skip) {
        MVMap<Object[], Boolean> entries = index.entries();
        if (entries.getKeyType().compare(range[0], range[1]) > 0) {
            return Stream.empty();
        }
        Cursor<Object[], Boolean> cursor = reverse ? entries.cursor(range[1], range[0], true) : entries.cursor(range[0], range[1], false);
        if (skip > 0) {
            cursor.skip(skip);
        }
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
                .map(SecondaryIndex::positionOf);
    }

    /** The number of entries in the ranges: the number of matching documents when {@link #exact()}. */
    long count() {
        return ranges.stream().mapToLong(this::size).sum();
    }

    private long size(Object[][] range) {
        MVMap<Object[], Boolean> entries = index.entries();
        return Math.max(0, insertionPoint(entries, range[1]) - insertionPoint(entries, range[0]));
    }

    /** Bounds end in a marker, so they are never in the map: getKeyIndex answers -(insertion point) - 1. */
    private static long insertionPoint(MVMap<Object[], Boolean> entries, Object[] bound) {
        return -entries.getKeyIndex(bound) - 1;
    }
}
