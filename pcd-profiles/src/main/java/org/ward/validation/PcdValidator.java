package org.ward.validation;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.ward.hl7.Er7Message;
import org.ward.hl7.Er7Structures;
import org.ward.hl7.GroupInstance;
import org.ward.hl7.ReadOutcome;
import org.ward.hl7.Hl7Problem;
import org.ward.profile.PcdModelClassFactory;
import org.ward.profile.PcdTransaction;

/**
 * Validates parsed IHE PCD messages: PCD-01 against the IHE Gazelle conformance profile
 * (ORU^R01, Device Observation Reporter), and every transaction against the PCD Technical Framework
 * rules the profiles cannot express (MDC coding, containment, EUI-64 equipment IDs, value types,
 * time zones, acknowledgement types). Problems come back one per violation, in message order, with
 * texts that never contain message content.
 *
 * <p>Thread-safe: profiles are parsed once here, and each call works on its own state.
 */
public final class PcdValidator {

    static final String PCD_01_PROFILE = "1.3.6.1.4.12559.11.1.1.129.xml";
    private static final String PCD_01_ACK_PROFILE = "1.3.6.1.4.12559.11.1.1.113.xml";

    private final Er7Structures structures;
    private final ProfileConformanceCheck pcd01;
    private final ProfileConformanceCheck pcd01Ack;
    private final List<PcdRule> deviceDataRules = rules(true);
    private final List<PcdRule> observationRules = with(rules(true),
            new RequiredFieldsRule(RequiredFieldsRule.OBSERVATIONS, "HL7 v2.6 §7.4, IHE PCD TF-2 B.7/B.8"));
    /** PCD-03: OBX-4 is RE (TF-2 §3.3.4.4.9); RXG and ORC required fields. */
    private final List<PcdRule> infusionOrderRules = with(rules(false),
            new RequiredFieldsRule(RequiredFieldsRule.INFUSION_ORDER, "IHE PCD TF-2 §3.3.4.4, HL7 v2.6 §4A.4.6"));

    public PcdValidator() {
        this(new Er7Structures(new PcdModelClassFactory()));
    }

    /**
     * A validator placing messages with {@code structures}; pass {@link org.ward.hl7.Hl7Reader#structures()}
     * so that messages the reader placed are not placed again.
     */
    public PcdValidator(Er7Structures structures) {
        this.structures = structures;
        // Only handed to HAPI's profile validator, which needs a context; nothing is parsed with it.
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        pcd01 = profileCheck(GazelleProfile.load(PCD_01_PROFILE, "IHE PCD-01 profile"), context);
        pcd01Ack = profileCheck(GazelleProfile.load(PCD_01_ACK_PROFILE, "IHE PCD-01 ACK profile"), context);
    }

    private ProfileConformanceCheck profileCheck(GazelleProfile profile, HapiContext context) {
        String structure = profile.definition().getMsgStructID();
        Class<? extends Message> messageClass = structures.messageClassNamed(structure);
        return new ProfileConformanceCheck(profile, context,
                ProfileCompiler.compile(profile, structures.grammar(messageClass), messageClass, structures.factory()));
    }

    /** How this validator places ER7 messages into HAPI's structures (for tests). */
    Er7Structures structures() {
        return structures;
    }

    /** The PCD-01 profile check (for tests). */
    ProfileConformanceCheck pcd01() {
        return pcd01;
    }

    /**
     * Problems of {@code message} received as {@code transaction}; empty when it conforms. Works on
     * the ER7 text; a message whose reading only HAPI can settle (see {@link Er7Structures}) is
     * parsed with {@code hapi} and checked on HAPI's model, with the same result.
     *
     * @param hapi parses the message with HAPI; asked only for such messages
     */
    public List<Hl7Problem> validate(PcdTransaction transaction, Er7Message message, Supplier<Message> hapi) {
        Objects.requireNonNull(transaction, "transaction");
        Optional<GroupInstance> placed = structures.place(message);
        if (placed.isEmpty()) {
            return validate(transaction, hapi.get());
        }
        return validate(transaction, PlacedSegments.of(placed.get()), hapi);
    }

