package org.ward.validation;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.conf.ProfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ward.hl7.ErrorLocation;
import org.ward.hl7.ErrorSeverity;
import org.ward.hl7.Hl7Problem;

/**
 * Checks a message against one Gazelle conformance profile with HAPI's profile validator and turns
 * each finding into an {@link Hl7Problem}: table 0357 code, severity and Ward-written text from the
 * finding's kind and location only.
 *
 * <p>Decisions, where the profile is stricter than the IHE PCD TF or than HL7 v2.6 receivers need:
 * <ul>
 *   <li>usage X elements that are present → WARNING: a receiver ignores unsupported elements;</li>
 *   <li>too long → WARNING, because the Gazelle lengths are HL7 v2.5 maximum lengths that the TF's
 *       own content exceeds; two such cases are dropped entirely, see {@link #isProfileDefect};</li>
 *   <li>data type differences and HAPI "not HL7 compliant" findings → dropped: they compare the
 *       profile with HAPI's model classes (TS in the profile, DTM in HAPI v2.6), which no sender
 *       can influence;</li>
 *   <li>table values → only the closed HL7 tables in {@link Hl7Tables}; unknown tables are never
 *       an error.</li>
 * </ul>
 */
final class ProfileConformanceCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileConformanceCheck.class);

    private final GazelleProfile profile;
    private final HapiContext context;
    private final CompiledProfile compiled;

    ProfileConformanceCheck(GazelleProfile profile, HapiContext context, CompiledProfile compiled) {
        this.profile = profile;
        this.context = context;
        this.compiled = compiled;
    }

    /** Whether {@link #check(PlacedSegments)} applies: the message sits in the profile's structure. */
    boolean covers(PlacedSegments segments) {
        return segments.message().node() == compiled.grammar().root();
    }

    /** The problems of a message placed into the profile's HAPI structure (see {@link #covers}). */
    List<Hl7Problem> check(PlacedSegments segments) {
        if (!covers(segments)) {
            throw new IllegalArgumentException("message is not in the " + profile.label() + " structure");
        }
        return problemsOf(compiled.check(segments));
    }

    /** The problems of a message parsed by HAPI, found by HAPI's profile validator. */
    List<Hl7Problem> check(MessageSegments segments) {
        HL7Exception[] raw;
        try {
            raw = new LocatingProfileValidator(context, segments).validate(segments.message(), profile.definition());
        } catch (ProfileException | HL7Exception e) {
            // Exception text is not logged: HAPI may quote message content in it.
            LOG.warn("{} could not be applied to a message ({})", profile.label(), e.getClass().getSimpleName());
            return List.of(new Hl7Problem(ErrorCode.APPLICATION_INTERNAL_ERROR, ErrorSeverity.ERROR, Optional.empty(),
                    "Message could not be checked against the " + profile.label()));
        }
        List<ProfileViolation> violations = new ArrayList<>();
        int modelMismatches = 0;
        for (HL7Exception e : raw) {
            if (e instanceof ProfileFinding finding) {
                violations.add(violationOf(finding));
            } else {
                // ProfileNotHL7CompliantException and friends: profile vs. HAPI model, not the sender.
                modelMismatches++;
            }
        }
        if (modelMismatches > 0) {
            LOG.trace("{}: {} profile/HAPI model differences not reported", profile.label(), modelMismatches);
        }
        return problemsOf(violations);
    }

    static ProfileViolation violationOf(ProfileFinding finding) {
        Location hapi = finding.getLocation();
        String segment = hapi == null ? null : hapi.getSegmentName();
        int field = hapi == null ? 0 : hapi.getField();
        return new ProfileViolation(finding.kind(), finding.structure(), finding.table(), segment, field,
                finding.sequence(), finding.repetition(), finding.component());
    }

    private List<Hl7Problem> problemsOf(List<ProfileViolation> violations) {
        List<Hl7Problem> problems = new ArrayList<>(violations.size());
        for (ProfileViolation violation : violations) {
            ErrorLocation location = locationOf(violation);
            if (!isProfileDefect(violation, location)) {
                problems.add(problemOf(violation, location));
            }
        }
        return problems;
    }

    /**
     * Length limits of the Gazelle profile that the IHE PCD TF itself requires senders to exceed:
     * MSH-21.1 must carry the TF's profile name "IHE PCD ORU-R01 2006" (20 characters, limit 16), and
     * OBX-2 must carry HL7 v2.6 value types such as CWE or DTM (3 characters, limit 2).
     */
    private static boolean isProfileDefect(ProfileViolation finding, ErrorLocation location) {
        if (finding.kind() != ProfileFinding.Kind.TOO_LONG || location == null) {
            return false;
        }
        boolean msh21EntityId = location.segment().equals("MSH") && location.field() == 21 && location.component() == 1;
        boolean obx2 = location.segment().equals("OBX") && location.field() == 2;
        return msh21EntityId || obx2;
    }

    private static ErrorLocation locationOf(ProfileViolation finding) {
        switch (finding.kind()) {
            case WRONG_MESSAGE_TYPE:
                return new ErrorLocation("MSH", 1, 9, 1, 1);
            case WRONG_EVENT_TYPE:
                return new ErrorLocation("MSH", 1, 9, 1, 2);
            case WRONG_MESSAGE_STRUCTURE:
                return new ErrorLocation("MSH", 1, 9, 1, 3);
            default:
                break;
        }
        String segment = finding.segment();
        if (ErrorLocation.isSegmentId(segment) && finding.field() > 0) {
            int sequence = segment.equals("MSH") ? Math.max(finding.sequence(), 1) : finding.sequence();
            return new ErrorLocation(segment, sequence, finding.field(), Math.max(finding.repetition(), 1),
                    finding.component());
        }
        if (ErrorLocation.isSegmentId(finding.structure())) {
            return ErrorLocation.segment(finding.structure(), finding.sequence());
        }
        return null;
    }

    private Hl7Problem problemOf(ProfileViolation finding, ErrorLocation location) {
        boolean fieldLevel = location != null && location.field() > 0;
        String where = describe(finding, location);
        ErrorCode code;
        ErrorSeverity severity = ErrorSeverity.ERROR;
        String what;
        switch (finding.kind()) {
            case REQUIRED_MISSING -> {
                code = fieldLevel ? ErrorCode.REQUIRED_FIELD_MISSING : ErrorCode.SEGMENT_SEQUENCE_ERROR;
                what = fieldLevel ? (location.component() > 0 ? "required component missing" : "required field missing")
                        : "required but missing";
            }
            case TOO_MANY_REPETITIONS -> {
                code = fieldLevel ? ErrorCode.DATA_TYPE_ERROR : ErrorCode.SEGMENT_SEQUENCE_ERROR;
                what = "repeats more often than allowed";
            }
            case NOT_SUPPORTED -> {
                code = fieldLevel ? ErrorCode.DATA_TYPE_ERROR : ErrorCode.SEGMENT_SEQUENCE_ERROR;
                severity = ErrorSeverity.WARNING;
                what = "is not supported (usage X) and was ignored";
            }
            case TOO_LONG -> {
                code = ErrorCode.DATA_TYPE_ERROR;
                severity = ErrorSeverity.WARNING;
                what = "is longer than allowed";
            }
            case CONSTANT_MISMATCH -> {
                code = ErrorCode.DATA_TYPE_ERROR;
                what = "differs from the fixed value";
            }
            case TABLE_VALUE_NOT_FOUND -> {
                code = ErrorCode.TABLE_VALUE_NOT_FOUND;
                what = "value not found in HL7 table " + finding.table();
            }
            case WRONG_MESSAGE_TYPE -> {
                code = ErrorCode.UNSUPPORTED_MESSAGE_TYPE;
                what = "message type does not match";
            }
            case WRONG_EVENT_TYPE -> {
                code = ErrorCode.UNSUPPORTED_EVENT_CODE;
                what = "trigger event does not match";
            }
            case WRONG_MESSAGE_STRUCTURE -> {
                code = ErrorCode.UNSUPPORTED_MESSAGE_TYPE;
                what = "message structure does not match";
            }
            default -> throw new IllegalStateException("unhandled profile finding " + finding.kind());
        }
        return new Hl7Problem(code, severity, Optional.ofNullable(location),
                where + " " + what + " (" + profile.label() + ")");
    }

    /** "OBX-18", "MSH-9.3", "OBX-18 repetition 2", "PID segment" or "ORDER_OBSERVATION group". */
    private static String describe(ProfileViolation finding, ErrorLocation location) {
        if (location == null) {
            return finding.structure().isEmpty() ? "Message" : finding.structure() + " group";
        }
        if (location.field() == 0) {
            return location.segment() + " segment";
        }
        StringBuilder where = new StringBuilder(location.segment()).append('-').append(location.field());
        if (location.component() > 0) {
            where.append('.').append(location.component());
        }
        if (location.repetition() > 1) {
            where.append(" repetition ").append(location.repetition());
        }
        return where.toString();
    }
}
