package org.ward.profile;

import java.util.List;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.ReadOutcome;

/** Checks a read message against its PCD transaction's profile; one problem per violation. */
@FunctionalInterface
public interface ProfileValidation {

    List<Hl7Problem> validate(PcdTransaction transaction, ReadOutcome.Parsed message);
}