    private List<Hl7Problem> validate(PcdTransaction transaction, PlacedSegments segments, Supplier<Message> hapi) {
        if (transaction == PcdTransaction.PCD_01 && !pcd01.covers(segments)) {
            return validate(transaction, hapi.get());
        }
        List<Hl7Problem> found = checkRules(transaction, segments);
        if (transaction == PcdTransaction.PCD_01) {
            found.addAll(pcd01.check(segments));
        }
        return ProblemOrder.inMessageOrder(withoutDuplicates(found), segments);
    }

    /** Problems of a message read by {@link org.ward.hl7.Hl7Reader}, on its ER7 text when possible. */
    public List<Hl7Problem> validate(PcdTransaction transaction, ReadOutcome.Parsed message) {
        if (message.er7().isEmpty()) {
            return validate(transaction, message.message());
        }
        Optional<GroupInstance> placed = message.placed().filter(structures::placedHere);
        if (placed.isEmpty()) {
            return validate(transaction, message.er7().get(), message::message);
        }
        return validate(transaction, PlacedSegments.of(placed.get()), message::message);
    }

    /** Problems of a message parsed by HAPI, checked on HAPI's model. */
    public List<Hl7Problem> validate(PcdTransaction transaction, Message message) {
        Objects.requireNonNull(transaction, "transaction");
        MessageSegments segments = MessageSegments.of(message);
        List<Hl7Problem> found = checkRules(transaction, segments);
        if (transaction == PcdTransaction.PCD_01) {
            found.addAll(pcd01.check(segments));
        }
        return ProblemOrder.inMessageOrder(withoutDuplicates(found), segments);
    }

    /**
     * TF rules first: when the profile reports the same code at the same place (e.g. MSH-15
     * missing), the TF rule's text, which cites the TF, is the one kept.
     */
    private List<Hl7Problem> checkRules(PcdTransaction transaction, MessageView segments) {
        List<Hl7Problem> found = new ArrayList<>();
        for (PcdRule rule : rulesFor(transaction)) {
            rule.check(segments, found);
        }
        return found;
    }

    /**
     * Problems of an acknowledgement answering PCD-01 (ACK^R01^ACK), against the Gazelle PCD-01 ACK
     * profile; meant for checking Ward's own ACKs before they are sent.
     */
    public List<Hl7Problem> validateAck(Message ack) {
        MessageSegments segments = MessageSegments.of(ack);
        return ProblemOrder.inMessageOrder(withoutDuplicates(pcd01Ack.check(segments)), segments);
    }

    /** PCD-01 has its Gazelle profile for required fields; the others get the TF/HL7 tables. */
    private List<PcdRule> rulesFor(PcdTransaction transaction) {
        return switch (transaction) {
            case PCD_01 -> deviceDataRules;
            case PCD_03 -> infusionOrderRules;
            case PCD_04, PCD_05, PCD_10 -> observationRules;
        };
    }

    private static List<PcdRule> with(List<PcdRule> rules, PcdRule extra) {
        List<PcdRule> all = new ArrayList<>(rules);
        all.add(extra);
        return List.copyOf(all);
    }

    private static List<PcdRule> rules(boolean containmentRequired) {
        return List.of(
                new AcknowledgementTypesRule(),
                new TimeZoneOffsetRule(),
                new ValueTypeRule(),
                new MdcObservationIdentifierRule(),
                new ContainmentSubIdRule(containmentRequired),
                new EquipmentIdentifierRule());
    }

    private static List<Hl7Problem> withoutDuplicates(List<Hl7Problem> problems) {
        Set<List<Object>> seen = new HashSet<>();
        List<Hl7Problem> kept = new ArrayList<>();
        for (Hl7Problem problem : problems) {
            if (problem.location().isEmpty() || seen.add(List.of(problem.code(), problem.location().get()))) {
                kept.add(problem);
            }
        }
        return kept;
    }
}
