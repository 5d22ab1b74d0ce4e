package org.ward.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ward.hl7.Er7;
import org.ward.hl7.Er7Segment;
import org.ward.hl7.GroupInstance;
import org.ward.hl7.SegmentInstance;

/**
 * The non-empty segments of a placed message in structure order, each with its ERR-2 segment
 * sequence (the n-th occurrence of that segment ID, counting from 1): the ER7 counterpart of
 * {@link MessageSegments}. Built once per validation; not shared between threads.
 */
final class PlacedSegments implements MessageView {

    /** One segment with its place in the message. */
    record Entry(Er7Segment segment, String name, int order, int sequence) implements SegmentView {

        @Override
        public int repetitions(int field) {
            return segment.repetitions(field).size();
        }

        @Override
        public String component(int field, int rep, int component) {
            return segment.component(field, rep, component);
        }

        @Override
        public boolean valued(int field, int rep) {
            return !Er7.isEmpty(segment.repetition(field, rep), segment.delimiters());
        }

        @Override
        public String encoded(int field, int rep) {
            return Er7.canonical(segment.repetition(field, rep), segment.delimiters());
        }
    }

    private final GroupInstance message;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Er7Segment, Entry> bySegment = new IdentityHashMap<>();

    private PlacedSegments(GroupInstance message) {
        this.message = message;
    }

    static PlacedSegments of(GroupInstance message) {
        PlacedSegments segments = new PlacedSegments(message);
        segments.collect(message, new HashMap<>());
        return segments;
    }

    private void collect(GroupInstance group, Map<String, Integer> counts) {
        for (int position = 0; position < group.node().children().size(); position++) {
            for (Object rep : group.repetitions(position)) {
                if (rep instanceof GroupInstance child) {
                    collect(child, counts);
                } else {
                    Er7Segment segment = ((SegmentInstance) rep).segment();
                    if (!segment.isEmpty()) {
                        // HAPI names a segment by its class, which is the segment ID for v2.6 segments.
                        String id = ((SegmentInstance) rep).node().name();
                        int sequence = counts.merge(id, 1, Integer::sum);
                        Entry entry = new Entry(segment, id, entries.size(), sequence);
                        entries.add(entry);
                        bySegment.put(segment, entry);
                    }
                }
            }
        }
    }

    GroupInstance message() {
        return message;
    }

    @Override
    public List<Entry> all() {
        return entries;
    }

    @Override
    public char componentSeparator() {
        return entries.isEmpty() ? '^' : entries.get(0).segment().delimiters().component();
    }

    /** Every occurrence of segment {@code id}, in order. */
    @Override
    public List<Entry> named(String id) {
        List<Entry> named = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.name().equals(id)) {
                named.add(entry);
            }
        }
        return named;
    }

    /** The sequence of a non-empty segment of this message, 0 otherwise. */
    int sequenceOf(Er7Segment segment) {
        Entry entry = bySegment.get(segment);
        return entry == null ? 0 : entry.sequence();
    }

    @Override
    public int orderOf(String id, int sequence) {
        for (Entry entry : entries) {
            if (entry.name().equals(id) && entry.sequence() == sequence) {
                return entry.order();
            }
        }
        return -1;
    }
}
