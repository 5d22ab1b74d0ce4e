package org.ward.validation;

import ca.uhn.hl7v2.HL7Exception;

/**
 * One departure from a conformance profile, as {@link LocatingProfileValidator} records it instead
 * of HAPI's own exceptions (whose messages quote field values). It carries only what the profile
 * says and where in the message it is; the exception message is the kind's name, never content.
 */
final class ProfileFinding extends HL7Exception {

    /** What the profile asked for (HL7 v2.5 §2.12 conformance: usage, cardinality, length, tables). */
    enum Kind {
        /** Usage R with no content, or fewer repetitions than the minimum of an R element. */
        REQUIRED_MISSING,
        /** More repetitions than the profile's maximum. */
        TOO_MANY_REPETITIONS,
        /** Usage X (not supported) but present. */
        NOT_SUPPORTED,
        /** Longer than the profile's length. */
        TOO_LONG,
        /** Differs from the profile's constant value. */
        CONSTANT_MISMATCH,
        /** An ID/IS/CE value not in the HL7 table the profile binds (only tables Ward knows). */
        TABLE_VALUE_NOT_FOUND,
        /** MSH-9.1 differs from the profile's message type. */
        WRONG_MESSAGE_TYPE,
        /** MSH-9.2 differs from the profile's trigger event. */
        WRONG_EVENT_TYPE,
        /** MSH-9.3 differs from the profile's message structure. */
        WRONG_MESSAGE_STRUCTURE
    }

    private final Kind kind;
    private final String structure;
    private final String table;
    private int sequence;
    private int repetition;
    private int component;

    ProfileFinding(Kind kind, String structure) {
        this(kind, structure, "");
    }

    ProfileFinding(Kind kind, String structure, String table) {
        super(kind.name());
        this.kind = kind;
        this.structure = structure;
        this.table = table;
    }

    /**
     * A finding is a value collected in a list, never thrown: a stack trace would only show the
     * validator's recursion, and filling one in cost more than the check that found it.
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    Kind kind() {
        return kind;
    }

    /** The segment or group name from the profile, for findings about a whole structure. */
    String structure() {
        return structure;
    }

    /** The HL7 table number (e.g. {@code 0155}) for {@link Kind#TABLE_VALUE_NOT_FOUND}, else "". */
    String table() {
        return table;
    }

    int sequence() {
        return sequence;
    }

    int repetition() {
        return repetition;
    }

    int component() {
        return component;
    }

    /** Records the segment sequence unless an inner, more precise, step already did. */
    void locateSequence(int value) {
        if (sequence == 0) {
            sequence = value;
        }
    }

    void locateRepetition(int value) {
        if (repetition == 0) {
            repetition = value;
        }
    }

    void locateComponent(int value) {
        if (component == 0) {
            component = value;
        }
    }
}
