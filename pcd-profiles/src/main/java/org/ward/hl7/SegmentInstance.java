package org.ward.hl7;

/** A segment of the message at the structure position it was placed at. */
public record SegmentInstance(StructureNode node, Er7Segment segment) {
}
