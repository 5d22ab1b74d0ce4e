package org.ward.profile;

import ca.uhn.hl7v2.ErrorCode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ward.ack.AckPlan;
import org.ward.ack.ProcessingOutcome;
import org.ward.ack.Verdict;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.ErrorSeverity;
import org.ward.hl7.Hl7Problem;
import org.ward.hl7.Hl7Reader;
import org.ward.hl7.ReadOutcome;

/**
 * Reads, recognises and validates one inbound payload, in that order, and decides the outcome:
 * unreadable or unrecognised → rejected; profile errors → error; otherwise accepted (warnings
 * travel along). Thread-safe.
 */
public final class MessageAssessor {

    private final Hl7Reader reader;
    private final TransactionRegistry registry;
    private final ProfileValidation validation;

    public MessageAssessor(Hl7Reader reader, TransactionRegistry registry, ProfileValidation validation) {
        this.reader = reader;
        this.registry = registry;
        this.validation = validation;
    }

    public Assessment assess(byte[] payload, Charset defaultCharset, Set<PcdTransaction> accepted) {
        ReadOutcome read = reader.read(payload, defaultCharset);
        if (read instanceof ReadOutcome.Unreadable unreadable) {
            return new Assessment(read.charset(), unreadable.header(), Optional.empty(), Optional.empty(),
                    Verdict.rejected(unreadable.problem()));
        }
        ReadOutcome.Parsed parsed = (ReadOutcome.Parsed) read;
        Recognition recognition = registry.recognise(parsed.header(), accepted);
        if (recognition instanceof Recognition.Unrecognised unrecognised) {
            return new Assessment(read.charset(), Optional.of(parsed.header()), Optional.empty(),
                    Optional.of(parsed.text()), Verdict.rejected(unrecognised.problem()));
        }
        Recognition.Recognised recognised = (Recognition.Recognised) recognition;
        List<Hl7Problem> problems = new ArrayList<>();
        int badCondition = AckPlan.invalidConditionField(parsed.header());
        if (badCondition != 0) {
            problems.add(Hl7Problem.error(ErrorCode.TABLE_VALUE_NOT_FOUND, ErrorLocation.field("MSH", 1, badCondition),
                    "MSH-" + badCondition + " is not an acknowledgment condition of HL7 table 0155 (AL, NE, ER, SU)"));
        }
        problems.addAll(validation.validate(recognised.transaction(), parsed));
        boolean errors = problems.stream().anyMatch(p -> p.severity() == ErrorSeverity.ERROR
                || p.severity() == ErrorSeverity.FATAL);
        Verdict verdict = new Verdict(errors ? ProcessingOutcome.ERROR : ProcessingOutcome.ACCEPTED, problems,
                Optional.of(recognised.profile()));
        return new Assessment(read.charset(), Optional.of(parsed.header()), Optional.of(recognised.transaction()),
                Optional.of(parsed.text()), verdict);
    }
}
