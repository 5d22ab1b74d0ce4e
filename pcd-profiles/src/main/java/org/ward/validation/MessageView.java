package org.ward.validation;

import java.util.List;

/**
 * The non-empty segments of one message in structure order, as the PCD TF rules read them:
 * either from HAPI's parsed model ({@link MessageSegments}) or from the ER7 text placed into the
 * same structure ({@link PlacedSegments}). Both answer every question identically for the
 * messages the ER7 path accepts.
 */
interface MessageView {

    /** Every segment, in order. */
    List<? extends SegmentView> all();

    /** Every occurrence of segment {@code id}, in order. */
    List<? extends SegmentView> named(String id);

    /** The message's component separator (MSH-2.1). */
    char componentSeparator();

    /** The position of the {@code sequence}-th {@code id} segment, or -1 when there is none. */
    int orderOf(String id, int sequence);
}
