package org.ward.validation;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The non-empty segments of a parsed message in message order, wherever they sit in HAPI's group
 * structure, each with its ERR-2 segment sequence (ERL-2: the n-th occurrence of that segment ID in
 * the message, counting from 1). Built once per validation; not shared between threads.
 */
final class MessageSegments implements MessageView {

    /** One segment with its place in the message. */
    record Entry(Segment segment, String name, int order, int sequence, EncodingCharacters encoding)
            implements SegmentView {

        @Override
        public int repetitions(int field) {
            return Fields.repetitions(segment, field);
        }

        @Override
        public String component(int field, int rep, int component) {
            return Fields.component(segment, field, rep, component);
        }

        @Override
        public String encoded(int field, int rep) {
            return Fields.encoded(segment, field, rep, encoding);
        }

        @Override
        public boolean valued(int field, int rep) {
            return !Fields.encoded(segment, field, rep, DEFAULT_ENCODING).replace("^", "").replace("&", "").isEmpty();
        }
    }

    private static final EncodingCharacters DEFAULT_ENCODING = new EncodingCharacters('|', "^~\\&");

    private final Message message;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<Segment, Entry> bySegment = new IdentityHashMap<>();
    private EncodingCharacters encoding;

    private MessageSegments(Message message) {
        this.message = message;
    }

    static MessageSegments of(Message message) {
        Objects.requireNonNull(message, "message");
        MessageSegments segments = new MessageSegments(message);
        segments.encoding = segments.encodingCharacters();
        segments.collect(message, new HashMap<>());
        return segments;
    }

    private void collect(Group group, Map<String, Integer> counts) {
        for (String name : group.getNames()) {
            for (Structure structure : all(group, name)) {
                if (structure instanceof Group child) {
                    collect(child, counts);
                } else if (structure instanceof Segment segment && !isEmpty(segment)) {
                    String id = segment.getName();
                    int sequence = counts.merge(id, 1, Integer::sum);
                    Entry entry = new Entry(segment, id, entries.size(), sequence, encoding);
                    entries.add(entry);
                    bySegment.put(segment, entry);
                }
            }
        }
    }

    private static Structure[] all(Group group, String name) {
        try {
            return group.getAll(name);
        } catch (HL7Exception e) {
            // getNames() only lists children the group has, so this is a HAPI model inconsistency.
            throw new IllegalStateException("HAPI group lists a child it cannot return: " + name, e);
        }
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            throw new IllegalStateException("HAPI cannot tell whether a " + segment.getName() + " segment is empty", e);
        }
    }

    Message message() {
        return message;
    }

    EncodingCharacters encodingCharacters() {
        try {
            return EncodingCharacters.getInstance(message);
        } catch (HL7Exception e) {
            // A parsed message always has MSH-1/MSH-2; fall back to the HL7 defaults (v2.6 §2.5.4).
            return EncodingCharacters.defaultInstance();
        }
    }

    @Override
    public List<Entry> all() {
        return List.copyOf(entries);
    }

    @Override
    public char componentSeparator() {
        return encoding.getComponentSeparator();
    }

    /** Every occurrence of segment {@code id}, in message order. */
    @Override
    public List<Entry> named(String id) {
        return entries.stream().filter(e -> e.name().equals(id)).toList();
    }

    /** The entry of a segment of this message, or null when it is empty or not part of it. */
    Entry entryOf(Segment segment) {
        return bySegment.get(segment);
    }

    @Override
    public int orderOf(String id, int sequence) {
        return entries.stream()
                .filter(e -> e.name().equals(id) && e.sequence() == sequence)
                .mapToInt(Entry::order)
                .findFirst()
                .orElse(-1);
    }
}
