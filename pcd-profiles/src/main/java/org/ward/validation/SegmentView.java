package org.ward.validation;

/** One segment of a {@link MessageView}: its ID, ERR-2 sequence and field values ("" = not valued). */
interface SegmentView {

    /** The segment ID, e.g. {@code OBX}. */
    String name();

    /** The n-th occurrence of this ID in the message, from 1 (ERL-2). */
    int sequence();

    /** How many repetitions field {@code field} holds. */
    int repetitions(int field);

    /** Component {@code component} of repetition {@code rep} (both 1-based), its first subcomponent, or "". */
    String component(int field, int rep, int component);

    /** Whether repetition {@code rep} (1-based) of field {@code field} holds any value. */
    boolean valued(int field, int rep);

    /** Repetition {@code rep} (1-based) encoded with the message's delimiters (HAPI's form), or "". */
    String encoded(int field, int rep);
}
