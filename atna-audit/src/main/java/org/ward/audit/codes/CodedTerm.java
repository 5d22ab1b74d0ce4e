package org.ward.audit.codes;

import org.ward.audit.model.CodedValue;

/** A term of a closed, coded vocabulary: its coded value on the wire and the spec that defines it. */
public interface CodedTerm {

    /** The coded value as written in {@code csd-code}, {@code codeSystemName} and {@code originalText}. */
    CodedValue value();

    /** Where the term is defined, e.g. {@code "DICOM PS3.16 CID 400"}. */
    String source();
}
