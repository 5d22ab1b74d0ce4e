package org.ward.profile;

import ca.uhn.hl7v2.model.Message;
import java.util.List;
import org.ward.hl7.Hl7Problem;

/** Checks a parsed message against its PCD transaction's profile; one problem per violation. */
@FunctionalInterface
public interface ProfileValidation {

    List<Hl7Problem> validate(PcdTransaction transaction, Message message);
}
